// Headless Debian Chromium for page tests, kept off the network: the machine's network is closed, and
// without these flags Chromium's background connections are refused many at a time.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { type Browser, chromium } from 'playwright-core';
import { expect } from 'vitest';
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

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's serious and critical findings on the page as it is now (WCAG 2.x A and AA rules). The
 * page's context must bypass CSP: axe is injected as a script the console's CSP would refuse.
 * `skipFrames`: not inside frames that show a debtor's message as sent, in a CSP sandbox that runs no
 * script, where axe could not answer.
 */
export async function seriousViolations(
  page: Page,
  options: { skipFrames?: boolean } = {},
): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const { violations, passes } = (await page.evaluate(async (skipFrames) => {
    const axe = (
      globalThis as unknown as {
        axe: { run: (c: unknown, o: unknown) => Promise<{ violations: unknown[]; passes: unknown[] }> };
      }
    ).axe;
    const rules = { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] } };
    return skipFrames
      ? await axe.run({ exclude: [['iframe']] }, { ...rules, iframes: false })
      : await axe.run({ exclude: [] }, rules);
  }, options.skipFrames ?? false)) as { violations: AxeViolation[]; passes: unknown[] };
  // axe ran its rules (a page it could not check would pass nothing).
  expect(passes.length).toBeGreaterThan(10);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
