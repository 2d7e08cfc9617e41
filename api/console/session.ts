// Console sessions and the one place where roles and CSRF are checked. The cookie holds a random
// token; the database holds its sha256 (db/queries/console-users.ts). Every state-changing request
// carries the session's CSRF token in a hidden field and must come from this site (same-origin.ts).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Database } from '../../db/client.js';
import type { ConsoleRole } from '../../db/queries/console-users.js';
import {
  type ConsoleSessionUser,
  consoleSessionUser,
  deleteConsoleSession,
  insertConsoleSession,
} from '../../db/queries/console-users.js';
import { fromThisSite } from '../same-origin.js';
import { messagePage } from './layout.js';
import { CONSOLE_TEXTS, type ConsoleLanguage, type ConsoleTexts, consoleLanguage } from './texts.js';

export const SESSION_COOKIE = 'settle_console';
/** A working day; a session does not outlive it, however active. */
export const SESSION_SECONDS = 8 * 3600;
const ROLE_RANK: Record<ConsoleRole, number> = { viewer: 0, collector: 1, admin: 2 };

export interface ConsoleRequestContext {
  user: ConsoleSessionUser;
  lang: ConsoleLanguage;
  texts: ConsoleTexts;
}

declare module 'fastify' {
  interface FastifyRequest {
    console?: ConsoleRequestContext;
  }
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

export function cookieValue(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** The request's language before anyone signed in: Accept-Language, else Dutch. */
export function anonymousTexts(request: FastifyRequest): { lang: ConsoleLanguage; texts: ConsoleTexts } {
  const lang = consoleLanguage(undefined, request.headers['accept-language']);
  return { lang, texts: CONSOLE_TEXTS[lang] };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface ConsoleAuthDeps {
  db: Database;
  now: () => Date;
  publicBaseUrl: string;
}

export function createConsoleAuth(deps: ConsoleAuthDeps) {
  const secure = deps.publicBaseUrl.startsWith('https:') ? '; Secure' : '';
  const cookie = (value: string, maxAge: number) =>
    `${SESSION_COOKIE}=${value}; Path=/console; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure}`;

  /** Starts a session for the user: the Set-Cookie header's value, and the session's CSRF token. */
  async function startSession(userId: string): Promise<{ setCookie: string; csrfToken: string }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await insertConsoleSession(deps.db, {
      tokenHash: hashToken(token),
      userId,
      csrfToken,
      expiresAt: new Date(deps.now().getTime() + SESSION_SECONDS * 1000),
    });
    return { setCookie: cookie(token, SESSION_SECONDS), csrfToken };
  }

  /** Ends the request's session (if any): answers the Set-Cookie header that clears the cookie. */
  async function endSession(request: FastifyRequest): Promise<string> {
    const token = cookieValue(request, SESSION_COOKIE);
    if (token) await deleteConsoleSession(deps.db, hashToken(token), deps.now());
    return cookie('', 0);
  }

  function refuse(
    reply: FastifyReply,
    request: FastifyRequest,
    status: number,
    text: (t: ConsoleTexts) => string,
  ) {
    const { lang, texts } = request.console ?? anonymousTexts(request);
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(messagePage(lang, texts, texts.forbidden.title, text(texts)));
  }

  /**
   * The preHandler of every console route behind sign-in: a live session whose user has at least
   * `role`, and for anything but GET the session's CSRF token from a page of this site.
   */
  function requireRole(role: ConsoleRole): preHandlerAsyncHookHandler {
    return async function consoleRole(request, reply) {
      const token = cookieValue(request, SESSION_COOKIE);
      const user = token ? await consoleSessionUser(deps.db, hashToken(token), deps.now()) : undefined;
      if (!user) {
        if (request.method === 'GET')
          return reply.redirect(token ? '/console/sign-in?expired=1' : '/console/sign-in', 303);
        const { texts } = anonymousTexts(request);
        return refuse(reply, request, 401, () => texts.signIn.expired);
      }
      const lang = consoleLanguage(user.language, request.headers['accept-language']);
      request.console = { user, lang, texts: CONSOLE_TEXTS[lang] };
      if (request.method !== 'GET') {
        const sent = (request.body as { _csrf?: unknown } | undefined)?._csrf;
        if (
          !fromThisSite(request, deps.publicBaseUrl) ||
          typeof sent !== 'string' ||
          !sameToken(sent, user.csrfToken)
        )
          return refuse(reply, request, 403, (t) => t.forbidden.csrf);
      }
      if (ROLE_RANK[user.role] < ROLE_RANK[role]) return refuse(reply, request, 403, (t) => t.forbidden.role);
    };
  }

  return { startSession, endSession, requireRole };
}

export type ConsoleAuth = ReturnType<typeof createConsoleAuth>;

/** The context requireRole put on the request (a route without it is a wiring mistake). */
export function consoleContext(request: FastifyRequest): ConsoleRequestContext {
  if (!request.console) throw new Error('console route without requireRole');
  return request.console;
}
