// What the debtor may do now, and the payment-plan preview: the same pure functions the workflow
// uses (`planRefusal`, `planInstalments`), fed with the invoice's policy and live amounts, so the
// preview shows exactly the rules and the split the workflow will apply on confirmation.

import { planInstalments, planRefusal } from '../../workflows/commands/plan.js';
import {
  collectibleCents,
  initialState,
  isInstalmentPaid,
  openInstalment,
  today,
} from '../../workflows/dunning-logic.js';
import type { DunningInput, DunningState, Instalment } from '../../workflows/dunning-types.js';
import { addDays } from '../../workflows/policy/calendar.js';
import type { DunningPolicy } from '../../workflows/policy/ladder.js';
import type { PageContext } from './context.js';

export interface Actions {
  pay: boolean;
  plan: boolean;
  promise: boolean;
  dispute: boolean;
  callback: boolean;
  contact: boolean;
  /** Start (or restart) collection by direct debit: the form with a collection day. */
  directDebit: boolean;
  /** Stop the active direct debit. */
  stopDirectDebit: boolean;
}

/** The workflow's view of this invoice, rebuilt from its status: enough for the plan rules. */
function workflowView(
  ctx: PageContext,
  policy: DunningPolicy,
): { input: DunningInput; state: DunningState } | undefined {
  const live = ctx.live;
  if (!live) return undefined;
  const input: DunningInput = {
    tenantId: ctx.row.tenantId,
    invoiceId: ctx.row.invoiceId,
    debtor: {
      id: ctx.row.debtorId,
      segment: policy.segment,
      language: ctx.lang,
      reachability: { email: false, sms: false, whatsapp: false, letter: false, app: false },
    },
    principalCents: live.amounts.principalCents,
    currency: 'EUR',
    issueDate: ctx.row.issueDate,
    dueDate: ctx.row.dueDate,
    policy,
  };
  const state: DunningState = {
    ...initialState(input),
    costsCents: live.amounts.costsCents,
    interestCents: live.amounts.interestCents,
    payments: live.payments,
  };
  return { input, state };
}

/** The numbers of instalments the policy allows for what is due now (empty: no plan possible). */
export function planChoices(ctx: PageContext): number[] {
  const policy = ctx.policy;
  const view = policy && workflowView(ctx, policy);
  if (!policy || !view) return [];
  const { minInstalments, maxInstalments } = policy.paymentPlan;
  const choices: number[] = [];
  for (let n = minInstalments; n <= maxInstalments; n++) {
    if (planRefusal(view.input, view.state, n) === null) choices.push(n);
  }
  return choices;
}

/** The instalments a plan of `count` would have if confirmed now, or undefined when not allowed. */
export function previewPlan(ctx: PageContext, count: number, now: Date): Instalment[] | undefined {
  const policy = ctx.policy;
  const view = policy && workflowView(ctx, policy);
  if (!policy || !view || planRefusal(view.input, view.state, count) !== null) return undefined;
  return planInstalments(view.input, ctx.amounts.dueCents, count, now);
}

/** The promise-to-pay window: today up to the policy's maximum. */
export function promiseWindow(ctx: PageContext, now: Date): { earliest: string; latest: string } {
  const day = today(now);
  return { earliest: day, latest: addDays(day, ctx.policy?.promiseToPay.maxDays ?? 0) };
}

/** Actions the page offers now; the workflow's validators remain the judge when one is submitted. */
export function availableActions(ctx: PageContext): Actions {
  const live = ctx.live;
  const open = !ctx.closed;
  const steerable = open && live !== undefined && live.dispute === null;
  const inPlan = live?.plan?.status === 'active';
  const directDebit = live?.directDebit?.status;
  return {
    pay: open,
    plan: steerable && !inPlan && planChoices(ctx).length > 0,
    promise: steerable && !inPlan,
    dispute: steerable,
    callback: open,
    contact: open && ctx.debtor !== undefined,
    directDebit:
      steerable &&
      ctx.directDebitEnabled &&
      // A mandate and its notices must name the creditor identifier: no offer without one.
      ctx.sepaCreditorId !== undefined &&
      (ctx.status === 'open' || ctx.status === 'in_plan') &&
      directDebit !== 'active',
    stopDirectDebit: open && live !== undefined && directDebit === 'active',
  };
}

/** Collection days on offer: every month has them. */
export const COLLECTION_DAYS = Array.from({ length: 28 }, (_, i) => i + 1);

/**
 * The collection day preselected in the form: the one chosen before, else the day after the debtor's
 * monthly payday, else the 26th (just after the usual Dutch payday, the 25th).
 */
export function defaultCollectionDay(ctx: PageContext): number {
  const chosen = ctx.live?.directDebit?.collectionDay;
  if (chosen !== undefined && COLLECTION_DAYS.includes(chosen)) return chosen;
  const payday = ctx.debtor?.payday as { dayOfMonth?: unknown; rule?: unknown } | null | undefined;
  const dayOfMonth = payday?.dayOfMonth;
  if (typeof dayOfMonth === 'number' && Number.isInteger(dayOfMonth) && dayOfMonth >= 1)
    return dayOfMonth >= 28 ? 1 : dayOfMonth + 1;
  if (payday?.rule === 'last-business-day') return 1;
  return 26;
}

/** Whether an instalment is covered by what was paid since the plan started (oldest first). */
export function instalmentPaid(ctx: PageContext, instalment: Instalment): boolean {
  const plan = ctx.live?.plan;
  const view = ctx.policy && workflowView(ctx, ctx.policy);
  return Boolean(plan && view && isInstalmentPaid(view.state, plan, instalment));
}

/** What "Pay now" pays: the open instalment's remainder while a plan runs, else everything due. */
export interface AmountToPay {
  amountCents: number;
  /** The instalment being paid, in a plan. */
  instalment?: { number: number; of: number };
}

/** The same rule a direct debit collection follows (`collectibleCents`), from the live status. */
export function amountToPayNow(ctx: PageContext): AmountToPay {
  const plan = ctx.live?.plan;
  const view = ctx.policy && workflowView(ctx, ctx.policy);
  if (!view || plan?.status !== 'active') return { amountCents: ctx.amounts.dueCents };
  const state = { ...view.state, plan };
  const open = openInstalment(state);
  return {
    amountCents: collectibleCents(view.input, state),
    ...(open ? { instalment: { number: open.number, of: plan.instalments.length } } : {}),
  };
}
