import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../../workflows/commands/command.js';
import {
  collectionFailed,
  endDirectDebit,
  inviteDirectDebit,
  mandateGranted,
  nextInvitation,
} from '../../../workflows/commands/direct-debit.js';
import { commandContext, expectRefusal, NOW } from './context.js';

const mandate = { customerId: 'cst_1', mandateId: 'mdt_1' };
const invited = (ctx: CommandContext) =>
  inviteDirectDebit.apply(ctx, {
    collectionDay: 27,
    invitations: nextInvitation(ctx.state),
    invitation: { mandate: null, checkoutUrl: 'https://psp.example/checkout' },
  });

/** A granted mandate with one submitted collection. */
function collecting(): CommandContext {
  const ctx = commandContext();
  invited(ctx);
  mandateGranted.apply(ctx, mandate);
  ctx.state.directDebit!.collections.push({
    number: 1,
    amountCents: 12_345,
    collectDate: '2026-12-28',
    collectAt: '2026-12-28T05:00:00.000Z',
    providerPaymentId: 'tr_1',
    outcome: 'pending',
  });
  return ctx;
}

describe('inviteDirectDebit', () => {
  it.each([0, 29, 1.5])('refuses collection day %s', (collectionDay) => {
    expectRefusal(
      () => inviteDirectDebit.validate(commandContext(), { collectionDay }),
      'invalid',
      '1 to 28',
    );
  });

  it('records the invitation with the policy’s pre-notification period; a second one counts on', () => {
    const ctx = commandContext();
    expect(nextInvitation(ctx.state)).toBe(1);
    expect(invited(ctx)).toEqual([{ kind: 'direct-debit-invited', detail: '27' }]);
    expect(ctx.state.directDebit).toMatchObject({
      status: 'invited',
      invitations: 1,
      checkoutUrl: 'https://psp.example/checkout',
      agreedLeadDays: 5,
    });
    expect(nextInvitation(ctx.state)).toBe(2);
  });

  it('a mandate the debtor already has is active at once, and refuses another invitation', () => {
    const ctx = commandContext();
    const events = inviteDirectDebit.apply(ctx, {
      collectionDay: 3,
      invitations: 1,
      invitation: { mandate, checkoutUrl: null },
    });
    expect(events).toEqual([{ kind: 'mandate-reused', detail: '3' }]);
    expect(ctx.state.directDebit).toMatchObject({ status: 'active', mandate });
    expectRefusal(
      () => inviteDirectDebit.validate(ctx, { collectionDay: 3 }),
      'notAllowed',
      'already active',
    );
  });
});

describe('mandateGranted', () => {
  it('activates an open invitation only', () => {
    const ctx = commandContext();
    expect(mandateGranted.apply(ctx, mandate)).toEqual([]);
    invited(ctx);
    expect(mandateGranted.apply(ctx, mandate)).toEqual([{ kind: 'mandate-granted' }]);
    expect(ctx.state.directDebit).toMatchObject({ status: 'active', mandate });
  });
});

describe('endDirectDebit', () => {
  it('refuses what does not run; ends collecting and restarts the ladder’s distance', () => {
    const ctx = commandContext();
    expectRefusal(() => endDirectDebit.validate(ctx, { reason: 'x' }), 'notAllowed', 'not active');
    invited(ctx);
    expect(endDirectDebit.apply(ctx, { reason: 'debtor asked' })).toEqual([
      { kind: 'direct-debit-ended', detail: 'debtor asked' },
    ]);
    expect(ctx.state).toMatchObject({ lastStepAt: NOW.toISOString(), directDebit: { status: 'ended' } });
    expectRefusal(() => endDirectDebit.validate(ctx, { reason: 'x' }), 'notAllowed', 'not active');
  });
});

describe('collectionFailed', () => {
  it('keeps a report about a collection not yet known for when its submission is recorded', () => {
    const ctx = commandContext();
    invited(ctx);
    expect(collectionFailed.apply(ctx, { providerPaymentId: 'tr_9', reason: 'AM04' })).toEqual([]);
    expect(ctx.earlyCollectionFailures).toEqual([{ providerPaymentId: 'tr_9', reason: 'AM04' }]);
  });

  it('a bounce schedules a retry; the last allowed one ends collecting', () => {
    const ctx = collecting();
    expect(collectionFailed.apply(ctx, { providerPaymentId: 'tr_1', reason: 'AM04' })).toEqual([
      { kind: 'collection-failed', detail: 'AM04' },
    ]);
    expect(ctx.state.lastStepAt).toBeNull();
    ctx.state.directDebit!.collections.push({
      number: 2,
      amountCents: 12_345,
      collectDate: '2027-01-27',
      collectAt: '2027-01-27T05:00:00.000Z',
      providerPaymentId: 'tr_2',
      outcome: 'pending',
    });
    expect(collectionFailed.apply(ctx, { providerPaymentId: 'tr_2', reason: 'AM04' })).toEqual([
      { kind: 'direct-debit-ended', detail: 'AM04' },
    ]);
    expect(ctx.state).toMatchObject({ lastStepAt: NOW.toISOString(), directDebit: { status: 'ended' } });
  });
});
