// Direct debit: the debtor is invited to a mandate, the PSP reports it granted and reports collections
// that failed, and the creditor or debtor ends it. With a mandate, collections replace reminders.

import type { MandateInvitation } from '../activity-contract.js';
import {
  activateMandate,
  applyCollectionFailure,
  directDebitLimits,
  endDirectDebit as endCollecting,
  isValidCollectionDay,
} from '../direct-debit-logic.js';
import { isClosed } from '../dunning-logic.js';
import type {
  CollectionFailedInput,
  DirectDebitInput,
  DirectDebitState,
  DunningState,
  EndDirectDebitInput,
  MandateInput,
} from '../dunning-types.js';
import type { Command, CommandContext, Report, TimelineEvent } from './command.js';
import { invalid, notAllowed, refuseWhenClosed } from './refusal.js';

/** The PSP's answer to the invitation numbered `invitations` (see `nextInvitation`). */
export interface MandateInvited extends DirectDebitInput {
  invitations: number;
  invitation: MandateInvitation;
}

export const inviteDirectDebit: Command<DirectDebitInput, MandateInvited> = {
  validate({ state }, { collectionDay }) {
    refuseWhenClosed(state);
    if (state.dispute) notAllowed({ code: 'disputed' });
    if (state.directDebit?.status === 'active') notAllowed({ code: 'direct-debit-active' });
    if (!isValidCollectionDay(collectionDay)) invalid({ code: 'collection-day' });
  },
  apply({ input, state }, { collectionDay, invitations, invitation }) {
    const directDebit: DirectDebitState = {
      status: 'invited',
      collectionDay,
      invitations,
      checkoutUrl: invitation.checkoutUrl,
      mandate: null,
      collections: state.directDebit?.collections ?? [],
      endReason: null,
      // The offer the debtor accepts states the policy's pre-notification period.
      agreedLeadDays: directDebitLimits(input.policy).leadDays,
    };
    state.directDebit = directDebit;
    if (invitation.mandate) activateMandate(directDebit, invitation.mandate);
    return [
      { kind: invitation.mandate ? 'mandate-reused' : 'direct-debit-invited', detail: String(collectionDay) },
    ];
  },
};

/** The number of the next invitation: each one is its own first payment at the PSP. */
export function nextInvitation(state: DunningState): number {
  return (state.directDebit?.invitations ?? 0) + 1;
}

export const endDirectDebit: Command<EndDirectDebitInput> = {
  validate({ state }) {
    refuseWhenClosed(state);
    if (!state.directDebit || state.directDebit.status === 'ended')
      notAllowed({ code: 'direct-debit-not-active' });
  },
  apply({ state, now }, { reason }) {
    if (state.directDebit) endCollecting(state.directDebit, reason);
    state.lastStepAt = now.toISOString();
    return [{ kind: 'direct-debit-ended', detail: reason }];
  },
};

export const mandateGranted: Report<MandateInput> = {
  apply({ state }, mandate) {
    const directDebit = state.directDebit;
    // Only an open invitation turns into collections: a late first payment after an end changes nothing.
    if (directDebit?.status !== 'invited' || isClosed(state)) return [];
    activateMandate(directDebit, mandate);
    return [{ kind: 'mandate-granted' }];
  },
};

export const collectionFailed: Report<CollectionFailedInput> = {
  apply(ctx, failure) {
    const directDebit = ctx.state.directDebit;
    if (!directDebit) return [];
    if (!directDebit.collections.some((c) => c.providerPaymentId === failure.providerPaymentId)) {
      // Reported before the submission's own result reached the workflow: apply it then.
      if (ctx.earlyCollectionFailures.length < 10) ctx.earlyCollectionFailures.push(failure);
      return [];
    }
    return applyFailure(ctx, failure);
  },
};

/** A bounced collection is retried, or after too many ends collecting and the ladder resumes. */
export function applyFailure(
  { input, state, now }: CommandContext,
  failure: CollectionFailedInput,
): TimelineEvent[] {
  const directDebit = state.directDebit;
  if (!directDebit) return [];
  const outcome = applyCollectionFailure(input.policy, directDebit, failure);
  if (outcome === 'ignored') return [];
  // Back on the ladder, the next step keeps its distance from this moment.
  if (outcome === 'ended') state.lastStepAt = now.toISOString();
  return [{ kind: outcome === 'ended' ? 'direct-debit-ended' : 'collection-failed', detail: failure.reason }];
}
