import { describe, expect, it } from 'vitest';
import {
  openDispute,
  pause,
  promiseToPay,
  resolveDispute,
  resume,
  resumeLadder,
} from '../../../workflows/commands/holds.js';
import { commandContext, expectRefusal, NOW } from './context.js';

describe('pause and resume', () => {
  it('refuses a pause on a disputed invoice or until a moment already past', () => {
    const ctx = commandContext();
    expectRefusal(
      () => pause.validate(ctx, { reason: 'x', until: '2026-11-25T09:00:00Z' }),
      'invalid',
      'future',
    );
    ctx.state.dispute = { reason: 'wrong amount', openedAt: NOW.toISOString() };
    expectRefusal(() => pause.validate(ctx, { reason: 'x' }), 'notAllowed', 'disputed');
  });

  it('pauses until a moment or without end; resume refuses what is not paused', () => {
    const ctx = commandContext();
    expectRefusal(() => resume.validate(ctx), 'notAllowed', 'not paused');
    expect(pause.apply(ctx, { reason: 'holiday' })).toEqual([{ kind: 'paused', detail: 'holiday' }]);
    expect(ctx.state).toMatchObject({ status: 'paused', pause: { reason: 'holiday', until: null } });
    expect(() => resume.validate(ctx)).not.toThrow();
    expect(resume.apply(ctx)).toEqual([{ kind: 'resumed' }]);
    expect(ctx.state).toMatchObject({ status: 'open', pause: null });
  });

  it('a closed invoice takes no pause', () => {
    const ctx = commandContext();
    ctx.state.status = 'cancelled';
    expectRefusal(() => pause.validate(ctx, { reason: 'x' }), 'notAllowed', 'the invoice is cancelled');
  });

  it('back to the plan when one runs', () => {
    const ctx = commandContext();
    ctx.state.plan = { planNumber: 1, paidAtStartCents: 0, instalments: [], status: 'active' };
    ctx.state.promise = { date: '2026-11-30', resumeAt: NOW.toISOString() };
    expect(resumeLadder(ctx.state, 'promise-expired')).toEqual([{ kind: 'promise-expired' }]);
    expect(ctx.state).toMatchObject({ status: 'in_plan', promise: null });
  });
});

describe('promiseToPay', () => {
  it('accepts a date from today up to the policy maximum only', () => {
    const ctx = commandContext();
    expect(() => promiseToPay.validate(ctx, { date: '2026-11-25' })).not.toThrow();
    expect(() => promiseToPay.validate(ctx, { date: '2026-12-25' })).not.toThrow();
    expectRefusal(
      () => promiseToPay.validate(ctx, { date: '2026-12-26' }),
      'invalid',
      'between 2026-11-25 and 2026-12-25',
    );
    expectRefusal(() => promiseToPay.validate(ctx, { date: '2026-11-24' }), 'invalid', 'between');
  });

  it('refuses a promise during a plan', () => {
    const ctx = commandContext();
    ctx.state.plan = { planNumber: 1, paidAtStartCents: 0, instalments: [], status: 'active' };
    expectRefusal(() => promiseToPay.validate(ctx, { date: '2026-11-30' }), 'notAllowed', 'payment plan');
  });

  it('holds the ladder until the end of the promised day plus the grace days', () => {
    const ctx = commandContext();
    expect(promiseToPay.apply(ctx, { date: '2026-11-30' })).toEqual([
      { kind: 'promise-to-pay', detail: '2026-11-30' },
    ]);
    // The consumer policy grants 3 days of grace after the day ends.
    expect(ctx.state).toMatchObject({
      status: 'paused',
      promise: { date: '2026-11-30', resumeAt: '2026-12-04T00:00:00.000Z' },
    });
  });
});

describe('disputes', () => {
  it('opens one dispute at a time', () => {
    const ctx = commandContext();
    expectRefusal(
      () => resolveDispute.validate(ctx, { outcome: 'rejected' }),
      'notAllowed',
      'no open dispute',
    );
    expect(openDispute.apply(ctx, { reason: 'never ordered' })).toEqual([
      { kind: 'dispute-opened', detail: 'never ordered' },
    ]);
    expect(ctx.state).toMatchObject({
      status: 'disputed',
      dispute: { reason: 'never ordered', openedAt: NOW.toISOString() },
    });
    expectRefusal(() => openDispute.validate(ctx, { reason: 'again' }), 'notAllowed', 'already disputed');
  });

  it('upheld withdraws the claim; rejected lets the ladder go on', () => {
    const upheld = commandContext();
    openDispute.apply(upheld, { reason: 'r' });
    expect(resolveDispute.apply(upheld, { outcome: 'upheld' })).toEqual([{ kind: 'dispute-upheld' }]);
    expect(upheld.state).toMatchObject({
      status: 'cancelled',
      cancelReason: 'dispute upheld',
      dispute: null,
    });

    const rejected = commandContext();
    openDispute.apply(rejected, { reason: 'r' });
    expect(resolveDispute.apply(rejected, { outcome: 'rejected' })).toEqual([{ kind: 'dispute-rejected' }]);
    expect(rejected.state).toMatchObject({ status: 'open', dispute: null });
  });
});
