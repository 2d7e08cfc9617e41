// Security headers for every response, from one @fastify/helmet registration: the route's family
// (decided by its path when it is added, so a new route cannot be forgotten) picks the
// Content-Security-Policy and referrer policy; the rest (nosniff, no framing, HSTS, cross-origin
// isolation headers) is the same everywhere.
import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { RouteOptions } from 'fastify';

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
   * Rendered messages (tenant HTML): sanitised already, and shown in a CSP sandbox — an opaque
   * origin without scripts, forms, plugins or top navigation — as a second wall.
   */
  preview: {
    csp: { ...LOCKED, 'img-src': ['https:', 'data:'], 'style-src': ["'unsafe-inline'"], sandbox: [] },
    referrer: 'no-referrer',
  },
} as const satisfies Record<string, { csp: Directives; referrer: 'no-referrer' | 'same-origin' }>;

export type SecurityFamily = keyof typeof FAMILIES;

/** Which family a route belongs to, by its path. */
export function securityFamily(url: string): SecurityFamily {
  if (url === '/docs' || url.startsWith('/docs/')) return 'docs';
  if (url.startsWith('/p/')) return 'selfService';
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

function helmetOptions(family: SecurityFamily) {
  const { csp, referrer } = FAMILIES[family];
  return {
    contentSecurityPolicy: { useDefaults: false, directives: csp },
    referrerPolicy: { policy: referrer },
  };
}

/** The one registration's options: the `api` family unless a route's family overrides it. */
export const HELMET_OPTIONS: FastifyHelmetOptions = {
  global: true,
  ...helmetOptions('api'),
  frameguard: { action: 'deny' },
  hsts: { maxAge: 31_536_000, includeSubDomains: true },
};

/** onRoute hook, registered before any route: gives the route its family's headers. */
export function assignSecurityHeaders(route: RouteOptions): void {
  route.config = Object.assign(route.config ?? {}, { helmet: helmetOptions(securityFamily(route.url)) });
}
