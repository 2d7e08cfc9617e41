// The shell of every console page: Pico CSS and the console's own small stylesheet, both served by
// this process (assets.ts); scripts only where a page asks for files of this origin. Every text and
// value is escaped here or by the page.
import { escapeHtml as h } from '../../activities/templates/safety.js';
import type { ConsoleRequestContext } from './session.js';
import type { ConsoleLanguage, ConsoleTexts } from './texts.js';

/** Never cached: pages show personal data and the session's CSRF token. */
export const PAGE_HEADERS = { 'cache-control': 'no-store' } as const;

/** The hidden field every state-changing console form carries. */
export const csrfField = (context: ConsoleRequestContext) =>
  `<input type="hidden" name="_csrf" value="${h(context.user.csrfToken)}">`;

function head(lang: ConsoleLanguage, title: string, texts: ConsoleTexts): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex,nofollow"><meta name="color-scheme" content="light"><link rel="icon" href="data:,"><title>${h(`${title} · ${texts.product}`)}</title><link rel="stylesheet" href="/console/assets/pico.min.css"><link rel="stylesheet" href="/console/assets/console.css"></head>`;
}

export type ConsoleSection = 'worklist' | 'dashboards' | 'templates' | 'ladders' | 'users' | 'account';

/** Every section for every role: a page refuses what the role may not do (users: admins only). */
function sectionLinks(context: ConsoleRequestContext, current: ConsoleSection): string {
  const sections: [ConsoleSection, string][] = [
    ['worklist', '/console'],
    ['dashboards', '/console/dashboards'],
    ['templates', '/console/templates'],
    ['ladders', '/console/ladders'],
  ];
  if (context.user.role === 'admin') sections.push(['users', '/console/users']);
  return sections
    .map(
      ([section, href]) =>
        `<li><a href="${href}"${section === current ? ' aria-current="page"' : ''}>${h(context.texts.sections[section])}</a></li>`,
    )
    .join('');
}

/** A page for a signed-in user: navigation, who is signed in, and the sign-out form. */
export function consolePage(
  context: ConsoleRequestContext,
  title: string,
  main: string,
  current: ConsoleSection = 'worklist',
  /** Script files of this origin the page runs (the CSP allows no other). */
  scripts: readonly string[] = [],
): string {
  const { texts, lang, user } = context;
  const nav = `<nav aria-label="${h(texts.sections.navigation)}"><ul><li><a href="/console" class="brand"><strong>${h(texts.product)}</strong></a></li>${sectionLinks(context, current)}</ul><ul><li class="who">${h(texts.signedInAs(user.email, texts.roles[user.role]))}</li><li><a href="/console/account"${current === 'account' ? ' aria-current="page"' : ''}>${h(texts.sections.account)}</a></li><li><form method="post" action="/console/sign-out" class="inline">${csrfField(context)}<button type="submit" class="secondary outline">${h(texts.signOut)}</button></form></li></ul></nav>`;
  return `${head(lang, title, texts)}<body><a class="skip" href="#main">${h(texts.skipToContent)}</a><header class="container">${nav}</header><main id="main" class="container" tabindex="-1">${main}</main>${scripts.map((src) => `<script src="${h(src)}"></script>`).join('')}</body></html>`;
}

/** A page for anyone (sign-in, refusals). */
export function publicPage(lang: ConsoleLanguage, texts: ConsoleTexts, title: string, main: string): string {
  return `${head(lang, title, texts)}<body><a class="skip" href="#main">${h(texts.skipToContent)}</a><header class="container"><nav><ul><li><strong>${h(texts.product)}</strong></li></ul></nav></header><main id="main" class="container narrow" tabindex="-1">${main}</main></body></html>`;
}

/** A short message with a way back in. */
export function messagePage(
  lang: ConsoleLanguage,
  texts: ConsoleTexts,
  title: string,
  message: string,
): string {
  return publicPage(
    lang,
    texts,
    title,
    `<h1>${h(title)}</h1><p role="alert">${h(message)}</p><p><a href="/console">${h(texts.worklist.title)}</a> · <a href="/console/sign-in">${h(texts.signIn.title)}</a></p>`,
  );
}
