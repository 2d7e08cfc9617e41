// The dashboards in headless Chromium with the console's real CSP: Chart.js and the drawing script load
// from this origin and draw every figure (no CSP violation, no script error), axe-core finds nothing
// serious, the page fits a 390 px phone, and screenshots go to out/screenshots/console-dashboards*.png.
import { beforeAll, describe, expect, it } from 'vitest';
import { payments } from '../../db/schema.js';
import { today } from '../../workflows/dunning-logic.js';
import { unique } from '../api/harness.js';
import { runBrowserTests, seriousViolations } from '../support/browser.js';
import { consoleInBrowser, consolePage, SCREENSHOTS, signIn } from '../support/console-browser.js';
import { seedConsoleUser, seedInvoice } from '../support/console-seed.js';

describe.runIf(runBrowserTests)('the dashboards in a browser', () => {
  const suite = consoleInBrowser();
  let user: { email: string; password: string };

  beforeAll(async () => {
    const { h, tenant } = suite;
    user = await seedConsoleUser(h.database.db, tenant.tenantId, 'viewer');
    const day = today(new Date());
    for (const [daysOverdue, status] of [
      [3, 'delivered'],
      [20, 'opened'],
      [45, 'bounced'],
      [100, 'delivered'],
    ] as const)
      await seedInvoice(h.database.db, tenant.tenantId, day, {
        invoiceId: unique('INV'),
        daysOverdue,
        amountDueCents: 10_000 + daysOverdue * 100,
        messages: [{ channel: 'email', status }],
      });
    // Two paid invoices, so that cash and recovery have something to draw.
    for (const daysAgo of [10, 40]) {
      const paid = await seedInvoice(h.database.db, tenant.tenantId, day, {
        invoiceId: unique('PAID'),
        daysOverdue: daysAgo + 5,
        status: 'paid',
        closed: true,
        messages: [{ channel: daysAgo === 10 ? 'sms' : 'email', status: 'delivered' }],
      });
      await h.database.db.insert(payments).values({
        tenantId: tenant.tenantId,
        invoiceId: paid.invoiceId,
        source: 'psp',
        dedupeKey: unique('tr'),
        amountCents: 12_500,
        currency: 'EUR',
        paidAt: new Date(),
      });
    }
  }, 120_000);

  /** A signed-in page; `bypassCSP` only where axe-core must be injected. */
  async function signedIn(viewport: { width: number; height: number }, bypassCSP = false) {
    const { context, page } = await consolePage(suite, { ...viewport, bypassCSP });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    await signIn(page, suite, user);
    return { context, page, problems };
  }

  it('draws every figure under the real CSP and passes axe-core', async () => {
    const { context, page, problems } = await signedIn({ width: 1280, height: 900 });
    await page.getByRole('link', { name: 'Dashboards' }).click();
    await page.waitForURL(`${suite.h.baseUrl}/console/dashboards`);
    const figures = page.locator('figure[data-chart]');
    expect(await figures.count()).toBe(6);
    await expect.poll(() => page.locator('figure.drawn').count()).toBe(6);
    for (const canvas of await page.locator('figure canvas').all()) {
      const box = await canvas.boundingBox();
      expect(box!.width).toBeGreaterThan(200);
      expect(box!.height).toBeGreaterThan(100);
    }
    // Chart.js drew pixels: the aging canvas is not blank.
    const inked = await page.locator('#aging-title + figure canvas').evaluate((element) => {
      const canvas = element as unknown as {
        width: number;
        height: number;
        getContext(kind: '2d'): { getImageData(...box: number[]): { data: Uint8ClampedArray } };
      };
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      return pixels.some((value) => value !== 0);
    });
    expect(inked).toBe(true);
    expect(problems).toEqual([]);
    expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Dashboards');
    await page.screenshot({ path: `${SCREENSHOTS}console-dashboards.png`, fullPage: true });
    await context.close();

    const checked = await signedIn({ width: 1280, height: 900 }, true);
    await checked.page.goto(`${suite.h.baseUrl}/console/dashboards`);
    await expect.poll(() => checked.page.locator('figure.drawn').count()).toBe(6);
    expect(await seriousViolations(checked.page)).toEqual([]);
    await checked.context.close();
  }, 120_000);

  it('fits a 390 px phone', async () => {
    const { context, page, problems } = await signedIn({ width: 390, height: 844 });
    await page.goto(`${suite.h.baseUrl}/console/dashboards?months=3`);
    await expect.poll(() => page.locator('figure.drawn').count()).toBe(6);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-dashboards-390.png`, fullPage: true });
    await context.close();
  }, 120_000);
});
