// The what-if simulator: walks each invoice of a population through a policy in simulated time, day
// by day, with the workflow's own code — decide(), the calendar and contact hours inside it,
// refreshCharges() and the statutory costs, noticeFacts(), channelCandidates(), recordStepOutcome() and
// the payment command's apply — and lets each debtor pay in full on a day with the response model's
// probability. Only the effects are left out: no activity runs, a message simply goes out.
import { type CommandContext, recordPayment } from '../workflows/commands/index.js';
import { dunningWorkflowId } from '../workflows/definitions.js';
import type { Channel } from '../workflows/domain.js';
import { CHANNELS } from '../workflows/domain.js';
import {
  amounts,
  type Decision,
  decide,
  initialState,
  isClosed,
  noticeFacts,
  refreshCharges,
  today,
} from '../workflows/dunning-logic.js';
import type { DunningInput, DunningState } from '../workflows/dunning-types.js';
import { daysBetween } from '../workflows/policy/calendar.js';
import { channelCandidates } from '../workflows/policy/channels.js';
import {
  type DunningPolicy,
  defaultPolicyId,
  isHandover,
  type LadderStep,
  POLICIES,
  stepKind,
} from '../workflows/policy/ladder.js';
import { DEFAULT_POSTING, type PostingSchedule, postingDate } from '../workflows/policy/receipt.js';
import { recordStepOutcome } from '../workflows/step-outcome.js';
import { dateAfter, type Population, type SimInvoice } from './population.js';
import { debtorRandom, type Random } from './prng.js';
import { dailyHazard, type LastMessage, type ResponseModel } from './response-model.js';

const DAY_MS = 86_400_000;

/**
 * Temporal actions one invoice's workflow takes (billed per action on Temporal Cloud): the start, its
 * syncs, search-attribute upserts and timers (8 for a run whatever it does), each message (timer,
 * activity, sync, upsert, the delivery report's signal: 5), each payment (the update and its sync: 2)
 * and the handover activity (1). Estimated from recorded histories, not measured per run.
 */
export const TEMPORAL_ACTIONS = { perInvoice: 8, perMessage: 5, perPayment: 2, perHandover: 1 } as const;

/** Days a simulation follows its invoices: past every shipped ladder's handover. */
export const DEFAULT_HORIZON_DAYS = 180;

/** Temporal Cloud's list price per million actions, in euros, when the configuration sets none. */
export const DEFAULT_ACTION_PRICE_PER_MILLION_EUR = 25;

export interface SimulationOptions {
  /** When the invoices are created (their dates count from it). */
  start: Date;
  /** Days simulated; an invoice unpaid by then counts as unpaid until then. */
  horizonDays: number;
  model: ResponseModel;
  /** Seeds the debtors' daily decisions to pay. */
  seed: number;
  actionPricePerMillionEur?: number;
  posting?: PostingSchedule;
  tenantId?: string;
}

/** What happened to one invoice. */
export interface InvoiceOutcome {
  invoiceId: string;
  policyId: string;
  principalCents: number;
  /** Principal paid (payments allocated to costs and interest first, art. 6:44 BW). */
  principalPaidCents: number;
  paidCents: number;
  /** When it was paid in full, if it was within the horizon. */
  paidAt: string | null;
  /** Days from the issue date to payment, or to the horizon when unpaid. */
  days: number;
  messages: { stepId: string; channel: Channel; at: string }[];
  collectionCostsCents: number;
  handedOver: boolean;
}

/** The debtor's day: uniform draws in [0, 1), one per simulated day, in order. */
export type DailyDraws = Random;

/**
 * One invoice through the workflow's decisions, a day at a time: at each day's start (from `start`)
 * the ladder steps due by then go out, then the debtor pays what is due when `draws()` falls below the
 * day's hazard. `workflowId` spreads send times over contact hours exactly as the workflow does.
 */
export function simulateInvoice(
  input: DunningInput,
  workflowId: string,
  draws: DailyDraws,
  options: Pick<SimulationOptions, 'start' | 'horizonDays' | 'model' | 'posting'>,
): InvoiceOutcome {
  const state = initialState(input);
  // The rules of runs started today (the workflow's patch release-2026-12).
  state.lawfulDeadlines = true;
  state.freshPaymentDeadline = true;
  state.linkOnDemand = true;
  const posting = options.posting ?? DEFAULT_POSTING;
  const messages: InvoiceOutcome['messages'] = [];
  let last: LastMessage | null = null;
  let clock = options.start;
  let paidAt: string | null = null;
  let decision: Decision | undefined;
  for (let day = 0; day <= options.horizonDays && !isClosed(state); day++) {
    const dayStart = new Date(options.start.getTime() + day * DAY_MS);
    for (;;) {
      // Only a step or a payment changes what decide() answers: it is asked again after either.
      decision ??= decide(input, state, clock, workflowId);
      if (decision.kind !== 'step' || decision.at.getTime() > dayStart.getTime()) break;
      const sent = takeStep(input, state, decision.step, decision.at, posting);
      if (sent) {
        messages.push({ stepId: decision.step.id, channel: sent, at: decision.at.toISOString() });
        last = { kind: stepKind(decision.step), channel: sent, sentAt: decision.at };
      }
      clock = decision.at;
      decision = undefined;
      if (isClosed(state)) break;
    }
    if (isClosed(state)) break;
    if (draws() < dailyHazard(options.model, last, dayStart)) {
      const due = amounts(input, state).dueCents;
      const ctx: CommandContext = {
        input,
        state,
        now: dayStart,
        patched: () => true,
        earlyCollectionFailures: [],
      };
      const payment = {
        dedupeKey: `sim:${day}`,
        amountCents: due,
        paidAt: dayStart.toISOString(),
        source: 'manual' as const,
      };
      recordPayment.validate(ctx, payment);
      recordPayment.apply(ctx, payment);
      paidAt = payment.paidAt;
    }
  }
  const end = amounts(input, state);
  const horizon = dateAfter(options.start, options.horizonDays);
  return {
    invoiceId: input.invoiceId,
    policyId: input.policy.id,
    principalCents: input.principalCents,
    principalPaidCents: end.parts.principal.paidCents,
    paidCents: end.paidCents,
    paidAt: state.status === 'paid' ? paidAt : null,
    days: daysBetween(input.issueDate, state.status === 'paid' && paidAt ? today(new Date(paidAt)) : horizon),
    messages,
    collectionCostsCents: state.costsCents + state.costsVatCents,
    handedOver: state.status === 'handed_over',
  };
}

/** The workflow's takeStep without its effects; returns the channel the message went out on. */
function takeStep(
  input: DunningInput,
  state: DunningState,
  step: LadderStep,
  at: Date,
  posting: PostingSchedule,
): Channel | null {
  refreshCharges(input, state, at);
  state.stage = step.id;
  if (isHandover(step)) state.status = 'handed_over';
  const template = isHandover(step) ? null : step.template;
  let channel: Channel | null = null;
  let stated: string | undefined;
  if (template) {
    stated = noticeFacts(input, state, template, at).deadline;
    channel =
      channelCandidates(step.channels, {
        reachability: state.debtor.reachability,
        preferred: state.debtor.preferredChannel,
        failed: state.failedChannels,
        engaged: state.engagedChannel,
      })[0] ?? null;
    if (channel) {
      const sentAt = at.toISOString();
      state.messages.push({
        messageId: `sim:${step.id}`,
        stepKey: step.id,
        channel,
        template,
        status: 'sent',
        history: [{ status: 'sent', at: sentAt }],
        ...(channel === 'letter' ? { postedOn: postingDate(at, posting) } : {}),
      });
    }
  }
  recordStepOutcome(input, state, step, channel, stated, at);
  return channel;
}

/** The workflow input an invoice of the population gets under `policy`. */
export function inputFor(
  invoice: SimInvoice,
  policy: DunningPolicy,
  start: Date,
  tenantId: string,
): DunningInput {
  return {
    tenantId,
    invoiceId: invoice.invoiceId,
    debtor: {
      id: `SIM-D-${invoice.index}`,
      segment: invoice.segment,
      language: 'nl',
      reachability: invoice.reachability,
      ...(invoice.preferredChannel ? { preferredChannel: invoice.preferredChannel } : {}),
    },
    principalCents: invoice.principalCents,
    currency: 'EUR',
    issueDate: dateAfter(start, invoice.issueInDays),
    dueDate: dateAfter(start, invoice.dueInDays),
    policy,
  };
}

export interface SimulationResult {
  policyId: string;
  invoices: number;
  horizonDays: number;
  principalCents: number;
  principalRecoveredCents: number;
  /** Principal paid within the horizon, of all principal (handed-over claims count as not recovered). */
  recoveredPercent: number;
  /** Principal-weighted mean days from issue to payment; unpaid invoices count until the horizon. */
  dsoDays: number;
  paidInvoices: number;
  handedOver: number;
  messagesPerChannel: Record<Channel, number>;
  messagesPerInvoice: number;
  collectionCostsChargedCents: number;
  temporalActions: number;
  /** Temporal Cloud cost per invoice, in euros. */
  costPerInvoiceEur: number;
}

/** Runs the population through `policy` (invoices of the other segment through its shipped default). */
export function simulate(
  population: Population,
  policy: DunningPolicy,
  options: SimulationOptions,
): SimulationResult {
  const tenantId = options.tenantId ?? 'simulation';
  const outcomes = population.invoices.map((invoice) => {
    const own = policy.segment === invoice.segment ? policy : POLICIES[defaultPolicyId(invoice.segment)]!;
    const input = inputFor(invoice, own, options.start, tenantId);
    return simulateInvoice(
      input,
      dunningWorkflowId(tenantId, invoice.invoiceId),
      debtorRandom(options.seed, invoice.index, 'behaviour'),
      options,
    );
  });
  return summarise(policy.id, outcomes, options);
}

export function summarise(
  policyId: string,
  outcomes: InvoiceOutcome[],
  options: Pick<SimulationOptions, 'horizonDays' | 'actionPricePerMillionEur'>,
): SimulationResult {
  const sum = (f: (o: InvoiceOutcome) => number) => outcomes.reduce((total, o) => total + f(o), 0);
  const principalCents = sum((o) => o.principalCents);
  const principalRecoveredCents = sum((o) => o.principalPaidCents);
  const messagesPerChannel = Object.fromEntries(CHANNELS.map((c) => [c, 0])) as Record<Channel, number>;
  for (const o of outcomes) for (const m of o.messages) messagesPerChannel[m.channel]++;
  const messages = sum((o) => o.messages.length);
  const paidInvoices = outcomes.filter((o) => o.paidAt !== null).length;
  const handedOver = outcomes.filter((o) => o.handedOver).length;
  const temporalActions = temporalActionsOf({
    invoices: outcomes.length,
    messages,
    payments: paidInvoices,
    handovers: handedOver,
  });
  const price = options.actionPricePerMillionEur ?? DEFAULT_ACTION_PRICE_PER_MILLION_EUR;
  return {
    policyId,
    invoices: outcomes.length,
    horizonDays: options.horizonDays,
    principalCents,
    principalRecoveredCents,
    recoveredPercent: principalCents === 0 ? 0 : (100 * principalRecoveredCents) / principalCents,
    dsoDays: principalCents === 0 ? 0 : sum((o) => o.principalCents * o.days) / principalCents,
    paidInvoices,
    handedOver,
    messagesPerChannel,
    messagesPerInvoice: outcomes.length === 0 ? 0 : messages / outcomes.length,
    collectionCostsChargedCents: sum((o) => o.collectionCostsCents),
    temporalActions,
    costPerInvoiceEur: outcomes.length === 0 ? 0 : costOfActions(temporalActions, price) / outcomes.length,
  };
}

export function temporalActionsOf(counts: {
  invoices: number;
  messages: number;
  payments: number;
  handovers: number;
}): number {
  return (
    counts.invoices * TEMPORAL_ACTIONS.perInvoice +
    counts.messages * TEMPORAL_ACTIONS.perMessage +
    counts.payments * TEMPORAL_ACTIONS.perPayment +
    counts.handovers * TEMPORAL_ACTIONS.perHandover
  );
}

/** Euros for `actions` Temporal actions at `pricePerMillionEur`. */
export function costOfActions(actions: number, pricePerMillionEur: number): number {
  return (actions * pricePerMillionEur) / 1_000_000;
}
