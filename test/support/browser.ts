// Headless Debian Chromium for page tests, kept off the network: the machine's network is closed, and
// without these flags Chromium's background connections are refused many at a time.
import { type Browser, chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../../scripts/browser.js';

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
