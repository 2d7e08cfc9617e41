// When did the debtor receive the 14-day letter? Collection costs may be charged only when the debtor has
// not paid within 14 days after the day *after receipt* (art. 6:96 lid 6 BW; HR 25-11-2016,
// ECLI:NL:HR:2016:2704). Pure: posting moment, postal delivery and the cost deadline that follows.
import type { DeliveryStatus, IsoDate } from '../domain.js';
import { FAILED_DELIVERY } from '../domain.js';
import { amounts, carriesCharges, isClosed } from '../dunning-logic.js';
import type { DunningInput, DunningState, MessageRecord } from '../dunning-types.js';
import { addDays, toAmsterdamParts, weekdayOf } from './calendar.js';
import type { DunningPolicy, LadderStep } from './ladder.js';
import { atwHolidayOn } from './legal/holidays.js';
import { letterDeliveryRule } from './legal/postal-delivery.js';

/** When the print house hands a day's letters to the post (Europe/Amsterdam wall clock). */
export interface PostingSchedule {
  /** Letters spooled before this minute of a posting day are posted that day, later ones the next. */
  cutoffMinute: number;
  /** ISO weekdays (1 = Monday) the print house posts on; never on public holidays. */
  weekdays: readonly number[];
}

/** Safe default: posted on working days only, and only what was ready by noon. */
export const DEFAULT_POSTING: PostingSchedule = { cutoffMinute: 12 * 60, weekdays: [1, 2, 3, 4, 5] };

const DAYS_TO_SEARCH = 21;

/**
 * No posting or delivery on an Atw holiday, equated days included: the post may well work on Goede
 * Vrijdag or a bridge day, but assuming it does not only moves receipt later, the safe side.
 */
function isPublicHoliday(date: IsoDate): boolean {
  return atwHolidayOn(date) !== undefined;
}

/**
 * A statutory term that ends on a Saturday, Sunday or holiday runs on to the next day that is none
 * (Algemene termijnenwet art. 1 lid 1; equated days count, art. 3 lid 3).
 */
export function extendedByAtw(lastDay: IsoDate): IsoDate {
  let day = lastDay;
  while (weekdayOf(day) >= 6 || isPublicHoliday(day)) day = addDays(day, 1);
  return day;
}

function isPostingDay(date: IsoDate, schedule: PostingSchedule): boolean {
  return schedule.weekdays.includes(weekdayOf(date)) && !isPublicHoliday(date);
}

/** The Amsterdam date a letter spooled at `spooledAt` is posted: its print batch's day. */
export function postingDate(spooledAt: Date, schedule: PostingSchedule): IsoDate {
  const local = toAmsterdamParts(spooledAt);
  const beforeCutoff = local.hour * 60 + local.minute < schedule.cutoffMinute;
  let day = beforeCutoff ? local.date : addDays(local.date, 1);
  for (let tries = 0; tries < DAYS_TO_SEARCH; tries++, day = addDays(day, 1)) {
    if (isPostingDay(day, schedule)) return day;
  }
  throw new Error(`no posting day within ${DAYS_TO_SEARCH} days of ${spooledAt.toISOString()}`);
}

/**
 * The latest plausible receipt of a letter posted on `postedOn`: the last delivery day the postal
 * delivery standard in force allows (delivery days: the rule's weekdays, no public holidays).
 */
export function letterReceiptDate(postedOn: IsoDate): IsoDate {
  const rule = letterDeliveryRule(postedOn);
  let day = postedOn;
  for (let counted = 0; counted < rule.deliveryDays; ) {
    day = addDays(day, 1);
    if (rule.deliveryWeekdays.includes(weekdayOf(day)) && !isPublicHoliday(day)) counted++;
  }
  return day;
}

/** Reports that prove the message reached the debtor (an open or click implies delivery). */
const RECEIVED = new Set(['delivered', 'opened', 'clicked']);

/**
 * The day the debtor received this message, or null while that is unknown or when it never arrived.
 * Digital messages: the provider's delivery report. Letters: a reported delivery, else the postal model.
 */
export function receiptDateOf(message: MessageRecord): IsoDate | null {
  if (FAILED_DELIVERY.has(message.status)) return null;
  const reports = message.history.filter((h) => RECEIVED.has(h.status)).map((h) => h.at);
  // Reports may arrive out of order: the earliest one is when it arrived.
  if (reports.length > 0) return toAmsterdamParts(new Date(reports.sort()[0]!)).date;
  if (message.channel !== 'letter') return null;
  const sentAt = new Date(message.history[0]?.at ?? 0);
  return letterReceiptDate(message.postedOn ?? postingDate(sentAt, DEFAULT_POSTING));
}

/**
 * Whether the workflow must hear a delivery report (a signal) because it acts on it: a failure (the next
 * channel, the cost clock stops), an open or click (the engaged channel; it also proves receipt), and a
 * delivery of the cost step's message earlier than any receipt known for it (the cost clock starts). Any
 * other report only moves the message's status, which Settle's records keep (issue 15: each signal is a
 * billed action). `policy` undefined (unknown): every report is told.
 */
export function workflowActsOnReport(
  policy: DunningPolicy | undefined,
  message: { step: string; history: readonly { status: string; at: string }[] },
  report: { status: DeliveryStatus; at: string },
): boolean {
  if (FAILED_DELIVERY.has(report.status)) return true;
  if (report.status === 'opened' || report.status === 'clicked') return true;
  if (report.status !== 'delivered') return false;
  if (!policy) return true;
  if (message.step !== costStepOf(policy)?.id) return false;
  const at = Date.parse(report.at);
  return !message.history.some((h) => RECEIVED.has(h.status) && Date.parse(h.at) <= at);
}

/** The ladder step whose message starts the cost clock (the consumer 14-day letter). */
export function costStepOf(policy: DunningPolicy): (LadderStep & { costDeadline: { days: number } }) | null {
  const step = policy.steps.find((s) => s.costDeadline);
  return step?.costDeadline ? (step as LadderStep & { costDeadline: { days: number } }) : null;
}

/**
 * The 14-day letter's deadline: receipt + 14 full days, extended past a weekend or holiday (costs from
 * the day after). It runs from the
 * latest letter of that step that was not lost: a resend on another channel restarts it, and without a
 * received letter there is no deadline and there are no costs.
 */
export function costDeadlineOf(input: DunningInput, state: DunningState): IsoDate | null {
  const step = costStepOf(input.policy);
  if (!step) return null;
  const latest = state.messages.filter((m) => m.stepKey === step.id && !FAILED_DELIVERY.has(m.status)).at(-1);
  const receipt = latest ? receiptDateOf(latest) : null;
  return receipt ? extendedByAtw(addDays(receipt, step.costDeadline.days)) : null;
}

export interface CostClockEvent {
  kind: 'cost-clock-started' | 'cost-clock-stopped' | 'costs-withdrawn';
  detail: string;
}

/**
 * Brings the cost clock in line with what is known about the 14-day letter's delivery, after a send or a
 * delivery report (`cause`). Costs charged on a letter that turns out lost, or on a deadline a resend
 * replaced, were never due: they are withdrawn. Returns what the timeline should say.
 */
export function reviewCostClock(
  input: DunningInput,
  state: DunningState,
  now: Date,
  cause?: MessageRecord,
): CostClockEvent[] {
  const step = costStepOf(input.policy);
  if (!step) return [];
  const events: CostClockEvent[] = [];
  if (cause?.stepKey === step.id && FAILED_DELIVERY.has(cause.status)) {
    events.push({ kind: 'cost-clock-stopped', detail: `${cause.channel}:${cause.status}` });
  }
  const deadline = costDeadlineOf(input, state);
  if (deadline !== state.costDeadline) {
    state.costDeadline = deadline;
    if (deadline) events.push({ kind: 'cost-clock-started', detail: `deadline ${deadline}` });
  }
  const charged = state.costsCents + state.costsVatCents;
  const earned = deadline !== null && toAmsterdamParts(now).date > deadline;
  // Costs a reopened run carries were earned by the closed run's letter, not by this run's.
  if (input.policy.costs === 'statutory-consumer' && charged > 0 && !earned && !carriesCharges(input)) {
    state.costsCents = 0;
    state.costsVatCents = 0;
    // Consumer interest runs from the same deadline (refreshCharges): it was not due either.
    if (input.policy.interest === 'consumer') state.interestCents = 0;
    events.push({ kind: 'costs-withdrawn', detail: String(charged) });
    if (amounts(input, state).dueCents === 0 && !isClosed(state)) {
      state.status = 'paid';
      if (state.plan?.status === 'active') state.plan.status = 'kept';
    }
  }
  return events;
}
