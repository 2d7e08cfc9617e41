// Dutch calendar and send-time policy. Pure and deterministic: runs inside Temporal's workflow sandbox,
// so no Node built-ins, no Intl, no Date.now(). Europe/Amsterdam's DST rule is implemented here.

import type { IsoDate, PaydayPattern, Segment } from '../domain.js';
import { addDays, dayNumber, daysBetween, isoDateFromParts, isoDateOf, weekdayOf } from './dates.js';
import { atwHolidayOn } from './legal/holidays.js';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

export { addDays, daysBetween, isoDateOf, weekdayOf };

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function yearMonthOf(date: IsoDate): { year: number; month: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

// ---------------------------------------------------------------------------------------------------
// Two different kinds of day; do not mix them up.
//
// - Contact days (isContactDay): when a debtor may be approached. Besluit kwaliteit
//   incassodienstverlening art. 4.2 lid 2: not on a Sunday, nor on an algemeen erkende feestdag of the
//   Algemene termijnenwet, which includes Goede Vrijdag and the days a decree equates with them
//   (legal/holidays.ts).
// - Bank business days (isBankBusinessDay): when employers pay salaries and direct debits are
//   collected. Monday to Friday except the holidays of Atw art. 3 lid 1; Goede Vrijdag and bridge
//   days count as bank days here, so these dates do not move when the no-contact calendar does.

/** Monday–Friday and not a holiday of Atw art. 3 lid 1: the days banks pay out salaries. */
export function isBankBusinessDay(date: IsoDate): boolean {
  return weekdayOf(date) <= 5 && atwHolidayOn(date)?.basis !== 'atw-3-1';
}

function bankBusinessDayOnOrBefore(date: IsoDate): IsoDate {
  let day = date;
  while (!isBankBusinessDay(day)) day = addDays(day, -1);
  return day;
}

/** No conduct norm forbids Saturdays; Sundays and Atw holidays (incl. equated days) are off limits. */
export function isContactDay(date: IsoDate): boolean {
  return weekdayOf(date) !== 7 && atwHolidayOn(date) === undefined;
}

// ---------------------------------------------------------------------------------------------------
// Europe/Amsterdam local time. CEST (UTC+2) from the last Sunday of March 01:00 UTC until the last
// Sunday of October 01:00 UTC; CET (UTC+1) otherwise.

export interface AmsterdamParts {
  date: IsoDate;
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

function lastSundayUtc(year: number, month: number): number {
  const lastDay = isoDateFromParts(year, month, daysInMonth(year, month));
  return dayNumber(lastDay) - (weekdayOf(lastDay) % 7);
}

function amsterdamOffsetMinutes(epochMs: number): number {
  const year = new Date(epochMs).getUTCFullYear();
  const summerStart = lastSundayUtc(year, 3) * MS_PER_DAY + 3_600_000;
  const summerEnd = lastSundayUtc(year, 10) * MS_PER_DAY + 3_600_000;
  return epochMs >= summerStart && epochMs < summerEnd ? 120 : 60;
}

export function toAmsterdamParts(instant: Date): AmsterdamParts {
  const local = new Date(instant.getTime() + amsterdamOffsetMinutes(instant.getTime()) * MS_PER_MINUTE);
  const date = isoDateOf(local);
  return { date, hour: local.getUTCHours(), minute: local.getUTCMinutes(), weekday: weekdayOf(date) };
}

/**
 * The instant of an Amsterdam wall-clock time. In the autumn overlap the earlier (CEST) instant wins;
 * a time in the spring gap (02:00–02:59) is moved forward by an hour, as clocks do.
 */
export function fromAmsterdamLocal(date: IsoDate, hour: number, minute: number): Date {
  const wallClockAsUtc = dayNumber(date) * MS_PER_DAY + (hour * 60 + minute) * MS_PER_MINUTE;
  for (const offset of [120, 60]) {
    const candidate = wallClockAsUtc - offset * MS_PER_MINUTE;
    if (amsterdamOffsetMinutes(candidate) === offset) return new Date(candidate);
  }
  return new Date(wallClockAsUtc - 60 * MS_PER_MINUTE);
}

// ---------------------------------------------------------------------------------------------------
// Paydays.

/** Consumers are usually paid around the 25th; business debtors are not payday-aligned. */
export const DEFAULT_PAYDAY: Readonly<Record<Segment, PaydayPattern | null>> = {
  consumer: { dayOfMonth: 25 },
  business: null,
};

function assertWeekday(weekday: number): void {
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
    throw new RangeError(`weekday must be 1..7, got ${weekday}`);
  }
}

/** The payday belonging to a calendar month; may fall in the previous month after rolling back. */
function monthlyPayday(pattern: PaydayPattern, year: number, month: number): IsoDate {
  const lastDay = daysInMonth(year, month);
  if ('dayOfMonth' in pattern) {
    if (!Number.isInteger(pattern.dayOfMonth) || pattern.dayOfMonth < 1) {
      throw new RangeError(`dayOfMonth must be a positive integer, got ${pattern.dayOfMonth}`);
    }
    // Employers pay on the business day before a weekend or holiday.
    return bankBusinessDayOnOrBefore(isoDateFromParts(year, month, Math.min(pattern.dayOfMonth, lastDay)));
  }
  return bankBusinessDayOnOrBefore(isoDateFromParts(year, month, lastDay));
}

/**
 * Paydays of the two months before to two months after `from`'s month, ascending: rolling back
 * moves a payday by a few days at most, so the order of the months is kept.
 */
function monthlyPaydaysAround(pattern: PaydayPattern, from: IsoDate): IsoDate[] {
  const { year, month } = yearMonthOf(from);
  const paydays: IsoDate[] = [];
  for (let delta = -2; delta <= 2; delta++) {
    const monthIndex = month - 1 + delta;
    const y = year + Math.floor(monthIndex / 12);
    const m = (((monthIndex % 12) + 12) % 12) + 1;
    paydays.push(monthlyPayday(pattern, y, m));
  }
  return paydays;
}

/** Weekly and four-weekly paydays are taken literally: they are observed dates, not a contract rule. */
function cycleDaysSinceLastPayday(pattern: PaydayPattern, date: IsoDate): number | undefined {
  if ('dayOfMonth' in pattern) return undefined;
  if (pattern.rule === 'weekly') {
    assertWeekday(pattern.weekday);
    return (weekdayOf(date) - pattern.weekday + 7) % 7;
  }
  if (pattern.rule === 'four-weekly') {
    return ((daysBetween(pattern.anchor, date) % 28) + 28) % 28;
  }
  return undefined;
}

function cycleLength(pattern: PaydayPattern): number {
  return 'rule' in pattern && pattern.rule === 'four-weekly' ? 28 : 7;
}

/** The first payday on or after `from`. */
export function nextPayday(pattern: PaydayPattern, from: IsoDate): IsoDate {
  const sinceLast = cycleDaysSinceLastPayday(pattern, from);
  if (sinceLast !== undefined) {
    return sinceLast === 0 ? from : addDays(from, cycleLength(pattern) - sinceLast);
  }
  const found = monthlyPaydaysAround(pattern, from).find((payday) => payday >= from);
  if (!found) throw new Error(`no payday found after ${from}`);
  return found;
}

/** The last payday on or before `from`. */
export function paydayOnOrBefore(pattern: PaydayPattern, from: IsoDate): IsoDate {
  const sinceLast = cycleDaysSinceLastPayday(pattern, from);
  if (sinceLast !== undefined) return addDays(from, -sinceLast);
  const found = monthlyPaydaysAround(pattern, from)
    .filter((payday) => payday <= from)
    .pop();
  if (!found) throw new Error(`no payday found before ${from}`);
  return found;
}

// ---------------------------------------------------------------------------------------------------
// Send-time alignment.

/** FNV-1a, 32 bit, over the UTF-8 bytes of `s`. Unsigned result. */
export function fnv1a32(s: string): number {
  let hash = 0x811c9dc5;
  for (const byte of utf8Bytes(s)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

function utf8Bytes(s: string): number[] {
  const bytes: number[] = [];
  for (const char of s) {
    const cp = char.codePointAt(0)!;
    if (cp < 0x80) bytes.push(cp);
    else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return bytes;
}

export interface AlignOptions {
  payday: PaydayPattern | null;
  maxPaydayWaitDays: number;
  respectContactHours: boolean;
  spreadKey: string;
}

/** Contact is allowed 07:00–20:00; sends are spread over 09:00–17:59 to stay clear of both edges. */
export const CONTACT_START_MINUTE = 7 * 60;
export const CONTACT_END_MINUTE = 20 * 60;
const SPREAD_START_MINUTE = 9 * 60;
const SPREAD_WINDOW_MINUTES = 9 * 60;
/** A debtor paid at most this many days ago still has the money. */
const DAYS_MONEY_STAYS = 3;
/** Holidays, bridge days and a Sunday block at most three days in a row; two weeks is a generous bound. */
const MAX_DAYS_TO_SEARCH = 14;

/** The Amsterdam day to aim for: the day after a payday that is near enough, else earliest's own day. */
function paydayAlignedDay(day: IsoDate, payday: PaydayPattern | null, maxWaitDays: number): IsoDate {
  if (!payday) return day;
  const daysSincePayday = daysBetween(paydayOnOrBefore(payday, day), day);
  if (daysSincePayday >= 1 && daysSincePayday <= DAYS_MONEY_STAYS) return day;
  const upcoming = nextPayday(payday, day);
  return daysBetween(day, upcoming) <= maxWaitDays ? addDays(upcoming, 1) : day;
}

function ceilToMinute(instant: Date): Date {
  return new Date(Math.ceil(instant.getTime() / MS_PER_MINUTE) * MS_PER_MINUTE);
}

/** The spread slot on `date`, or a later time that day if `notBefore` demands it; undefined if none. */
function slotOnDay(date: IsoDate, spreadMinute: number, notBefore: Date): Date | undefined {
  const minuteOfDay = SPREAD_START_MINUTE + spreadMinute;
  const slot = fromAmsterdamLocal(date, Math.floor(minuteOfDay / 60), minuteOfDay % 60);
  if (slot >= notBefore) return slot;
  const rounded = ceilToMinute(notBefore);
  const local = toAmsterdamParts(rounded);
  const fitsToday = local.date === date && local.hour * 60 + local.minute < CONTACT_END_MINUTE;
  return fitsToday ? rounded : undefined;
}

/**
 * When to send a message that may go out from `earliest`: after payday when that is near, within
 * Dutch contact hours, and spread over the day by `spreadKey` so a batch does not go out at once.
 * The result is never before `earliest`.
 */
export function alignSendTime(earliest: Date, opts: AlignOptions): Date {
  if (!opts.respectContactHours) return earliest;
  const spreadMinute = fnv1a32(opts.spreadKey) % SPREAD_WINDOW_MINUTES;
  let day = paydayAlignedDay(toAmsterdamParts(earliest).date, opts.payday, opts.maxPaydayWaitDays);
  for (let tries = 0; tries < MAX_DAYS_TO_SEARCH; tries++, day = addDays(day, 1)) {
    if (!isContactDay(day)) continue;
    const slot = slotOnDay(day, spreadMinute, earliest);
    if (slot) return slot;
  }
  throw new Error(`no contact day within ${MAX_DAYS_TO_SEARCH} days of ${earliest.toISOString()}`);
}
