// A basic structural and safety check of email HTML, for tests and for tenants' HTML overrides.
// Not a full parser: it catches the mistakes that make mail clients mangle or flag a message.
import { isSafeLink } from './safety.js';

export interface EmailHtmlCheck {
  ok: boolean;
  problems: string[];
}

/** Tags that must be opened and closed in order; void elements (br, img, meta) are not tracked. */
const PAIRED_TAGS = new Set([
  'html',
  'head',
  'title',
  'body',
  'table',
  'tbody',
  'tr',
  'td',
  'th',
  'p',
  'a',
  'div',
  'span',
  'h1',
  'h2',
  'strong',
]);

function tagBalanceProblems(html: string): string[] {
  const stack: string[] = [];
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const [, slash, rawName = ''] of withoutComments.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)) {
    const name = rawName.toLowerCase();
    if (!PAIRED_TAGS.has(name)) continue;
    if (!slash) {
      stack.push(name);
      continue;
    }
    const open = stack.pop();
    if (open === name) continue;
    return [
      open && stack.includes(name) ? `unclosed <${open}> before </${name}>` : `</${name}> without <${name}>`,
    ];
  }
  return stack.length ? [`unclosed <${stack.join('>, <')}>`] : [];
}

export function checkEmailHtml(html: string): EmailHtmlCheck {
  const problems: string[] = [];
  if (!/<html[\s>]/i.test(html)) problems.push('no <html> element');
  if (!/<body[\s>]/i.test(html)) problems.push('no <body> element');
  if (/<script[\s>]/i.test(html)) problems.push('contains <script>');
  if (/<[^>]*\son[a-z]+\s*=/i.test(html)) problems.push('contains an inline event handler (on…=)');
  for (const [, attribute, url = ''] of html.matchAll(/\s(href|src)\s*=\s*["']([^"']*)["']/gi)) {
    if (!isSafeLink(url)) problems.push(`${attribute} is not https: ${url}`);
  }
  problems.push(...tagBalanceProblems(html));
  return { ok: problems.length === 0, problems };
}
