// User management and the own account in headless Chromium: an admin adds a collector and reads the
// password shown once, the new user signs in with it and switches the console to Dutch; axe-core on
// both pages; screenshots out/screenshots/console-users.png and console-account.png.
import { describe, expect, it } from 'vitest';
import { unique } from '../api/harness.js';
import { runBrowserTests, seriousViolations } from '../support/browser.js';
import { consoleInBrowser, consolePage, SCREENSHOTS, signIn } from '../support/console-browser.js';
import { seedConsoleUser } from '../support/console-seed.js';

describe.runIf(runBrowserTests)('console users and account in a browser', () => {
  const suite = consoleInBrowser();

  it('an admin adds a collector, who signs in with the password shown once and switches to Dutch', async () => {
    const { h, tenant } = suite;
    const admin = await seedConsoleUser(h.database.db, tenant.tenantId, 'admin');
    await seedConsoleUser(h.database.db, tenant.tenantId, 'viewer');
    const { context, page } = await consolePage(suite);
    await signIn(page, suite, admin);
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
    await signIn(page, suite, { email, password });
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
