// Tenant email HTML: no vector of a known-XSS corpus leaves anything executable, neither in the
// sanitiser's output nor in the rendered email — checked on the markup and in headless Chromium,
// where the live vectors first prove that they do run unsanitised.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeEmailHtml } from '../../activities/templates/email-sanitizer.js';
import { renderMessage, sampleTemplateData, TemplateError } from '../../activities/templates/index.js';
import { CHROMIUM_PATH } from '../../scripts/browser.js';
import { launchHeadlessChromium } from '../support/browser.js';
import { asEmail, XSS_VECTORS } from './xss-vectors.js';

const ACTIVE_TAGS =
  /^(script|svg|math|iframe|frame|frameset|object|embed|applet|form|input|button|textarea|select|style|link|base|template|noscript|video|audio|source|details|isindex|xss)$/;
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'background', 'srcset', 'xlink:href']);

/** Every problem a browser could execute in serialised sanitiser output (well-formed, double-quoted). */
function activeContent(html: string): string[] {
  const found: string[] = [];
  for (const [, tag = '', attributes = ''] of html.matchAll(/<([a-zA-Z][\w:-]*)([^>]*)>/g)) {
    const name = tag.toLowerCase();
    if (ACTIVE_TAGS.test(name)) found.push(`<${name}>`);
    if (name === 'meta' && /http-equiv/i.test(attributes)) found.push('<meta http-equiv>');
    for (const [, attribute = '', value = ''] of attributes.matchAll(/([^\s="]+)(?:="([^"]*)")?/g)) {
      const key = attribute.toLowerCase();
      if (key.startsWith('on')) found.push(`${key}=`);
      if (key === 'srcdoc' || key === 'srcset' || key === 'xlink:href') found.push(`${key}=`);
      const decoded = value
        .replace(/&#x([0-9a-f]+);?/gi, (_, hex) => String.fromCodePoint(Number.parseInt(hex, 16)))
        .replace(/&#(\d+);?/g, (_, dec) => String.fromCodePoint(Number(dec)))
        .replace(/&amp;/g, '&')
        .replace(/[\s\p{Cc}]/gu, '');
      if (URL_ATTRIBUTES.has(key) && !/^(https?:|mailto:|tel:|\{\{\w+\}\}$|#|[\w./-]*$)/i.test(decoded))
        found.push(`${key}=${decoded}`);
      if (key === 'style' && /url\(|expression|\\|behavior|binding|@import|javascript/i.test(decoded))
        found.push(`style=${decoded}`);
    }
  }
  if (/javascript:|vbscript:|data:text/i.test(html)) found.push('script URL');
  return found;
}

describe('sanitizeEmailHtml against the XSS corpus', () => {
  it.each(XSS_VECTORS.map((v) => [v.name, v] as const))(
    '%s: nothing executable survives',
    (_name, vector) => {
      const { html } = sanitizeEmailHtml(asEmail(vector));
      expect(activeContent(html)).toEqual([]);
      expect(html).toMatch(/^<!DOCTYPE html>\n<html>/);

      // Rendered as an override (filled, sanitised again): safe, or refused for an unsafe link.
      try {
        const email = renderMessage('reminder-1', 'email', 'nl', sampleTemplateData('nl'), {
          html: asEmail(vector),
        });
        expect(activeContent(email.html)).toEqual([]);
      } catch (error) {
        expect(error).toBeInstanceOf(TemplateError);
      }
    },
  );

  it('keeps the markup an email needs: tables, inline styles, https links and images, placeholders', () => {
    const email =
      '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>{{invoiceId}}</title></head>' +
      '<body style="margin:0;background-color:#eef0f3"><table role="presentation" width="100%" cellpadding="0" cellspacing="0">' +
      '<tr><td align="center" bgcolor="#ffffff" style="padding:8px 32px;font-family:Arial, Helvetica, sans-serif;color:rgb(31, 35, 40);border-top:6px solid #1a4d8f">' +
      '<img src="https://cdn.example/logo.png" alt="Acme" height="40" style="display:block;border:0">' +
      '<h1 style="font-size:22px">Herinnering</h1><p>Beste {{debtorName}},<br>nog <strong>{{amountDue}}</strong> open.</p>' +
      '<a href="{{payUrl}}" target="_blank" style="display:inline-block;padding:14px 36px;border-radius:6px">Betaal</a>' +
      '</td></tr></table></body></html>';
    const { html, removed } = sanitizeEmailHtml(email);
    expect(removed).toEqual([]);
    expect(html).toBe(
      `<!DOCTYPE html>\n${email.replace('<!DOCTYPE html>', '').replace(/<(meta|img|br)([^>]*)>/g, '<$1$2 />')}`,
    );
  });

  it('names what it removed', () => {
    const { removed } = sanitizeEmailHtml(
      '<html><body><script>x</script><p onclick="x" style="color:red">a</p><iframe srcdoc="x"></iframe></body></html>',
    );
    expect(removed).toEqual(['<script>', 'onclick', '<iframe>']);
  });
});

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
