// Pure, deterministic decisions of the dunning workflow: (input, state, now) → what happens next.
// The workflow only executes these decisions; everything here is unit-testable without Temporal.
import { openCollection } from './direct-debit-logic.js';
import type { TemplateId } from './domain.js';
import type {
  Amounts,
  DirectDebitCollection,
  DirectDebitState,
  DunningInput,
  DunningState,
  Instalment,
  MessageRecord,
  PlanState,
} from './dunning-types.js';
import {
  addDays,
  alignSendTime,
  DEFAULT_PAYDAY,
  fromAmsterdamLocal,
  toAmsterdamParts,
} from './policy/calendar.js';
import {
  dayMs,
  isFormalNotice,
  isHandover,
  isPaymentRequest,
  type LadderStep,
  statesDeadline,
  stepWithTemplate,
} from './policy/ladder.js';
import { freshPaymentDeadline } from './policy/payment-deadline.js';
import { isSmallPeriodicClaim, type PeriodicCostsQuestion } from './policy/periodic-costs.js';
import { nextStepNotBefore } from './policy/stated-deadlines.js';

export { dayMs };

import { allocatePayments, type ClaimTerms, type DatedPayment } from './policy/allocation.js';
import {
  businessCollectionCosts,
  type CollectionCosts,
  capCollectionCosts,
  statutoryCollectionCosts,
  statutoryInterest,
  WIK_MINIMUM_CENTS,
} from './policy/money.js';

/** Never two ladder steps closer together than this, even for invoices created long overdue. */
export const MIN_STEP_GAP_DAYS = 3;

export function initialState(input: DunningInput): DunningState {
  const carried = input.reopened?.charges;
  return {
    status: 'open',
    stage: 'created',
    nextStepIndex: 0,
    lastStepAt: null,
    // A run reopened by a reversal owes the closed run's costs and interest as they were charged.
    costsCents: carried?.costsCents ?? 0,
    costsVatCents: carried?.costsVatCents ?? 0,
    interestCents: carried?.interestCents ?? 0,
    costDeadline: null,
    // A run reopened by a reversal starts from the ledger so far: it collects exactly what was reversed.
    payments: input.reopened ? [...input.reopened.payments] : [],
    messages: [],
    failedChannels: [],
    engagedChannel: undefined,
    pendingFallbacks: [],
    pause: null,
    dispute: null,
    promise: null,
    plan: null,
    plansStarted: 0,
    paymentLink: null,
    nextAction: null,
    debtor: input.debtor,
    cancelReason: null,
    earlyDeliveries: [],
    directDebit: null,
    events: [],
  };
}

/**
 * A run reopened by a reversal that carries the closed run's costs or interest: they are owed as they
 * were (no cost clock, no interest of its own), and no costs are charged a second time for the claim.
 */
export function carriesCharges(input: DunningInput): boolean {
  const carried = input.reopened?.charges;
  return carried !== undefined && carried.costsCents + carried.costsVatCents + carried.interestCents > 0;
}

export function paidCents(state: DunningState): number {
  return state.payments.reduce((sum, p) => sum + p.amountCents, 0);
}

export function amounts(input: DunningInput, state: DunningState): Amounts {
  const allocation = allocatePayments(claimTerms(input, state), datedPayments(state));
  const { principal, costs, interest } = allocation;
  return {
    principalCents: input.principalCents,
    costsCents: costs.chargedCents,
    interestCents: interest.chargedCents,
    paidCents: paidCents(state),
    // Money taken back beyond what was paid (a negative surplus) is owed on top.
    dueCents:
      principal.outstandingCents +
      costs.outstandingCents +
      interest.outstandingCents +
      Math.max(0, -allocation.surplusCents),
    overpaidCents: Math.max(0, allocation.surplusCents),
    parts: { principal, costs, interest },
  };
}

/** What the claim consists of now: the principal, the costs charged and the interest running. */
export function claimTerms(input: DunningInput, state: DunningState): ClaimTerms {
  const costsCents = state.costsCents + state.costsVatCents;
  // Charged before allocation existed, or carried from a closed run: owed in whole before any payment.
  if (state.chargesAsOf === undefined || carriesCharges(input)) {
    // Charged before allocation existed: the stated amounts are owed in whole, before any payment
    // (this gives the same amount due as the older code did).
    return {
      principalCents: input.principalCents,
      costs: costsCents > 0 ? { cents: costsCents, owedFrom: '0000-01-01' } : null,
      interest: { fixedCents: state.interestCents },
    };
  }
  const owedFrom = costsOwedFrom(input, state);
  const interestFrom = interestStart(input, state);
  return {
    principalCents: input.principalCents,
    costs: costsCents > 0 && owedFrom !== null ? { cents: costsCents, owedFrom } : null,
    interest:
      interestFrom !== null && input.policy.interest !== 'none'
        ? { kind: input.policy.interest, from: interestFrom, until: state.chargesAsOf }
        : null,
  };
}

function datedPayments(state: DunningState): DatedPayment[] {
  return state.payments.map((p) => ({ on: today(new Date(p.paidAt)), amountCents: p.amountCents }));
}

/**
 * The first day collection costs are owed: consumers after the 14-day letter's term (art. 6:96 lid 6
 * BW), businesses the day after the payment term ends (art. 6:96 lid 4 BW).
 */
function costsOwedFrom(input: DunningInput, state: DunningState): string | null {
  switch (input.policy.costs) {
    case 'statutory-consumer':
      return state.costDeadline === null ? null : addDays(state.costDeadline, 1);
    case 'business':
    case 'business-flat':
      return addDays(input.dueDate, 1);
    case 'none':
      return null;
  }
}

/** Commercial interest from the due date (art. 6:119a BW); consumer interest from the letter's deadline. */
function interestStart(input: DunningInput, state: DunningState): string | null {
  if (input.policy.interest === 'commercial') return input.dueDate;
  if (input.policy.interest === 'consumer') return state.costDeadline;
  return null;
}

/**
 * How much the collection costs are on a principal, under the invoice's policy and terms, and for a
 * small periodic claim no more than its share of one term's costs (`state.periodicCosts`).
 */
function collectionCostsOn(
  input: DunningInput,
  principalCents: number,
  state: DunningState,
): CollectionCosts {
  const costs = uncappedCollectionCostsOn(input, principalCents);
  return state.periodicCosts
    ? capCollectionCosts(costs, state.periodicCosts.allowedCents, vatRate(input))
    : costs;
}

function uncappedCollectionCostsOn(input: DunningInput, principalCents: number): CollectionCosts {
  switch (input.policy.costs) {
    case 'statutory-consumer':
      return statutoryCollectionCosts(principalCents, vatRate(input));
    case 'business':
      return businessCollectionCosts(principalCents, input.businessCollectionCosts, vatRate(input));
    case 'business-flat':
      // Policies snapshotted before the scale applied to businesses: their notices stated €40.
      return { costsCents: principalCents > 0 ? WIK_MINIMUM_CENTS : 0, vatCents: 0 };
    case 'none':
      return { costsCents: 0, vatCents: 0 };
  }
}

export function isClosed(state: DunningState): boolean {
  return state.status === 'paid' || state.status === 'cancelled' || state.status === 'handed_over';
}

export function today(now: Date): string {
  return toAmsterdamParts(now).date;
}

/**
 * Brings costs and interest up to date before a message states them. Interest is frozen between
 * messages so that paying the amount a message asks for always settles the invoice. `allocated`:
 * payments go to costs, interest and principal in that order and interest runs on the unpaid
 * principal only; runs recorded before that (the workflow's `patched`) keep their older computation.
 */
export function refreshCharges(input: DunningInput, state: DunningState, now: Date, allocated = true): void {
  if (carriesCharges(input)) return;
  if (!allocated) {
    refreshChargesOnOriginalPrincipal(input, state, now);
    return;
  }
  const day = today(now);
  const owedFrom = costsOwedFrom(input, state);
  if (state.costsCents === 0 && owedFrom !== null && day >= owedFrom) {
    // The costs are those owed on their first day, on the principal then still unpaid.
    const costs = collectionCostsOn(input, principalOutstandingOn(input, state, owedFrom), state);
    state.costsCents = costs.costsCents;
    state.costsVatCents = costs.vatCents;
  }
  state.chargesAsOf = day;
  state.interestCents = allocatePayments(
    claimTerms(input, state),
    datedPayments(state),
  ).interest.chargedCents;
}

/** The principal still unpaid at the start of a day, after payments went to interest first. */
function principalOutstandingOn(input: DunningInput, state: DunningState, day: string): number {
  const interestFrom = interestStart(input, state);
  const terms: ClaimTerms = {
    principalCents: input.principalCents,
    costs: null,
    interest:
      interestFrom !== null && input.policy.interest !== 'none'
        ? { kind: input.policy.interest, from: interestFrom, until: day }
        : null,
  };
  const before = datedPayments(state).filter((p) => p.on < day);
  return allocatePayments(terms, before).principal.outstandingCents;
}

/** The computation of runs recorded before payments were allocated (kept so they replay unchanged). */
function refreshChargesOnOriginalPrincipal(input: DunningInput, state: DunningState, now: Date): void {
  const { policy } = input;
  const day = today(now);
  const outstandingPrincipal = Math.max(0, input.principalCents - paidCents(state));
  if (state.costsCents === 0 && outstandingPrincipal > 0) {
    if (policy.costs === 'statutory-consumer' && state.costDeadline !== null && day > state.costDeadline) {
      const costs = statutoryCollectionCosts(outstandingPrincipal, vatRate(input));
      state.costsCents = costs.costsCents;
      state.costsVatCents = costs.vatCents;
    }
    if (policy.costs === 'business-flat' && day > input.dueDate) state.costsCents = WIK_MINIMUM_CENTS;
  }
  const interestFrom = interestStart(input, state);
  if (interestFrom !== null && policy.interest !== 'none') {
    state.interestCents = statutoryInterest(input.principalCents, interestFrom, day, policy.interest);
  }
}

function vatRate(input: DunningInput): { vatRatePercent?: number } {
  return input.collectionCostsVatPercent ? { vatRatePercent: input.collectionCostsVatPercent } : {};
}

/** The 14-day letter's deadline: receipt assumed some days after sending, then 14 full days. */
export function costDeadline(rule: NonNullable<LadderStep['costDeadline']>, sentAt: Date): string {
  return addDays(today(sentAt), rule.receiptDays + rule.days);
}

/**
 * Deadlines and costs a message must state. A payment request sent once the due date has passed names a
 * fresh pay-by day (policy/payment-deadline.ts). The 14-day letter names the exact costs that will be charged
 * if the debtor does not pay in time; a business notice names the costs already charged (they are owed
 * from the day after the due date without any notice), so its text never announces costs as future.
 */
export function noticeFacts(
  input: DunningInput,
  state: DunningState,
  template: TemplateId,
  now: Date,
): { deadline?: string; collectionCostsCents?: number; collectionCostsVatCents?: number } {
  const steps = input.policy.steps;
  const step = stepWithTemplate(input.policy, template);
  if (step && isPaymentRequest(step)) {
    const fresh = state.freshPaymentDeadline && freshPaymentDeadline(input.policy, input.dueDate, today(now));
    return fresh ? { deadline: fresh } : {};
  }
  if (!step || !statesDeadline(step)) return {};
  // The pay-by date is when the next step may follow at the earliest.
  const deadline = step.costDeadline
    ? costDeadline(step.costDeadline, now)
    : addDays(today(now), Math.max(MIN_STEP_GAP_DAYS, steps[steps.indexOf(step) + 1]?.after.days ?? 14));
  if (!isFormalNotice(step)) return { deadline };
  if (state.costsCents > 0 || carriesCharges(input)) {
    return { deadline, collectionCostsCents: state.costsCents, collectionCostsVatCents: state.costsVatCents };
  }
  const costs = collectionCostsOn(input, amounts(input, state).parts.principal.outstandingCents, state);
  // A policy that charges nothing (or nothing left to charge) names no costs: no empty threat.
  if (costs.costsCents + costs.vatCents === 0) return { deadline };
  return { deadline, collectionCostsCents: costs.costsCents, collectionCostsVatCents: costs.vatCents };
}

// ---------------------------------------------------------------------------------------------------
// Small periodic claims: the workflow asks an activity what the debtor's other terms at this creditor
// already bear (policy/periodic-costs.ts) before this term's costs are charged or stated.

/** The cap is on the statutory scale; costs a business contract sets are the contract's. */
function scaleCostsApply(input: DunningInput): boolean {
  return (
    input.policy.costs === 'statutory-consumer' ||
    (input.policy.costs === 'business' && input.businessCollectionCosts === undefined)
  );
}

function periodicQuestion(
  input: DunningInput,
  principalCents: number,
  owedOn: string,
  limitCents: number | undefined,
): PeriodicCostsQuestion | null {
  if (!isSmallPeriodicClaim({ periodic: input.periodic === true, principalCents, owedOn })) return null;
  return {
    owedOn,
    singleTermCents: uncappedCollectionCostsOn(input, principalCents).costsCents,
    ...(limitCents !== undefined ? { limitCents } : {}),
  };
}

/**
 * What to ask before costs are charged now on a small periodic claim (refreshCharges would charge them):
 * never more than the 14-day letter stated. Null when no cap applies or it was decided for this day.
 */
export function periodicCostsToCharge(
  input: DunningInput,
  state: DunningState,
  now: Date,
): PeriodicCostsQuestion | null {
  if (!input.periodic || !scaleCostsApply(input) || state.costsCents !== 0 || carriesCharges(input))
    return null;
  const owedFrom = costsOwedFrom(input, state);
  if (owedFrom === null || today(now) < owedFrom) return null;
  const decided = state.periodicCosts;
  if (decided?.charged && decided.owedOn === owedFrom) return null;
  return periodicQuestion(
    input,
    principalOutstandingOn(input, state, owedFrom),
    owedFrom,
    decided?.allowedCents,
  );
}

/** What to ask before the 14-day letter of a small periodic claim states the costs that will follow. */
export function periodicCostsToState(
  input: DunningInput,
  state: DunningState,
  template: TemplateId,
  now: Date,
): PeriodicCostsQuestion | null {
  if (
    !input.periodic ||
    !scaleCostsApply(input) ||
    state.costsCents !== 0 ||
    state.periodicCosts?.charged ||
    carriesCharges(input)
  )
    return null;
  const step = stepWithTemplate(input.policy, template);
  if (!step || !isFormalNotice(step) || !step.costDeadline) return null;
  const owedOn = addDays(costDeadline(step.costDeadline, now), 1);
  return periodicQuestion(input, amounts(input, state).parts.principal.outstandingCents, owedOn, undefined);
}

export type Decision =
  | { kind: 'close' }
  | { kind: 'wait-for-signal' }
  | { kind: 'resume'; at: Date }
  | { kind: 'fallback'; stepKey: string; at: Date }
  | { kind: 'step'; step: LadderStep; at: Date }
  | { kind: 'instalment-reminder'; instalment: Instalment; at: Date }
  | { kind: 'instalment-follow-up'; instalment: Instalment; at: Date }
  | { kind: 'plan-broken'; at: Date }
  | { kind: 'plan-confirmation'; at: Date }
  | { kind: 'direct-debit-notice'; at: Date }
  | { kind: 'direct-debit-collect'; collection: DirectDebitCollection; at: Date };

export function nextActionOf(decision: Decision): DunningState['nextAction'] {
  return 'at' in decision ? { kind: decision.kind, at: decision.at.toISOString() } : null;
}

export function decide(input: DunningInput, state: DunningState, now: Date, workflowId: string): Decision {
  if (isClosed(state)) return { kind: 'close' };
  if (state.dispute) return { kind: 'wait-for-signal' };
  if (state.pause)
    return state.pause.until
      ? { kind: 'resume', at: new Date(state.pause.until) }
      : { kind: 'wait-for-signal' };
  if (state.promise) return { kind: 'resume', at: new Date(state.promise.resumeAt) };
  const fallback = state.pendingFallbacks[0];
  if (fallback !== undefined) {
    return { kind: 'fallback', stepKey: fallback, at: align(input, now, `${workflowId}:${fallback}`, false) };
  }
  if (state.directDebit?.status === 'active') {
    const collection = decideCollection(input, state, state.directDebit, now, workflowId);
    if (collection) return collection;
  }
  if (state.plan?.status === 'active') return decideInstalment(input, state, state.plan, now, workflowId);
  const step = input.policy.steps[state.nextStepIndex];
  if (!step) return { kind: 'wait-for-signal' };
  return { kind: 'step', step, at: stepTime(input, state, step, now, workflowId) };
}

function decideInstalment(
  input: DunningInput,
  state: DunningState,
  plan: PlanState,
  now: Date,
  workflowId: string,
): Decision {
  const { policy } = input;
  if (plan.confirmed === false) {
    return {
      kind: 'plan-confirmation',
      at: align(input, now, `${workflowId}:plan${plan.planNumber}`, false),
    };
  }
  const limits = policy.paymentPlan;
  const unit = dayMs(policy);
  const open = openInstalment(state);
  if (!open) return { kind: 'wait-for-signal' };
  const dueAt = new Date(open.dueAt);
  const key = `${workflowId}:plan${plan.planNumber}:${open.number}`;
  if (!open.reminded) {
    const at = align(input, new Date(dueAt.getTime() - limits.reminderDaysBefore * unit), key, false);
    return { kind: 'instalment-reminder', instalment: open, at };
  }
  const followUpAt = new Date(dueAt.getTime() + limits.followUpAfterDays * unit);
  if (!open.followedUp)
    return { kind: 'instalment-follow-up', instalment: open, at: align(input, followUpAt, key, false) };
  return { kind: 'plan-broken', at: new Date(followUpAt.getTime() + limits.breakAfterFollowUpDays * unit) };
}

/** With a mandate, collections replace reminders: announce the next one, then submit it on its day. */
function decideCollection(
  input: DunningInput,
  state: DunningState,
  directDebit: DirectDebitState,
  now: Date,
  workflowId: string,
): Decision | undefined {
  const open = openCollection(directDebit);
  if (open?.outcome === 'pending') return { kind: 'wait-for-signal' };
  if (open) return { kind: 'direct-debit-collect', collection: open, at: new Date(open.collectAt) };
  if (collectibleCents(input, state) === 0) return undefined;
  const key = `${workflowId}:direct-debit-${directDebit.collections.length + 1}`;
  return { kind: 'direct-debit-notice', at: align(input, now, key, false) };
}

/** What a collection takes now: the open instalment's remainder in a plan, else everything due. */
export function collectibleCents(input: DunningInput, state: DunningState): number {
  const plan = state.plan;
  if (plan?.status !== 'active') return amounts(input, state).dueCents;
  const open = openInstalment(state);
  return open ? instalmentRemainderCents(state, plan, open) : 0;
}

/** The plan's first unpaid instalment, when a plan is running. */
export function openInstalment(state: DunningState): Instalment | undefined {
  const plan = state.plan;
  return plan?.status === 'active'
    ? plan.instalments.find((i) => !isInstalmentPaid(state, plan, i))
    : undefined;
}

function instalmentRemainderCents(state: DunningState, plan: PlanState, instalment: Instalment): number {
  const needed = plan.instalments
    .filter((i) => i.number <= instalment.number)
    .reduce((sum, i) => sum + i.amountCents, 0);
  return Math.max(0, needed - (paidCents(state) - plan.paidAtStartCents));
}

/** Instalments are paid in order from what came in after the plan started. */
export function isInstalmentPaid(state: DunningState, plan: PlanState, instalment: Instalment): boolean {
  return instalmentRemainderCents(state, plan, instalment) === 0;
}

function stepTime(
  input: DunningInput,
  state: DunningState,
  step: LadderStep,
  now: Date,
  workflowId: string,
): Date {
  const unit = dayMs(input.policy);
  const raw =
    step.after.from === 'due'
      ? fromAmsterdamLocal(addDays(input.dueDate, step.after.days), 0, 0).getTime()
      : (state.lastStepAt ? new Date(state.lastStepAt).getTime() : now.getTime()) + step.after.days * unit;
  const notBefore = state.lastStepAt ? new Date(state.lastStepAt).getTime() + MIN_STEP_GAP_DAYS * unit : 0;
  // The previous message's deadline must be over first (runs from before the patch keep the old rule).
  const deadline = state.lawfulDeadlines ? nextStepNotBefore(input.policy, state) : 0;
  const earliest = new Date(Math.max(raw, notBefore, deadline, now.getTime()));
  return align(input, earliest, `${workflowId}:${step.id}`, !isHandover(step));
}

function align(input: DunningInput, earliest: Date, spreadKey: string, toPayday: boolean): Date {
  const { policy, debtor } = input;
  if (!policy.respectCalendar) return earliest;
  const payday = toPayday ? (debtor.payday ?? DEFAULT_PAYDAY[debtor.segment]) : null;
  return alignSendTime(earliest, {
    payday,
    maxPaydayWaitDays: policy.maxPaydayWaitDays,
    respectContactHours: true,
    spreadKey,
  });
}

export function latestMessageFor(state: DunningState, stepKey: string): MessageRecord | undefined {
  return state.messages.filter((m) => m.stepKey === stepKey).at(-1);
}
