// Carries out what decide() chose, and the commands whose effect comes first: each case says what
// happens to the invoice and which effects it has (effects.ts), in the order the history records them.
import * as wf from '@temporalio/workflow';
import { CONTACT_UPDATE_TEMPLATE } from './commands/delivery.js';
import {
  inviteDirectDebit as acceptInvitation,
  applyFailure,
  nextInvitation,
} from './commands/direct-debit.js';
import { resumeLadder } from './commands/holds.js';
import { reviewCosts } from './cost-review.js';
import {
  directDebitLimits,
  endDirectDebit,
  NO_NOTICE_REASON,
  noticeTemplate,
  scheduleCollection,
} from './direct-debit-logic.js';
import {
  amounts,
  collectibleCents,
  type Decision,
  latestMessageFor,
  openInstalment,
  periodicCostsToCharge,
  periodicCostsToState,
  refreshCharges,
  today,
} from './dunning-logic.js';
import type { DirectDebitCollection, DirectDebitInput, Instalment } from './dunning-types.js';
import { collectDirectDebit, handOver, inviteMandate, periodicCosts, permanentFailureOf } from './effects.js';
import { experimentVariation } from './experiment.js';
import {
  collectionStepKey,
  contactUpdateStepKey,
  instalmentStepKey,
  planConfirmationStepKey,
} from './idempotency-keys.js';
import { isFormalNotice, isHandover, type LadderStep } from './policy/ladder.js';
import type { PeriodicCostsQuestion } from './policy/periodic-costs.js';
import { laterDeadline, statedDeadlineOf } from './policy/stated-deadlines.js';
import type { Run } from './run.js';
import { send } from './send.js';
import { stepTaken } from './snapshot.js';
import { recordStepOutcome } from './step-outcome.js';

/** Decisions that do something (close and wait-for-signal are the main loop's own). */
export type Action = Exclude<Decision, { kind: 'close' | 'wait-for-signal' }>;

export async function execute(run: Run, decision: Action): Promise<void> {
  const { state } = run;
  switch (decision.kind) {
    case 'resume':
      run.record(resumeLadder(state, state.promise ? 'promise-expired' : 'pause-ended'));
      return;
    case 'fallback':
      return resend(run, decision.stepKey);
    case 'step':
      return takeStep(run, decision.step);
    case 'instalment-reminder':
      return remindOfInstalment(run, decision.instalment, 'due');
    case 'instalment-follow-up':
      return remindOfInstalment(run, decision.instalment, 'missed');
    case 'direct-debit-notice':
      return announceCollection(run);
    case 'direct-debit-collect':
      return collect(run, decision.collection);
    case 'plan-confirmation': {
      const plan = state.plan!;
      await send(run, planConfirmationStepKey(plan.planNumber), 'plan-confirmation', 'preferred', {
        instalment: plan.instalments[0]!,
        plan,
      });
      plan.confirmed = true;
      run.record([{ kind: 'plan-confirmed', detail: String(plan.planNumber) }]);
      return;
    }
    case 'plan-broken':
      if (state.plan) state.plan.status = 'broken';
      state.status = 'open';
      // The ladder resumes for the remainder after a fresh gap from now.
      state.lastStepAt = new Date().toISOString();
      run.record([{ kind: 'plan-broken' }]);
      return;
  }
}

/** A step's message failed to reach the debtor: the same message again on the next channel. */
async function resend(run: Run, stepKey: string): Promise<void> {
  const { input, state } = run;
  const previous = latestMessageFor(state, stepKey);
  state.pendingFallbacks.shift();
  if (!previous) return;
  const step = input.policy.steps.find((s) => s.id === stepKey);
  const variation = state.stepVariations?.[stepKey];
  const channel = await send(
    run,
    stepKey,
    previous.template,
    step?.channels ?? 'preferred',
    variation ? { variation } : {},
  );
  // A resend restarts the 14-day letter's clock; one that names a later day extends the wait.
  if (channel && step && state.lawfulDeadlines) {
    run.record(reviewCosts(run.context()));
    const stated = statedDeadlineOf(input.policy, step, run.lastStatedDate, new Date());
    state.statedDeadline = laterDeadline(state.statedDeadline, stated);
  }
  // The debtor's address or number failed: ask for correct details on the channel that works.
  if (channel && channel !== 'letter' && previous.channel !== 'letter') {
    await send(run, contactUpdateStepKey(stepKey), CONTACT_UPDATE_TEMPLATE, 'preferred');
  }
}

async function takeStep(run: Run, step: LadderStep): Promise<void> {
  const { input, state } = run;
  const variation = await experimentVariation(run, step);
  if (!variation) return;
  // Runs recorded before a resend kept the arm's variation resend on the default order.
  if (Object.keys(variation).length && wf.patched('resend-keeps-variation'))
    state.stepVariations = { ...state.stepVariations, [step.id]: variation };
  await askPeriodicCosts(run, periodicCostsToCharge(input, state, new Date()), true);
  // Runs recorded before payments were allocated (art. 6:44 BW) replay with their older charges;
  // from their next step on they too charge interest only on what is unpaid.
  refreshCharges(input, state, new Date(), run.patched('charges-allocated'));
  state.stage = step.id;
  if (isHandover(step)) {
    await handOver(run.scope, {
      amounts: amounts(input, state),
      at: new Date().toISOString(),
      formalNoticeSteps: input.policy.steps.filter(isFormalNotice).map((s) => s.id),
    });
    state.status = 'handed_over';
  }
  const template = isHandover(step) ? null : step.template;
  if (template) await askPeriodicCosts(run, periodicCostsToState(input, state, template, new Date()), false);
  if (run.rideAlong) {
    // The step's moment is its send's, as recorded with the records written along with it.
    run.lastSentAt = undefined;
    const channel = template ? await send(run, step.id, template, step.channels, { variation }, step) : null;
    const at = channel ? run.lastSentAt : undefined;
    run.record(
      stepTaken(input, state, step, channel, run.lastStatedDate, at ? new Date(at) : new Date()),
      at,
    );
    return;
  }
  const channel = template ? await send(run, step.id, template, step.channels, { variation }) : null;
  run.record(recordStepOutcome(input, state, step, channel, run.lastStatedDate, new Date()));
  run.record([{ kind: 'step', detail: step.id }]);
}

async function remindOfInstalment(run: Run, instalment: Instalment, what: 'due' | 'missed'): Promise<void> {
  const stepKey = instalmentStepKey(run.state.plan?.planNumber, instalment, what);
  await send(run, stepKey, what === 'due' ? 'instalment-due' : 'instalment-missed', 'preferred', {
    instalment,
  });
  if (what === 'due') instalment.reminded = true;
  else instalment.followedUp = true;
  run.record([
    {
      kind: what === 'due' ? 'instalment-reminder' : 'instalment-follow-up',
      detail: String(instalment.number),
    },
  ]);
}

/**
 * Small periodic claims: asks what the debtor's other terms at this creditor already bear, so this one
 * is charged (or its 14-day letter states) only the rest of one term's costs. The answer is in the
 * history, so a replay charges the same. Runs recorded before the cap existed never ask.
 */
async function askPeriodicCosts(
  run: Run,
  question: PeriodicCostsQuestion | null,
  charge: boolean,
): Promise<void> {
  if (!question || !run.patched('periodic-costs-cap')) return;
  const { state } = run;
  const answer = await periodicCosts(run.scope, { debtorId: state.debtor.id, ...question, charge });
  state.periodicCosts = { owedOn: question.owedOn, allowedCents: answer.allowedCents, charged: charge };
  if (answer.allowedCents < question.singleTermCents) {
    run.record([
      { kind: charge ? 'periodic-costs-capped' : 'periodic-costs-stated', detail: `${answer.allowedCents}` },
    ]);
  }
}

/** SEPA pre-notification of the next collection; in a plan, of the instalment being collected. */
async function announceCollection(run: Run): Promise<void> {
  const { input, state } = run;
  const directDebit = state.directDebit!;
  const template = noticeTemplate(directDebit);
  const instalment = openInstalment(state);
  const collection = scheduleCollection({
    policy: input.policy,
    directDebit,
    amountCents: collectibleCents(input, state),
    ...(instalment ? { instalmentDue: { date: instalment.dueDate, at: instalment.dueAt } } : {}),
    today: today(new Date()),
    now: new Date(),
    // Collections announced before TARGET2 days and SEPA's lead time keep their old dates on replay.
    calendar: run.patched('target2-collection-days') ? 'target2' : 'dutch-business-days',
  });
  directDebit.collections.push(collection);
  // In a plan the notice, its amounts and its pay link are about the instalment being collected.
  const notified = await send(run, collectionStepKey(collection.number), template, 'preferred', {
    collection,
    ...(instalment ? { instalment } : {}),
  });
  // SEPA collects only after a pre-notification: none reached the debtor (no channel, or no
  // creditor identifier to name), so nothing is collected and the ladder takes over again.
  if (!notified && run.patched('no-collection-without-notice')) {
    endDirectDebit(directDebit, NO_NOTICE_REASON);
    state.lastStepAt = new Date().toISOString();
    run.record([{ kind: 'direct-debit-ended', detail: NO_NOTICE_REASON }]);
    return;
  }
  run.record([{ kind: 'collection-announced', detail: `${collection.number}:${collection.collectDate}` }]);
}

async function collect(run: Run, collection: DirectDebitCollection): Promise<void> {
  const { input, state } = run;
  const directDebit = state.directDebit!;
  // Whatever the debtor paid since the announcement is not collected again.
  const amountCents = Math.min(collection.amountCents, collectibleCents(input, state));
  if (amountCents === 0 || !directDebit.mandate) {
    collection.outcome = 'skipped';
    run.record([{ kind: 'collection-skipped', detail: String(collection.number) }]);
    return;
  }
  try {
    const submitted = await collectDirectDebit(run.scope, collection.number, {
      customerId: directDebit.mandate.customerId,
      mandateId: directDebit.mandate.mandateId,
      amountCents,
    });
    collection.amountCents = amountCents;
    collection.providerPaymentId = submitted.providerPaymentId;
    collection.outcome = 'pending';
    run.record([{ kind: 'collection-submitted', detail: String(collection.number) }]);
  } catch (error) {
    const refusal = permanentFailureOf(error);
    if (!refusal) throw error;
    endDirectDebit(directDebit, `collection refused: ${refusal.type ?? 'error'}`);
    state.lastStepAt = new Date().toISOString();
    run.record([{ kind: 'direct-debit-ended', detail: refusal.type ?? undefined }]);
    return;
  }
  // The PSP may have reported before this result was recorded.
  if (state.payments.some((p) => p.providerPaymentId === collection.providerPaymentId))
    collection.outcome = 'paid';
  const ctx = run.context();
  const early = ctx.earlyCollectionFailures.filter(
    (f) => f.providerPaymentId === collection.providerPaymentId,
  );
  for (const failure of early) run.record(applyFailure(ctx, failure));
}

/** Invites the debtor to a mandate at the PSP, then records the invitation (or the mandate reused). */
export async function inviteDirectDebit(run: Run, { collectionDay }: DirectDebitInput): Promise<void> {
  const { input, state } = run;
  const invitations = nextInvitation(state);
  const amountCents = directDebitLimits(input.policy).verificationCents;
  const invitation = await inviteMandate(run.scope, state.debtor.id, invitations, amountCents);
  run.record(acceptInvitation.apply(run.context(), { collectionDay, invitations, invitation }));
}
