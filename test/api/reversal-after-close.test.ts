// A payment reversed after the invoice's workflow completed (an unauthorised-debit refund can come 13
// months later) reopens collection of the reversed amount in a new run of the invoice's workflow,
// end to end through the Mollie webhook processor on the real Temporal dev server.

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvoiceService } from '../../api/invoice-service.js';
import { createWebhookProcessor } from '../../api/webhooks/processor.js';
import { getInvoice } from '../../db/queries/invoices.js';
import { insertPayment } from '../../db/queries/payments.js';
import { storeWebhookEvents } from '../../db/queries/webhook-events.js';
import { payments } from '../../db/schema.js';
import { checkoutBehind } from '../../devstack/pay-link.js';
import { providerWebhooks } from '../../providers/runtime.js';
import { dunningWorkflowId, statusQuery } from '../../workflows/definitions.js';
import { type ApiHarness, eventually, invoiceBody, reversingPsp, startApiHarness } from './harness.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

interface Invoice {
  status: string;
  stage: string;
  paymentUrl: string | null;
  amountDue: { value: string };
  amountPaid: { value: string };
  reopenedCollections: { paymentId: string; amount: { value: string }; reopenedAt: string }[];
}
/** The API's invoice service on the harness's stack: what the webhook processor reopens through. */
const invoiceService = () =>
  createInvoiceService({
    db: h.database.db,
    temporal: h.temporal,
    taskQueue: h.config.temporal.taskQueue,
    urls: { baseUrl: h.baseUrl, tokenSecret: h.tokenSecret },
    appChannelConfigured: false,
  });
const reversalOf = (paymentId: string, amountCents: number) => ({
  paymentId,
  amountCents,
  dedupeKey: `chargeback:${paymentId}`,
  at: new Date().toISOString(),
});
const invoice = async (id: string) =>
  (await h.call('GET', `/v1/invoices/${id}?consistency=live`)).json() as Invoice;
const paymentRequestsSent = async (id: string) => {
  const timeline = (await h.call('GET', `/v1/invoices/${id}/timeline`)).json() as {
    entries: { type: string; kind: string }[];
  };
  return timeline.entries.filter((e) => e.type === 'message' && e.kind === 'payment-request').length;
};

async function payAtCheckout(url: string): Promise<void> {
  const response = await h.app.inject({
    method: 'POST',
    url: new URL(url).pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'outcome=paid',
  });
  expect(response.statusCode).toBe(303);
  await h.app.webhooks.drain();
}

describe('reversal after close', () => {
  it('reopens collection of the reversed amount in a new run, once, shown on the invoice and its timeline', async () => {
    const body = invoiceBody();
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    const id = body.invoiceId;
    const first = await eventually(async () => {
      const found = await invoice(id);
      return found.stage === 'payment-request' && found;
    });
    await payAtCheckout(await checkoutBehind(first.paymentUrl!));
    const handle = h.temporal.workflow.getHandle(dunningWorkflowId(h.tenantId, id));
    const closedRun = await eventually(async () => {
      const described = await handle.describe();
      return described.status.name === 'COMPLETED' && described.runId;
    });
    expect((await invoice(id)).status).toBe('paid');
    const [paid] = await h.database.db
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, h.tenantId), eq(payments.invoiceId, id), eq(payments.source, 'psp')));
    const paymentId = paid!.reference!;

    // Months later the PSP reports the payment charged back; the webhook comes (twice).
    const invoices = invoiceService();
    const processor = createWebhookProcessor({
      db: h.database.db,
      temporal: h.temporal,
      payments: reversingPsp(h),
      parse: providerWebhooks(h.config, h.sandbox).parse,
      tokenSecret: h.tokenSecret,
      log: h.app.log,
      reopenAfterReversal: invoices.reopenAfterReversal,
    });
    const deliverWebhook = async () => {
      const [event] = await storeWebhookEvents(h.database.db, {
        provider: 'mollie',
        events: [{ providerEventId: `${paymentId}:reversed`, rawBody: `id=${paymentId}` }],
        reopen: true,
      });
      processor.enqueue(event!);
      await processor.drain();
    };
    await deliverWebhook();
    await deliverWebhook();

    const described = await handle.describe();
    expect(described.status.name).toBe('RUNNING');
    expect(described.runId).not.toBe(closedRun);
    expect(await described.memo).toMatchObject({ reopenedByPayment: paymentId });
    // The new run asks for the reversed amount with a fresh payment request.
    const reopened = await eventually(async () => {
      const found = await invoice(id);
      return found.status === 'open' && (await paymentRequestsSent(id)) === 2 && found;
    });
    expect(reopened).toMatchObject({
      amountDue: { value: body.amount.value },
      amountPaid: { value: '0.00' },
      reopenedCollections: [{ paymentId, amount: { value: body.amount.value } }],
    });
    const timeline = (await h.call('GET', `/v1/invoices/${id}/timeline`)).json() as {
      entries: { type: string; kind: string; detail?: string }[];
    };
    expect(timeline.entries).toContainEqual(
      expect.objectContaining({ type: 'event', kind: 'collection-reopened', detail: paymentId }),
    );

    // Paid again: the run completes; the same reversal reported once more reopens nothing.
    await payAtCheckout(await checkoutBehind(reopened.paymentUrl!));
    const secondRun = await eventually(async () => {
      const again = await handle.describe();
      return again.status.name === 'COMPLETED' && again.runId;
    });
    expect(secondRun).toBe(described.runId);
    await deliverWebhook();
    expect((await handle.describe()).runId).toBe(secondRun);
    const final = await invoice(id);
    expect(final.status).toBe('paid');
    expect(final.reopenedCollections).toHaveLength(1);
  }, 120_000);

  it('collects again only a paid claim with principal left open: never a withdrawn or already-settled one', async () => {
    const invoices = invoiceService();
    const closedInvoice = async (close: (id: string, payLink: string) => Promise<void>) => {
      const body = invoiceBody();
      expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
      const opened = await eventually(async () => {
        const found = await invoice(body.invoiceId);
        return found.stage === 'payment-request' && found;
      });
      await close(body.invoiceId, opened.paymentUrl!);
      const handle = h.temporal.workflow.getHandle(dunningWorkflowId(h.tenantId, body.invoiceId));
      const runId = await eventually(async () => {
        const described = await handle.describe();
        return described.status.name === 'COMPLETED' && described.runId;
      });
      const row = await eventually(async () => {
        const found = await getInvoice(h.database.db, h.tenantId, body.invoiceId);
        return found?.closedAt ? found : undefined;
      });
      return { id: body.invoiceId, handle, runId, row };
    };

    // A claim the creditor withdrew (cancelled) stays withdrawn when a part-payment is reversed.
    const cancelled = await closedInvoice(async (id) => {
      await h.call('POST', `/v1/invoices/${id}/cancel`, { reason: 'credit note issued' });
    });
    expect(await invoices.reopenAfterReversal(cancelled.row, reversalOf('tr_partpaid', 5_000))).toBe(
      'not-paid',
    );
    expect((await cancelled.handle.describe()).runId).toBe(cancelled.runId);

    // Paid twice, one of the two reversed: nothing is left to collect, so no run asks for €0.00.
    const settled = await closedInvoice(async (_id, payLink) => payAtCheckout(await checkoutBehind(payLink)));
    const duplicate = { tenantId: h.tenantId, invoiceId: settled.id, currency: 'EUR' as const };
    await insertPayment(h.database.db, {
      ...duplicate,
      source: 'manual',
      dedupeKey: 'manual:bank-duplicate',
      amountCents: 12_345,
      paidAt: new Date(),
    });
    await insertPayment(h.database.db, {
      ...duplicate,
      source: 'chargeback',
      dedupeKey: 'chargeback:bank-duplicate',
      amountCents: -12_345,
      paidAt: new Date(),
    });
    expect(await invoices.reopenAfterReversal(settled.row, reversalOf('tr_duplicate', 12_345))).toBe(
      'nothing-due',
    );
    expect((await settled.handle.describe()).runId).toBe(settled.runId);
  }, 120_000);

  it('a reversal while a run is open again reaches that run, once per payment', async () => {
    const invoices = invoiceService();
    const body = invoiceBody();
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    const id = body.invoiceId;
    await eventually(async () => (await invoice(id)).stage === 'payment-request');
    // Paid in three bank transfers: €100.00, €20.00, €3.45.
    for (const [reference, value] of [
      ['bank-1', '100.00'],
      ['bank-2', '20.00'],
      ['bank-3', '3.45'],
    ]) {
      const paid = await h.call('POST', `/v1/invoices/${id}/payments`, {
        amount: { currency: 'EUR', value },
        reference,
      });
      expect(paid.statusCode).toBe(200);
    }
    const handle = h.temporal.workflow.getHandle(dunningWorkflowId(h.tenantId, id));
    await eventually(async () => (await handle.describe()).status.name === 'COMPLETED');
    // The row as a webhook read it when the run had just closed (two reversals processed at once).
    const closedRow = await eventually(async () => {
      const found = await getInvoice(h.database.db, h.tenantId, id);
      return found?.closedAt ? found : undefined;
    });
    const chargeBack = async (reference: string, amountCents: number) => {
      await insertPayment(h.database.db, {
        tenantId: h.tenantId,
        invoiceId: id,
        source: 'chargeback',
        dedupeKey: `chargeback:${reference}`,
        amountCents: -amountCents,
        currency: 'EUR',
        paidAt: new Date(),
        reference,
      });
      return reversalOf(reference, amountCents);
    };
    const due = async () => (await handle.query(statusQuery)).amounts.dueCents;
    const chargebackEvents = async (detail: string) =>
      (await handle.query(statusQuery)).events.filter((e) => e.kind === 'chargeback' && e.detail === detail);

    const first = await chargeBack('bank-1', 10_000);
    expect(await invoices.reopenAfterReversal(closedRow, first)).toBe('reopened');
    const reopenedRun = (await handle.describe()).runId;
    expect(await due()).toBe(10_000);

    // A second reversal decided on the same closed row: its start keeps the run just reopened, which
    // must hear of it (it started from a ledger without it).
    const second = await chargeBack('bank-2', 2_000);
    expect(await invoices.reopenAfterReversal(closedRow, second)).toBe('reopened');
    expect((await handle.describe()).runId).toBe(reopenedRun);
    expect(await due()).toBe(12_000);
    expect(await chargebackEvents('2000')).toHaveLength(1);

    // A third while the reopened run runs (the row says open): told to the run, not dropped as unpaid.
    const third = await chargeBack('bank-3', 345);
    const openRow = (await getInvoice(h.database.db, h.tenantId, id))!;
    expect(openRow.closedAt).toBeNull();
    expect(await invoices.reopenAfterReversal(openRow, third)).toBe('joined');
    expect(await due()).toBe(12_345);
    // Reported again: nothing changes, each payment was recorded once.
    expect(await invoices.reopenAfterReversal(openRow, third)).toBe('joined');
    const latestRow = (await getInvoice(h.database.db, h.tenantId, id))!;
    expect(await invoices.reopenAfterReversal(latestRow, second)).toBe('already-reopened');
    expect(await due()).toBe(12_345);
    expect(await chargebackEvents('2000')).toHaveLength(1);
    expect(await chargebackEvents('345')).toHaveLength(1);
    const recorded = (await handle.query(statusQuery)).payments.filter((p) => p.source === 'chargeback');
    expect(recorded.map((p) => p.dedupeKey).sort()).toEqual([
      'chargeback:bank-1',
      'chargeback:bank-2',
      'chargeback:bank-3',
    ]);
    expect((await handle.describe()).runId).toBe(reopenedRun);
    await h.call('POST', `/v1/invoices/${id}/cancel`, { reason: 'test finished' });
  }, 120_000);
});
