// The sandbox outbox in a 1280 × 800 browser window (a developer's laptop): messages with long
// unbroken links and ids wrap inside their cells; the page never scrolls sideways.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from '../../scripts/browser.js';
import { launchHeadlessChromium } from '../support/browser.js';
import { type ApiHarness, eventually, invoiceBody, startApiHarness } from './harness.js';

const SCREENSHOT = fileURLToPath(new URL('../../out/sandbox-outbox-1280.png', import.meta.url));
let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

describe.skipIf(!existsSync(CHROMIUM_PATH) && !process.env.CI)('sandbox outbox layout', () => {
  it('fits a 1280 px window: document.scrollWidth <= 1280', async () => {
    // An email and an SMS (its text is one long link after another) with a long invoice id.
    const email = invoiceBody({ invoiceId: `INV-${'0123456789'.repeat(6)}` });
    const sms = invoiceBody({}, { email: undefined, phone: '+31612345678', preferredChannel: 'sms' });
    for (const body of [email, sms])
      expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    await eventually(async () => {
      const items = (await h.call('GET', '/sandbox/outbox.json')).json() as { channel: string }[];
      return items.some((m) => m.channel === 'sms') && items.some((m) => m.channel === 'email');
    });

    const browser = await launchHeadlessChromium();
    try {
      const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await tab.goto(`${h.baseUrl}/sandbox/sign-in`);
      await tab.fill('input[name=key]', h.apiKey);
      await tab.click('form button');
      await tab.waitForURL(/\/sandbox\/outbox$/);
      expect(await tab.locator('table tr').count()).toBeGreaterThan(2);
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await tab.screenshot({ path: SCREENSHOT });
      // Runs in the page (the project's TypeScript has no DOM types).
      const scrollWidth = await tab.evaluate(
        () =>
          (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
            .documentElement.scrollWidth,
      );
      expect(scrollWidth).toBeLessThanOrEqual(1280);
    } finally {
      await browser.close();
    }
  });
});
