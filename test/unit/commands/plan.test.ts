import { describe, expect, it } from 'vitest';
import { acceptPaymentPlan } from '../../../workflows/commands/plan.js';
import { commandContext, expectRefusal, NOW } from './context.js';

describe('acceptPaymentPlan', () => {
  it.each([
    [1, 'between 2 and 12'],
    [13, 'between 2 and 12'],
    [2.5, 'between 2 and 12'],
    [5, 'at most 4 instalments'],
  ])('refuses %s instalments of €123.45', (instalments, message) => {
    expectRefusal(() => acceptPaymentPlan.validate(commandContext(), { instalments }), 'invalid', message);
  });

  it('refuses a plan on a disputed invoice or beside an active plan', () => {
    const ctx = commandContext();
    ctx.state.dispute = { reason: 'r', openedAt: NOW.toISOString() };
    expectRefusal(() => acceptPaymentPlan.validate(ctx, { instalments: 3 }), 'notAllowed', 'disputed');
    ctx.state.dispute = null;
    acceptPaymentPlan.apply(ctx, { instalments: 3 });
    expectRefusal(
      () => acceptPaymentPlan.validate(ctx, { instalments: 3 }),
      'notAllowed',
      'active payment plan',
    );
  });

  it('splits what is due, ends holds and pending resends, and awaits its confirmation', () => {
    const ctx = commandContext();
    ctx.state.promise = { date: '2026-11-30', resumeAt: NOW.toISOString() };
    ctx.state.pendingFallbacks = ['reminder-1'];
    expect(acceptPaymentPlan.apply(ctx, { instalments: 3 })).toEqual([
      { kind: 'plan-accepted', detail: '3' },
    ]);
    expect(ctx.state).toMatchObject({
      status: 'in_plan',
      stage: 'payment-plan',
      plansStarted: 1,
      promise: null,
      pause: null,
      pendingFallbacks: [],
      plan: { planNumber: 1, paidAtStartCents: 0, status: 'active', confirmed: false },
    });
    expect(ctx.state.plan!.instalments.map((i) => i.amountCents)).toEqual([4115, 4115, 4115]);
  });

  it('runs recorded before plan confirmations agree plans without one', () => {
    const ctx = commandContext({ patched: (id) => id !== 'plan-confirmation' });
    acceptPaymentPlan.apply(ctx, { instalments: 2 });
    expect(ctx.state.plan).not.toHaveProperty('confirmed');
  });
});
