// Every idempotency key the workflow hands to the outside world, and the step keys they are made of.
// Providers deduplicate on these keys and stored histories carry them: a key must never change its
// spelling, or a replayed or retried effect would happen twice.
import type { Channel } from './domain.js';
import type { DunningInput, Instalment } from './dunning-types.js';

/**
 * What the keys of a run's effects start with. A run reopened by a reversal shares the workflow id with
 * the run that closed, but its messages, links and collections are new ones.
 */
export function effectKeyBase(workflowId: string, reopened: DunningInput['reopened']): string {
  return reopened ? `${workflowId}:reversal:${reopened.byPaymentId}` : workflowId;
}

/** One message per step key and channel: a retried send is the same message. */
export function messageKey(keyBase: string, stepKey: string, channel: Channel): string {
  return `${keyBase}:${stepKey}:${channel}`;
}

/** The pay link a message carries (`linkKey`: the step key, or an instalment's link key). */
export function paymentLinkKey(keyBase: string, linkKey: string): string {
  return `${keyBase}:${linkKey}:link`;
}

export function handoverKey(keyBase: string): string {
  return `${keyBase}:handover`;
}

/** Each invitation to a mandate is its own first payment. */
export function mandateKey(keyBase: string, invitation: number): string {
  return `${keyBase}:mandate-${invitation}`;
}

export function collectionKey(keyBase: string, collectionNumber: number): string {
  return `${keyBase}:${collectionStepKey(collectionNumber)}:collect`;
}

/** One audit entry per sync of a run (a continued run has its own run id). */
export function auditKey(workflowId: string, runId: string, sync: number): string {
  return `${workflowId}:${runId}:${sync}`;
}

// ---- step keys: which step a message belongs to (stored with each message, part of its key) ----

/** The SEPA pre-notification of a collection, and the collection itself. */
export function collectionStepKey(collectionNumber: number): string {
  return `direct-debit-${collectionNumber}`;
}

/** An instalment's reminder ('due') or follow-up ('missed'); plan 0: no plan (never in practice). */
export function instalmentStepKey(
  planNumber: number | undefined,
  instalment: Instalment,
  what: 'due' | 'missed',
): string {
  return `plan${planNumber ?? 0}-instalment-${instalment.number}-${what}`;
}

export function planConfirmationStepKey(planNumber: number): string {
  return `plan${planNumber}-confirmation`;
}

/** The request for correct contact details after a step's message failed to reach the debtor. */
export function contactUpdateStepKey(stepKey: string): string {
  return `${stepKey}:contact-update`;
}

/** A message about an instalment links to a payment of the instalment, not of everything due. */
export function instalmentLinkKey(stepKey: string): string {
  return `${stepKey}:instalment`;
}
