// Payday pattern learned from a debtor's past payments at one creditor. Pure and deterministic: no
// I/O, no clock; the same history always gives the same answer.
//
// The rule, and why:
// - A debtor who has money pays soon after payday. So a candidate payday pattern "explains" a payment
//   when the payment lies 0–3 days after the pattern's payday on or before it (TOLERANCE_DAYS, the
//   same three days the send-time policy assumes the money stays: calendar.ts DAYS_MONEY_STAYS).
// - Paydays are computed with the calendar policy's own paydayOnOrBefore, so a monthly payday that
//   falls in a weekend or on a bank holiday is moved to the business day before, exactly as the
//   workflow will interpret the learned pattern. A payment on the Monday after a Saturday 25th is then
//   3 days after Friday the 24th and still explained.
// - Candidates: every day of the month 1–28 (29–31 roll to the last day anyway, which the last
//   business day covers), the last business day of the month, and four-weekly cycles (one per
//   residue of the day number modulo 28). Weekly is not learned: with a 3-day tolerance a weekly
//   pattern explains 4 of 7 random days, too many to tell it from noise; weekdays are reported apart.
// - Score = share of payment days explained. Ties go to the candidate whose payments lie closest
//   after its payday (a history on the 25th is explained by the 22nd–25th alike; the 25th is meant),
//   then to the simpler rule (day of month, last business day, four-weekly) and the lower number.
// - Confidence = score × n/(n+2): a perfect fit on 3 payments is 0.6, on 10 it is 0.83. Below
//   MIN_PAYMENTS payment days or a confidence under MIN_CONFIDENCE, there is no pattern (null).
// - Only the most recent MAX_PAYMENT_DAYS payment days count: people change jobs and employers.
// - Several payments on one day are one payday event (a split payment): days are counted, not
//   payments. Amounts are accepted but not used (a small payment shows the timing as well as a big one).
// - Preferred weekdays: the weekdays on which at least twice the uniform share (2/7) of the payment
//   days fell, from MIN_PAYMENTS days on; ascending.

import type { IsoDate, PaydayPattern } from '../domain.js';
import { paydayOnOrBefore } from './calendar.js';
import { dayNumber, daysBetween, fromDayNumber, weekdayOf } from './dates.js';

export interface PastPayment {
  paidOn: IsoDate;
  amountCents?: number | null;
}

export interface LearnedTiming {
  pattern: PaydayPattern | null;
  /** 0..1: the share of payment days the pattern explains, shrunk for few payments. */
  confidence: number;
  /** 1 = Monday … 7 = Sunday, ascending. */
  preferredWeekdays: number[];
  /** Distinct payment days the answer is based on. */
  basedOn: number;
}

export const TOLERANCE_DAYS = 3;
export const MIN_PAYMENTS = 3;
export const MIN_CONFIDENCE = 0.5;
export const MAX_PAYMENT_DAYS = 24;
/** A weekday is preferred when it holds at least this multiple of the uniform share (1/7). */
const WEEKDAY_PREFERENCE_FACTOR = 2;

interface Scored {
  pattern: PaydayPattern;
  explained: number;
  totalLag: number;
  rank: number;
}

function candidates(days: IsoDate[]): { pattern: PaydayPattern; rank: number }[] {
  const list: { pattern: PaydayPattern; rank: number }[] = [];
  for (let d = 1; d <= 28; d++) list.push({ pattern: { dayOfMonth: d }, rank: d });
  list.push({ pattern: { rule: 'last-business-day' }, rank: 100 });
  // Four-weekly: one cycle per residue; its anchor is the first cycle day on or before the oldest
  // payment, so the anchor is a day the debtor was actually paid around.
  const first = dayNumber(days[0]!);
  for (let r = 0; r < 28; r++) {
    const anchorDay = first - ((((first - r) % 28) + 28) % 28);
    list.push({ pattern: { rule: 'four-weekly', anchor: fromDayNumber(anchorDay) }, rank: 200 + r });
  }
  return list;
}

function score(pattern: PaydayPattern, rank: number, days: IsoDate[]): Scored {
  let explained = 0;
  let totalLag = 0;
  for (const day of days) {
    const lag = daysBetween(paydayOnOrBefore(pattern, day), day);
    if (lag >= 0 && lag <= TOLERANCE_DAYS) {
      explained++;
      totalLag += lag;
    }
  }
  return { pattern, explained, totalLag, rank };
}

function better(a: Scored, b: Scored): boolean {
  if (a.explained !== b.explained) return a.explained > b.explained;
  if (a.totalLag !== b.totalLag) return a.totalLag < b.totalLag;
  return a.rank < b.rank;
}

function preferredWeekdays(days: IsoDate[]): number[] {
  if (days.length < MIN_PAYMENTS) return [];
  const counts = new Array<number>(8).fill(0);
  for (const day of days) counts[weekdayOf(day)]!++;
  const threshold = (WEEKDAY_PREFERENCE_FACTOR * days.length) / 7;
  const preferred: number[] = [];
  for (let w = 1; w <= 7; w++) if (counts[w]! >= threshold && counts[w]! >= 2) preferred.push(w);
  return preferred;
}

/** The payday pattern and weekdays a debtor's payment history shows; see the rule above. */
export function learnPayday(payments: readonly PastPayment[]): LearnedTiming {
  const distinct = [...new Set(payments.map((p) => p.paidOn))].sort();
  const days = distinct.slice(-MAX_PAYMENT_DAYS);
  const n = days.length;
  const weekdays = preferredWeekdays(days);
  if (n < MIN_PAYMENTS) return { pattern: null, confidence: 0, preferredWeekdays: weekdays, basedOn: n };
  let best: Scored | undefined;
  for (const { pattern, rank } of candidates(days)) {
    const s = score(pattern, rank, days);
    if (!best || better(s, best)) best = s;
  }
  const share = best!.explained / n;
  const confidence = Math.round(share * (n / (n + 2)) * 100) / 100;
  return {
    pattern: confidence >= MIN_CONFIDENCE ? best!.pattern : null,
    confidence,
    preferredWeekdays: weekdays,
    basedOn: n,
  };
}
