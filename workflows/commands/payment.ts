// Money in and money taken back. Both are recorded once per dedupe key; the PSP's movements are
// recorded whatever the invoice's state, since the money has moved already.

import { reverseCollection } from '../direct-debit-logic.js';
import { amounts, isClosed } from '../dunning-logic.js';
import type { ChargebackInput, DunningInput, DunningState, PaymentInput } from '../dunning-types.js';
import type { Command } from './command.js';
import { invalid, refuseWhenClosed } from './refusal.js';

export const recordPayment: Command<PaymentInput> = {
  validate({ input, state }, payment) {
    if (!Number.isInteger(payment.amountCents) || payment.amountCents <= 0)
      invalid({ code: 'amount-not-positive' });
    if (state.payments.some((p) => p.dedupeKey === payment.dedupeKey)) return; // a repeat: answered, no effect
    if (payment.source === 'psp') return; // money the PSP already took is always recorded
    refuseWhenClosed(state);
    const due = amounts(input, state).dueCents;
    if (payment.amountCents > due) invalid({ code: 'overpayment', dueCents: due });
  },
  apply({ input, state }, payment) {
    if (!applyPayment(input, state, payment)) return [];
    markCollectionPaid(state, payment.providerPaymentId, payment.paidAt);
    return [{ kind: 'payment', detail: `${payment.source}:${payment.amountCents}` }];
  },
};

export const recordChargeback: Command<ChargebackInput> = {
  // Money the PSP took back is always recorded, on a closed invoice too.
  validate(_ctx, chargeback) {
    if (!Number.isInteger(chargeback.amountCents) || chargeback.amountCents <= 0)
      invalid({ code: 'amount-not-positive' });
  },
  apply({ input, state, now }, chargeback) {
    const wasPaid = state.status === 'paid';
    if (!applyChargeback(input, state, chargeback)) return [];
    if (state.directDebit) reverseCollection(state.directDebit, chargeback.providerPaymentId);
    const reopened = wasPaid && state.status !== 'paid';
    // Reopened: the ladder goes on from where it was, keeping its distance from this moment.
    if (reopened) state.lastStepAt = now.toISOString();
    return [
      { kind: reopened ? 'reopened-by-chargeback' : 'chargeback', detail: String(chargeback.amountCents) },
    ];
  },
};

/** Records a payment once per dedupe key; returns false for a duplicate. */
export function applyPayment(input: DunningInput, state: DunningState, payment: PaymentInput): boolean {
  if (state.payments.some((p) => p.dedupeKey === payment.dedupeKey)) return false;
  state.payments.push({ ...payment });
  if (amounts(input, state).dueCents === 0 && !isClosed(state)) {
    state.status = 'paid';
    if (state.plan?.status === 'active') state.plan.status = 'kept';
  }
  return true;
}

/**
 * Records money the PSP took back (a reversed direct debit, a card chargeback) once per dedupe key, and
 * reopens an invoice that was paid; returns false for a duplicate.
 */
export function applyChargeback(
  input: DunningInput,
  state: DunningState,
  chargeback: ChargebackInput,
): boolean {
  if (state.payments.some((p) => p.dedupeKey === chargeback.dedupeKey)) return false;
  state.payments.push({
    dedupeKey: chargeback.dedupeKey,
    amountCents: -chargeback.amountCents,
    paidAt: chargeback.at,
    source: 'chargeback',
    providerPaymentId: chargeback.providerPaymentId,
  });
  if (state.status === 'paid' && amounts(input, state).dueCents > 0) {
    if (state.plan?.status === 'kept') state.plan.status = 'active';
    state.status = state.plan?.status === 'active' ? 'in_plan' : 'open';
  }
  return true;
}

/** A payment the PSP made for one of our collections settles that collection. */
function markCollectionPaid(
  state: DunningState,
  providerPaymentId: string | undefined,
  paidAt: string,
): void {
  const collection = state.directDebit?.collections.find(
    (c) => providerPaymentId !== undefined && c.providerPaymentId === providerPaymentId,
  );
  if (!collection) return;
  collection.outcome = 'paid';
  collection.paidAt = paidAt;
}
