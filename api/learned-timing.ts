// The learned payday of a debtor, from its payment history (workflows/policy/learned-payday.ts).
import type { Queryable } from '../db/client.js';
import { pastPaymentsOfDebtor } from '../db/queries/debtor-payments.js';
import type { PaydayPattern } from '../workflows/domain.js';
import { type LearnedTiming, learnPayday } from '../workflows/policy/learned-payday.js';

/** A learned pattern fills in an invoice's payday (when the creditor gave none) from this confidence on. */
export const LEARNED_PAYDAY_MIN_CONFIDENCE = 0.6;

/** The debtor's learned timing, or null when there is no payment history at all. */
export async function learnedTimingOf(
  db: Queryable,
  tenantId: string,
  debtorId: string,
): Promise<LearnedTiming | null> {
  const history = await pastPaymentsOfDebtor(db, { tenantId, debtorId });
  if (history.length === 0) return null;
  return learnPayday(history);
}

/** The learned payday to use for a new invoice of the debtor, if it is confident enough. */
export async function learnedPaydayOf(
  db: Queryable,
  tenantId: string,
  debtorId: string,
): Promise<PaydayPattern | undefined> {
  const timing = await learnedTimingOf(db, tenantId, debtorId);
  return timing?.pattern && timing.confidence >= LEARNED_PAYDAY_MIN_CONFIDENCE ? timing.pattern : undefined;
}
