// Every effect the dunning workflow has on the outside world: the activities it calls (with their
// retry policy and the idempotency key each carries) and the search attributes it publishes.
import * as wf from '@temporalio/workflow';
import {
  CHANNEL_FAILURE_TYPES,
  DIRECT_DEBIT_FAILURE_TYPES,
  type DunningActivities,
  type HandOverInput,
  type InvoiceRef,
  type InvoiceSnapshot,
  type MandateInvitation,
  type PaymentLinkResult,
  type PeriodicCostsAllowance,
  type PeriodicCostsInput,
  type SendMessageInput,
  type SentMessage,
  type SyncAnswer,
} from './activity-contract.js';
import { REFUSAL_TYPES } from './commands/refusal.js';
import { SEARCH_ATTRIBUTES } from './definitions.js';
import type { Amounts, DunningState } from './dunning-types.js';
import {
  auditKey,
  collectionKey,
  handoverKey,
  mandateKey,
  messageKey,
  paymentLinkKey,
} from './idempotency-keys.js';

const activities = wf.proxyActivities<DunningActivities>({
  startToCloseTimeout: '30 seconds',
  // Transient failures are retried until they succeed: an invoice must never be dropped.
  retry: {
    initialInterval: '2s',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    nonRetryableErrorTypes: [...new Set([...CHANNEL_FAILURE_TYPES, ...DIRECT_DEBIT_FAILURE_TYPES])],
  },
});

/** Which invoice an effect is about, and what its idempotency keys start with (effectKeyBase). */
export interface EffectScope {
  ref: InvoiceRef;
  keyBase: string;
}

/** What a message's send names besides the invoice and its key (derived from step key and channel). */
export type MessageRequest = Omit<SendMessageInput, keyof InvoiceRef | 'idempotencyKey'>;

/** The provider's permanent refusal an activity failed with, or undefined for any other error. */
export function permanentFailureOf(error: unknown): wf.ApplicationFailure | undefined {
  return error instanceof wf.ActivityFailure && error.cause instanceof wf.ApplicationFailure
    ? error.cause
    : undefined;
}

export function sendMessage({ ref, keyBase }: EffectScope, message: MessageRequest): Promise<SentMessage> {
  return activities.sendMessage({
    ...ref,
    idempotencyKey: messageKey(keyBase, message.stepKey, message.channel),
    ...message,
  });
}

export function ensurePaymentLink(
  { ref, keyBase }: EffectScope,
  linkKey: string,
  amountCents: number,
  expiresAt: string,
): Promise<PaymentLinkResult> {
  return activities.ensurePaymentLink({
    ...ref,
    idempotencyKey: paymentLinkKey(keyBase, linkKey),
    amountCents,
    expiresAt,
  });
}

export function handOver(
  { ref, keyBase }: EffectScope,
  handover: Omit<HandOverInput, keyof InvoiceRef | 'idempotencyKey'>,
): Promise<void> {
  return activities.handOver({ ...ref, idempotencyKey: handoverKey(keyBase), ...handover });
}

/** A provider's permanent refusal becomes the caller's answer (422) instead of a failed workflow task. */
export async function inviteMandate(
  { ref, keyBase }: EffectScope,
  debtorId: string,
  invitation: number,
  amountCents: number,
): Promise<MandateInvitation> {
  try {
    return await activities.inviteMandate({
      ...ref,
      debtorId,
      idempotencyKey: mandateKey(keyBase, invitation),
      amountCents,
    });
  } catch (error) {
    const refusal = permanentFailureOf(error);
    if (!refusal) throw error;
    throw wf.ApplicationFailure.create({
      type: REFUSAL_TYPES.notAllowed,
      message: `direct debit is not available: ${refusal.message}`,
      nonRetryable: true,
    });
  }
}

export function collectDirectDebit(
  { ref, keyBase }: EffectScope,
  collectionNumber: number,
  debit: { customerId: string; mandateId: string; amountCents: number },
): Promise<{ providerPaymentId: string }> {
  return activities.collectDirectDebit({
    ...ref,
    idempotencyKey: collectionKey(keyBase, collectionNumber),
    ...debit,
  });
}

export function periodicCosts(
  { ref }: EffectScope,
  question: Omit<PeriodicCostsInput, keyof InvoiceRef>,
): Promise<PeriodicCostsAllowance> {
  return activities.periodicCosts({ ...ref, ...question });
}

/** Writes the invoice's state to Settle's records; `sync` numbers the run's syncs for its audit entry. */
export function syncInvoice(
  { ref }: EffectScope,
  sync: number,
  snapshot: Omit<InvoiceSnapshot, keyof InvoiceRef | 'auditKey'>,
): Promise<SyncAnswer | undefined> {
  return activities.syncInvoice({
    ...ref,
    ...snapshot,
    auditKey: auditKey(ref.workflowId, wf.workflowInfo().runId, sync),
  });
}

/** What operators filter workflows by in the Temporal UI. */
export function publishSearchAttributes(state: DunningState, due: Amounts): void {
  wf.upsertSearchAttributes([
    { key: SEARCH_ATTRIBUTES.stage, value: state.stage },
    { key: SEARCH_ATTRIBUTES.amountDueCents, value: due.dueCents },
    { key: SEARCH_ATTRIBUTES.nextActionAt, value: state.nextAction ? new Date(state.nextAction.at) : null },
  ]);
}

/**
 * The search attributes, upserted only when the stage or the amount due differ from what the run
 * carries (the start's, or the last upsert's); the next action's moment rides along, so it is current
 * as of the last step and may lag between steps (each upsert is a billed action).
 */
export function publishChangedSearchAttributes(state: DunningState, due: Amounts): void {
  const current = wf.workflowInfo().typedSearchAttributes;
  if (
    current.get(SEARCH_ATTRIBUTES.stage) === state.stage &&
    current.get(SEARCH_ATTRIBUTES.amountDueCents) === due.dueCents
  )
    return;
  publishSearchAttributes(state, due);
}
