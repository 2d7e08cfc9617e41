// Sending one message: the facts it must state, and the channel it goes out on — on a
// permanent channel failure the next one, until a channel works or none is left.
import { delivery } from './commands/delivery.js';
import type { Channel, TemplateId } from './domain.js';
import { amounts, dayMs, noticeFacts } from './dunning-logic.js';
import type { DirectDebitCollection, DunningState, Instalment, PlanState } from './dunning-types.js';
import { ensurePaymentLink, permanentFailureOf, sendMessage } from './effects.js';
import type { StepVariation } from './experiment.js';
import { instalmentLinkKey } from './idempotency-keys.js';
import { channelCandidates } from './policy/channels.js';
import type { LadderStep } from './policy/ladder.js';
import type { Run } from './run.js';
import { recordSent, type StepSnapshotRequest } from './snapshot.js';

/** What a message is about besides the claim: an instalment, a collection, a plan. */
export interface MessageSubject {
  instalment?: Instalment;
  collection?: DirectDebitCollection;
  plan?: PlanState;
  /** An experiment's arm for this step (experiment.ts). */
  variation?: StepVariation;
}

/**
 * Sends on the best channel; on a permanent channel failure tries the next. Returns the channel used.
 * A ladder step's send (`step`) in a run whose sync rides along (run.rideAlong) also writes Settle's
 * records of the state after the step: the send's moment is then the step's.
 */
export async function send(
  run: Run,
  stepKey: string,
  template: TemplateId,
  channels: 'preferred' | Channel[],
  subject: MessageSubject = {},
  step?: LadderStep,
): Promise<Channel | null> {
  const { input, state } = run;
  const due = amounts(input, state);
  // The message carries Settle's stable pay link, which mints a checkout when the debtor follows it.
  if (!state.linkOnDemand) {
    const payAmount = subject.instalment?.amountCents ?? due.dueCents;
    await mintPaymentLink(run, subject.instalment ? instalmentLinkKey(stepKey) : stepKey, payAmount);
  }
  const facts = noticeFacts(input, state, template, new Date());
  run.lastStatedDate = facts.deadline;
  /** Channels whose message could not be rendered for this send: passed over now, tried again next time. */
  const unrenderable: Channel[] = [];
  for (;;) {
    const candidates = channelCandidates(channels, {
      reachability: state.debtor.reachability,
      preferred: state.debtor.preferredChannel,
      failed: [...state.failedChannels, ...unrenderable],
      engaged: state.engagedChannel,
      ...(subject.variation?.channelOrder ? { firstChoice: subject.variation.channelOrder } : {}),
    });
    const channel = candidates[0];
    if (!channel) {
      run.record([{ kind: 'unreachable', detail: stepKey }]);
      return null;
    }
    try {
      const snapshot = step && run.rideAlong ? snapshotRequest(run, step, facts.deadline) : undefined;
      const sent = await sendMessage(run.scope, {
        ...(snapshot ? { snapshot } : {}),
        requestedAt: new Date().toISOString(),
        debtorId: state.debtor.id,
        stepKey,
        channel,
        template,
        amounts: due,
        dueDate: input.dueDate,
        ...facts,
        ...(subject.instalment
          ? {
              instalment: {
                number: subject.instalment.number,
                of: state.plan?.instalments.length ?? 0,
                amountCents: subject.instalment.amountCents,
                dueDate: subject.instalment.dueDate,
              },
            }
          : {}),
        ...(subject.collection
          ? {
              collection: {
                amountCents: subject.collection.amountCents,
                date: subject.collection.collectDate,
                ...(state.directDebit?.mandate
                  ? { mandateReference: state.directDebit.mandate.mandateId }
                  : {}),
              },
            }
          : {}),
        ...(subject.plan ? { plan: planFacts(subject.plan) } : {}),
        ...(subject.variation?.templateVersion ? { templateVersion: subject.variation.templateVersion } : {}),
      });
      // The records written with the send are of the state after the step as of the send's moment.
      const rode =
        snapshot && sent.at && sent.synced
          ? { at: sent.at, synced: sent.synced, ...(sent.answer ? { answer: sent.answer } : {}) }
          : undefined;
      const at = rode?.at ?? new Date().toISOString();
      if (run.rideAlong) run.lastSentAt = rode?.at;
      const fallback = recordSent(state, { stepKey, channel, template }, sent, at);
      const early = state.earlyDeliveries.filter((d) => d.messageId === sent.messageId);
      state.earlyDeliveries = state.earlyDeliveries.filter((d) => d.messageId !== sent.messageId);
      for (const report of early) run.record(delivery.apply(run.context(), report));
      if (rode) {
        run.record(fallback, rode.at);
        run.rideAlong?.written(rode);
      } else if (fallback.length > 0) run.record(fallback);
      return channel;
    } catch (error) {
      const failure = permanentFailureOf(error);
      if (!failure) throw error;
      // A text that cannot be rendered says nothing about the channel: later steps use it again.
      if (failure.type === 'TemplateError' && run.patched('template-failure-keeps-channel'))
        unrenderable.push(channel);
      else state.failedChannels.push(channel);
      run.record([{ kind: 'channel-failed', detail: `${channel}:${failure.type ?? 'error'}` }]);
    }
  }
}

/** What the send of a ladder step's message needs to write the records of the state after the step. */
function snapshotRequest(run: Run, step: LadderStep, statedDate: string | undefined): StepSnapshotRequest {
  const { carried: _carried, ...input } = run.input;
  return {
    input,
    // A copy as it is now: what happens while the send runs is the workflow's to write.
    state: JSON.parse(JSON.stringify(run.state)) as DunningState,
    stepId: step.id,
    ...(statedDate ? { statedDate } : {}),
    auditKey: run.rideAlong!.auditKey(),
  };
}

/** Runs recorded before links were minted on demand: a fresh PSP link for the step unless the current one fits. */
async function mintPaymentLink(run: Run, linkKey: string, amountCents: number): Promise<void> {
  const { input, state } = run;
  const link = state.paymentLink;
  const now = Date.now();
  const freshEnough = link && Date.parse(link.expiresAt) - now > 2 * dayMs(input.policy);
  if (link && freshEnough && link.amountCents === amountCents) return;
  const expiresAt = new Date(now + input.policy.paymentLinkValidDays * dayMs(input.policy)).toISOString();
  const minted = await ensurePaymentLink(run.scope, linkKey, amountCents, expiresAt);
  state.paymentLink = { url: minted.url, amountCents, expiresAt: minted.expiresAt };
}

function planFacts(plan: PlanState) {
  // The later instalments are the regular amount; the first one carries any remainder cents.
  return {
    instalments: plan.instalments.length,
    instalmentAmountCents: plan.instalments.at(-1)!.amountCents,
    firstDueDate: plan.instalments[0]!.dueDate,
  };
}
