// What console routes answer, for their schemas (and so the API document): an HTML page, or a 303
// to another page — after a form post, or to the sign-in form when no one is signed in.
import type { RouteOptions } from 'fastify';

export const HTML_PAGE = {
  description: 'An HTML page',
  content: { 'text/html': { schema: { type: 'string' } } },
} as const;

/** A page behind sign-in asked for by someone not signed in: to the sign-in form. */
export const SIGN_IN_REDIRECT = { description: 'Not signed in: to the sign-in form', type: 'null' } as const;

/** A form post's body: the session's CSRF token and the form's text fields. */
export function formBody(fields: readonly string[], maxLength = 2000) {
  return {
    type: 'object',
    properties: {
      _csrf: { type: 'string', maxLength: 128 },
      ...Object.fromEntries(fields.map((name) => [name, { type: 'string', maxLength }])),
    },
  } as const;
}

/**
 * onRoute hook of the console: every page behind sign-in may refuse with a page — 403 for a role or
 * CSRF token that does not do, and for a form post 401 once the session has ended (a GET goes to
 * the sign-in form instead) — whether or not the route's own schema lists it.
 */
export function documentConsoleRefusals(route: RouteOptions): void {
  if (route.url.startsWith('/console/assets/') || route.url === '/console/sign-in') return;
  route.schema ??= {};
  const schema = route.schema;
  const responses = (schema.response ?? {}) as Record<string, unknown>;
  responses['403'] ??= HTML_PAGE;
  if ([route.method].flat().some((method) => method !== 'GET' && method !== 'HEAD'))
    responses['401'] ??= HTML_PAGE;
  schema.response = responses;
}
