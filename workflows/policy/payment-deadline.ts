// A payment request sent on or after the invoice's due date cannot ask to pay "by" that date: it names
// a fresh pay-by day instead, as many days ahead as a timely request gives (the ladder's lead before the
// due date), and the next step waits until that day is over (stated-deadlines.ts).
import type { IsoDate } from '../domain.js';
import { addDays } from './dates.js';
import { type DunningPolicy, isPaymentRequest } from './ladder.js';

/** Days a payment request gives when the ladder does not send it ahead of the due date. */
const DEFAULT_PAYMENT_TERM_DAYS = 14;

/** The days a timely payment request leaves before the due date. */
export function paymentTermDays(policy: DunningPolicy): number {
  const request = policy.steps.find(isPaymentRequest);
  const lead = request?.after.from === 'due' ? -request.after.days : 0;
  return lead > 0 ? lead : DEFAULT_PAYMENT_TERM_DAYS;
}

/** The pay-by day a payment request sent on `today` names: undefined while the due date is still ahead. */
export function freshPaymentDeadline(
  policy: DunningPolicy,
  dueDate: IsoDate,
  today: IsoDate,
): IsoDate | undefined {
  return dueDate > today ? undefined : addDays(today, paymentTermDays(policy));
}
