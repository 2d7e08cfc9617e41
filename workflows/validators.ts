// Synchronous update validators: a refused command never enters the workflow's history, and the
// caller learns why (the API answers 422 with this message).
import { ApplicationFailure } from '@temporalio/workflow';
import { isValidCollectionDay } from './direct-debit-logic.js';
import { amounts, isClosed, planRefusal, today } from './dunning-logic.js';
import type { DunningInput, DunningState, PaymentInput } from './dunning-types.js';
import { addDays } from './policy/calendar.js';

export type Command =
  | { kind: 'payment'; payment: PaymentInput }
  | { kind: 'pause'; until: string | undefined }
  | { kind: 'resume' }
  | { kind: 'cancel' }
  | { kind: 'promise'; date: string }
  | { kind: 'dispute' }
  | { kind: 'resolve-dispute' }
  | { kind: 'plan'; instalments: number }
  | { kind: 'invite-direct-debit'; collectionDay: number }
  | { kind: 'end-direct-debit' }
  | { kind: 'chargeback'; amountCents: number };

/** Failure types the API maps to HTTP statuses. */
export const REFUSAL_TYPES = { notAllowed: 'NotAllowedInState', invalid: 'InvalidCommand' } as const;

function refuse(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

const notAllowed = (message: string): never => refuse(REFUSAL_TYPES.notAllowed, message);
const invalid = (message: string): never => refuse(REFUSAL_TYPES.invalid, message);

export function validateCommand(input: DunningInput, state: DunningState, command: Command, now: Date): void {
  if (command.kind === 'payment') {
    validatePayment(input, state, command.payment);
    return;
  }
  // Money the PSP took back is always recorded, on a closed invoice too.
  if (command.kind === 'chargeback') {
    if (!Number.isInteger(command.amountCents) || command.amountCents <= 0)
      invalid('amount must be positive');
    return;
  }
  if (isClosed(state)) notAllowed(`the invoice is ${state.status}`);
  switch (command.kind) {
    case 'pause':
      if (state.dispute) notAllowed('the invoice is disputed; resolve the dispute instead');
      if (command.until !== undefined && !(Date.parse(command.until) > now.getTime()))
        invalid('until must lie in the future');
      return;
    case 'resume':
      if (!state.pause && !state.promise) notAllowed('the invoice is not paused');
      return;
    case 'cancel':
      return;
    case 'promise': {
      if (state.dispute) notAllowed('the invoice is disputed');
      if (state.plan?.status === 'active') notAllowed('the invoice is in a payment plan');
      const day = today(now);
      const latest = addDays(day, input.policy.promiseToPay.maxDays);
      if (command.date < day || command.date > latest) invalid(`date must lie between ${day} and ${latest}`);
      return;
    }
    case 'dispute':
      if (state.dispute) notAllowed('the invoice is already disputed');
      return;
    case 'resolve-dispute':
      if (!state.dispute) notAllowed('the invoice has no open dispute');
      return;
    case 'plan': {
      if (state.dispute) notAllowed('the invoice is disputed');
      if (state.plan?.status === 'active') notAllowed('the invoice already has an active payment plan');
      const refusal = planRefusal(input, state, command.instalments);
      if (refusal) invalid(refusal);
      return;
    }
    case 'invite-direct-debit':
      if (state.dispute) notAllowed('the invoice is disputed');
      if (state.directDebit?.status === 'active') notAllowed('direct debit is already active');
      if (!isValidCollectionDay(command.collectionDay))
        invalid('collectionDay must be a whole number from 1 to 28');
      return;
    case 'end-direct-debit':
      if (!state.directDebit || state.directDebit.status === 'ended')
        notAllowed('direct debit is not active');
      return;
  }
}

function validatePayment(input: DunningInput, state: DunningState, payment: PaymentInput): void {
  if (!Number.isInteger(payment.amountCents) || payment.amountCents <= 0) invalid('amount must be positive');
  if (state.payments.some((p) => p.dedupeKey === payment.dedupeKey)) return; // a repeat: answered, no effect
  if (payment.source === 'psp') return; // money the PSP already took is always recorded
  if (isClosed(state)) notAllowed(`the invoice is ${state.status}`);
  const due = amounts(input, state).dueCents;
  if (payment.amountCents > due) invalid(`overpayment: at most ${due} cents are due`);
}
