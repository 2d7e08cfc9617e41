// The console's invoice and debtor pages in headless Chromium against the running app and a real
// worker: a real invoice whose email bounced, found in the worklist, its messages read (the email in
// its sandboxed frame, the SMS that followed), paused through the confirmation form and seen paused;
// then its debtor's page. axe-core on every page (no serious or critical violations), a 390 px phone
// without sideways scrolling, and screenshots to out/screenshots/console-invoice.png and
// console-debtor.png.
import { beforeAll, describe, expect, it } from 'vitest';
import { communicationsOfInvoice } from '../../db/queries/communications.js';
import { dunningWorkflowId } from '../../workflows/definitions.js';
import { type ApiHarness, eventually, invoiceBody } from '../api/harness.js';
import { runBrowserTests, seriousViolations } from '../support/browser.js';
import {
  consoleInBrowser,
  consolePage,
  DUTCH_SIGN_IN,
  SCREENSHOTS,
  signIn,
} from '../support/console-browser.js';
import { seedConsoleUser } from '../support/console-seed.js';

describe.runIf(runBrowserTests)('the console invoice and debtor pages in a browser', () => {
  // A real worker: the invoice runs, its email bounces and the SMS follows.
  const suite = consoleInBrowser({ worker: true, env: { TEMPORAL_UI_URL: 'http://127.0.0.1:8233' } });
  let h: ApiHarness;
  let user: { email: string; password: string };
  let invoiceId: string;
  let debtorId: string;

  beforeAll(async () => {
    h = suite.h;
    user = await seedConsoleUser(h.database.db, h.tenantId, 'collector');
    // The sandbox bounces mail to bounce.example: the workflow falls back to SMS.
    const body = invoiceBody(
      {},
      { name: 'Bram Bakker', email: 'bram@bounce.example', phone: '+31612345678' },
    );
    invoiceId = body.invoiceId;
    debtorId = body.debtor.id;
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    await eventually(async () => {
      const sent = await communicationsOfInvoice(h.database.db, h.tenantId, invoiceId);
      return (
        sent.some((m) => m.channel === 'email' && m.status === 'bounced') &&
        sent.some((m) => m.channel === 'sms')
      );
    });
  }, 180_000);
  it('opens the bounced invoice, reads its messages, pauses it with confirmation and sees it paused', async () => {
    const { context, page } = await consolePage(suite);
    await signIn(page, suite, user);
    await page.goto(`${h.baseUrl}/console?bounced=yes&q=${invoiceId}`);
    await page.locator('tbody tr th a', { hasText: invoiceId }).click();
    await page.waitForURL(`${h.baseUrl}/console/invoices/${invoiceId}`);
    expect(await page.locator('h1').textContent()).toBe(`Invoice ${invoiceId}`);

    const messages = page.locator('article.message');
    expect(await messages.count()).toBeGreaterThanOrEqual(2);
    const email = messages.filter({ hasText: 'email · payment-request' });
    expect(await email.locator('.status').textContent()).toBe('bounced');
    expect(await email.locator('ol.history li').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('bounced')]),
    );
    // The email as the debtor got it, in its sandboxed frame: its own text, from the outbox.
    const frame = page.frameLocator('iframe.email-frame').first();
    await expect.poll(() => frame.locator('body').textContent()).toContain('Bram Bakker');
    // A cross-origin frame is painted a moment after it loaded (Chromium throttles it out of view):
    // its picture is blank until then, a small PNG; the email's is many times larger.
    const emailFrame = email.locator('iframe');
    await expect.poll(async () => (await emailFrame.screenshot()).length).toBeGreaterThan(20_000);
    const sms = messages.filter({ hasText: 'sms ·' }).first();
    expect(await sms.locator('.bubble').textContent()).toMatch(/https?:\/\//);
    expect(await page.getByRole('link', { name: 'This run in the Temporal UI' }).getAttribute('href')).toBe(
      `http://127.0.0.1:8233/namespaces/default/workflows/${encodeURIComponent(dunningWorkflowId(h.tenantId, invoiceId))}`,
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-invoice.png`, fullPage: true });

    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await page.waitForURL(`${h.baseUrl}/console/invoices/${invoiceId}/actions/pause`);
    await page.getByLabel('Reason').fill('debtor called: on holiday');
    // Without the confirmation nothing happens, and the form says why.
    await page.getByRole('button', { name: 'Confirm' }).click();
    expect(await page.locator('#f-confirm-error').textContent()).toBe('Tick the box to confirm.');
    expect(await page.getByLabel('Reason').inputValue()).toBe('debtor called: on holiday');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Yes, I want to do this').check();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(`${h.baseUrl}/console/invoices/${invoiceId}?done=pause`);
    expect(await page.getByRole('status').textContent()).toBe('The invoice is paused.');
    // The read model follows the workflow a moment later.
    await expect
      .poll(async () => {
        await page.reload();
        return page
          .locator('tr', { has: page.locator('th', { hasText: /^Status$/ }) })
          .locator('td')
          .textContent();
      })
      .toBe('paused');
    expect(await page.getByRole('button', { name: 'Resume' }).count()).toBe(1);
    await context.close();
  }, 120_000);

  it('shows the debtor page from the invoice, and both pages fit a 390 px phone', async () => {
    const { context, page } = await consolePage(suite, { phone: true, locale: 'nl-NL' });
    await signIn(page, suite, user, DUTCH_SIGN_IN);
    await page.goto(`${h.baseUrl}/console/invoices/${invoiceId}`);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-invoice-390.png`, fullPage: true });

    await page.getByRole('link', { name: 'Debiteurpagina' }).click();
    await page.waitForURL(`${h.baseUrl}/console/debtors/${debtorId}`);
    expect(await page.locator('h1').textContent()).toBe(`Debiteur ${debtorId}`);
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Bram Bakker');
    expect(main).toContain('bram@bounce.example');
    expect(await page.locator('section[aria-labelledby="invoices"] tbody tr').count()).toBe(1);
    expect(await page.getByRole('link', { name: invoiceId }).getAttribute('href')).toBe(
      `/console/invoices/${invoiceId}`,
    );
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-debtor.png`, fullPage: true });

    await page.getByRole('button', { name: 'Contactgegevens wijzigen' }).click();
    await page.waitForURL(`${h.baseUrl}/console/debtors/${debtorId}/edit`);
    expect(await page.getByLabel('E-mailadres').inputValue()).toBe('bram@bounce.example');
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
