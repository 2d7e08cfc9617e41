// Headless Debian Chromium for page tests, kept off the network: the machine's network is closed, and
// without these flags Chromium's background connections are refused many at a time.
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../../scripts/browser.js';

/** Page tests run where Chromium is installed, and always on CI (where a missing one is a failure). */
export const runBrowserTests = existsSync(CHROMIUM_PATH) || Boolean(process.env.CI);

export function launchHeadlessChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
