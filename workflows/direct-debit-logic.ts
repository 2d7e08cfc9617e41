// Pure rules for collecting by SEPA direct debit on a mandate the debtor granted: when the next
// collection falls (the debtor's chosen day on a TARGET2 business day, after a timely pre-notification),
// and when to give up.
import type { IsoDate, TemplateId } from './domain.js';
import type {
  CollectionFailedInput,
  DirectDebitCollection,
  DirectDebitState,
  DunningState,
  MandateInput,
} from './dunning-types.js';
import { addDays, fromAmsterdamLocal, isBankBusinessDay } from './policy/calendar.js';
import { DEFAULT_DIRECT_DEBIT, type DirectDebitLimits, type DunningPolicy, dayMs } from './policy/ladder.js';
import { preNotificationDays } from './policy/legal/sepa.js';
import { nextTarget2BusinessDay } from './policy/legal/target2.js';

/** Why collecting stops when a pre-notification reached the debtor on no channel. */
export const NO_NOTICE_REASON = 'the pre-notification reached the debtor on no channel';

/** Collections are submitted early on the collection day; the bank debits within the SEPA cycle. */
const SUBMIT_HOUR = 6;

/** The policy's limits; policies snapshotted before a limit existed get its default. */
export function directDebitLimits(policy: DunningPolicy): DirectDebitLimits {
  return { ...DEFAULT_DIRECT_DEBIT, ...policy.directDebit };
}

export function isValidCollectionDay(day: number): boolean {
  return Number.isInteger(day) && day >= 1 && day <= 28;
}

/**
 * Which days a collection may fall on: TARGET2 business days (SEPA settles only then). Workflows that
 * announced collections before that rule used the Dutch business-day calendar and replay with it.
 */
export type CollectionCalendar = 'target2' | 'dutch-business-days';

function nextCollectionDay(date: IsoDate, calendar: CollectionCalendar): IsoDate {
  if (calendar === 'target2') return nextTarget2BusinessDay(date);
  let day = date;
  while (!isBankBusinessDay(day)) day = addDays(day, 1);
  return day;
}

/** The first collection day that is the chosen day of the month (or just after it) on or after `earliest`. */
export function collectionDate(
  collectionDay: number,
  earliest: IsoDate,
  calendar: CollectionCalendar = 'target2',
): IsoDate {
  let [year, month] = earliest.split('-').map(Number) as [number, number];
  for (;;) {
    const candidate = `${year}-${String(month).padStart(2, '0')}-${String(collectionDay).padStart(2, '0')}`;
    if (candidate >= earliest) return nextCollectionDay(candidate, calendar);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
}

/**
 * Days between notice and collection. SEPA asks 14 calendar days unless the mandate terms agree fewer:
 * a mandate invited under terms that state the policy's period (`agreedLeadDays`) gets that period;
 * one invited before the terms said so gets 14. Workflows that announced collections before this rule
 * replay with the policy's days.
 */
export function collectionLeadDays(
  policy: DunningPolicy,
  directDebit: DirectDebitState,
  calendar: CollectionCalendar,
): number {
  if (calendar === 'dutch-business-days') return directDebitLimits(policy).leadDays;
  return preNotificationDays(directDebit.agreedLeadDays);
}

/**
 * The next collection, announced today: at least the lead days ahead, on the debtor's day of the month, or
 * on an instalment's due date when a payment plan is being collected. Demo policies count policy days.
 */
export function scheduleCollection(params: {
  policy: DunningPolicy;
  directDebit: DirectDebitState;
  amountCents: number;
  /** A plan instalment's due date and moment: never collect before it. */
  instalmentDue?: { date: IsoDate; at: string };
  today: IsoDate;
  now: Date;
  calendar: CollectionCalendar;
}): DirectDebitCollection {
  const { policy, directDebit, instalmentDue, today, now, calendar } = params;
  const lead = collectionLeadDays(policy, directDebit, calendar);
  const base = { number: directDebit.collections.length + 1, amountCents: params.amountCents };
  const pending = { providerPaymentId: null, outcome: 'scheduled' as const };
  if (policy.secondsPerDay) {
    const earliest = now.getTime() + lead * dayMs(policy);
    const at = new Date(Math.max(earliest, instalmentDue ? Date.parse(instalmentDue.at) : 0));
    return { ...base, collectDate: addDays(today, lead), collectAt: at.toISOString(), ...pending };
  }
  const earliest = addDays(today, lead);
  const collectDate = instalmentDue
    ? nextCollectionDay([instalmentDue.date, earliest].sort()[1]!, calendar)
    : collectionDate(directDebit.collectionDay, earliest, calendar);
  return {
    ...base,
    collectDate,
    collectAt: fromAmsterdamLocal(collectDate, SUBMIT_HOUR, 0).toISOString(),
    ...pending,
  };
}

/** The collection being waited for: announced and not yet submitted, or submitted and not yet settled. */
export function openCollection(directDebit: DirectDebitState): DirectDebitCollection | undefined {
  return directDebit.collections.find((c) => c.outcome === 'scheduled' || c.outcome === 'pending');
}

function consecutiveFailures(directDebit: DirectDebitState): number {
  let failures = 0;
  for (const collection of [...directDebit.collections].reverse()) {
    if (collection.outcome === 'skipped') continue;
    if (collection.outcome !== 'failed') break;
    failures++;
  }
  return failures;
}

/** A retry after a bounced collection says so; otherwise a plain pre-notification. */
export function noticeTemplate(directDebit: DirectDebitState): TemplateId {
  return consecutiveFailures(directDebit) > 0 ? 'direct-debit-failed' : 'direct-debit-notice';
}

/**
 * A reversed collection: the debtor does not want to be debited, so collecting stops. Returns whether
 * the payment was one of the mandate's collections.
 */
export function reverseCollection(directDebit: DirectDebitState, providerPaymentId: string): boolean {
  const collection = directDebit.collections.find((c) => c.providerPaymentId === providerPaymentId);
  if (!collection) return false;
  collection.outcome = 'charged_back';
  if (directDebit.status !== 'ended')
    endDirectDebit(directDebit, 'a collection was reversed at the debtor’s bank');
  return true;
}

/**
 * Until when a paid invoice's workflow waits for a reversal: 8 weeks (the policy's window) after the
 * last collection the bank paid. Undefined when nothing was collected by direct debit.
 */
export function chargebackWindowEnd(policy: DunningPolicy, state: DunningState): Date | undefined {
  if (state.status !== 'paid') return undefined;
  const paid = (state.directDebit?.collections ?? [])
    .filter((c) => c.outcome === 'paid' && c.paidAt !== undefined)
    .map((c) => Date.parse(c.paidAt!));
  if (paid.length === 0) return undefined;
  return new Date(Math.max(...paid) + directDebitLimits(policy).chargebackWindowDays * dayMs(policy));
}

export function activateMandate(directDebit: DirectDebitState, mandate: MandateInput): void {
  directDebit.status = 'active';
  directDebit.mandate = { customerId: mandate.customerId, mandateId: mandate.mandateId };
  directDebit.checkoutUrl = null;
}

export function endDirectDebit(directDebit: DirectDebitState, reason: string): void {
  directDebit.status = 'ended';
  directDebit.endReason = reason;
  for (const collection of directDebit.collections) {
    if (collection.outcome === 'scheduled') collection.outcome = 'skipped';
  }
}

/**
 * Records a bounced collection. Returns 'ignored' for an unknown or already settled collection, 'retry'
 * when another attempt follows, 'ended' when the policy's attempts are used up.
 */
export function applyCollectionFailure(
  policy: DunningPolicy,
  directDebit: DirectDebitState,
  failure: CollectionFailedInput,
): 'ignored' | 'retry' | 'ended' {
  const collection = directDebit.collections.find((c) => c.providerPaymentId === failure.providerPaymentId);
  if (collection?.outcome !== 'pending') return 'ignored';
  collection.outcome = 'failed';
  if (failure.reason) collection.failureReason = failure.reason;
  if (directDebit.status !== 'active') return 'ended';
  if (consecutiveFailures(directDebit) < directDebitLimits(policy).maxAttempts) return 'retry';
  endDirectDebit(directDebit, `${directDebitLimits(policy).maxAttempts} collections failed`);
  return 'ended';
}
