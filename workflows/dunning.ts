// One durable workflow per unpaid invoice: walks the policy's ladder at payday-aligned, lawful
// moments and reacts at once to payments, bounces, disputes, promises and payment plans.
import * as wf from '@temporalio/workflow';
import {
  CHANNEL_FAILURE_TYPES,
  DIRECT_DEBIT_FAILURE_TYPES,
  type DunningActivities,
} from './activity-contract.js';
import {
  acceptPaymentPlanUpdate,
  cancelUpdate,
  collectionFailedSignal,
  contactUpdatedSignal,
  deliverySignal,
  endDirectDebitUpdate,
  inviteDirectDebitUpdate,
  mandateGrantedSignal,
  openDisputeUpdate,
  pauseUpdate,
  projectionQuery,
  promiseToPayUpdate,
  recordChargebackUpdate,
  recordPaymentUpdate,
  resolveDisputeUpdate,
  resumeUpdate,
  SEARCH_ATTRIBUTES,
  statusQuery,
} from './definitions.js';
import {
  activateMandate,
  applyCollectionFailure,
  chargebackWindowEnd,
  directDebitLimits,
  endDirectDebit,
  NO_NOTICE_REASON,
  noticeTemplate,
  reverseCollection,
  scheduleCollection,
} from './direct-debit-logic.js';
import type { Channel, TemplateId } from './domain.js';
import { FAILED_DELIVERY, laterDeliveryStatus } from './domain.js';
import {
  amounts,
  applyChargeback,
  applyPayment,
  collectibleCents,
  type Decision,
  dayMs,
  decide,
  initialState,
  isClosed,
  latestMessageFor,
  nextActionOf,
  noticeFacts,
  openInstalment,
  periodicCostsToCharge,
  periodicCostsToState,
  planInstalments,
  refreshCharges,
  today,
} from './dunning-logic.js';
import type {
  CollectionFailedInput,
  DeliveryInput,
  DirectDebitCollection,
  DirectDebitState,
  DunningInput,
  DunningState,
  DunningStatus,
  Instalment,
  MessageRecord,
  PlanState,
} from './dunning-types.js';
import { addDays } from './policy/calendar.js';
import { channelCandidates } from './policy/channels.js';
import type { PeriodicCostsQuestion } from './policy/periodic-costs.js';
import { reviewCostClock } from './policy/receipt.js';
import { laterDeadline, statedDeadlineOf } from './policy/stated-deadlines.js';
import { recordStepOutcome } from './step-outcome.js';
import { type Command, REFUSAL_TYPES, validateCommand } from './validators.js';

const acts = wf.proxyActivities<DunningActivities>({
  startToCloseTimeout: '30 seconds',
  // Transient failures are retried until they succeed: an invoice must never be dropped.
  retry: {
    initialInterval: '2s',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    nonRetryableErrorTypes: [...new Set([...CHANNEL_FAILURE_TYPES, ...DIRECT_DEBIT_FAILURE_TYPES])],
  },
});

/** A provider's permanent refusal becomes the caller's answer (422) instead of a failed workflow task. */
function refusalFrom(error: unknown, message: string): unknown {
  if (error instanceof wf.ActivityFailure && error.cause instanceof wf.ApplicationFailure) {
    return wf.ApplicationFailure.create({
      type: REFUSAL_TYPES.notAllowed,
      message: `${message}: ${error.cause.message}`,
      nonRetryable: true,
    });
  }
  return error;
}

export async function dunningWorkflow(input: DunningInput): Promise<DunningStatus> {
  const { workflowId } = wf.workflowInfo();
  const state: DunningState = input.carried ?? initialState(input);
  // Runs recorded before receipt-based cost deadlines and waiting out stated deadlines keep the old rules.
  if (wf.patched('lawful-deadlines')) state.lawfulDeadlines = true;
  const ref = { tenantId: input.tenantId, invoiceId: input.invoiceId, workflowId };
  // Idempotency keys of effects: a run reopened by a reversal shares the workflow id with the run that
  // closed, but its messages, links and collections are new ones.
  const keyBase = input.reopened ? `${workflowId}:reversal:${input.reopened.byPaymentId}` : workflowId;
  let version = 0;
  const touch = (kind: string, detail?: string) => {
    version++;
    state.events.push({ at: new Date().toISOString(), kind, ...(detail ? { detail } : {}) });
    if (state.events.length > 200) state.events.splice(0, state.events.length - 200);
    // Callers of an update read the status it returns: show them the next action already.
    state.nextAction = nextActionOf(decide(input, state, new Date(), workflowId));
  };

  const status = (): DunningStatus => ({
    tenantId: input.tenantId,
    invoiceId: input.invoiceId,
    status: state.status,
    stage: state.stage,
    policyId: input.policy.id,
    amounts: amounts(input, state),
    currency: input.currency,
    dueDate: input.dueDate,
    nextAction: state.nextAction,
    costDeadline: state.costDeadline,
    paymentUrl: state.paymentLink?.url ?? null,
    messages: state.messages,
    payments: state.payments,
    plan: state.plan,
    promise: state.promise,
    dispute: state.dispute,
    pause: state.pause,
    directDebit: state.directDebit ?? null,
    events: state.events,
  });
  const check =
    (command: Command) =>
    (..._args: unknown[]) =>
      validateCommand(input, state, command, new Date());

  wf.setHandler(statusQuery, status);
  wf.setHandler(projectionQuery, () => ({ input: { ...input, carried: null }, state }));

  wf.setHandler(
    recordPaymentUpdate,
    (payment) => {
      if (applyPayment(input, state, payment)) {
        markCollectionPaid(payment.providerPaymentId, payment.paidAt);
        touch('payment', `${payment.source}:${payment.amountCents}`);
      }
      return status();
    },
    { validator: (payment) => validateCommand(input, state, { kind: 'payment', payment }, new Date()) },
  );
  wf.setHandler(
    pauseUpdate,
    ({ reason, until }) => {
      state.pause = { reason, until: until ?? null };
      state.status = 'paused';
      touch('paused', reason);
      return status();
    },
    { validator: (p) => validateCommand(input, state, { kind: 'pause', until: p.until }, new Date()) },
  );
  wf.setHandler(
    resumeUpdate,
    () => {
      resumeLadder('resumed');
      return status();
    },
    { validator: check({ kind: 'resume' }) },
  );
  wf.setHandler(
    cancelUpdate,
    ({ reason }) => {
      state.status = 'cancelled';
      state.cancelReason = reason;
      touch('cancelled', reason);
      return status();
    },
    { validator: check({ kind: 'cancel' }) },
  );
  wf.setHandler(
    promiseToPayUpdate,
    ({ date }) => {
      const graceMs = input.policy.promiseToPay.graceDays * dayMs(input.policy);
      const dateStartMs = promiseDateMs(date);
      state.promise = { date, resumeAt: new Date(dateStartMs + graceMs).toISOString() };
      state.status = 'paused';
      touch('promise-to-pay', date);
      return status();
    },
    { validator: (p) => validateCommand(input, state, { kind: 'promise', date: p.date }, new Date()) },
  );
  wf.setHandler(
    openDisputeUpdate,
    ({ reason }) => {
      state.dispute = { reason, openedAt: new Date().toISOString() };
      state.status = 'disputed';
      touch('dispute-opened', reason);
      return status();
    },
    { validator: check({ kind: 'dispute' }) },
  );
  wf.setHandler(
    resolveDisputeUpdate,
    ({ outcome }) => {
      state.dispute = null;
      if (outcome === 'upheld') {
        // The debtor was right: the claim is withdrawn (credit note upstream).
        state.status = 'cancelled';
        state.cancelReason = 'dispute upheld';
        touch('dispute-upheld');
      } else {
        resumeLadder('dispute-rejected');
      }
      return status();
    },
    { validator: check({ kind: 'resolve-dispute' }) },
  );
  wf.setHandler(
    acceptPaymentPlanUpdate,
    ({ instalments }) => {
      const now = new Date();
      state.plansStarted++;
      state.plan = {
        planNumber: state.plansStarted,
        paidAtStartCents: amounts(input, state).paidCents,
        instalments: planInstalments(input, amounts(input, state).dueCents, instalments, now),
        status: 'active',
        // Plans agreed before confirmations existed replay without one.
        ...(wf.patched('plan-confirmation') ? { confirmed: false } : {}),
      };
      state.promise = null;
      state.pause = null;
      state.pendingFallbacks = [];
      state.status = 'in_plan';
      state.stage = 'payment-plan';
      touch('plan-accepted', String(instalments));
      return status();
    },
    {
      validator: (p) =>
        validateCommand(input, state, { kind: 'plan', instalments: p.instalments }, new Date()),
    },
  );
  function applyDelivery({ messageId, status: delivery, at }: DeliveryInput): void {
    const message = state.messages.find((m) => m.messageId === messageId);
    if (!message) {
      // A provider can report before the send's own result reached the workflow: keep it for then.
      if (state.earlyDeliveries.length < 50) state.earlyDeliveries.push({ messageId, status: delivery, at });
      return;
    }
    if (message.history.some((h) => h.status === delivery)) return; // a duplicate report
    message.history.push({ status: delivery, at });
    if (FAILED_DELIVERY.has(delivery)) {
      const alreadyFailed = FAILED_DELIVERY.has(message.status);
      message.status = laterDeliveryStatus(message.status, delivery);
      if (alreadyFailed) return; // a second failure report changes nothing
      if (!state.failedChannels.includes(message.channel)) state.failedChannels.push(message.channel);
      const isLatest = latestMessageFor(state, message.stepKey)?.messageId === messageId;
      const isRequest = message.template !== 'contact-update-request'; // no fallback chain for the request itself
      if (isLatest && isRequest && !isClosed(state) && !state.pendingFallbacks.includes(message.stepKey)) {
        state.pendingFallbacks.push(message.stepKey);
      }
      touch('delivery-failed', `${message.channel}:${delivery}`);
    } else {
      message.status = laterDeliveryStatus(message.status, delivery);
      if (delivery === 'opened' || delivery === 'clicked') state.engagedChannel = message.channel;
    }
    reviewCosts(message);
  }

  /** The 14-day letter's cost clock follows what is known of its delivery (see policy/receipt.ts). */
  function reviewCosts(cause?: MessageRecord): void {
    if (!state.lawfulDeadlines) return;
    const events = reviewCostClock(input, state, new Date(), cause);
    for (const event of events) touch(event.kind, event.detail);
    // Costs withdrawn after the debtor paid them leave money the creditor must refund: say so. Runs
    // recorded before this replay without it.
    if (events.some((e) => e.kind === 'costs-withdrawn') && wf.patched('overpaid-after-withdrawn-costs')) {
      const overpaid = amounts(input, state).overpaidCents ?? 0;
      if (overpaid > 0) touch('overpaid', String(overpaid));
    }
  }
  wf.setHandler(deliverySignal, applyDelivery);
  wf.setHandler(contactUpdatedSignal, (contact) => {
    const debtor = state.debtor;
    if (contact.language) debtor.language = contact.language;
    if (contact.reachability) {
      debtor.reachability = contact.reachability;
      state.failedChannels = []; // new contact data deserves a new chance
    }
    if (contact.preferredChannel !== undefined)
      debtor.preferredChannel = contact.preferredChannel ?? undefined;
    if (contact.payday !== undefined) debtor.payday = contact.payday ?? undefined;
    touch('contact-updated');
  });

  // ---- direct debit ----

  wf.setHandler(
    inviteDirectDebitUpdate,
    async ({ collectionDay }) => {
      const previous = state.directDebit;
      const invitations = (previous?.invitations ?? 0) + 1;
      let invitation: Awaited<ReturnType<typeof acts.inviteMandate>>;
      try {
        invitation = await acts.inviteMandate({
          ...ref,
          debtorId: state.debtor.id,
          idempotencyKey: `${keyBase}:mandate-${invitations}`,
          amountCents: directDebitLimits(input.policy).verificationCents,
        });
      } catch (error) {
        throw refusalFrom(error, 'direct debit is not available');
      }
      const directDebit: DirectDebitState = {
        status: 'invited',
        collectionDay,
        invitations,
        checkoutUrl: invitation.checkoutUrl,
        mandate: null,
        collections: previous?.collections ?? [],
        endReason: null,
        // The offer the debtor accepts states the policy's pre-notification period.
        agreedLeadDays: directDebitLimits(input.policy).leadDays,
      };
      state.directDebit = directDebit;
      if (invitation.mandate) activateMandate(directDebit, invitation.mandate);
      touch(invitation.mandate ? 'mandate-reused' : 'direct-debit-invited', String(collectionDay));
      return status();
    },
    {
      validator: ({ collectionDay }) =>
        validateCommand(input, state, { kind: 'invite-direct-debit', collectionDay }, new Date()),
    },
  );
  wf.setHandler(
    endDirectDebitUpdate,
    ({ reason }) => {
      if (state.directDebit) endDirectDebit(state.directDebit, reason);
      state.lastStepAt = new Date().toISOString();
      touch('direct-debit-ended', reason);
      return status();
    },
    { validator: check({ kind: 'end-direct-debit' }) },
  );
  wf.setHandler(mandateGrantedSignal, (mandate) => {
    const directDebit = state.directDebit;
    // Only an open invitation turns into collections: a late first payment after an end changes nothing.
    if (directDebit?.status !== 'invited' || isClosed(state)) return;
    activateMandate(directDebit, mandate);
    touch('mandate-granted');
  });
  wf.setHandler(collectionFailedSignal, (failure) => {
    const directDebit = state.directDebit;
    if (!directDebit) return;
    const collection = directDebit.collections.find((c) => c.providerPaymentId === failure.providerPaymentId);
    if (!collection) {
      // Reported before the submission's own result reached the workflow: apply it then.
      if (earlyCollectionFailures.length < 10) earlyCollectionFailures.push(failure);
      return;
    }
    applyFailure(failure);
  });
  const earlyCollectionFailures: CollectionFailedInput[] = [];

  function applyFailure(failure: CollectionFailedInput): void {
    const directDebit = state.directDebit;
    if (!directDebit) return;
    const outcome = applyCollectionFailure(input.policy, directDebit, failure);
    if (outcome === 'ignored') return;
    // Back on the ladder, the next step keeps its distance from this moment.
    if (outcome === 'ended') state.lastStepAt = new Date().toISOString();
    touch(outcome === 'ended' ? 'direct-debit-ended' : 'collection-failed', failure.reason);
  }

  function markCollectionPaid(providerPaymentId: string | undefined, paidAt: string): void {
    const collection = state.directDebit?.collections.find(
      (c) => providerPaymentId !== undefined && c.providerPaymentId === providerPaymentId,
    );
    if (!collection) return;
    collection.outcome = 'paid';
    collection.paidAt = paidAt;
  }

  wf.setHandler(
    recordChargebackUpdate,
    (chargeback) => {
      const wasPaid = state.status === 'paid';
      if (!applyChargeback(input, state, chargeback)) return status();
      if (state.directDebit) reverseCollection(state.directDebit, chargeback.providerPaymentId);
      // Reopened: the ladder goes on from where it was, keeping its distance from this moment.
      if (wasPaid && state.status !== 'paid') state.lastStepAt = new Date().toISOString();
      touch(
        wasPaid && state.status !== 'paid' ? 'reopened-by-chargeback' : 'chargeback',
        String(chargeback.amountCents),
      );
      return status();
    },
    {
      validator: (chargeback) =>
        validateCommand(
          input,
          state,
          { kind: 'chargeback', amountCents: chargeback.amountCents },
          new Date(),
        ),
    },
  );

  function resumeLadder(kind: string): void {
    state.pause = null;
    state.promise = null;
    state.status = state.plan?.status === 'active' ? 'in_plan' : 'open';
    touch(kind);
  }

  function promiseDateMs(date: string): number {
    // Demo policies compress days: a promised date is counted in policy days from today.
    if (input.policy.secondsPerDay) {
      const days = Math.max(0, Math.round((Date.parse(date) - Date.parse(today(new Date()))) / 86_400_000));
      return Date.now() + days * dayMs(input.policy);
    }
    return Date.parse(`${addDays(date, 1)}T00:00:00Z`);
  }

  // ---- executing decisions ----

  async function paymentUrl(key: string, amountCents: number): Promise<string> {
    const link = state.paymentLink;
    const now = Date.now();
    const freshEnough = link && Date.parse(link.expiresAt) - now > 2 * dayMs(input.policy);
    if (link && freshEnough && link.amountCents === amountCents) return link.url;
    const expiresAt = new Date(now + input.policy.paymentLinkValidDays * dayMs(input.policy)).toISOString();
    const minted = await acts.ensurePaymentLink({
      ...ref,
      idempotencyKey: `${keyBase}:${key}:link`,
      amountCents,
      expiresAt,
    });
    state.paymentLink = { url: minted.url, amountCents, expiresAt: minted.expiresAt };
    return minted.url;
  }

  /** The deadline date the last send() stated in its message, if any. */
  let lastStatedDate: string | undefined;

  /** Sends on the best channel; on a permanent channel failure tries the next. Returns the channel used. */
  async function send(
    stepKey: string,
    template: TemplateId,
    channels: 'preferred' | Channel[],
    extra: { instalment?: Instalment; collection?: DirectDebitCollection; plan?: PlanState } = {},
  ): Promise<Channel | null> {
    const due = amounts(input, state);
    const payAmount = extra.instalment?.amountCents ?? due.dueCents;
    const payUrl = await paymentUrl(extra.instalment ? `${stepKey}:instalment` : stepKey, payAmount);
    const facts = noticeFacts(input, state, template, new Date());
    lastStatedDate = facts.deadline;
    /** Channels whose message could not be rendered for this send: passed over now, tried again next time. */
    const unrenderable: Channel[] = [];
    for (;;) {
      const candidates = channelCandidates(channels, {
        reachability: state.debtor.reachability,
        preferred: state.debtor.preferredChannel,
        failed: [...state.failedChannels, ...unrenderable],
        engaged: state.engagedChannel,
      });
      const channel = candidates[0];
      if (!channel) {
        touch('unreachable', stepKey);
        return null;
      }
      try {
        const sent = await acts.sendMessage({
          ...ref,
          idempotencyKey: `${keyBase}:${stepKey}:${channel}`,
          requestedAt: new Date().toISOString(),
          debtorId: state.debtor.id,
          stepKey,
          channel,
          template,
          amounts: due,
          dueDate: input.dueDate,
          payUrl,
          ...facts,
          ...(extra.instalment
            ? {
                instalment: {
                  number: extra.instalment.number,
                  of: state.plan?.instalments.length ?? 0,
                  amountCents: extra.instalment.amountCents,
                  dueDate: extra.instalment.dueDate,
                },
              }
            : {}),
          ...(extra.collection
            ? {
                collection: {
                  amountCents: extra.collection.amountCents,
                  date: extra.collection.collectDate,
                  ...(state.directDebit?.mandate
                    ? { mandateReference: state.directDebit.mandate.mandateId }
                    : {}),
                },
              }
            : {}),
          ...(extra.plan ? { plan: planFacts(extra.plan) } : {}),
        });
        const at = new Date().toISOString();
        state.messages.push({
          messageId: sent.messageId,
          stepKey,
          channel,
          template,
          status: 'sent',
          history: [{ status: 'sent', at }],
          ...(sent.postedOn ? { postedOn: sent.postedOn } : {}),
        });
        const early = state.earlyDeliveries.filter((d) => d.messageId === sent.messageId);
        state.earlyDeliveries = state.earlyDeliveries.filter((d) => d.messageId !== sent.messageId);
        for (const delivery of early) applyDelivery(delivery);
        if (sent.overrideFallback)
          touch('template-override-failed', `${channel}:${template}:v${sent.overrideFallback.version}`);
        return channel;
      } catch (error) {
        if (!(error instanceof wf.ActivityFailure) || !(error.cause instanceof wf.ApplicationFailure))
          throw error;
        // A text that cannot be rendered says nothing about the channel: later steps use it again.
        if (error.cause.type === 'TemplateError' && wf.patched('template-failure-keeps-channel'))
          unrenderable.push(channel);
        else state.failedChannels.push(channel);
        touch('channel-failed', `${channel}:${error.cause.type ?? 'error'}`);
      }
    }
  }

  /**
   * Small periodic claims: asks what the debtor's other terms at this creditor already bear, so this one
   * is charged (or its 14-day letter states) only the rest of one term's costs. The answer is in the
   * history, so a replay charges the same. Runs recorded before the cap existed never ask.
   */
  async function askPeriodicCosts(question: PeriodicCostsQuestion | null, charge: boolean): Promise<void> {
    if (!question || !wf.patched('periodic-costs-cap')) return;
    const answer = await acts.periodicCosts({ ...ref, debtorId: state.debtor.id, ...question, charge });
    state.periodicCosts = { owedOn: question.owedOn, allowedCents: answer.allowedCents, charged: charge };
    if (answer.allowedCents < question.singleTermCents) {
      touch(charge ? 'periodic-costs-capped' : 'periodic-costs-stated', `${answer.allowedCents}`);
    }
  }

  async function execute(decision: Exclude<Decision, { kind: 'close' | 'wait-for-signal' }>): Promise<void> {
    switch (decision.kind) {
      case 'resume':
        resumeLadder(state.promise ? 'promise-expired' : 'pause-ended');
        return;
      case 'fallback': {
        const stepKey = decision.stepKey;
        const previous = latestMessageFor(state, stepKey);
        state.pendingFallbacks.shift();
        if (!previous) return;
        const step = input.policy.steps.find((s) => s.id === stepKey);
        const channel = await send(stepKey, previous.template, step?.channels ?? 'preferred');
        // A resend restarts the 14-day letter's clock; one that names a later day extends the wait.
        if (channel && step && state.lawfulDeadlines) {
          reviewCosts();
          const stated = statedDeadlineOf(input.policy, step, lastStatedDate, new Date());
          state.statedDeadline = laterDeadline(state.statedDeadline, stated);
        }
        // The debtor's address or number failed: ask for correct details on the channel that works.
        if (channel && channel !== 'letter' && previous.channel !== 'letter') {
          await send(`${stepKey}:contact-update`, 'contact-update-request', 'preferred');
        }
        return;
      }
      case 'step': {
        const step = decision.step;
        await askPeriodicCosts(periodicCostsToCharge(input, state, new Date()), true);
        // Runs recorded before payments were allocated (art. 6:44 BW) replay with their older charges;
        // from their next step on they too charge interest only on what is unpaid.
        refreshCharges(input, state, new Date(), wf.patched('charges-allocated'));
        state.stage = step.id;
        if (step.id === 'handover') {
          await acts.handOver({
            ...ref,
            amounts: amounts(input, state),
            idempotencyKey: `${keyBase}:handover`,
            at: new Date().toISOString(),
          });
          state.status = 'handed_over';
        }
        const template = step.id === 'handover' ? null : step.template;
        if (template) await askPeriodicCosts(periodicCostsToState(input, state, template, new Date()), false);
        const channel = template ? await send(step.id, template, step.channels) : null;
        const outcome = recordStepOutcome(input, state, step, channel, lastStatedDate, new Date());
        for (const event of outcome) touch(event.kind, event.detail);
        touch('step', step.id);
        return;
      }
      case 'instalment-reminder':
        await send(instalmentKey(decision.instalment, 'due'), 'instalment-due', 'preferred', {
          instalment: decision.instalment,
        });
        decision.instalment.reminded = true;
        touch('instalment-reminder', String(decision.instalment.number));
        return;
      case 'instalment-follow-up':
        await send(instalmentKey(decision.instalment, 'missed'), 'instalment-missed', 'preferred', {
          instalment: decision.instalment,
        });
        decision.instalment.followedUp = true;
        touch('instalment-follow-up', String(decision.instalment.number));
        return;
      case 'direct-debit-notice': {
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
          calendar: wf.patched('target2-collection-days') ? 'target2' : 'dutch-business-days',
        });
        directDebit.collections.push(collection);
        // In a plan the notice, its amounts and its pay link are about the instalment being collected.
        const notified = await send(`direct-debit-${collection.number}`, template, 'preferred', {
          collection,
          ...(instalment ? { instalment } : {}),
        });
        // SEPA collects only after a pre-notification: none reached the debtor (no channel, or no
        // creditor identifier to name), so nothing is collected and the ladder takes over again.
        if (!notified && wf.patched('no-collection-without-notice')) {
          endDirectDebit(directDebit, NO_NOTICE_REASON);
          state.lastStepAt = new Date().toISOString();
          touch('direct-debit-ended', NO_NOTICE_REASON);
          return;
        }
        touch('collection-announced', `${collection.number}:${collection.collectDate}`);
        return;
      }
      case 'direct-debit-collect':
        await collect(decision.collection);
        return;
      case 'plan-confirmation': {
        const plan = state.plan!;
        await send(`plan${plan.planNumber}-confirmation`, 'plan-confirmation', 'preferred', {
          instalment: plan.instalments[0]!,
          plan,
        });
        plan.confirmed = true;
        touch('plan-confirmed', String(plan.planNumber));
        return;
      }
      case 'plan-broken':
        if (state.plan) state.plan.status = 'broken';
        state.status = 'open';
        // The ladder resumes for the remainder after a fresh gap from now.
        state.lastStepAt = new Date().toISOString();
        touch('plan-broken');
        return;
    }
  }

  async function collect(collection: DirectDebitCollection): Promise<void> {
    const directDebit = state.directDebit!;
    // Whatever the debtor paid since the announcement is not collected again.
    const amountCents = Math.min(collection.amountCents, collectibleCents(input, state));
    if (amountCents === 0 || !directDebit.mandate) {
      collection.outcome = 'skipped';
      touch('collection-skipped', String(collection.number));
      return;
    }
    try {
      const submitted = await acts.collectDirectDebit({
        ...ref,
        idempotencyKey: `${keyBase}:direct-debit-${collection.number}:collect`,
        customerId: directDebit.mandate.customerId,
        mandateId: directDebit.mandate.mandateId,
        amountCents,
      });
      collection.amountCents = amountCents;
      collection.providerPaymentId = submitted.providerPaymentId;
      collection.outcome = 'pending';
      touch('collection-submitted', String(collection.number));
    } catch (error) {
      if (!(error instanceof wf.ActivityFailure) || !(error.cause instanceof wf.ApplicationFailure))
        throw error;
      endDirectDebit(directDebit, `collection refused: ${error.cause.type ?? 'error'}`);
      state.lastStepAt = new Date().toISOString();
      touch('direct-debit-ended', error.cause.type ?? undefined);
      return;
    }
    // The PSP may have reported before this result was recorded.
    if (state.payments.some((p) => p.providerPaymentId === collection.providerPaymentId))
      collection.outcome = 'paid';
    const early = earlyCollectionFailures.filter((f) => f.providerPaymentId === collection.providerPaymentId);
    for (const failure of early) applyFailure(failure);
  }

  function planFacts(plan: PlanState) {
    // The later instalments are the regular amount; the first one carries any remainder cents.
    return {
      instalments: plan.instalments.length,
      instalmentAmountCents: plan.instalments.at(-1)!.amountCents,
      firstDueDate: plan.instalments[0]!.dueDate,
    };
  }

  function instalmentKey(instalment: Instalment, what: string): string {
    return `plan${state.plan?.planNumber ?? 0}-instalment-${instalment.number}-${what}`;
  }

  // ---- the main loop ----

  let lastSynced = '';
  let syncs = 0;
  /** The `version` whose events the last sync carried to Settle's records (the timeline reads them). */
  let syncedVersion = -1;
  async function syncIfChanged(reason: string): Promise<void> {
    const due = amounts(input, state);
    const fingerprint = JSON.stringify([
      state.status,
      state.stage,
      due,
      state.nextAction,
      state.paymentLink?.url,
      state.messages.length,
    ]);
    if (fingerprint === lastSynced) return;
    lastSynced = fingerprint;
    syncedVersion = version;
    wf.upsertSearchAttributes([
      { key: SEARCH_ATTRIBUTES.stage, value: state.stage },
      { key: SEARCH_ATTRIBUTES.amountDueCents, value: due.dueCents },
      { key: SEARCH_ATTRIBUTES.nextActionAt, value: state.nextAction ? new Date(state.nextAction.at) : null },
    ]);
    syncs++;
    await acts.syncInvoice({
      ...ref,
      state,
      amounts: due,
      reason,
      auditKey: `${workflowId}:${wf.workflowInfo().runId}:${syncs}`,
      closed: isClosed(state),
    });
  }

  let lastEvent = 'started';
  async function walkLadder(): Promise<void> {
    for (;;) {
      if (wf.workflowInfo().continueAsNewSuggested && !isClosed(state)) {
        await wf.condition(wf.allHandlersFinished);
        // An input recorded with a description (older API versions) does not pass it on to the next run.
        const { description: _recordedDescription, ...continued } = input;
        await wf.continueAsNew<typeof dunningWorkflow>({ ...continued, carried: state });
      }
      const decision = decide(input, state, new Date(), workflowId);
      // Taken before any await: a signal or update arriving during the sync must wake the wait below.
      const seen = version;
      state.nextAction = nextActionOf(decision);
      await syncIfChanged(state.events.at(-1)?.kind ?? lastEvent);
      if (decision.kind === 'close') {
        // Paid by direct debit: the debtor may still reverse a collection; reopen if they do. Invoices
        // that completed before this wait existed replay without it.
        const windowEnd = chargebackWindowEnd(input.policy, state);
        if (windowEnd && wf.patched('chargeback-window')) {
          const delay = windowEnd.getTime() - Date.now();
          if (delay > 0 && (await wf.condition(() => version !== seen, delay))) continue;
        }
        break;
      }
      if (decision.kind === 'wait-for-signal') {
        await wf.condition(() => version !== seen);
        continue;
      }
      const delay = decision.at.getTime() - Date.now();
      if (delay > 0 && (await wf.condition(() => version !== seen, delay))) continue;
      lastEvent = decision.kind;
      await execute(decision);
    }
  }

  try {
    await walkLadder();
  } catch (error) {
    // Cancelled by an operator (Temporal UI or CLI): Settle's records and the debtor's page follow
    // before the run ends as cancelled. Runs cancelled before this existed replay as they ended.
    if (!wf.isCancellation(error) || !wf.patched('record-cancellation')) throw error;
    state.status = 'cancelled';
    state.cancelReason = 'cancelled in Temporal';
    touch('cancelled-in-temporal');
    await wf.CancellationScope.nonCancellable(() => syncIfChanged('cancelled-in-temporal'));
    throw error;
  }
  await wf.condition(wf.allHandlersFinished);
  // Events after the last sync (a report that came in while it ran) still reach the closed invoice's
  // timeline. Runs that closed before this replay as they ended.
  if (version !== syncedVersion && wf.patched('timeline-events-stored')) {
    syncs++;
    await acts.syncInvoice({
      ...ref,
      state,
      amounts: amounts(input, state),
      reason: state.events.at(-1)?.kind ?? lastEvent,
      auditKey: `${workflowId}:${wf.workflowInfo().runId}:${syncs}`,
      closed: isClosed(state),
    });
    await wf.condition(wf.allHandlersFinished);
  }
  return status();
}
