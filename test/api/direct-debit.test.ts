// Direct debit end to end through the HTTP API, a real worker on the demo policy and the sandbox PSP:
// invitation → sandbox checkout → Mollie-style webhook → fetch-back → mandate → pre-notified collection
// → the sandbox bank settles it → webhook → paid. Refusals answer as problems with field detail.

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DirectDebitResource } from '../../api/invoice-resource.js';
import { createWebhookProcessor } from '../../api/webhooks/processor.js';
import { communicationsOfInvoice } from '../../db/queries/communications.js';
import { storeWebhookEvents } from '../../db/queries/webhook-events.js';
import { payments } from '../../db/schema.js';
import { providerWebhooks } from '../../providers/runtime.js';
import {
  type ApiHarness,
  eventually,
  invoiceBody,
  problemOf,
  reversingPsp,
  startApiHarness,
} from './harness.js';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
  // Direct debit is offered only by a creditor with a SEPA creditor identifier.
  expect((await h.call('PUT', '/v1/settings', { sepaCreditorId: 'NL79ZZZ999999990000' })).statusCode).toBe(
    200,
  );
});
afterAll(async () => {
  await h?.close();
});

type Invoice = {
  status: string;
  amountPaid: { value: string };
  amountDue: { value: string };
  directDebit: DirectDebitResource | null;
};

async function invoice(invoiceId: string): Promise<Invoice> {
  return (await h.call('GET', `/v1/invoices/${invoiceId}?consistency=live`)).json();
}

async function createdInvoice(): Promise<string> {
  const body = invoiceBody();
  expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
  return body.invoiceId;
}

/** Settles a sandbox checkout the way a debtor (or script) does: one form POST to the payment URL. */
async function checkout(url: string, form: Record<string, string>) {
  const response = await h.app.inject({
    method: 'POST',
    url: new URL(url).pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });
  expect(response.statusCode).toBe(303);
}

describe('direct debit through the API', () => {
  it('invites, takes the mandate from the sandbox checkout, collects on it and closes the invoice paid', async () => {
    const invoiceId = await createdInvoice();
    const invited = await h.call('POST', `/v1/invoices/${invoiceId}/direct-debit`, { collectionDay: 5 });
    expect(invited.statusCode).toBe(200);
    const directDebit = (invited.json() as Invoice).directDebit!;
    expect(directDebit).toMatchObject({
      status: 'invited',
      collectionDay: 5,
      mandateId: null,
      collections: [],
    });
    expect(directDebit.checkoutUrl).toMatch(/\/sandbox\/checkout\/tr_sandbox[0-9a-f]{16}$/);

    await checkout(directDebit.checkoutUrl!, { outcome: 'paid', collections: 'paid' });
    const active = await eventually(async () => {
      const current = await invoice(invoiceId);
      // The mandate is signalled first, then the first payment is recorded.
      return current.directDebit?.status === 'active' && current.amountPaid.value === '0.01' && current;
    });
    expect(active.directDebit!.mandateId).toMatch(/^mdt_sandbox/);

    // Demo policy: the pre-notification goes out at once, the collection 5 policy days (10 s) later.
    const pending = await eventually(async () => {
      const current = await invoice(invoiceId);
      return current.directDebit?.collections[0]?.status === 'pending' && current;
    }, 40_000);
    expect(pending.directDebit!.collections[0]!.amount).toEqual({ currency: 'EUR', value: '123.44' });
    const messages = await communicationsOfInvoice(h.database.db, h.tenantId, invoiceId);
    expect(messages.map((m) => m.template)).toContain('direct-debit-notice');

    // The sandbox bank settles it; the webhook reports it like Mollie does.
    for (const payment of await h.sandbox.psp.settleDueCollections(0, h.tenantId))
      await h.sandbox.psp.announce(payment);
    const paid = await eventually(async () => {
      const current = await invoice(invoiceId);
      return current.status === 'paid' && current;
    });
    expect(paid.directDebit!.collections[0]!.status).toBe('paid');
    const recorded = await h.database.db
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, h.tenantId), eq(payments.invoiceId, invoiceId)));
    expect(recorded.map((p) => p.amountCents).sort((a, b) => a - b)).toEqual([1, 12_344]);

    // Weeks later the debtor has the collection reversed at their bank. Mollie keeps the payment
    // `paid`, reports `amountChargedBack` and calls the webhook again with the same id.
    const collectionId = paid.directDebit!.collections[0]!.paymentId!;
    const processor = createWebhookProcessor({
      db: h.database.db,
      temporal: h.temporal,
      payments: reversingPsp(h),
      parse: providerWebhooks(h.config, h.sandbox).parse,
      tokenSecret: h.tokenSecret,
      log: h.app.log,
      reopenAfterReversal: () => Promise.reject(new Error('the workflow is still open: nothing to reopen')),
    });
    for (let repeat = 0; repeat < 2; repeat++) {
      const [event] = await storeWebhookEvents(h.database.db, {
        provider: 'mollie',
        events: [{ providerEventId: collectionId, rawBody: `id=${collectionId}` }],
        reopen: true,
      });
      processor.enqueue(event!);
      await processor.drain();
    }
    const reopened = await invoice(invoiceId);
    expect(reopened).toMatchObject({ status: 'open', amountDue: { value: '123.44' } });
    expect(reopened.directDebit).toMatchObject({
      status: 'ended',
      endReason: 'a collection was reversed at the debtor’s bank',
    });
    const ledger = await h.database.db
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, h.tenantId), eq(payments.invoiceId, invoiceId)));
    expect(ledger.filter((p) => p.source === 'chargeback').map((p) => p.amountCents)).toEqual([-12_344]);
  }, 90_000);

  it('refuses a mandate with a clear 422 while the creditor has no SEPA creditor identifier', async () => {
    const tenant = await h.newTenant();
    expect((await h.call('PUT', '/v1/settings', {}, { as: tenant })).statusCode).toBe(200);
    const body = invoiceBody();
    expect((await h.call('POST', '/v1/invoices', body, { as: tenant })).statusCode).toBe(201);
    const refused = problemOf(
      await h.call(
        'POST',
        `/v1/invoices/${body.invoiceId}/direct-debit`,
        { collectionDay: 26 },
        { as: tenant },
      ),
      422,
    );
    expect(refused.detail).toMatch(/no SEPA creditor identifier \(Incassant ID\)/);
    const resource = (
      await h.call('GET', `/v1/invoices/${body.invoiceId}`, undefined, { as: tenant })
    ).json();
    expect(resource.directDebit).toBeNull();
  });

  it('answers bad days with field detail and refuses ending what does not run', async () => {
    const invoiceId = await createdInvoice();
    for (const collectionDay of [0, 29, '5']) {
      const problem = problemOf(
        await h.call('POST', `/v1/invoices/${invoiceId}/direct-debit`, { collectionDay }),
        400,
      );
      expect(problem.errors?.[0]?.field).toBe('/collectionDay');
    }
    const refused = problemOf(
      await h.call('POST', `/v1/invoices/${invoiceId}/direct-debit/end`, { reason: 'nothing to end' }),
      422,
    );
    expect(refused.detail).toMatch(/direct debit is not active/);
    expect((await invoice(invoiceId)).directDebit).toBeNull();
  });
});
