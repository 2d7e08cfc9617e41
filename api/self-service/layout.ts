// The shell of every self-service page: mobile-first, one inline stylesheet, no external assets
// except the tenant's own logo, in the tenant's colours (validated hex values only reach the CSS).
import { contactLine, footerLines } from '../../activities/templates/brand.js';
import { escapeHtml as h, readableTextColor } from '../../activities/templates/safety.js';
import type { Brand } from '../../db/brand.js';
import { languagePack } from '../../languages/index.js';
import { LANGUAGES, type Language } from '../../workflows/domain.js';
import { selfServiceCsp } from '../security-headers.js';
import type { PageTexts } from './page-texts.js';

export interface Shell {
  lang: Language;
  texts: PageTexts;
  brand: Brand;
  logoSrc: string | undefined;
  title: string;
  /** Link to the same page in another language; absent where the page cannot switch. */
  languageHref: ((lang: Language) => string) | undefined;
}

const CSS = `*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1f2933;background:#f3f4f6;-webkit-text-size-adjust:100%}
.wrap{max-width:36rem;margin:0 auto;padding:0 1rem}
.top{background:var(--p);color:var(--op)}
.top .wrap{display:flex;align-items:center;gap:.75rem;min-height:3.5rem}
.top img{max-height:2rem;max-width:7rem}
.top .name{flex:1;font-weight:600}
.top a{color:var(--op);font-size:.9rem}
.card{background:#fff;border-radius:.75rem;padding:1rem 1.1rem;margin:1rem 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:1.1rem;margin:0}
h2{font-size:1.05rem;margin:0 0 .5rem;color:var(--p)}
p{margin:.5rem 0}
.due{font-size:2.1rem;font-weight:700;margin:.1rem 0 .25rem;letter-spacing:-.01em}
.label{color:#52606d;font-size:.9rem}
.badge{display:inline-block;border-radius:1rem;padding:.05rem .65rem;font-size:.85rem;background:#e4e7eb;color:#1f2933}
.badge.in_plan,.badge.paid{background:#e3f6e8;color:#1b5e20}.badge.disputed,.badge.paused{background:#fff4d6;color:#6b4e00}
table{width:100%;border-collapse:collapse;margin:.5rem 0}
th,td{padding:.4rem 0;text-align:left;border-bottom:1px solid #e4e7eb;vertical-align:top}
th{font-weight:500;color:#52606d}
th+th,td+td{padding-left:.75rem}
tbody th:first-child,tr.sum td:first-child{white-space:nowrap}
.r{text-align:right;white-space:nowrap}
td.text{text-align:right;overflow-wrap:anywhere;padding-left:1rem}
tr.sum td{font-weight:700;border-bottom:0}
.btn{display:block;width:100%;margin:.75rem 0 .25rem;padding:.85rem 1rem;border:0;border-radius:.6rem;font:inherit;font-weight:600;text-align:center;text-decoration:none;cursor:pointer;background:var(--p);color:var(--op)}
.btn.pay{background:var(--a);color:var(--oa);font-size:1.1rem}
.btn.ghost{background:transparent;color:var(--p);border:1px solid var(--p)}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,select,textarea{display:block;width:100%;font:inherit;padding:.65rem .7rem;border:1px solid #9aa5b1;border-radius:.5rem;background:#fff;color:inherit}
textarea{min-height:5.5rem;resize:vertical}
.hint{color:#52606d;font-size:.9rem;margin:.25rem 0}
.notice{border-radius:.6rem;padding:.75rem 1rem;margin:1rem 0;font-weight:500}
.notice.ok{background:#e3f6e8;color:#1b5e20}.notice.err{background:#fde8e8;color:#8a1c1c}
details.card{padding:0}
details.card>summary{padding:1rem 1.1rem;font-weight:600;color:var(--p);cursor:pointer;list-style-position:inside}
details.card>div{padding:0 1.1rem 1rem}
.mono{font-family:ui-monospace,Menlo,Consolas,monospace}
footer{color:#52606d;font-size:.85rem;padding:.5rem 1rem 2rem}
footer p{margin:.15rem 0}
a{color:var(--p)}
:focus-visible{outline:3px solid var(--a);outline-offset:2px}
@media (min-width:40rem){.due{font-size:2.5rem}.card{padding:1.25rem 1.5rem}}`;

function colours(brand: Brand): string {
  // checkedBrand normalised both colours to #rrggbb before they get here.
  const p = brand.primaryColor;
  const a = brand.accentColor;
  return `:root{--p:${p};--op:${readableTextColor(p)};--a:${a};--oa:${readableTextColor(a)}}`;
}

export function layout(shell: Shell, main: string): string {
  const { brand } = shell;
  const logo = shell.logoSrc ? `<img src="${h(shell.logoSrc)}" alt="">` : '';
  const href = shell.languageHref;
  const switcher = href
    ? `<nav class="langs">${LANGUAGES.filter((lang) => lang !== shell.lang)
        .map(
          (lang) =>
            `<a href="${h(href(lang))}" hreflang="${lang}" lang="${lang}">${h(languagePack(lang).name)}</a>`,
        )
        .join(' ')}</nav>`
    : '';
  const footer = footerLines(brand)
    .map((line) => `<p>${h(line)}</p>`)
    .join('');
  return `<!doctype html><html lang="${shell.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow"><meta name="theme-color" content="${brand.primaryColor}"><title>${h(`${shell.title} · ${brand.name}`)}</title><style>${colours(brand)}\n${CSS}</style></head><body><header class="top"><div class="wrap">${logo}<span class="name">${h(brand.name)}</span>${switcher}</div></header><main class="wrap">${main}</main><footer class="wrap">${footer}</footer></body></html>`;
}

/** "Questions? Contact <creditor>: phone · email". */
export function questionsLine(brand: Brand, texts: PageTexts): string {
  const line = contactLine(brand);
  return line ? `<p class="hint">${h(`${texts.questions} ${brand.name}: ${line}`)}</p>` : '';
}

/**
 * Headers of every page beyond the self-service family's security headers (api/security-headers.ts:
 * no framing, no scripts, forms only to this origin, no referrer leaks): never cached.
 */
export const PAGE_HEADERS = { 'cache-control': 'no-store' } as const;

/**
 * For a page with the direct debit form, whose post answers 303 to the PSP's checkout (and on to the
 * bank): Chromium applies form-action to every redirect after a submission, so https targets are
 * allowed too. The forms themselves still post to this origin only.
 */
export const CHECKOUT_PAGE_HEADERS = {
  ...PAGE_HEADERS,
  'content-security-policy': selfServiceCsp(["'self'", 'https:']),
} as const;
