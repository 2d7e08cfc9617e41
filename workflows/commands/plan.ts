// The debtor accepts a payment plan: what is due now is split into instalments and the ladder stops
// while the plan runs.
import { amounts, dayMs, today } from '../dunning-logic.js';
import type { DunningInput, DunningState, Instalment, PlanInput } from '../dunning-types.js';
import type { Command } from './command.js';
import { invalid, notAllowed, type Refusal, refuseWhenClosed } from './refusal.js';

export const acceptPaymentPlan: Command<PlanInput> = {
  validate({ input, state }, { instalments }) {
    refuseWhenClosed(state);
    if (state.dispute) notAllowed({ code: 'disputed' });
    if (state.plan?.status === 'active') notAllowed({ code: 'has-active-plan' });
    const refusal = planRefusal(input, state, instalments);
    if (refusal) invalid(refusal);
  },
  apply({ input, state, now, patched }, { instalments }) {
    state.plansStarted++;
    state.plan = {
      planNumber: state.plansStarted,
      paidAtStartCents: amounts(input, state).paidCents,
      instalments: planInstalments(input, amounts(input, state).dueCents, instalments, now),
      status: 'active',
      // Plans agreed before confirmations existed replay without one.
      ...(patched('plan-confirmation') ? { confirmed: false } : {}),
    };
    state.promise = null;
    state.pause = null;
    state.pendingFallbacks = [];
    state.status = 'in_plan';
    state.stage = 'payment-plan';
    return [{ kind: 'plan-accepted', detail: String(instalments) }];
  },
};

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
export function planRefusal(input: DunningInput, state: DunningState, count: number): Refusal | null {
  const limits = input.policy.paymentPlan;
  if (!Number.isInteger(count) || count < limits.minInstalments || count > limits.maxInstalments) {
    return { code: 'instalments-out-of-range', min: limits.minInstalments, max: limits.maxInstalments };
  }
  const due = amounts(input, state).dueCents;
  if (Math.floor(due / count) < limits.minInstalmentCents) {
    return {
      code: 'instalment-too-small',
      minCents: limits.minInstalmentCents,
      maxInstalments: Math.max(1, Math.floor(due / limits.minInstalmentCents)),
    };
  }
  return null;
}
