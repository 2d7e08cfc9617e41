// Tenant email HTML in headless Chromium: the live vectors of the XSS corpus first prove that they
// run unsanitised, then nothing of the corpus runs or stays executable once sanitised.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeEmailHtml } from '../../activities/templates/email-sanitizer.js';
import { CHROMIUM_PATH } from '../../scripts/browser.js';
import { launchHeadlessChromium } from '../support/browser.js';
import { asEmail, XSS_VECTORS } from '../templates/xss-vectors.js';

/** The little of the DOM the check below uses (the test code is type-checked without DOM types). */
interface BrowserDocument {
  querySelectorAll(selector: string): ArrayLike<{
    tagName: string;
    attributes: ArrayLike<{ name: string; value: string }>;
    hasAttribute(name: string): boolean;
  }>;
}

const haveChromium = existsSync(CHROMIUM_PATH);
const runBrowser = haveChromium || Boolean(process.env.CI);

describe.skipIf(!runBrowser)('the XSS corpus in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchHeadlessChromium();
    page = await browser.newPage();
    // Nothing leaves the machine; a blocked image still fires onerror like a missing one.
    await page.route('**/*', (route) => route.abort());
    page.on('dialog', (dialog) => void dialog.dismiss());
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Loads the HTML with scripts enabled and no CSP; returns how often the vector's payload ran. */
  async function executions(html: string): Promise<number> {
    await page.goto('about:blank'); // a fresh window: no count left over from the previous page
    await page.setContent(html, { waitUntil: 'load' });
    await page.waitForTimeout(50);
    return page.evaluate(() => (globalThis as unknown as { __xss?: number }).__xss ?? 0);
  }

  /** Executable things the browser's own parse of the page contains. */
  function activeInDom(): Promise<string[]> {
    return page.evaluate(() => {
      const found: string[] = [];
      const { document } = globalThis as unknown as { document: BrowserDocument };
      for (const element of Array.from(document.querySelectorAll('*'))) {
        const tag = element.tagName.toLowerCase();
        if (
          /^(script|svg|math|iframe|object|embed|form|input|button|style|link|base|template|meta)$/.test(tag)
        ) {
          if (tag !== 'meta' || element.hasAttribute('http-equiv')) found.push(`<${tag}>`);
        }
        for (const attribute of Array.from(element.attributes)) {
          if (attribute.name.startsWith('on') || attribute.name === 'srcdoc') found.push(attribute.name);
          if (/^(href|src|action|formaction|background|xlink:href)$/.test(attribute.name)) {
            const url = attribute.value.replace(/[\s\p{Cc}]/gu, '');
            if (/^(javascript|vbscript|data):/i.test(url)) found.push(`${attribute.name}=${url}`);
          }
        }
      }
      return found;
    });
  }

  it('the live vectors run when not sanitised (so the corpus tests something)', async () => {
    for (const vector of XSS_VECTORS.filter((v) => v.fires)) {
      expect(await executions(asEmail(vector)), vector.name).toBeGreaterThan(0);
    }
  });

  it('after sanitising, no vector runs and the parsed page holds nothing executable', async () => {
    for (const vector of XSS_VECTORS) {
      const { html } = sanitizeEmailHtml(asEmail(vector));
      expect(await executions(html), vector.name).toBe(0);
      expect(await activeInDom(), vector.name).toEqual([]);
    }
  });
});
