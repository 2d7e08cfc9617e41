// User management and the own account in headless Chromium: an admin adds a collector and reads the
// password shown once, the new user signs in with it and switches the console to Dutch; axe-core on
// both pages; screenshots out/screenshots/console-users.png and console-account.png.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, startApiHarness, unique } from '../api/harness.js';
import { launchHeadlessChromium, runBrowserTests, seriousViolations } from '../support/browser.js';
import { seedConsoleUser } from '../support/console-seed.js';

const SCREENSHOTS = fileURLToPath(new URL('../../out/screenshots/', import.meta.url));

describe.runIf(runBrowserTests)('console users and account in a browser', () => {
  let h: ApiHarness;
  let browser: Browser;
  let admin: { email: string; password: string };
  let tenantId: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    h = await startApiHarness({ worker: false });
    browser = await launchHeadlessChromium();
    tenantId = (await h.newTenant()).tenantId;
    admin = await seedConsoleUser(h.database.db, tenantId, 'admin');
    await seedConsoleUser(h.database.db, tenantId, 'viewer');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  it('an admin adds a collector, who signs in with the password shown once and switches to Dutch', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-GB',
      bypassCSP: true,
    });
    const page = await context.newPage();
    const signIn = async (email: string, password: string) => {
      await page.goto(`${h.baseUrl}/console/sign-in`);
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${h.baseUrl}/console`);
    };
    await signIn(admin.email, admin.password);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.waitForURL(`${h.baseUrl}/console/users`);
    expect(await page.locator('tbody tr').count()).toBe(2);

    const email = `${unique('collector')}@example.test`;
    await page.locator('#new-email').fill(email);
    await page.locator('#new-role').selectOption('collector');
    await page.getByRole('button', { name: 'Add user' }).click();
    const password = (await page.locator('code.secret').textContent())!;
    expect(password).toHaveLength(24);
    expect(await page.locator('tbody tr').count()).toBe(3);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-users.png`, fullPage: true });

    await page.getByRole('button', { name: 'Sign out' }).click();
    await signIn(email, password);
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    await page.getByRole('link', { name: 'My account' }).click();
    await page.locator('#a-language').selectOption('nl');
    await page.getByRole('button', { name: 'Save language' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    expect(await page.getByRole('status').textContent()).toContain('Uw taal is opgeslagen.');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}console-account.png`, fullPage: true });
    await page.getByRole('link', { name: 'Werklijst' }).click();
    expect(await page.locator('h1').textContent()).toBe('Werklijst');
    await context.close();
  }, 120_000);
});
