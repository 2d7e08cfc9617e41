// What a closed claim still owes, on the time-skipping server with the real activities and PostgreSQL:
// a payment reversed after close reopens collection with the closed run's costs and interest (never
// charging the costs again), and costs withdrawn after the debtor paid them leave a surplus to refund
// that the invoice, its timeline and its audit trail show.
import { describe, expect, it } from 'vitest';
import { invoiceResource } from '../../api/invoice-resource.js';
import { createInvoiceService } from '../../api/invoice-service.js';
import { invoiceTimeline } from '../../api/timeline.js';
import { getInvoice } from '../../db/queries/invoices.js';
import { insertPayment } from '../../db/queries/payments.js';
import { deliverySignal } from '../../workflows/definitions.js';
import type { DunningStatus } from '../../workflows/dunning-types.js';
import { harnessPerFile } from './harness.js';

const h = harnessPerFile();

const hasMessage = (stepKey: string) => (s: DunningStatus) => s.messages.some((m) => m.stepKey === stepKey);

async function closedRow(invoiceId: string) {
  const row = await getInvoice(h.database.db, h.tenantId, invoiceId);
  if (!row?.closedAt) throw new Error(`invoice ${invoiceId} has not closed`);
  return row;
}

describe('a reversal after close', () => {
  it('reopens the costs and interest that were paid with the reversed payment, and charges no costs again', async () => {
    const id = await h.createInvoice({
      policyId: 'nl-business',
      amountCents: 100_000,
      debtor: { type: 'business', name: 'Bakkerij De Korenaar B.V.' },
    });
    // Costs are owed from the day after the due date; interest runs from the due date.
    const charged = await h.waitFor(id, hasMessage('reminder-2'), 40);
    const { costsCents, interestCents, dueCents } = charged.amounts;
    expect(costsCents).toBe(15_000); // Besluit art. 2: 15% × €1,000
    expect(interestCents).toBeGreaterThan(0);
    expect(dueCents).toBe(100_000 + 15_000 + interestCents);

    // The debtor pays everything by bank transfer; the invoice closes.
    const paidAt = await h.now();
    await insertPayment(h.database.db, {
      tenantId: h.tenantId,
      invoiceId: id,
      source: 'manual',
      dedupeKey: 'manual:all',
      amountCents: dueCents,
      currency: 'EUR',
      paidAt,
      reference: 'bank-all',
    });
    await h.pay(id, dueCents, 'manual:all');
    const closed = await h.runToEnd(id);
    expect(closed.status).toBe('paid');

    // Months later the bank reverses the transfer: all of it is owed again, costs and interest included.
    await insertPayment(h.database.db, {
      tenantId: h.tenantId,
      invoiceId: id,
      source: 'chargeback',
      dedupeKey: 'chargeback:bank-all',
      amountCents: -dueCents,
      currency: 'EUR',
      paidAt: await h.now(),
      reference: 'bank-all',
    });
    const service = createInvoiceService({
      db: h.database.db,
      temporal: h.env.client,
      taskQueue: h.taskQueue,
      urls: { baseUrl: 'http://127.0.0.1:9', tokenSecret: 'x'.repeat(32) },
      appChannelConfigured: false,
    });
    const reversal = {
      paymentId: 'bank-all',
      amountCents: dueCents,
      dedupeKey: 'chargeback:bank-all',
      at: (await h.now()).toISOString(),
    };
    expect(await service.reopenAfterReversal(await closedRow(id), reversal)).toBe('reopened');

    const reopened = await h.status(id);
    expect(reopened.status).toBe('open');
    expect(reopened.amounts).toMatchObject({
      costsCents: 15_000,
      interestCents,
      paidCents: 0,
      dueCents,
      parts: {
        principal: { chargedCents: 100_000, paidCents: 0, outstandingCents: 100_000 },
        costs: { chargedCents: 15_000, paidCents: 0, outstandingCents: 15_000 },
        interest: { chargedCents: interestCents, paidCents: 0, outstandingCents: interestCents },
      },
    });
    const row = (await getInvoice(h.database.db, h.tenantId, id))!;
    expect(row.reopenedCollections).toEqual([
      expect.objectContaining({
        paymentId: 'bank-all',
        owed: { principalCents: 100_000, costsCents: 15_000, interestCents },
      }),
    ]);

    // The new run walks its ladder past the day after its due date (when business costs fall due) and
    // its formal notice: the costs stay those of the closed run, the interest that accrued up to close.
    const noticed = await h.waitFor(id, hasMessage('formal-notice'), 40);
    expect(noticed.amounts).toMatchObject({ costsCents: 15_000, interestCents, dueCents });
    const resource = invoiceResource(row, 'x', noticed);
    expect(resource.amountDue.value).toBe((dueCents / 100).toFixed(2));
    expect(resource.breakdown.costs.outstanding.value).toBe('150.00');
    expect(resource.reopenedCollections[0]?.owed?.costs.value).toBe('150.00');
    const timeline = await invoiceTimeline(h.database.db, row, noticed);
    expect(timeline.amounts).toMatchObject({ costs: '150.00', due: (dueCents / 100).toFixed(2) });

    // Paid again in full: the reopened run closes with nothing owed.
    await h.pay(id, dueCents, 'manual:again');
    const settled = await h.runToEnd(id);
    expect(settled.amounts).toMatchObject({ costsCents: 15_000, interestCents, dueCents: 0 });
  });
});

describe('costs withdrawn after the debtor paid them', () => {
  it('leave a surplus that the invoice, its timeline and its audit trail show for a refund', async () => {
    const id = await h.createInvoice({});
    // €123.45 → the €40 minimum of the statutory scale, charged after the 14-day letter's term.
    const charged = await h.waitFor(id, hasMessage('payment-plan-offer'), 90);
    expect(charged.amounts.costsCents).toBe(4_000);
    // €130.00: €40 costs and the interest first, the rest on the principal (art. 6:44 BW).
    await h.pay(id, 13_000, 'manual:part');
    // The print house reports the 14-day letter came back: it started no term, the costs were never due.
    const letter = charged.messages.find((m) => m.stepKey === 'formal-notice' && m.channel === 'letter')!;
    await h.handle(id).signal(deliverySignal, {
      messageId: letter.messageId,
      status: 'returned',
      at: (await h.now()).toISOString(),
    });
    const closed = await h.runToEnd(id);
    // All €130.00 goes to the €123.45 principal: €6.55 paid too much.
    expect(closed.status).toBe('paid');
    expect(closed.amounts).toMatchObject({
      costsCents: 0,
      interestCents: 0,
      dueCents: 0,
      overpaidCents: 655,
    });
    const kinds = closed.events.map((e) => `${e.kind}:${e.detail ?? ''}`);
    expect(kinds).toContain('costs-withdrawn:4000');
    expect(kinds).toContain('overpaid:655');

    const row = await closedRow(id);
    expect(invoiceResource(row, 'x').overpaid).toEqual({ currency: 'EUR', value: '6.55' });
    const timeline = await invoiceTimeline(h.database.db, row, undefined);
    expect(timeline.amounts.overpaid).toBe('6.55');
    expect(timeline.entries).toContainEqual(expect.objectContaining({ type: 'event', kind: 'overpaid' }));
  });
});
