// Issue 11, "trust nothing": a Mollie-style webhook call names a payment id and carries the URL
// Settle gave that payment, but anyone can post any id to any invoice's URL. With the sandbox PSP
// on the real stack (API, worker, PostgreSQL): a payment is credited only to the invoice its own
// facts name, once across all invoices; a mandate serves only the debtor whose PSP customer made
// it; and made-up payment ids leave no trace in the events table.

import { randomBytes } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfServiceToken } from '../../activities/self-service-link.js';
import { createWebhookProcessor, type WebhookProcessorDeps } from '../../api/webhooks/processor.js';
import { auditTrail } from '../../db/queries/audit.js';
import { insertPayment, invoiceCreditedWith } from '../../db/queries/payments.js';
import { pspCustomerId } from '../../db/queries/psp-customers.js';
import { storeWebhookEvents } from '../../db/queries/webhook-events.js';
import { payments, webhookEvents } from '../../db/schema.js';
import { checkoutBehind, sandboxCheckoutId } from '../../devstack/pay-link.js';
import { mollieWebhookEvent } from '../../providers/mollie/mollie-webhook.js';
import { providerWebhooks } from '../../providers/runtime.js';
import type { PaymentProvider } from '../../providers/types.js';
import {
  type ApiHarness,
  eventually,
  invoiceBody,
  type Resource,
  startApiHarness,
  type Tenant,
} from './harness.js';

let h: ApiHarness;
let other: Tenant;

beforeAll(async () => {
  h = await startApiHarness();
  other = await h.newTenant();
});
afterAll(async () => {
  await h?.close();
});

interface OpenInvoice {
  tenant: Tenant;
  invoiceId: string;
  debtorId: string;
  token: string;
}

async function openInvoice(tenant: Tenant, debtor: Record<string, unknown> = {}): Promise<OpenInvoice> {
  const body = invoiceBody({}, debtor);
  expect((await h.call('POST', '/v1/invoices', body, { as: tenant })).statusCode).toBe(201);
  await eventually(async () => {
    const invoice = (await h.call('GET', `/v1/invoices/${body.invoiceId}`, undefined, { as: tenant })).json();
    return (invoice as Resource).stage === 'payment-request';
  });
  return {
    tenant,
    invoiceId: body.invoiceId,
    debtorId: body.debtor.id as string,
    token: selfServiceToken(h.tokenSecret, tenant.tenantId, body.invoiceId),
  };
}

const resourceOf = async (invoice: OpenInvoice) =>
  (
    await h.call('GET', `/v1/invoices/${invoice.invoiceId}`, undefined, { as: invoice.tenant })
  ).json() as Resource & { directDebit: { status: string; mandateId: string | null } | null };

const ledgerOf = async (invoice: OpenInvoice) =>
  (
    await h.database.db
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, invoice.tenant.tenantId), eq(payments.invoiceId, invoice.invoiceId)))
  ).map((p) => [p.source, p.reference, p.amountCents]);

const postToWebhook = (paymentId: string, token?: string) =>
  h.app.inject({
    method: 'POST',
    url: `/webhooks/mollie${token ? `?invoice=${token}` : ''}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `id=${paymentId}`,
  });

const eventOf = async (paymentId: string, invoice: OpenInvoice) => {
  const hint = { tenantId: invoice.tenant.tenantId, invoiceId: invoice.invoiceId };
  const { providerEventId } = mollieWebhookEvent(paymentId, invoice.token, hint);
  const [row] = await h.database.db
    .select()
    .from(webhookEvents)
    .where(and(eq(webhookEvents.provider, 'mollie'), eq(webhookEvents.providerEventId, providerEventId)));
  return row;
};

/** Debtor of `invoice` completes the direct-debit first payment in the sandbox; its mandate is active. */
async function mandateOf(invoice: OpenInvoice): Promise<{ paymentId: string; mandateId: string }> {
  const invited = await h.call(
    'POST',
    `/v1/invoices/${invoice.invoiceId}/direct-debit`,
    { collectionDay: 5 },
    {
      as: invoice.tenant,
    },
  );
  expect(invited.statusCode).toBe(200);
  const checkoutUrl = (invited.json() as { directDebit: { checkoutUrl: string } }).directDebit.checkoutUrl;
  const paymentId = checkoutUrl.split('/').at(-1)!;
  const checkout = await h.app.inject({
    method: 'POST',
    url: new URL(checkoutUrl).pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'outcome=paid&collections=paid',
  });
  expect(checkout.statusCode).toBe(303);
  const active = await eventually(async () => {
    const current = await resourceOf(invoice);
    return current.directDebit?.status === 'active' && current;
  });
  return { paymentId, mandateId: active.directDebit!.mandateId! };
}

describe("a payment posted to another invoice's webhook URL", () => {
  it("credits nothing and attaches no mandate to tenant B's invoice for tenant A's first payment", async () => {
    const a = await openInvoice(h);
    const b = await openInvoice(other);
    const { paymentId } = await mandateOf(a);

    expect((await postToWebhook(paymentId, b.token)).statusCode).toBe(200);
    await h.app.webhooks.drain();

    expect(await ledgerOf(b)).toEqual([]);
    const victim = await resourceOf(b);
    expect(victim).toMatchObject({ status: 'open', amountPaid: { value: '0.00' }, directDebit: null });
    const event = await eventOf(paymentId, b);
    expect(event).toMatchObject({ state: 'ignored', error: expect.stringMatching(/another invoice/) });
    const trail = await auditTrail(h.database.db, other.tenantId, b.invoiceId);
    expect(trail.filter((e) => e.action === 'payment-not-credited').map((e) => e.detail)).toEqual([
      { providerPaymentId: paymentId, reason: 'the webhook URL names another invoice than the payment' },
    ]);
    // Tenant A's own invoice got its cent, once, whatever was posted where.
    expect(await ledgerOf(a)).toEqual([['psp', paymentId, 1]]);
  }, 60_000);

  it("attaches no mandate to the invoice of another debtor of the same tenant, even if the payment's metadata names it", async () => {
    const a = await openInvoice(h);
    const c = await openInvoice(h); // same tenant, another debtor
    await mandateOf(a);
    const customerOfA = (await pspCustomerId(h.database.db, {
      tenantId: h.tenantId,
      debtorId: a.debtorId,
      provider: 'mollie-sandbox',
    }))!;

    // Posted to C's URL: refused.
    const { providerPaymentId: paymentId } = await h.sandbox.psp.createFirstPayment({
      idempotencyKey: `forged-first:${c.invoiceId}`,
      providerCustomerId: customerOfA,
      amountCents: 1,
      currency: 'EUR',
      description: 'first payment',
      redirectUrl: 'https://settle.example/return',
      // A first payment on A's debtor's customer that names C in its metadata and URL.
      webhookUrl: `${h.baseUrl}/webhooks/mollie?invoice=${c.token}`,
      methods: ['ideal'],
      metadata: { tenantId: h.tenantId, invoiceId: c.invoiceId },
    });
    await h.sandbox.psp.settle(paymentId, 'paid');
    expect((await postToWebhook(paymentId, c.token)).statusCode).toBe(200);
    await h.app.webhooks.drain();

    expect(await ledgerOf(c)).toEqual([]);
    expect((await resourceOf(c)).directDebit).toBeNull();
    expect(await eventOf(paymentId, c)).toMatchObject({
      state: 'ignored',
      error: expect.stringMatching(/PSP customer is not the one Settle created for this invoice's debtor/),
    });
  }, 60_000);

  it('is credited once, on its own invoice, however many invoices’ URLs it is posted to', async () => {
    const a = await openInvoice(h);
    const targets = [await openInvoice(h), await openInvoice(other), await openInvoice(other)];
    const { paymentId } = await mandateOf(a);
    for (const repeat of [1, 2])
      for (const invoice of [...targets, a]) {
        expect((await postToWebhook(paymentId, invoice.token)).statusCode, `round ${repeat}`).toBe(200);
        await h.app.webhooks.drain();
      }

    const credits = await h.database.db.select().from(payments).where(eq(payments.reference, paymentId));
    expect(credits.map((p) => [p.tenantId, p.invoiceId, p.amountCents])).toEqual([
      [h.tenantId, a.invoiceId, 1],
    ]);
    for (const invoice of targets) expect((await resourceOf(invoice)).amountPaid.value).toBe('0.00');
  }, 60_000);
});

describe('payment ids Settle cannot verify', () => {
  const mollieEvents = async () =>
    Number(
      (
        await h.database.db
          .select({ n: sql<number>`count(*)` })
          .from(webhookEvents)
          .where(eq(webhookEvents.provider, 'mollie'))
      )[0]!.n,
    );

  it('are answered 200 and leave the events table as it was; a real payment still lands', async () => {
    const a = await openInvoice(h);
    const before = await mollieEvents();
    const forgedToken = `${a.token.split('.')[0]}.${randomBytes(24).toString('base64url')}`;
    /** Stored calls about these payment ids (the sandbox's own calls for other tests' payments may come in meanwhile). */
    const storedAbout = async (ids: string[]) =>
      Number(
        (
          await h.database.db
            .select({ n: sql<number>`count(*)` })
            .from(webhookEvents)
            .where(
              and(
                eq(webhookEvents.provider, 'mollie'),
                inArray(sql`split_part(${webhookEvents.providerEventId}, ':', 1)`, ids),
              ),
            )
        )[0]!.n,
      );
    const madeUp: string[] = [];
    for (let i = 0; i < 300; i++) {
      const id = `tr_${randomBytes(8).toString('hex')}`;
      madeUp.push(id);
      const token = [undefined, a.token, forgedToken][i % 3];
      const response = await postToWebhook(id, token);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ received: 0 });
    }
    expect(await storedAbout(madeUp)).toBe(0);
    expect(await mollieEvents()).toBeGreaterThanOrEqual(before);

    // A real payment through the invoice's link: stored once, processed, the invoice paid.
    const linkId = sandboxCheckoutId(await checkoutBehind((await resourceOf(a)).paymentUrl!));
    const paid = (await h.sandbox.psp.settle(linkId, 'paid'))!;
    // A forged token next to a real id is not stored either: Settle never gave out that URL.
    expect((await postToWebhook(paid.id, forgedToken)).json()).toEqual({ received: 0 });
    // Stored once, whoever called first: the test or the sandbox's own notification of the payment.
    const answer = (await postToWebhook(paid.id, a.token)).json() as { received: number };
    expect([0, 1]).toContain(answer.received);
    await eventually(async () => (await storedAbout([paid.id])) === 1);
    await eventually(async () => (await resourceOf(a)).status === 'paid');
    expect(await ledgerOf(a)).toEqual([['psp', paid.id, 12_345]]);
  }, 60_000);
});

describe('a Mollie call whose payment the PSP cannot confirm in time', () => {
  const processorWith = (getPayment: PaymentProvider['getPayment']) =>
    createWebhookProcessor({
      db: h.database.db,
      temporal: h.temporal,
      payments: { createPaymentLink: () => Promise.reject(new Error('unused')), getPayment },
      parse: providerWebhooks(h.config, h.sandbox).parse,
      tokenSecret: h.tokenSecret,
      log: h.app.log,
      reopenAfterReversal: () => Promise.reject(new Error('unused')),
    });

  it('is refused for Mollie to retry (nothing stored), within the time allowed', async () => {
    const hanging = processorWith(() => new Promise(() => {}));
    const started = Date.now();
    expect(await hanging.admitPaymentCall('tr_slow1', undefined, 200)).toBe('unverifiable');
    expect(Date.now() - started).toBeLessThan(2000);
    const failing = processorWith(() => Promise.reject(new Error('mollie: HTTP 503')));
    expect(await failing.admitPaymentCall('tr_down1', undefined)).toBe('unverifiable');
    const unknown = processorWith(async () => undefined);
    expect(await unknown.admitPaymentCall('tr_none1', undefined)).toBe('dropped');
  });
});

describe('processing stored events', () => {
  /** A processor over the harness's stack; the PSP knows no payment, so every event ends ignored. */
  const processorWith = (
    options: Pick<WebhookProcessorDeps, 'concurrency' | 'maxQueued' | 'sweepPage'>,
    getPayment: PaymentProvider['getPayment'] = async () => undefined,
  ) =>
    createWebhookProcessor({
      db: h.database.db,
      temporal: h.temporal,
      payments: { createPaymentLink: () => Promise.reject(new Error('unused')), getPayment },
      parse: providerWebhooks(h.config, h.sandbox).parse,
      tokenSecret: h.tokenSecret,
      log: h.app.log,
      reopenAfterReversal: () => Promise.reject(new Error('unused')),
      ...options,
    });

  /** `count` stored Mollie calls for payments no PSP knows, and a reader of their states. */
  async function burst(count: number) {
    const ids = Array.from({ length: count }, () => `tr_burst${randomBytes(6).toString('hex')}`);
    const rows = await storeWebhookEvents(h.database.db, {
      provider: 'mollie',
      events: ids.map((id) => mollieWebhookEvent(id, undefined, undefined)),
    });
    const states = async () =>
      (
        await h.database.db
          .select({ state: webhookEvents.state })
          .from(webhookEvents)
          .where(
            inArray(
              webhookEvents.providerEventId,
              rows.map((row) => row.providerEventId),
            ),
          )
      ).map((row) => row.state);
    return { rows, states };
  }

  it('acts on a bounded number at once, and on every event of a burst', async () => {
    let running = 0;
    let peak = 0;
    const processor = processorWith({ concurrency: 3 }, async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 15));
      running -= 1;
      return undefined;
    });
    const { rows, states } = await burst(30);
    for (const row of rows) processor.enqueue(row);
    // An event already queued is not queued twice (the sweeper meets events the request path queued).
    processor.enqueue(rows[0]!);
    await processor.drain();
    expect(peak).toBe(3);
    expect(await states()).toEqual(Array(30).fill('ignored'));
  });

  it('drains a burst larger than its queue at processing speed: what it left out is read back once it has room', async () => {
    const processor = processorWith({ concurrency: 2, maxQueued: 10, sweepPage: 4 });
    const { rows, states } = await burst(40);
    // The request path queues what fits; the rest wait in PostgreSQL, and no sweeper runs here.
    for (const row of rows) processor.enqueue(row);
    await processor.drain();
    expect(await states()).toEqual(Array(40).fill('ignored'));
  });
});

describe('the payments ledger', () => {
  it('holds a PSP payment id once across all invoices and tenants; its chargeback reuses the id', async () => {
    const paymentId = `tr_ledger${randomBytes(6).toString('hex')}`;
    const row = (tenantId: string, invoiceId: string, source: 'psp' | 'chargeback') => ({
      tenantId,
      invoiceId,
      source,
      dedupeKey: `${source}:${paymentId}`,
      amountCents: source === 'psp' ? 500 : -500,
      currency: 'EUR',
      paidAt: new Date(),
      reference: paymentId,
    });
    expect(await insertPayment(h.database.db, row(h.tenantId, 'INV-own', 'psp'))).toBe(true);
    expect(await insertPayment(h.database.db, row(h.tenantId, 'INV-other', 'psp'))).toBe(false);
    expect(await insertPayment(h.database.db, row(other.tenantId, 'INV-own', 'psp'))).toBe(false);
    expect(await insertPayment(h.database.db, row(h.tenantId, 'INV-own', 'chargeback'))).toBe(true);
    expect(await invoiceCreditedWith(h.database.db, `psp:${paymentId}`)).toEqual({
      tenantId: h.tenantId,
      invoiceId: 'INV-own',
    });
  });
});
