import { describe, expect, it } from 'vitest';
import { checkEmailHtml, renderMessage, sampleTemplateData } from '../../activities/templates/index.js';
import { LANGUAGES, SEGMENTS } from '../../workflows/domain.js';
import { TEMPLATE_IDS } from './all-templates.js';

const combos = TEMPLATE_IDS.flatMap((templateId) =>
  LANGUAGES.flatMap((language) => SEGMENTS.map((segment) => ({ templateId, language, segment }))),
);

describe('email HTML', () => {
  it.each(combos)('$templateId / $language / $segment passes the HTML check and has a text part', (c) => {
    const email = renderMessage(c.templateId, 'email', c.language, sampleTemplateData(c.language, c.segment));
    expect(checkEmailHtml(email.html)).toEqual({ ok: true, problems: [] });
    expect(email.text.length).toBeGreaterThan(100);
    expect(email.text).not.toContain('<');
  });

  it('carries the house style: brand colours, logo, footer with address', () => {
    const data = sampleTemplateData('nl');
    const { html } = renderMessage('payment-request', 'email', 'nl', data);
    expect(html).toContain('border-top:6px solid #0b4f6c');
    expect(html).toContain('bgcolor="#f2a900"');
    expect(html).toContain('<img src="https://www.polderstroom.nl/logo.png" alt="Polderstroom B.V."');
    expect(html).toContain('Postbus 1234<br>3500 AB Utrecht');
    // Yellow button → dark text for contrast.
    expect(html).toMatch(/color:#000000;text-decoration:none/);
  });

  it('shows the name as a wordmark when there is no https logo', () => {
    const data = sampleTemplateData('nl');
    const noLogo = { ...data, creditor: { ...data.creditor, logoUrl: 'http://example.com/logo.png' } };
    const { html } = renderMessage('payment-request', 'email', 'nl', noLogo);
    expect(html).not.toContain('<img');
    expect(html).toContain('font-weight:bold;color:#0b4f6c;">Polderstroom B.V.</span>');
  });

  it('HTML-escapes every inserted value', () => {
    const data = sampleTemplateData('nl');
    const evil = {
      ...data,
      debtorName: '<script>alert("x")</script> & Zn',
      invoiceId: '"><img src=x>',
      creditor: { ...data.creditor, name: 'A&B <b>', footer: '<a href="http://evil">x</a>' },
    };
    const { html, subject } = renderMessage('payment-request', 'email', 'nl', evil);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Zn');
    expect(html).toContain('&quot;&gt;&lt;img src=x&gt;');
    expect(html).toContain('A&amp;B &lt;b&gt;');
    expect(html).not.toContain('href="http://evil"');
    expect(subject).toContain('"><img src=x>'); // the subject is plain text, escaped only inside <title>
    expect(checkEmailHtml(html).ok).toBe(true);
  });

  it('refuses brand colours that could inject CSS', () => {
    const data = sampleTemplateData('nl');
    const bad = { ...data, creditor: { ...data.creditor, accentColor: 'red;background:url(https://x)' } };
    expect(() => renderMessage('payment-request', 'email', 'nl', bad)).toThrow(
      /accentColor must be a hex colour/,
    );
  });
});

describe('checkEmailHtml', () => {
  const page = (body: string) =>
    `<!DOCTYPE html><html><head><title>t</title></head><body>${body}</body></html>`;

  it('accepts https links and local development links', () => {
    expect(checkEmailHtml(page('<a href="https://a.nl/x?y=1&amp;z=2">a</a>')).ok).toBe(true);
    expect(
      checkEmailHtml(page('<a href="http://127.0.0.1:8080/p">a</a><a href="http://localhost/p">b</a>')).ok,
    ).toBe(true);
  });

  it.each([
    ['script', page('<script>alert(1)</script>'), 'contains <script>'],
    ['plain http link', page('<a href="http://example.com">x</a>'), 'href is not https: http://example.com'],
    ['javascript link', page('<a href="javascript:alert(1)">x</a>'), 'href is not https'],
    ['http image', page('<img src="http://example.com/a.png">'), 'src is not https'],
    ['event handler', page('<p onclick="x()">x</p>'), 'inline event handler'],
    ['unclosed table', page('<table><tr><td>x</td></tr>'), 'unclosed <table> before </body>'],
    ['crossed tags', page('<p><a href="https://a.nl">x</p></a>'), 'unclosed <a> before </p>'],
    ['stray closing tag', page('x</td>'), '</td> without <td>'],
    ['no body', '<html><p>x</p></html>', 'no <body> element'],
    ['no html', '<body><p>x</p></body>', 'no <html> element'],
  ])('flags %s', (_name, html, problem) => {
    const check = checkEmailHtml(html);
    expect(check.ok).toBe(false);
    expect(check.problems.join('; ')).toContain(problem);
  });
});
