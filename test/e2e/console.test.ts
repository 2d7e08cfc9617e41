// The console in headless Chromium against the running app: sign in, find a bounced invoice with the
// worklist's filter, axe-core on every page (no serious or critical violations), keyboard focus, and
// a 390 px phone viewport without sideways scrolling. Screenshots of each page go to
// out/screenshots/console-*.png (`npm run console:screenshots` runs just this file).
import { beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from '../../scripts/browser.js';
import { today } from '../../workflows/dunning-logic.js';
import { type ApiHarness, type Tenant, unique } from '../api/harness.js';
import { runBrowserTests, seriousViolations } from '../support/browser.js';
import { consoleInBrowser, consolePage, SCREENSHOTS, signIn } from '../support/console-browser.js';
import { seedConsoleUser, seedInvoice } from '../support/console-seed.js';

if (!runBrowserTests) console.warn(`console browser test skipped: no Chromium at ${CHROMIUM_PATH}`);

describe.runIf(runBrowserTests)('the console in a browser', () => {
  const suite = consoleInBrowser();
  let h: ApiHarness;
  let tenant: Tenant;
  let user: { email: string; password: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    ({ h, tenant } = suite);
    user = await seedConsoleUser(h.database.db, tenant.tenantId, 'collector');
    const day = today(new Date());
    const seed = async (name: string, spec: Parameters<typeof seedInvoice>[3]) => {
      ids[name] = (
        await seedInvoice(h.database.db, tenant.tenantId, day, { invoiceId: unique(`INV-${name}`), ...spec })
      ).invoiceId;
    };
    await seed('bounced', {
      debtor: { name: 'Bram Bakker', email: 'bram@example.nl' },
      daysOverdue: 21,
      amountDueCents: 24_950,
      stage: 'reminder-2',
      messages: [
        { channel: 'email', status: 'delivered' },
        { channel: 'email', status: 'bounced' },
      ],
    });
    await seed('plain', {
      debtor: { name: 'Anna de Vries' },
      daysOverdue: 4,
      messages: [{ channel: 'email', status: 'opened' }],
    });
    await seed('disputed', {
      debtor: { name: 'Cor Claassen' },
      status: 'disputed',
      disputeOpenDays: 20,
      daysOverdue: 35,
    });
    await seed('promise', {
      debtor: { name: 'Dirk Dekker' },
      promiseBroken: true,
      messages: [{ channel: 'sms', status: 'delivered' }],
    });
  }, 120_000);
  it('signs in, finds the bounced invoice with the filter, and passes axe-core', async () => {
    const { context, page } = await consolePage(suite);
    await page.goto(`${h.baseUrl}/console/sign-in`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-sign-in.png`, fullPage: true });
    // Keyboard: the first Tab reaches the skip link, then the form's fields in order.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Skip to content');
    await signIn(page, suite, user);

    const rows = page.locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(4);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-worklist.png`, fullPage: true });

    await page.getByText('Filters', { exact: true }).click();
    await page.getByLabel('Bounced').selectOption('yes');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/bounced=yes/);
    await expect.poll(() => rows.count()).toBe(1);
    const row = rows.first();
    // The row's first link is its invoice (the second, its debtor).
    const invoiceLink = row.locator('th a');
    expect(await invoiceLink.textContent()).toBe(ids.bounced);
    expect(await row.textContent()).toContain('Bram Bakker');
    expect(await row.textContent()).toContain('bounced');
    expect(await invoiceLink.getAttribute('href')).toBe(`/console/invoices/${ids.bounced}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-worklist-bounced.png`, fullPage: true });

    await invoiceLink.click();
    await page.waitForURL(`${h.baseUrl}/console/invoices/${ids.bounced}`);
    expect(await page.locator('h1').textContent()).toBe(`Invoice ${ids.bounced}`);
    expect(await page.locator('main').textContent()).toContain('EUR 249.50');
    expect(await seriousViolations(page)).toEqual([]);
    // console-invoice.png is console-invoice.test.ts's, of the full page with its messages.
    await page.getByRole('link', { name: 'Back to the worklist' }).click();
    await page.waitForURL(`${h.baseUrl}/console`);

    await page.getByRole('link', { name: 'Promise broken' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().locator('th a').textContent()).toBe(ids.promise);
    await context.close();
  }, 120_000);

  it('is usable at 390 px: nothing wider than the screen, the table scrolls in its own box', async () => {
    const { context, page } = await consolePage(suite, { phone: true, locale: 'nl-NL' });
    await page.goto(`${h.baseUrl}/console/sign-in`);
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    await page.getByLabel('E-mailadres').fill(user.email);
    await page.getByLabel('Wachtwoord').fill(user.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(`${h.baseUrl}/console`);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    const box = await page.locator('.table-wrap').boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    // The invoice links and the filter toggle are big enough to hit.
    const link = await page.locator('tbody th a').first().boundingBox();
    expect(link!.height).toBeGreaterThanOrEqual(16);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-worklist-390.png`, fullPage: true });
    await context.close();
  }, 120_000);
});
