// An operator session for the codec endpoint, for the Temporal UI: the UI cannot send a static token,
// but with "Include cross-origin credentials" its browser sends cookies to the codec server. An
// operator signs in once on Settle's own page with the operator token and gets a signed, HttpOnly
// cookie for /codec only; the token itself never leaves the form post.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fromThisSite } from '../same-origin.js';

const COOKIE = 'settle_codec_operator';
const SESSION_SECONDS = 8 * 3600;

const sign = (operatorToken: string, expires: number) =>
  createHmac('sha256', operatorToken).update(`codec-operator:${expires}`).digest('hex');

function cookieValue(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === COOKIE) return value.join('=');
  }
  return undefined;
}

/** Whether the request carries an operator session that this token signed and that has not expired. */
export function hasOperatorSession(
  request: FastifyRequest,
  operatorToken: string,
  now = Date.now(),
): boolean {
  const [expiresText, signature] = (cookieValue(request) ?? '').split('.');
  const expires = Number(expiresText);
  if (!signature || !Number.isSafeInteger(expires) || expires * 1000 <= now) return false;
  const expected = Buffer.from(sign(operatorToken, expires));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Cross-site (the UI's origin is not Settle's), so SameSite=None, which browsers accept only with
 * Secure (localhost counts as secure). Path=/codec: no other route ever sees it.
 */
function sessionCookie(value: string, maxAge: number): string {
  return `${COOKIE}=${value}; Path=/codec; HttpOnly; Secure; SameSite=None; Max-Age=${maxAge}`;
}

const page = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Settle · codec sign-in</title>` +
  `<style>body{font:16px system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}` +
  `input,button{font:inherit;padding:.4rem}</style></head><body>${body}</body></html>`;

const FORM = page(
  '<h1>Decode payloads in the Temporal UI</h1>' +
    '<p>Sign in with the operator token (CODEC_OPERATOR_TOKEN). Then set the Temporal UI’s codec server ' +
    'to this server’s <code>/codec</code> and switch on “Include cross-origin credentials”.</p>' +
    '<form method="post" action="/codec/sign-in"><label>Operator token ' +
    '<input type="password" name="token" autocomplete="off" required></label> ' +
    '<button type="submit">Sign in</button></form>',
);

export function codecSessionRoutes(
  app: FastifyInstance,
  options: { operatorToken: string; publicBaseUrl: string; tokenMatches: (given: string) => boolean },
): void {
  const html = { 200: { type: 'string' }, 401: { type: 'string' }, 403: { type: 'string' } };
  app.get(
    '/codec/sign-in',
    {
      schema: {
        summary: 'Operator sign-in for the Temporal UI’s codec server',
        tags: ['operators'],
        response: html,
      },
    },
    async (_request, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(FORM),
  );
  app.post<{ Body: { token?: string } }>(
    '/codec/sign-in',
    {
      schema: {
        summary: 'Start an operator session: a signed HttpOnly cookie for /codec, 8 hours',
        tags: ['operators'],
        body: {
          type: 'object',
          properties: { token: { type: 'string', maxLength: 500 } },
          additionalProperties: false,
        },
        response: html,
      },
    },
    async (request, reply) => {
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      if (!fromThisSite(request, options.publicBaseUrl))
        return reply.code(403).send(page('<p>The form was sent from another site: nothing happened.</p>'));
      if (!options.tokenMatches(request.body?.token ?? ''))
        return reply
          .code(401)
          .send(page('<p>That is not the operator token.</p><p><a href="/codec/sign-in">Try again</a></p>'));
      const expires = Math.floor(Date.now() / 1000) + SESSION_SECONDS;
      return reply
        .header(
          'set-cookie',
          sessionCookie(`${expires}.${sign(options.operatorToken, expires)}`, SESSION_SECONDS),
        )
        .send(
          page('<p>Signed in for 8 hours. The Temporal UI can now decode payloads through this server.</p>'),
        );
    },
  );
}
