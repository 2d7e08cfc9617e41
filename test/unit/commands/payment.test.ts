import { describe, expect, it } from 'vitest';
import { recordChargeback, recordPayment } from '../../../workflows/commands/payment.js';
import type { PaymentInput } from '../../../workflows/dunning-types.js';
import { commandContext, expectRefusal, NOW } from './context.js';

const payment = (amountCents: number, extra: Partial<PaymentInput> = {}): PaymentInput => ({
  dedupeKey: `manual:${amountCents}`,
  amountCents,
  paidAt: NOW.toISOString(),
  source: 'manual',
  ...extra,
});

describe('recordPayment', () => {
  it.each([0, -5, 1.5])('refuses an amount of %s', (amountCents) => {
    expectRefusal(
      () => recordPayment.validate(commandContext(), payment(amountCents)),
      'invalid',
      'positive',
    );
  });

  it('refuses more than is due, unless the PSP already took it', () => {
    const ctx = commandContext();
    expectRefusal(() => recordPayment.validate(ctx, payment(12_346)), 'invalid', 'at most 12345 cents');
    expect(() => recordPayment.validate(ctx, payment(12_346, { source: 'psp' }))).not.toThrow();
  });

  it('refuses a manual payment on a closed invoice, but answers a repeat and records PSP money', () => {
    const ctx = commandContext();
    recordPayment.apply(ctx, payment(12_345));
    expect(ctx.state.status).toBe('paid');
    expectRefusal(() => recordPayment.validate(ctx, payment(100)), 'notAllowed', 'the invoice is paid');
    expect(() => recordPayment.validate(ctx, payment(12_345))).not.toThrow();
    expect(() => recordPayment.validate(ctx, payment(100, { source: 'psp' }))).not.toThrow();
  });

  it('records a part payment once; paying the rest closes the invoice', () => {
    const ctx = commandContext();
    expect(recordPayment.apply(ctx, payment(345))).toEqual([{ kind: 'payment', detail: 'manual:345' }]);
    expect(recordPayment.apply(ctx, payment(345))).toEqual([]);
    expect(ctx.state.payments).toHaveLength(1);
    expect(ctx.state.status).toBe('open');
    recordPayment.apply(ctx, payment(12_000));
    expect(ctx.state.status).toBe('paid');
  });

  it('settles the collection the PSP paid', () => {
    const ctx = commandContext();
    ctx.state.directDebit = {
      status: 'active',
      collectionDay: 1,
      invitations: 1,
      checkoutUrl: null,
      mandate: { customerId: 'cst', mandateId: 'mdt' },
      collections: [
        {
          number: 1,
          amountCents: 12_345,
          collectDate: '2026-12-01',
          collectAt: NOW.toISOString(),
          outcome: 'pending',
          providerPaymentId: 'tr_1',
        },
      ],
      endReason: null,
    };
    recordPayment.apply(ctx, payment(12_345, { source: 'psp', providerPaymentId: 'tr_1' }));
    expect(ctx.state.directDebit.collections[0]).toMatchObject({
      outcome: 'paid',
      paidAt: NOW.toISOString(),
    });
  });
});

describe('recordChargeback', () => {
  const chargeback = {
    dedupeKey: 'chargeback:tr_1',
    providerPaymentId: 'tr_1',
    amountCents: 12_345,
    at: NOW.toISOString(),
  };

  it('refuses an amount that is not positive, even on a closed invoice it accepts one', () => {
    const ctx = commandContext();
    expectRefusal(
      () => recordChargeback.validate(ctx, { ...chargeback, amountCents: 0 }),
      'invalid',
      'positive',
    );
    ctx.state.status = 'paid';
    expect(() => recordChargeback.validate(ctx, chargeback)).not.toThrow();
  });

  it('reopens a paid invoice once, the ladder keeping its distance from now', () => {
    const ctx = commandContext();
    recordPayment.apply(ctx, payment(12_345, { source: 'psp', providerPaymentId: 'tr_1' }));
    expect(recordChargeback.apply(ctx, chargeback)).toEqual([
      { kind: 'reopened-by-chargeback', detail: '12345' },
    ]);
    expect(ctx.state).toMatchObject({ status: 'open', lastStepAt: NOW.toISOString() });
    expect(recordChargeback.apply(ctx, chargeback)).toEqual([]);
  });

  it('on an open invoice only records the money taken back', () => {
    const ctx = commandContext();
    recordPayment.apply(ctx, payment(345, { source: 'psp' }));
    expect(recordChargeback.apply(ctx, { ...chargeback, amountCents: 345 })).toEqual([
      { kind: 'chargeback', detail: '345' },
    ]);
    expect(ctx.state.lastStepAt).toBeNull();
  });
});
