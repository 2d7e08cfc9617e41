// The template editor and house style in headless Chromium against the running app, under the
// console's real CSP (script-src 'self', no inline code): typing updates the sandboxed preview with no
// click, publish stores a new version, the next publish shows its diff, and the house style previews
// and saves a colour; screenshots of each page go to out/screenshots/console-templates.png,
// console-template-edit.png and console-house-style.png. axe-core: no serious or critical violations.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiHarness, Tenant } from '../api/harness.js';
import { runBrowserTests, seriousViolations } from '../support/browser.js';
import { consoleInBrowser, consolePage, SCREENSHOTS, signIn } from '../support/console-browser.js';
import { seedConsoleUser } from '../support/console-seed.js';

const EDITOR = '/console/templates/reminder-2/email/en';

describe.runIf(runBrowserTests)('the template editor and house style in a browser', () => {
  const suite = consoleInBrowser();
  let h: ApiHarness;
  let tenant: Tenant;
  let user: { email: string; password: string };

  beforeAll(async () => {
    ({ h, tenant } = suite);
    user = await seedConsoleUser(h.database.db, tenant.tenantId, 'admin');
  });

  const frameText = async (page: Page) =>
    (await page.frameLocator('iframe[name="preview"]').locator('body').textContent()) ?? '';

  it('previews as you type, publishes, and shows the new version’s diff (under the real CSP)', async () => {
    const { context, page } = await consolePage(suite, { bypassCSP: false });
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await signIn(page, suite, user);
    await page.getByRole('link', { name: 'Templates' }).first().click();
    await page.waitForURL(`${h.baseUrl}/console/templates`);
    await page.screenshot({ path: `${SCREENSHOTS}console-templates.png`, fullPage: true });
    await page.locator(`a[href="${EDITOR}"]`).click();
    await page.waitForURL(`${h.baseUrl}${EDITOR}`);
    await expect.poll(() => frameText(page)).toContain('Subject:');

    // No click: the script sends the draft to the frame after a pause in typing.
    await page.getByLabel('Subject', { exact: true }).fill('Invoice {{invoiceId}} needs your attention');
    await expect.poll(() => frameText(page), { timeout: 10_000 }).toContain('needs your attention');
    await page.getByLabel('Paragraphs').fill('Dear {{debtorName}},\n\nPlease pay {{amountDue}} this week.');
    await expect.poll(() => frameText(page), { timeout: 10_000 }).toContain('this week');
    expect(await frameText(page)).toContain('Plain language (B1)');

    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(`${h.baseUrl}${EDITOR}?published=1`);
    expect(await page.getByRole('status').first().textContent()).toContain('Version 1 is published');

    await page.getByLabel('Subject', { exact: true }).fill('Invoice {{invoiceId}} is overdue');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.waitForURL(`${h.baseUrl}${EDITOR}?published=2`);
    await page.getByText('Changes in version 2').click();
    const diff = page.locator('details[open] pre.diff');
    // Word by word (a space both subjects share may stay unmarked between two changes).
    const words = async (tag: string) => (await diff.locator(tag).allTextContents()).join(' ').split(/\s+/);
    expect(await words('del')).toEqual(['needs', 'your', 'attention']);
    expect(await words('ins')).toEqual(['is', 'overdue']);
    await expect.poll(() => frameText(page)).toContain('is overdue');
    await page.screenshot({ path: `${SCREENSHOTS}console-template-edit.png`, fullPage: true });
    const versions = (
      await h.call('GET', `/v1/templates/reminder-2/email/en/versions`, undefined, { as: tenant })
    ).json().versions as { version: number; content: { subject: string } }[];
    expect(versions.map((v) => [v.version, v.content.subject])).toEqual([
      [2, 'Invoice {{invoiceId}} is overdue'],
      [1, 'Invoice {{invoiceId}} needs your attention'],
    ]);

    // The house style: the Preview button shows the draft colour; saving stores it.
    await page.goto(`${h.baseUrl}/console/house-style`);
    await page.getByLabel('Main colour').fill('#123456');
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect
      .poll(() => page.frameLocator('iframe[name="preview"]').locator('html').innerHTML(), {
        timeout: 10_000,
      })
      .toContain('#123456');
    await page.getByRole('button', { name: 'Save house style' }).click();
    await page.waitForURL(`${h.baseUrl}/console/house-style?saved=1`);
    await expect
      .poll(() => page.frameLocator('iframe[name="preview"]').locator('html').innerHTML(), {
        timeout: 10_000,
      })
      .toContain('#123456');
    await page.screenshot({ path: `${SCREENSHOTS}console-house-style.png`, fullPage: true });
    expect((await h.call('GET', '/v1/brand', undefined, { as: tenant })).json().primaryColor).toBe('#123456');
    expect(blocked).toEqual([]);
    await context.close();
  }, 120_000);

  // Screenshots are taken above, under the real CSP: with it bypassed the sandboxed frame paints blank.
  it('passes axe-core on the catalogue, the editor and the house style', async () => {
    const { context, page } = await consolePage(suite);
    await signIn(page, suite, user);
    for (const path of ['/console/templates', EDITOR, '/console/house-style']) {
      await page.goto(`${h.baseUrl}${path}`);
      if (path === EDITOR) {
        await page.getByText('Changes in version 2').click();
        await expect.poll(() => frameText(page)).toContain('Subject:');
      }
      expect(await seriousViolations(page, { skipFrames: true }), path).toEqual([]);
    }
    await context.close();
  }, 120_000);
});
