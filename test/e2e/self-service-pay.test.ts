// "Pay now" on the self-service page, in headless Chromium on the real stack: it pays what is due at
// that moment — the open instalment of a plan whose first instalment is paid, never the paid link —
// and it works before any message (and so any link) exists. A paid sandbox link cannot be paid twice.
import { and, eq, like } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfServiceUrl } from '../../activities/self-service-link.js';
import { paymentLinks, payments } from '../../db/schema.js';
import { checkoutBehind } from '../../devstack/pay-link.js';
import { today } from '../../workflows/dunning-logic.js';
import { addDays } from '../../workflows/policy/calendar.js';
import { launchHeadlessChromium, runBrowserTests } from '../support/browser.js';
import { callApi, eventually, invoiceBody, startTestStack, type TestStack } from '../support/stack.js';

// CI installs Chromium: there a missing browser is a failure, not a skip.
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

interface Resource {
  status: string;
  stage: string;
  checkoutUrl: string | null;
  amountPaid: { value: string };
}

describe.skipIf(!runBrowserTests)('pay now from the self-service page (headless Chromium)', () => {
  let stack: TestStack;
  let browser: Browser;
  const day = today(new Date());

  beforeAll(async () => {
    stack = await startTestStack();
    browser = await launchHeadlessChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const api = (method: 'GET' | 'POST', path: string, body?: unknown) => callApi(stack, method, path, body);
  const resource = async (invoiceId: string) =>
    (await (await api('GET', `/v1/invoices/${invoiceId}?consistency=live`)).json()) as Resource;
  const pageUrl = (invoiceId: string) =>
    selfServiceUrl(
      { baseUrl: stack.baseUrl, tokenSecret: stack.config.tokenSecret! },
      stack.tenantId,
      invoiceId,
    );
  /** Pays a sandbox checkout as a script would (same-site form post). */
  const payCheckout = (checkoutUrl: string) =>
    fetch(checkoutUrl, {
      method: 'POST',
      headers: { ...FORM, origin: stack.baseUrl },
      body: 'outcome=paid',
      redirect: 'manual',
    });
  const paymentsOf = (invoiceId: string) =>
    stack.database.db
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, stack.tenantId), eq(payments.invoiceId, invoiceId)));

  async function newTab(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true });
    return context.newPage();
  }

  it('a plan whose first instalment is paid: Pay now pays instalment 2, the paid link says "already paid"', async () => {
    const body = invoiceBody({ issueDate: day, dueDate: addDays(day, 30), policy: 'demo' });
    expect((await api('POST', '/v1/invoices', body)).status).toBe(201);
    const page = pageUrl(body.invoiceId);
    await eventually(async () => (await resource(body.invoiceId)).stage === 'payment-request');
    const planned = await fetch(`${page}/plan`, {
      method: 'POST',
      headers: { ...FORM, origin: stack.baseUrl },
      body: 'instalments=3',
      redirect: 'manual',
    });
    expect(planned.headers.get('location')).toContain('done=plan');
    // The plan confirmation's pay link leads to a checkout for instalment 1 (€ 41,15); the debtor pays it.
    const firstLink = await eventually(async () => {
      const url = await checkoutBehind(`${page}/pay`);
      const [row] = await stack.database.db.select().from(paymentLinks).where(eq(paymentLinks.url, url));
      return row?.amountCents === 4115 ? row.url : undefined;
    });
    expect((await payCheckout(firstLink)).status).toBe(303);
    await eventually(async () => (await resource(body.invoiceId)).amountPaid.value === '41.15');

    const tab = await newTab();
    await tab.goto(page);
    expect(await tab.locator('[data-pay-amount]').textContent()).toBe('U betaalt termijn 2 van 3: € 41,15.');
    await tab.click('#pay a.btn');
    await tab.waitForURL(/\/sandbox\/checkout\//);
    // A fresh link for instalment 2, not the paid one.
    expect(tab.url()).not.toBe(firstLink);
    expect(await tab.locator('body').textContent()).toContain('€ 41.15');
    await expect(tab.locator('button[value=paid]').count()).resolves.toBe(1);

    // The paid link itself: an "already paid" page (200, with the sandbox pages' security headers),
    // and a second payment on it is refused.
    const paidPage = await tab.goto(firstLink);
    expect(paidPage?.status()).toBe(200);
    expect(paidPage?.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(paidPage?.headers()['x-content-type-options']).toBe('nosniff');
    expect(await tab.locator('h1').textContent()).toBe('Already paid');
    expect(await tab.locator('button').count()).toBe(0);
    const again = await payCheckout(firstLink);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('Already paid');
    expect((await paymentsOf(body.invoiceId)).map((p) => p.amountCents)).toEqual([4115]);
    await tab.context().close();
  });

  it('before the first message: Pay now mints a link for the amount due at once, the same on every click', async () => {
    // The consumer policy sends its payment request 14 days before a due date a month away: no link yet.
    const body = invoiceBody({ issueDate: day, dueDate: addDays(day, 30), policy: 'nl-consumer' });
    expect((await api('POST', '/v1/invoices', body)).status).toBe(201);
    await eventually(async () => (await resource(body.invoiceId)).status === 'open');
    expect((await resource(body.invoiceId)).checkoutUrl).toBeNull();

    const tab = await newTab();
    await tab.goto(pageUrl(body.invoiceId));
    expect(await tab.locator('#pay').textContent()).not.toContain('minuten');
    expect(await tab.locator('[data-pay-amount]').textContent()).toBe(
      'U betaalt wat nog openstaat: € 123,45.',
    );
    await tab.click('#pay a.btn');
    await tab.waitForURL(/\/sandbox\/checkout\//);
    const minted = tab.url();
    expect(await tab.locator('body').textContent()).toContain('€ 123.45');
    // Back and again (a debtor who hesitates): the same link, one link in all.
    await tab.goBack();
    await tab.click('#pay a.btn');
    await tab.waitForURL(/\/sandbox\/checkout\//);
    expect(tab.url()).toBe(minted);
    const links = await stack.database.db
      .select()
      .from(paymentLinks)
      .where(
        and(
          eq(paymentLinks.invoiceId, body.invoiceId),
          like(paymentLinks.idempotencyKey, '%:self-service:%'),
        ),
      );
    expect(links.map((l) => [l.url, l.amountCents])).toEqual([[minted, 12345]]);

    // Paying it settles the invoice; the checkout returns to the page, which thanks the debtor.
    await tab.click('button[value=paid]');
    await tab.waitForURL((url) => url.pathname.startsWith('/p/'));
    await eventually(async () => (await resource(body.invoiceId)).status === 'paid');
    const thanks = await tab.goto(pageUrl(body.invoiceId));
    expect(thanks?.status()).toBe(200);
    expect(await tab.locator('#closed h1').textContent()).toBe('Deze factuur is betaald');
    await tab.context().close();
  });
});
