// Pure, deterministic decisions of the dunning workflow: (input, state, now) → what happens next.
// The workflow only executes these decisions; everything here is unit-testable without Temporal.
import { openCollection } from './direct-debit-logic.js';
import type { TemplateId } from './domain.js';
import type {
  Amounts,
  ChargebackInput,
  DirectDebitCollection,
  DirectDebitState,
  DunningInput,
  DunningState,
  Instalment,
  MessageRecord,
  PaymentInput,
  PlanState,
} from './dunning-types.js';
import {
  addDays,
  alignSendTime,
  DEFAULT_PAYDAY,
  fromAmsterdamLocal,
  toAmsterdamParts,
} from './policy/calendar.js';
import { dayMs, type LadderStep } from './policy/ladder.js';

export { dayMs };

import { businessCollectionCosts, statutoryCollectionCosts, statutoryInterest } from './policy/money.js';

/** Never two ladder steps closer together than this, even for invoices created long overdue. */
export const MIN_STEP_GAP_DAYS = 3;

export function initialState(input: DunningInput): DunningState {
  return {
    status: 'open',
    stage: 'created',
    nextStepIndex: 0,
    lastStepAt: null,
    costsCents: 0,
    costsVatCents: 0,
    interestCents: 0,
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

export function paidCents(state: DunningState): number {
  return state.payments.reduce((sum, p) => sum + p.amountCents, 0);
}

export function amounts(input: DunningInput, state: DunningState): Amounts {
  const paid = paidCents(state);
  const total = input.principalCents + state.costsCents + state.costsVatCents + state.interestCents;
  return {
    principalCents: input.principalCents,
    costsCents: state.costsCents + state.costsVatCents,
    interestCents: state.interestCents,
    paidCents: paid,
    dueCents: Math.max(0, total - paid),
  };
}

export function isClosed(state: DunningState): boolean {
  return state.status === 'paid' || state.status === 'cancelled' || state.status === 'handed_over';
}

export function today(now: Date): string {
  return toAmsterdamParts(now).date;
}

/**
 * Records money the PSP took back (a reversed direct debit, a card chargeback) once per dedupe key, and
 * reopens an invoice that was paid; returns false for a duplicate.
 */
export function applyChargeback(
  input: DunningInput,
  state: DunningState,
  chargeback: ChargebackInput,
): boolean {
  if (state.payments.some((p) => p.dedupeKey === chargeback.dedupeKey)) return false;
  state.payments.push({
    dedupeKey: chargeback.dedupeKey,
    amountCents: -chargeback.amountCents,
    paidAt: chargeback.at,
    source: 'chargeback',
    providerPaymentId: chargeback.providerPaymentId,
  });
  if (state.status === 'paid' && amounts(input, state).dueCents > 0) {
    if (state.plan?.status === 'kept') state.plan.status = 'active';
    state.status = state.plan?.status === 'active' ? 'in_plan' : 'open';
  }
  return true;
}

/** Records a payment once per dedupe key; returns false for a duplicate. */
export function applyPayment(input: DunningInput, state: DunningState, payment: PaymentInput): boolean {
  if (state.payments.some((p) => p.dedupeKey === payment.dedupeKey)) return false;
  state.payments.push({ ...payment });
  if (amounts(input, state).dueCents === 0 && !isClosed(state)) {
    state.status = 'paid';
    if (state.plan?.status === 'active') state.plan.status = 'kept';
  }
  return true;
}

/**
 * Brings costs and interest up to date before a message states them. Interest is frozen between
 * messages so that paying the amount a message asks for always settles the invoice.
 */
export function refreshCharges(input: DunningInput, state: DunningState, now: Date): void {
  const { policy } = input;
  const day = today(now);
  const outstandingPrincipal = Math.max(0, input.principalCents - paidCents(state));
  if (state.costsCents === 0 && outstandingPrincipal > 0) {
    if (policy.costs === 'statutory-consumer' && state.costDeadline !== null && day > state.costDeadline) {
      const costs = statutoryCollectionCosts(outstandingPrincipal, vatRate(input));
      state.costsCents = costs.costsCents;
      state.costsVatCents = costs.vatCents;
    }
    if (policy.costs === 'business-flat' && day > input.dueDate) state.costsCents = businessCollectionCosts();
  }
  const interestFrom =
    policy.interest === 'commercial'
      ? input.dueDate
      : policy.interest === 'consumer' && state.costDeadline !== null
        ? state.costDeadline
        : null;
  if (interestFrom !== null) {
    state.interestCents = statutoryInterest(
      input.principalCents,
      interestFrom,
      day,
      policy.interest as 'consumer',
    );
  }
}

function vatRate(input: DunningInput): { vatRatePercent?: number } {
  return input.collectionCostsVatPercent ? { vatRatePercent: input.collectionCostsVatPercent } : {};
}

/** The 14-day letter's deadline: receipt assumed some days after sending, then 14 full days. */
export function costDeadline(rule: NonNullable<LadderStep['costDeadline']>, sentAt: Date): string {
  return addDays(today(sentAt), rule.receiptDays + rule.days);
}

/** Deadlines and costs a notice must state (the 14-day letter: the exact costs charged after it). */
export function noticeFacts(
  input: DunningInput,
  state: DunningState,
  template: TemplateId,
  now: Date,
): { deadline?: string; collectionCostsCents?: number; collectionCostsVatCents?: number } {
  const steps = input.policy.steps;
  const index = steps.findIndex((s) => s.template === template);
  const step = steps[index];
  if (!step || (template !== 'formal-notice' && template !== 'final-notice')) return {};
  // The pay-by date is when the next step may follow at the earliest.
  const deadline = step.costDeadline
    ? costDeadline(step.costDeadline, now)
    : addDays(today(now), Math.max(MIN_STEP_GAP_DAYS, steps[index + 1]?.after.days ?? 14));
  if (template === 'final-notice') return { deadline };
  if (input.debtor.segment === 'business') {
    return { deadline, collectionCostsCents: businessCollectionCosts(), collectionCostsVatCents: 0 };
  }
  const outstanding = Math.max(0, input.principalCents - paidCents(state));
  const costs = statutoryCollectionCosts(outstanding, vatRate(input));
  return { deadline, collectionCostsCents: costs.costsCents, collectionCostsVatCents: costs.vatCents };
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
  const earliest = new Date(Math.max(raw, notBefore, now.getTime()));
  return align(input, earliest, `${workflowId}:${step.id}`, step.id !== 'handover');
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

/** Splits what is due into instalments (remainder cents on the first), spaced by the policy. */
export function planInstalments(
  input: DunningInput,
  dueCents: number,
  count: number,
  now: Date,
): Instalment[] {
  const limits = input.policy.paymentPlan;
  const unit = dayMs(input.policy);
  const base = Math.floor(dueCents / count);
  return Array.from({ length: count }, (_, i) => {
    const dueAt = new Date(now.getTime() + (limits.firstDueDays + i * limits.intervalDays) * unit);
    return {
      number: i + 1,
      dueAt: dueAt.toISOString(),
      dueDate: today(dueAt),
      amountCents: base + (i === 0 ? dueCents - base * count : 0),
      reminded: false,
      followedUp: false,
    };
  });
}

/** Why a payment plan with this many instalments is not allowed, or null when it is. */
export function planRefusal(input: DunningInput, state: DunningState, count: number): string | null {
  const limits = input.policy.paymentPlan;
  if (!Number.isInteger(count) || count < limits.minInstalments || count > limits.maxInstalments) {
    return `instalments must be between ${limits.minInstalments} and ${limits.maxInstalments}`;
  }
  const due = amounts(input, state).dueCents;
  if (Math.floor(due / count) < limits.minInstalmentCents) {
    return `each instalment must be at least ${limits.minInstalmentCents} cents; at most ${Math.max(1, Math.floor(due / limits.minInstalmentCents))} instalments for this amount`;
  }
  return null;
}
