// The schedule ahead: the remaining ladder steps, when each goes out and on which channel, and what the
// debtor would owe at that moment if nothing more is paid. A pure projection that runs the workflow's
// own decisions (decide, refreshCharges, recordStepOutcome) forward on a copy of its state.
import type { Channel } from './domain.js';
import { amounts, decide, isClosed, noticeFacts, refreshCharges } from './dunning-logic.js';
import type { Amounts, DunningInput, DunningState } from './dunning-types.js';
import { channelCandidates } from './policy/channels.js';
import { isHandover } from './policy/ladder.js';
import { type PostingSchedule, postingDate } from './policy/receipt.js';
import { recordStepOutcome } from './step-outcome.js';

export interface ScheduledStep {
  /** The ladder step's id. */
  step: string;
  at: Date;
  /** null: no channel can reach the debtor (or the handover, which sends nothing). */
  channel: Channel | null;
  amountsIfUnpaid: Amounts;
}

export interface Schedule {
  steps: ScheduledStep[];
  /** Why nothing (more) is scheduled, when that is so. */
  reason: string | null;
}

/** Why the ladder is not walking now, or null when it is. */
function haltReason(state: DunningState): string | null {
  if (isClosed(state)) return `the invoice is closed (${state.status})`;
  if (state.dispute) return 'disputed: the ladder waits until the dispute is resolved';
  if (state.pause) return state.pause.until ? `paused until ${state.pause.until}` : 'paused until resumed';
  if (state.promise)
    return `promised to pay on ${state.promise.date}: the ladder waits until ${state.promise.resumeAt}`;
  if (state.plan?.status === 'active') return 'in a payment plan: instalment reminders replace the ladder';
  if (state.directDebit?.status === 'active') return 'collected by SEPA direct debit';
  return null;
}

/**
 * Assumes each message reaches the debtor as the workflow would assume it: an email or other digital
 * message on delivery at sending, a letter by the postal model from its posting day.
 */
export function projectSchedule(
  input: DunningInput,
  current: DunningState,
  now: Date,
  workflowId: string,
  posting: PostingSchedule,
): Schedule {
  const halted = haltReason(current);
  if (halted) return { steps: [], reason: halted };
  const state: DunningState = JSON.parse(JSON.stringify(current));
  // A pending resend repeats a step already taken; the ladder ahead is what is projected.
  state.pendingFallbacks = [];
  const steps: ScheduledStep[] = [];
  let clock = now;
  for (;;) {
    const decision = decide(input, state, clock, workflowId);
    if (decision.kind !== 'step') break;
    const { step, at } = decision;
    refreshCharges(input, state, at);
    const template = isHandover(step) ? null : step.template;
    const channel = template
      ? (channelCandidates(step.channels, {
          reachability: state.debtor.reachability,
          preferred: state.debtor.preferredChannel,
          failed: state.failedChannels,
          engaged: state.engagedChannel,
        })[0] ?? null)
      : null;
    steps.push({ step: step.id, at, channel, amountsIfUnpaid: amounts(input, state) });
    const stated = template ? noticeFacts(input, state, template, at).deadline : undefined;
    if (template && channel) {
      const sentAt = at.toISOString();
      state.messages.push({
        messageId: `projected:${step.id}`,
        stepKey: step.id,
        channel,
        template,
        status: channel === 'letter' ? 'sent' : 'delivered',
        history: [
          { status: 'sent', at: sentAt },
          ...(channel === 'letter' ? [] : [{ status: 'delivered' as const, at: sentAt }]),
        ],
        ...(channel === 'letter' ? { postedOn: postingDate(at, posting) } : {}),
      });
    }
    state.stage = step.id;
    recordStepOutcome(input, state, step, channel, stated, at);
    if (isHandover(step)) break;
    clock = at;
  }
  return { steps, reason: steps.length === 0 ? 'no ladder steps remain' : null };
}
