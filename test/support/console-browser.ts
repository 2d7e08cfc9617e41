// The console's browser tests share their setting: an API harness on the real stack, headless
// Chromium, a tenant of their own, screenshots in out/screenshots/ (`npm run console:screenshots`),
// and signing in through the real form.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type ApiHarness, startApiHarness, type Tenant } from '../api/harness.js';
import { launchHeadlessChromium } from './browser.js';

export const SCREENSHOTS = fileURLToPath(new URL('../../out/screenshots/', import.meta.url));

export interface ConsoleBrowser {
  h: ApiHarness;
  browser: Browser;
  tenant: Tenant;
}

/** Call inside a describe: the harness (no worker unless asked), Chromium and a tenant, closed after. */
export function consoleInBrowser(options: Parameters<typeof startApiHarness>[0] = {}): ConsoleBrowser {
  const suite = {} as ConsoleBrowser;
  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    suite.h = await startApiHarness({ worker: false, ...options });
    suite.browser = await launchHeadlessChromium();
    suite.tenant = await suite.h.newTenant();
  }, 120_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.h?.close();
  });
  return suite;
}

/**
 * A page (desktop unless `phone`), in English unless `locale` says otherwise. `bypassCSP` only where axe-core must be injected (the console's CSP
 * allows no inline script); tests of what the CSP allows leave it off.
 */
export async function consolePage(
  suite: ConsoleBrowser,
  options: { width?: number; height?: number; bypassCSP?: boolean; phone?: boolean; locale?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  // A phone: 390 px wide, touch, twice the pixels.
  const phone = options.phone
    ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
    : { viewport: { width: options.width ?? 1280, height: options.height ?? 900 } };
  const context = await suite.browser.newContext({
    ...phone,
    locale: options.locale ?? 'en-GB',
    bypassCSP: options.bypassCSP ?? true,
  });
  return { context, page: await context.newPage() };
}

export const ENGLISH_SIGN_IN = { email: 'Email address', password: 'Password', button: 'Sign in' };
export const DUTCH_SIGN_IN = { email: 'E-mailadres', password: 'Wachtwoord', button: 'Inloggen' };

/** Signs in through the form (labels in the page's language) and lands on the worklist. */
export async function signIn(
  page: Page,
  suite: ConsoleBrowser,
  user: { email: string; password: string },
  labels = ENGLISH_SIGN_IN,
): Promise<void> {
  await page.goto(`${suite.h.baseUrl}/console/sign-in`);
  await page.getByLabel(labels.email).fill(user.email);
  await page.getByLabel(labels.password).fill(user.password);
  await page.getByRole('button', { name: labels.button }).click();
  await page.waitForURL(`${suite.h.baseUrl}/console`);
}
