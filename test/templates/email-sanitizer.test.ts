// Tenant email HTML: no vector of a known-XSS corpus leaves anything executable, neither in the
// sanitiser's output nor in the rendered email — checked on the markup here, and in headless
// Chromium by test/browser/email-xss.test.ts.
import { describe, expect, it } from 'vitest';
import { sanitizeEmailHtml } from '../../activities/templates/email-sanitizer.js';
import { renderMessage, sampleTemplateData, TemplateError } from '../../activities/templates/index.js';
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
