// The template editor and house style in headless Chromium against the running app, under the
// console's real CSP (script-src 'self', no inline code): typing updates the sandboxed preview with no
// click, publish stores a new version, the next publish shows its diff, and the house style previews
// and saves a colour; screenshots of each page go to out/screenshots/console-templates.png,
// console-template-edit.png and console-house-style.png. axe-core: no serious or critical violations.
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from '../../scripts/browser.js';
import { type ApiHarness, startApiHarness, type Tenant } from '../api/harness.js';
import { launchHeadlessChromium } from '../support/browser.js';
import { seedConsoleUser } from '../support/console-seed.js';

const runBrowser = existsSync(CHROMIUM_PATH) || Boolean(process.env.CI);
if (!runBrowser) console.warn(`console templates browser test skipped: no Chromium at ${CHROMIUM_PATH}`);

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SCREENSHOTS = fileURLToPath(new URL('../../out/screenshots/', import.meta.url));
const EDITOR = '/console/templates/reminder-2/email/en';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's serious and critical findings on the console page. Not inside the preview frame: it
 * holds the debtor's message (the shipped or the tenant's own layout) in a CSP sandbox that runs no
 * script, so axe could not answer from it.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const { violations, passes } = (await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (c: unknown, o: unknown) => Promise<{ violations: unknown[]; passes: unknown[] }> };
      }
    ).axe;
    return await axe.run(
      { exclude: [['iframe']] },
      {
        iframes: false,
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] },
      },
    );
  })) as { violations: AxeViolation[]; passes: unknown[] };
  expect(passes.length).toBeGreaterThan(10);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.runIf(runBrowser)('the template editor and house style in a browser', () => {
  let h: ApiHarness;
  let browser: Browser;
  let tenant: Tenant;
  let user: { email: string; password: string };

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    h = await startApiHarness({ worker: false });
    browser = await launchHeadlessChromium();
    tenant = await h.newTenant();
    user = await seedConsoleUser(h.database.db, tenant.tenantId, 'admin');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function signIn(page: Page) {
    await page.goto(`${h.baseUrl}/console/sign-in`);
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password').fill(user.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${h.baseUrl}/console`);
  }

  const frameText = async (page: Page) =>
    (await page.frameLocator('iframe[name="preview"]').locator('body').textContent()) ?? '';

  it('previews as you type, publishes, and shows the new version’s diff (under the real CSP)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await signIn(page);
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
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      // Only so that axe-core can be injected: the console's CSP allows no inline script.
      bypassCSP: true,
    });
    const page = await context.newPage();
    await signIn(page);
    for (const path of ['/console/templates', EDITOR, '/console/house-style']) {
      await page.goto(`${h.baseUrl}${path}`);
      if (path === EDITOR) {
        await page.getByText('Changes in version 2').click();
        await expect.poll(() => frameText(page)).toContain('Subject:');
      }
      expect(await seriousViolations(page), path).toEqual([]);
    }
    await context.close();
  }, 120_000);
});
