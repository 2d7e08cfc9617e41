// The stable pay link every message carries (`…/p/<token>/pay`), followed on the real stack as a
// debtor's browser does: it answers with a checkout for what is due at that moment, minted at the
// PSP when it is first followed (the workflow mints none) and again once that one no longer fits
// (from before a part payment; expiry windows are unit-tested in test/unit/pay-now.test.ts) — and
// once the invoice is paid it leads back to the page, never to a second payment.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfServiceUrl, stablePayLink } from '../../activities/self-service-link.js';
import { paymentLinks, payments } from '../../db/schema.js';
import { followPayLink } from '../../devstack/pay-link.js';
import { today } from '../../workflows/dunning-logic.js';
import { addDays } from '../../workflows/policy/calendar.js';
import { callApi, eventually, invoiceBody, startTestStack, type TestStack } from '../support/stack.js';

interface Resource {
  status: string;
  stage: string;
  paymentUrl: string | null;
  checkoutUrl: string | null;
  amountDue: { value: string };
}

describe('the stable pay link', () => {
  let stack: TestStack;
  const day = today(new Date());

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  const api = (method: 'GET' | 'POST', path: string, body?: unknown) => callApi(stack, method, path, body);
  const resource = async (invoiceId: string) =>
    (await (await api('GET', `/v1/invoices/${invoiceId}?consistency=live`)).json()) as Resource;
  const linkRow = async (url: string) => {
    const [row] = await stack.database.db.select().from(paymentLinks).where(eq(paymentLinks.url, url));
    return row;
  };
  const paymentsOf = (invoiceId: string) =>
    stack.database.db
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, stack.tenantId), eq(payments.invoiceId, invoiceId)));

  /** A demo-policy invoice of € 123,45 whose payment request went out with the stable link. */
  async function invoiceWithPaymentRequest() {
    const body = invoiceBody({ issueDate: day, dueDate: addDays(day, 30), policy: 'demo' });
    expect((await api('POST', '/v1/invoices', body)).status).toBe(201);
    await eventually(async () => (await resource(body.invoiceId)).stage === 'payment-request');
    const page = selfServiceUrl(
      { baseUrl: stack.baseUrl, tokenSecret: stack.config.tokenSecret! },
      stack.tenantId,
      body.invoiceId,
    );
    expect((await resource(body.invoiceId)).paymentUrl).toBe(stablePayLink(page));
    return { invoiceId: body.invoiceId, page, payLink: stablePayLink(page) };
  }

  /** The checkout the stable link leads to now, with what Settle minted it for. */
  async function checkoutNow(payLink: string) {
    const answer = await followPayLink(payLink);
    expect(answer.status).toBe(303);
    expect(answer.checkout).toContain('/sandbox/checkout/');
    const row = await linkRow(answer.checkout!);
    expect(row).toBeDefined();
    return row!;
  }

  it('mints the checkout when first followed, and leads to the same one while it fits', async () => {
    const { invoiceId, payLink } = await invoiceWithPaymentRequest();
    // The workflow sent its message without minting anything at the PSP.
    const minted = () =>
      stack.database.db.select().from(paymentLinks).where(eq(paymentLinks.invoiceId, invoiceId));
    expect(await minted()).toEqual([]);
    expect((await resource(invoiceId)).checkoutUrl).toBeNull();
    const first = await checkoutNow(payLink);
    expect(first.idempotencyKey).toContain(':self-service:');
    expect(first.amountCents).toBe(12_345);
    expect((await followPayLink(payLink)).checkout).toBe(first.url);
  });

  it('after a part payment: a checkout for the remainder', async () => {
    const { invoiceId, payLink } = await invoiceWithPaymentRequest();
    const before = await checkoutNow(payLink);
    const paid = await api('POST', `/v1/invoices/${invoiceId}/payments`, {
      amount: { currency: 'EUR', value: '23.45' },
      reference: 'bank transfer',
    });
    expect(paid.status).toBe(200);
    await eventually(async () => (await resource(invoiceId)).amountDue.value === '100.00');
    const checkout = await checkoutNow(payLink);
    expect(checkout.url).not.toBe(before.url);
    expect(checkout.amountCents).toBe(10_000);
  });

  it('a paid invoice: back to the page, never a second payment', async () => {
    const { invoiceId, page, payLink } = await invoiceWithPaymentRequest();
    const checkout = await checkoutNow(payLink);
    const pay = (url: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: stack.baseUrl },
        body: 'outcome=paid',
        redirect: 'manual',
      });
    expect((await pay(checkout.url)).status).toBe(303);
    await eventually(async () => (await resource(invoiceId)).status === 'paid');

    const after = await followPayLink(payLink);
    expect(after.status).toBe(303);
    expect(after.checkout).toBeUndefined();
    expect(after.location?.startsWith(`${page}?`)).toBe(true);
    const shown = await fetch(after.location!);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('Deze factuur is betaald');
    // The checkout it led to before only says "already paid".
    const again = await pay(checkout.url);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('Already paid');
    expect((await paymentsOf(invoiceId)).map((p) => p.amountCents)).toEqual([12_345]);
    expect((await resource(invoiceId)).paymentUrl).toBeNull();
  });
});
