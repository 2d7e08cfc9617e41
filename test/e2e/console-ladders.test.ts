// Ladders without IT in headless Chromium: an admin creates a ladder from the form (a refused save shows
// its problem at the field), assigns it to consumers, starts an invoice on it over the API and sees it
// counted on the ladder's version; axe-core on every page (no serious or critical violations), the list
// without sideways scrolling at 390 px. Screenshots: out/screenshots/console-ladders.png and
// console-ladder-edit.png.
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, invoiceBody, type Tenant } from '../api/harness.js';
import { runBrowserTests, seriousViolations } from '../support/browser.js';
import { consoleInBrowser, consolePage, SCREENSHOTS, signIn } from '../support/console-browser.js';
import { seedConsoleUser } from '../support/console-seed.js';

describe.runIf(runBrowserTests)('ladders in the console', () => {
  const suite = consoleInBrowser();
  let h: ApiHarness;
  let tenant: Tenant;
  let admin: { email: string; password: string };

  beforeAll(async () => {
    ({ h, tenant } = suite);
    admin = await seedConsoleUser(h.database.db, tenant.tenantId, 'admin');
  });

  it('creates a ladder, assigns it, and sees an invoice started on it over the API', async () => {
    const { context, page } = await consolePage(suite);
    await signIn(page, suite, admin);
    await page.getByRole('link', { name: 'Ladders' }).click();
    await page.waitForURL(`${h.baseUrl}/console/ladders`);
    expect(await page.locator('h1').textContent()).toBe('Ladders');

    await page.getByRole('button', { name: 'New ladder' }).click();
    await page.waitForURL(`${h.baseUrl}/console/ladders/new`);
    await page.getByLabel('Ladder id').fill('house-ladder');
    await page.getByLabel('Description').fill('Our consumer ladder: reminder after five days');
    await page.locator('#f-steps-1-after-days').fill('5');
    // The 14-day letter with a 10-day term is refused at its field.
    await page.locator('#f-steps-3-costDeadline-days').fill('10');
    await page.getByRole('button', { name: 'Save ladder' }).click();
    await page.waitForURL(`${h.baseUrl}/console/ladders/new`);
    const termError = page.locator('#f-steps-3-costDeadline-days-error');
    expect(await termError.textContent()).toBe(
      'the term after receipt must be 14 to 60 days (art. 6:96 lid 6 BW)',
    );
    expect(await page.locator('#f-steps-3-costDeadline-days').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);

    await page.locator('#f-steps-3-costDeadline-days').fill('14');
    await page.getByRole('button', { name: 'Save ladder' }).click();
    await page.waitForURL(`${h.baseUrl}/console/ladders/house-ladder?saved=1`);
    expect(await page.getByRole('status').textContent()).toBe('Saved as version 1.');
    await page.getByRole('button', { name: 'Use for new invoices of consumers' }).click();
    await page.waitForURL(`${h.baseUrl}/console/ladders/house-ladder?assigned=consumer`);
    expect(await page.getByRole('status').textContent()).toBe(
      'New invoices of consumers now start on this ladder.',
    );

    // An invoice that names no policy starts on the assigned ladder's newest version.
    const { policy: _demo, ...body } = invoiceBody();
    const created = await h.call('POST', '/v1/invoices', body, { as: tenant });
    expect(created.json()).toMatchObject({ policy: 'house-ladder', policyVersion: 1 });
    await page.reload();
    const versionRow = page.locator('table').last().locator('tbody tr').first();
    expect(await versionRow.locator('td').first().textContent()).toBe('1');
    expect(await versionRow.locator('td').last().textContent()).toBe('1');
    expect(await page.locator('#f-steps-1-after-days').inputValue()).toBe('5');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-ladder-edit.png`, fullPage: true });

    await page.getByRole('link', { name: 'Back to the ladders' }).click();
    await page.waitForURL(`${h.baseUrl}/console/ladders`);
    expect(await page.locator('main').textContent()).toContain('house-ladder · Version 1');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-ladders.png`, fullPage: true });

    await page.goto(`${h.baseUrl}/console/invoices/${body.invoiceId}`);
    expect(await page.locator('h1').textContent()).toBe(`Invoice ${body.invoiceId}`);
    await context.close();
  }, 120_000);

  it('lists the ladders at 390 px without sideways scrolling', async () => {
    const { context, page } = await consolePage(suite, { phone: true });
    await signIn(page, suite, admin);
    for (const url of ['/console/ladders', '/console/ladders/nl-consumer']) {
      await page.goto(`${h.baseUrl}${url}`);
      expect(await page.evaluate('document.documentElement.scrollWidth'), url).toBeLessThanOrEqual(390);
    }
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
