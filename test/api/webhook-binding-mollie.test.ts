// Issue 11 with the live Mollie adapter: the app's PSP is MolliePaymentProvider (the real SDK, its
// HTTP intercepted with nock), the worker and PostgreSQL are real. A payment made through tenant
// A's Mollie payment link, or A's debtor's first direct-debit payment, posted to the webhook URL
// of tenant B's invoice, must not touch B's invoice; posted to A's own URL it is credited once.
import { and, eq } from 'drizzle-orm';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensurePaymentLink } from '../../activities/payment-links.js';
import { selfServiceToken } from '../../activities/self-service-link.js';
import { savePspCustomerId } from '../../db/queries/psp-customers.js';
import { paymentLinks, payments, webhookEvents } from '../../db/schema.js';
import { MolliePaymentProvider } from '../../providers/mollie/mollie.js';
import { mollieWebhookEvent } from '../../providers/mollie/mollie-webhook.js';
import {
  type ApiHarness,
  eventually,
  invoiceBody,
  type Resource,
  startApiHarness,
  type Tenant,
} from './harness.js';

const API = 'https://api.mollie.com';
let h: ApiHarness;
let other: Tenant;

beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1'); // the app itself (sandbox delivery reports); never Mollie
  h = await startApiHarness({ payments: new MolliePaymentProvider({ apiKey: 'test_settle' }) });
  other = await h.newTenant();
});
afterEach(() => nock.cleanAll());
afterAll(async () => {
  await h?.close();
  nock.enableNetConnect();
});

interface MollieInvoice {
  tenant: Tenant;
  invoiceId: string;
  debtorId: string;
  token: string;
  linkId: string;
}

/**
 * An open invoice whose payment link is a Mollie link: minted on demand as the stable pay link does
 * (the sandbox stands in for Mollie's API), stored with the Mollie link id the live adapter gets back.
 */
async function mollieInvoice(tenant: Tenant, linkId: string): Promise<MollieInvoice> {
  const body = invoiceBody();
  expect((await h.call('POST', '/v1/invoices', body, { as: tenant })).statusCode).toBe(201);
  const invoice = await eventually(async () => {
    const found = (await h.call('GET', `/v1/invoices/${body.invoiceId}`, undefined, { as: tenant })).json();
    return (found as Resource).stage === 'payment-request' && (found as Resource);
  });
  await ensurePaymentLink(
    {
      db: h.database.db,
      payments: h.sandbox.psp,
      providerName: 'mollie',
      urls: { baseUrl: h.baseUrl, tokenSecret: h.tokenSecret },
    },
    {
      tenantId: tenant.tenantId,
      invoiceId: body.invoiceId,
      workflowId: invoice.workflowId,
      idempotencyKey: `${invoice.workflowId}:on-demand:link`,
      amountCents: 12_345,
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    },
  );
  await h.database.db
    .update(paymentLinks)
    .set({ provider: 'mollie', providerLinkId: linkId })
    .where(and(eq(paymentLinks.tenantId, tenant.tenantId), eq(paymentLinks.invoiceId, body.invoiceId)));
  return {
    tenant,
    invoiceId: body.invoiceId,
    debtorId: body.debtor.id as string,
    token: selfServiceToken(h.tokenSecret, tenant.tenantId, body.invoiceId),
    linkId,
  };
}

const randomId = (prefix: string) => `${prefix}_${Math.random().toString(36).slice(2, 12)}`;

function molliePayment(id: string, fields: Record<string, unknown>) {
  return {
    resource: 'payment',
    id,
    mode: 'test',
    createdAt: '2026-11-26T09:10:00+00:00',
    amount: { value: '123.45', currency: 'EUR' },
    description: 'Factuur',
    method: 'ideal',
    metadata: null,
    status: 'paid',
    paidAt: '2026-11-26T09:15:00+00:00',
    profileId: 'pfl_QkEhN94Ba',
    sequenceType: 'oneoff',
    redirectUrl: 'https://settle.example/p/x',
    webhookUrl: 'https://settle.example/webhooks/mollie',
    _links: { self: { href: `${API}/v2/payments/${id}`, type: 'application/hal+json' } },
    ...fields,
  };
}

/** Mollie's Payment Links API: the link and the payments made through it. */
function mollieLinkWithPayments(linkId: string, paymentIds: string[]) {
  nock(API)
    .persist()
    .get(`/v2/payment-links/${linkId}`)
    .reply(200, {
      resource: 'payment-link',
      id: linkId,
      mode: 'test',
      description: 'Factuur',
      amount: { currency: 'EUR', value: '123.45' },
      archived: false,
      profileId: 'pfl_QkEhN94Ba',
      createdAt: '2026-11-20T09:00:00+00:00',
      _links: {
        self: { href: `${API}/v2/payment-links/${linkId}`, type: 'application/hal+json' },
        paymentLink: { href: `https://payment-links.mollie.com/payment/${linkId}`, type: 'text/html' },
      },
    });
  nock(API)
    .persist()
    .get(`/v2/payment-links/${linkId}/payments`)
    .query(true)
    .reply(200, {
      count: paymentIds.length,
      _embedded: { payments: paymentIds.map((id) => molliePayment(id, {})) },
      _links: { self: { href: `${API}/v2/payment-links/${linkId}/payments`, type: 'application/hal+json' } },
    });
}

const postToWebhook = (paymentId: string, token: string) =>
  h.app.inject({
    method: 'POST',
    url: `/webhooks/mollie?invoice=${token}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: `id=${paymentId}`,
  });

const ledgerOf = async (invoice: MollieInvoice) =>
  (
    await h.database.db
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, invoice.tenant.tenantId), eq(payments.invoiceId, invoice.invoiceId)))
  ).map((p) => [p.source, p.reference, p.amountCents]);

const statusOf = async (invoice: MollieInvoice) =>
  (
    await h.call('GET', `/v1/invoices/${invoice.invoiceId}`, undefined, { as: invoice.tenant })
  ).json() as Resource & { directDebit: unknown };

async function eventState(paymentId: string, invoice: MollieInvoice) {
  const hint = { tenantId: invoice.tenant.tenantId, invoiceId: invoice.invoiceId };
  const [row] = await h.database.db
    .select()
    .from(webhookEvents)
    .where(
      and(
        eq(webhookEvents.provider, 'mollie'),
        eq(webhookEvents.providerEventId, mollieWebhookEvent(paymentId, invoice.token, hint).providerEventId),
      ),
    );
  return row && { state: row.state, error: row.error };
}

describe.each([
  ['names its payment link (paymentLinkId)', true],
  ['does not name its link (Mollie lists it under the link)', false],
])('a Mollie link payment that %s', (_, namesLink) => {
  it("is not credited to tenant B's invoice through B's webhook URL, and once to A's through A's", async () => {
    const a = await mollieInvoice(h, randomId('pl'));
    const b = await mollieInvoice(other, randomId('pl'));
    const paymentId = randomId('tr');
    nock(API)
      .persist()
      .get(`/v2/payments/${paymentId}`)
      .reply(200, molliePayment(paymentId, namesLink ? { paymentLinkId: a.linkId } : {}));
    mollieLinkWithPayments(a.linkId, ['tr_earlierFailed', paymentId]);
    mollieLinkWithPayments(b.linkId, ['tr_somethingElse']);

    expect((await postToWebhook(paymentId, b.token)).json()).toEqual({ received: 1 });
    await h.app.webhooks.drain();
    expect(await ledgerOf(b)).toEqual([]);
    expect((await statusOf(b)).status).toBe('open');
    expect(await eventState(paymentId, b)).toMatchObject({ state: 'ignored' });

    for (const _repeat of [1, 2]) {
      expect((await postToWebhook(paymentId, a.token)).statusCode).toBe(200);
      await h.app.webhooks.drain();
    }
    await eventually(async () => (await statusOf(a)).status === 'paid');
    expect(await ledgerOf(a)).toEqual([['psp', paymentId, 12_345]]);
    expect(await ledgerOf(b)).toEqual([]);
  }, 60_000);
});

describe("tenant A's debtor's first direct-debit payment at Mollie", () => {
  it("attaches no mandate to and credits nothing on tenant B's invoice", async () => {
    const a = await mollieInvoice(h, randomId('pl'));
    const b = await mollieInvoice(other, randomId('pl'));
    const customerId = randomId('cst');
    await savePspCustomerId(
      h.database.db,
      { tenantId: h.tenantId, debtorId: a.debtorId, provider: 'mollie' },
      customerId,
    );
    const paymentId = randomId('tr');
    nock(API)
      .persist()
      .get(`/v2/payments/${paymentId}`)
      .reply(
        200,
        molliePayment(paymentId, {
          amount: { value: '0.01', currency: 'EUR' },
          sequenceType: 'first',
          customerId,
          mandateId: randomId('mdt'),
          metadata: { tenantId: h.tenantId, invoiceId: a.invoiceId },
        }),
      );

    expect((await postToWebhook(paymentId, b.token)).json()).toEqual({ received: 1 });
    await h.app.webhooks.drain();
    expect(await ledgerOf(b)).toEqual([]);
    expect(await statusOf(b)).toMatchObject({ status: 'open', directDebit: null });
    expect(await eventState(paymentId, b)).toEqual({
      state: 'ignored',
      error: 'the webhook URL names another invoice than the payment',
    });
  }, 60_000);
});
