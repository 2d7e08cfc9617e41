// /console/sign-in and /console/sign-out. A wrong password and an unknown email get the same answer
// in the same time (the unknown one is checked against a dummy hash); five failures in a row lock the
// user for 15 minutes, during which even the right password is refused with the time to retry.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml as h } from '../../activities/templates/safety.js';
import {
  clearFailedSignIns,
  consoleUserByEmail,
  recordFailedSignIn,
} from '../../db/queries/console-users.js';
import { fromThisSite } from '../same-origin.js';
import { messagePage, PAGE_HEADERS, publicPage } from './layout.js';
import { verifyPassword } from './passwords.js';
import { HTML_PAGE as page } from './route-schemas.js';
import { anonymousTexts, type ConsoleAuth, type ConsoleAuthDeps } from './session.js';
import type { ConsoleLanguage, ConsoleTexts } from './texts.js';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCK_MINUTES = 15;

const html = 'text/html; charset=utf-8';

function form(lang: ConsoleLanguage, texts: ConsoleTexts, notice: string | undefined, email = ''): string {
  const t = texts.signIn;
  const alert = notice ? `<p role="alert"><mark>${h(notice)}</mark></p>` : '';
  return publicPage(
    lang,
    texts,
    t.title,
    `<h1>${h(t.title)}</h1>${alert}<form method="post" action="/console/sign-in"><label for="email">${h(t.email)}</label><input id="email" name="email" type="email" autocomplete="username" required maxlength="320" value="${h(email)}"><label for="password">${h(t.password)}</label><input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024"><button type="submit">${h(t.button)}</button></form>`,
  );
}

const retryTime = (lang: ConsoleLanguage, at: Date) =>
  new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
    timeZoneName: 'short',
  }).format(at);

export const signInRoutes: FastifyPluginAsync<ConsoleAuthDeps & { auth: ConsoleAuth }> = async (
  app,
  deps,
) => {
  const { db, now, auth } = deps;

  app.get(
    '/console/sign-in',
    {
      schema: {
        summary: 'Console sign-in form',
        querystring: {
          type: 'object',
          properties: { expired: { type: 'string', maxLength: 8 }, out: { type: 'string', maxLength: 8 } },
        },
        response: { 200: page },
      },
    },
    async (request: FastifyRequest<{ Querystring: { expired?: string; out?: string } }>, reply) => {
      const { lang, texts } = anonymousTexts(request);
      const notice = request.query.expired
        ? texts.signIn.expired
        : request.query.out
          ? texts.signIn.signedOut
          : undefined;
      return reply
        .type(html)
        .headers(PAGE_HEADERS)
        .send(form(lang, texts, notice));
    },
  );

  app.post(
    '/console/sign-in',
    {
      schema: {
        summary: 'Console sign-in',
        body: {
          type: 'object',
          properties: {
            email: { type: 'string', maxLength: 320 },
            password: { type: 'string', maxLength: 1024 },
          },
        },
        response: {
          303: { description: 'Signed in: to the worklist', type: 'null' },
          401: page,
          403: page,
          423: page,
        },
      },
    },
    async (request: FastifyRequest<{ Body: { email?: string; password?: string } }>, reply: FastifyReply) => {
      const { lang, texts } = anonymousTexts(request);
      const send = (status: number, body: string) =>
        reply.code(status).type(html).headers(PAGE_HEADERS).send(body);
      if (!fromThisSite(request, deps.publicBaseUrl))
        return send(403, messagePage(lang, texts, texts.forbidden.title, texts.forbidden.csrf));
      const email = (request.body?.email ?? '').trim();
      const password = request.body?.password ?? '';
      const user = email ? await consoleUserByEmail(db, email) : undefined;
      const at = now();
      if (user?.lockedUntil && user.lockedUntil > at)
        return send(423, form(lang, texts, texts.signIn.locked(retryTime(lang, user.lockedUntil)), email));
      const ok = await verifyPassword(password, user?.passwordHash);
      if (!user || !ok) {
        if (user) {
          const { lockedUntil } = await recordFailedSignIn(
            db,
            user.id,
            MAX_FAILED_SIGN_INS,
            new Date(at.getTime() + LOCK_MINUTES * 60_000),
          );
          if (lockedUntil && lockedUntil > at)
            return send(423, form(lang, texts, texts.signIn.locked(retryTime(lang, lockedUntil)), email));
        }
        return send(401, form(lang, texts, texts.signIn.failed, email));
      }
      await clearFailedSignIns(db, user.id);
      request.log.info({ consoleUser: user.id, tenant: user.tenantId }, 'console sign-in');
      const { setCookie } = await auth.startSession(user.id);
      return reply.header('set-cookie', setCookie).redirect('/console', 303);
    },
  );

  app.post(
    '/console/sign-out',
    {
      preHandler: auth.requireRole('viewer'),
      schema: {
        summary: 'Console sign-out',
        body: { type: 'object', properties: { _csrf: { type: 'string', maxLength: 128 } } },
        response: {
          303: { description: 'Signed out: to the sign-in form', type: 'null' },
          401: page,
          403: page,
        },
      },
    },
    async (request, reply) =>
      reply.header('set-cookie', await auth.endSession(request)).redirect('/console/sign-in?out=1', 303),
  );
};
