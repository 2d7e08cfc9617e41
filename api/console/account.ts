// /console/account: every signed-in user's own settings — the console language (or the browser's)
// and the password, which needs the current one and signs the user's other sessions out.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml as h } from '../../activities/templates/safety.js';
import type { Database } from '../../db/client.js';
import { consoleUserOfTenant, updateConsoleUser } from '../../db/queries/console-users.js';
import { inputField, selectField } from './forms.js';
import { consolePage, csrfField, PAGE_HEADERS } from './layout.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.js';
import { HTML_PAGE as page, SIGN_IN_REDIRECT } from './route-schemas.js';
import { type ConsoleAuth, type ConsoleRequestContext, consoleContext } from './session.js';
import { CONSOLE_LANGUAGES, CONSOLE_TEXTS, type ConsoleLanguage, consoleLanguage } from './texts.js';

function accountPage(context: ConsoleRequestContext, notice?: { text: string; refused?: boolean }): string {
  const t = context.texts.account;
  const alert = notice
    ? `<article ${notice.refused ? 'role="alert" class="refused"' : 'role="status"'}><p>${h(notice.text)}</p></article>`
    : '';
  const languages = [
    ['', t.browserLanguage] as const,
    ...CONSOLE_LANGUAGES.map((lang) => [lang, t.languages[lang]] as const),
  ];
  const language = `<section aria-labelledby="language-title"><h2 id="language-title">${h(t.language)}</h2><form method="post" action="/console/account/language" class="actions">${csrfField(context)}${selectField('language', t.language, languages, context.user.language ?? '', 'a')}<button type="submit">${h(t.saveLanguage)}</button></form></section>`;
  const password = `<section aria-labelledby="password-title"><h2 id="password-title">${h(t.password)}</h2><form method="post" action="/console/account/password" class="narrow">${csrfField(context)}${inputField('current', t.current, '', 'password', ' required maxlength="1024" autocomplete="current-password"', 'a')}${inputField('next', t.next, '', 'password', ` required minlength="${MIN_PASSWORD_LENGTH}" maxlength="1024" autocomplete="new-password"`, 'a')}${inputField('repeat', t.repeat, '', 'password', ` required minlength="${MIN_PASSWORD_LENGTH}" maxlength="1024" autocomplete="new-password"`, 'a')}<button type="submit">${h(t.changePassword)}</button></form></section>`;
  return consolePage(context, t.title, `<h1>${h(t.title)}</h1>${alert}${language}${password}`, 'account');
}

export const accountRoutes: FastifyPluginAsync<{ auth: ConsoleAuth; db: Database }> = async (
  app,
  { auth, db },
) => {
  const signedIn = auth.requireRole('viewer');
  const responses = {
    200: page,
    303: SIGN_IN_REDIRECT,
    403: page,
    422: page,
  };
  const send = (
    reply: FastifyReply,
    context: ConsoleRequestContext,
    status: number,
    notice?: { text: string; refused?: boolean },
  ) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .headers(PAGE_HEADERS)
      .send(accountPage(context, notice));

  app.get(
    '/console/account',
    { preHandler: signedIn, schema: { summary: 'Console: my account', response: responses } },
    async (request, reply) => send(reply, consoleContext(request), 200),
  );

  app.post(
    '/console/account/language',
    {
      preHandler: signedIn,
      schema: {
        summary: 'Console: choose my language',
        body: {
          type: 'object',
          properties: {
            _csrf: { type: 'string', maxLength: 128 },
            language: { type: 'string', maxLength: 8 },
          },
        },
        response: responses,
      },
    },
    async (request: FastifyRequest<{ Body: { language?: string } }>, reply) => {
      const context = consoleContext(request);
      // Anything but a console language is "as the browser asks".
      const choice = CONSOLE_LANGUAGES.find((lang) => lang === request.body.language) ?? null;
      await updateConsoleUser(db, context.user.tenantId, context.user.userId, { language: choice });
      // The answer is already in the language chosen.
      const lang: ConsoleLanguage = consoleLanguage(choice, request.headers['accept-language']);
      const now = {
        ...context,
        lang,
        texts: CONSOLE_TEXTS[lang],
        user: { ...context.user, language: choice },
      };
      return send(reply, now, 200, { text: now.texts.account.languageSaved });
    },
  );

  app.post(
    '/console/account/password',
    {
      preHandler: signedIn,
      schema: {
        summary: 'Console: change my password',
        body: {
          type: 'object',
          properties: {
            _csrf: { type: 'string', maxLength: 128 },
            current: { type: 'string', maxLength: 1024 },
            next: { type: 'string', maxLength: 1024 },
            repeat: { type: 'string', maxLength: 1024 },
          },
        },
        response: responses,
      },
    },
    async (
      request: FastifyRequest<{ Body: { current?: string; next?: string; repeat?: string } }>,
      reply,
    ) => {
      const context = consoleContext(request);
      const t = context.texts.account;
      const refuse = (text: string) => send(reply, context, 422, { text, refused: true });
      const { current = '', next = '', repeat = '' } = request.body;
      const me = await consoleUserOfTenant(db, context.user.tenantId, context.user.userId);
      if (!(await verifyPassword(current, me?.passwordHash))) return refuse(t.wrongCurrent);
      if (next.length < MIN_PASSWORD_LENGTH) return refuse(t.tooShort(MIN_PASSWORD_LENGTH));
      if (next !== repeat) return refuse(t.mismatch);
      await updateConsoleUser(db, context.user.tenantId, context.user.userId, {
        passwordHash: await hashPassword(next),
        failedAttempts: 0,
        lockedUntil: null,
      });
      // Every session ended with the old password; this one goes on in a new session.
      const session = await auth.startSession(context.user.userId);
      reply.header('set-cookie', session.setCookie);
      request.log.info({ consoleUser: context.user.userId }, 'console password changed');
      const renewed = { ...context, user: { ...context.user, csrfToken: session.csrfToken } };
      return send(reply, renewed, 200, { text: t.passwordChanged });
    },
  );
};
