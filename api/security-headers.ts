// Security headers for every response, set by helmet: the route's family (decided by its path when
// it is added, so a new route cannot be forgotten) picks the Content-Security-Policy and referrer
// policy; the rest (nosniff, no framing, HSTS, cross-origin isolation headers) is the same
// everywhere. Helmet runs once per family at start-up and its headers are copied onto each response
// (@fastify/helmet's per-route options build a new middleware on every request, which cost the read
// path a fifth of its CPU).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import helmet from 'helmet';

type Directives = Record<string, string[]>;

/** Nothing may load, run, frame the page, post a form or rebase links unless a family allows it. */
const LOCKED: Directives = {
  'default-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};

const FAMILIES = {
  /** JSON, problem documents, webhooks, metrics: no content at all. */
  api: { csp: LOCKED, referrer: 'no-referrer' },
  /** Swagger UI: its own scripts and styles (inline style attributes included), the spec by fetch. */
  docs: {
    csp: {
      ...LOCKED,
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'", 'data:'],
      'connect-src': ["'self'"],
    },
    referrer: 'no-referrer',
  },
  /**
   * The debtor's pages: no scripts, inline styles, the creditor's https logo, forms to this origin
   * only; the token in the URL never leaves in a Referer.
   */
  selfService: {
    csp: {
      ...LOCKED,
      'style-src': ["'unsafe-inline'"],
      'img-src': ["'self'", 'https:', 'data:'],
      'form-action': ["'self'"],
    },
    referrer: 'same-origin',
  },
  /**
   * The sandbox's own pages (outbox, sign-in, checkout) and the codec's operator sign-in: no scripts,
   * forms to this origin. Not
   * no-referrer: under it browsers send `Origin: null` with form posts, which the origin check refuses.
   */
  sandboxPage: {
    csp: { ...LOCKED, 'style-src': ["'unsafe-inline'"], 'form-action': ["'self'"] },
    referrer: 'same-origin',
  },
  /**
   * The credit manager's console: scripts and stylesheets from this origin only (no inline code),
   * Pico's inline SVG icons, forms to this origin; Referer stays on this site.
   */
  console: {
    csp: {
      ...LOCKED,
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'form-action': ["'self'"],
      // Only the console's own message previews (consolePreview), in a sandboxed iframe.
      'frame-src': ["'self'"],
    },
    referrer: 'same-origin',
  },
  /**
   * Rendered messages (tenant HTML): sanitised already, and shown in a CSP sandbox — an opaque
   * origin without scripts, forms, plugins or top navigation — as a second wall.
   */
  preview: {
    csp: { ...LOCKED, 'img-src': ['https:', 'data:'], 'style-src': ["'unsafe-inline'"], sandbox: [] },
    referrer: 'no-referrer',
  },
  /**
   * The same previews inside the console's template editor and house-style page: the preview policy,
   * framed by console pages of this origin only (nothing else may frame them).
   */
  consolePreview: {
    csp: {
      ...LOCKED,
      'img-src': ['https:', 'data:'],
      'style-src': ["'unsafe-inline'"],
      sandbox: [],
      'frame-ancestors': ["'self'"],
    },
    referrer: 'no-referrer',
    frame: 'sameorigin',
  },
} as const satisfies Record<
  string,
  { csp: Directives; referrer: 'no-referrer' | 'same-origin'; frame?: 'sameorigin' }
>;

export type SecurityFamily = keyof typeof FAMILIES;

/** Which family a route belongs to, by its path. */
export function securityFamily(url: string): SecurityFamily {
  if (url === '/docs' || url.startsWith('/docs/')) return 'docs';
  if (url.startsWith('/p/')) return 'selfService';
  if (/^\/console\/.*\/preview$/.test(url)) return 'consolePreview';
  if (url === '/console' || url.startsWith('/console/')) return 'console';
  if (/^\/sandbox\/outbox\/[^/]+\/preview$/.test(url) || /^\/v1\/templates\/.*\/preview$/.test(url))
    return 'preview';
  if (url.startsWith('/sandbox/') || url === '/codec/sign-in') return 'sandboxPage';
  return 'api';
}

export function cspHeader(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}

/** The self-service policy with form targets widened (the direct debit form's 303 to the PSP). */
export function selfServiceCsp(formAction: string[]): string {
  return cspHeader({ ...FAMILIES.selfService.csp, 'form-action': formAction });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    securityFamily?: SecurityFamily;
  }
}

/**
 * The headers helmet sets for a configuration, captured once: they are the same for every response
 * of a family (no nonces), so each request copies an object instead of running helmet's thirteen
 * middlewares again — on the read path that was a twentieth of the CPU.
 */
function capturedHeaders(middleware: ReturnType<typeof helmet>): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: () => {},
  };
  let finished = false;
  middleware({} as IncomingMessage, response as unknown as ServerResponse, () => {
    finished = true;
  });
  if (!finished || !headers['content-security-policy']) throw new Error('helmet did not set its headers');
  return headers;
}

const HEADERS_BY_FAMILY = Object.fromEntries(
  Object.entries(FAMILIES).map(([family, policy]) => [
    family,
    capturedHeaders(
      helmet({
        contentSecurityPolicy: { useDefaults: false, directives: policy.csp },
        referrerPolicy: { policy: policy.referrer },
        frameguard: { action: 'frame' in policy ? policy.frame : 'deny' },
        strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
      }),
    ),
  ]),
) as Record<SecurityFamily, Readonly<Record<string, string>>>;

/** onRoute hook, registered before any route: gives the route its family. */
export function assignSecurityHeaders(route: RouteOptions): void {
  route.config = Object.assign(route.config ?? {}, { securityFamily: securityFamily(route.url) });
}

/** onRequest hook: the headers of the route's family (by path for a request no route matched). */
export function securityHeaders(request: FastifyRequest, reply: FastifyReply, done: () => void): void {
  const family = request.routeOptions.config.securityFamily ?? securityFamily(request.url.split('?')[0]!);
  reply.headers(HEADERS_BY_FAMILY[family]);
  done();
}
