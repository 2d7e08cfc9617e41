// Local stand-ins for the outside world: the outbox lists the messages the sandbox channels "sent"
// — a tenant's own only, to that tenant's API key (Bearer, or in a browser a cookie set by the
// sign-in form) — and the checkout page settles sandbox payments the way Mollie's test mode does
// (its id is the capability, like a real checkout URL; its form posts must come from this site).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml } from '../../activities/templates/index.js';
import type { Database } from '../../db/client.js';
import { recentSandboxMessages, sandboxMessageOf } from '../../db/queries/sandbox.js';
import {
  SANDBOX_COLLECTION_OUTCOMES,
  SANDBOX_OUTCOMES,
  type SandboxCheckout,
  type SandboxCollectionOutcome,
  type SandboxOutcome,
} from '../../providers/sandbox/sandbox-psp.js';
import type { SandboxServices } from '../../providers/sandbox/sandbox-services.js';
import { formatAmount } from '../../workflows/policy/money.js';
import type { ApiKeys } from '../api-keys.js';
import { authenticateKey, MISSING_KEY, tenantOf } from '../auth.js';
import { notFound, Problem } from '../problem.js';
import { fromThisSite } from '../same-origin.js';

// Cells wrap anywhere and the outbox columns are fixed: long links and ids never widen the page past the window.
const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:100rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0}table.outbox{table-layout:fixed}.outbox .at{width:8rem}.outbox .channel{width:4.5rem}.outbox .recipient{width:11rem}.outbox .invoice{width:8rem}.outbox .template{width:7.5rem}.outbox .delivery{width:5.5rem}.outbox .preview{width:4.5rem}button{font-size:1rem;margin:.3rem;padding:.6rem 1rem}</style></head><body>${body}</body></html>`;

/** A non-JSON answer for the OpenAPI document: a page, a text or a PDF. */
function document(...mediaTypes: string[]) {
  return {
    description: 'Rendered document',
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema: { type: 'string' } }])),
  };
}

const outboxItem = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    channel: { type: 'string' },
    recipient: { type: 'string' },
    tenantId: { type: 'string' },
    invoiceId: { type: 'string' },
    messageId: { type: 'string' },
    template: { type: 'string' },
    subject: { type: ['string', 'null'] },
    text: { type: 'string' },
    links: { type: 'array', items: { type: 'string' } },
    deliveryStatus: { type: 'string' },
    createdAt: { type: 'string' },
    previewUrl: { type: 'string' },
  },
} as const;

const SESSION_COOKIE = 'settle_sandbox';
const SESSION_SECONDS = 8 * 3600;

/** One cookie's value from the Cookie header. */
function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

/**
 * The key as a cookie for the sandbox's own paths only: not readable by scripts, not sent by other
 * sites' requests, Secure on https, gone after a working day.
 */
function sessionCookie(key: string, publicBaseUrl: string, maxAge = SESSION_SECONDS): string {
  const secure = publicBaseUrl.startsWith('https:') ? '; Secure' : '';
  return `${SESSION_COOKIE}=${encodeURIComponent(key)}; Path=/sandbox; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure}`;
}

const crossSite = () =>
  new Problem(403, 'Forbidden', 'the form was sent from another site (Origin/Referer): nothing happened');

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
});
const authProblems = { 401: problem('No valid API key'), 403: problem('The API key has been revoked') };
const SECURITY: Record<string, string[]>[] = [{ apiKey: [] }, { sandboxSession: [] }];

export interface SandboxRouteOptions {
  db: Database;
  sandbox: SandboxServices;
  keys: ApiKeys;
  publicBaseUrl: string;
}

export const sandboxRoutes: FastifyPluginAsync<SandboxRouteOptions> = async (app, options) => {
  await app.register(outboxRoutes, options);
  await app.register(signInRoutes, options);
  await app.register(checkoutRoutes, options);
};

/** The tenant's key: Bearer (identified before the rate limit), else the sign-in cookie. */
function sandboxTenant(keys: ApiKeys) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-store');
    if (request.tenantId || request.authFailure) return;
    const key = cookie(request, SESSION_COOKIE);
    if (key) await authenticateKey(request, keys, key);
  };
}

const outboxRoutes: FastifyPluginAsync<SandboxRouteOptions> = async (app, { db, keys }) => {
  app.addHook('onRequest', sandboxTenant(keys));
  app.addHook('onRequest', async (request, reply) => {
    if (request.tenantId) return;
    // A developer's browser without a session goes to the sign-in form; everything else gets the problem.
    if (request.method === 'GET' && request.url.split('?')[0] === '/sandbox/outbox')
      return reply.redirect('/sandbox/sign-in', 303);
    throw request.authFailure ?? MISSING_KEY;
  });

  async function recent(tenantId: string, query: { invoiceId?: string; limit?: string }) {
    const limit = Math.min(Number(query.limit ?? 200) || 200, 1000);
    const rows = await recentSandboxMessages(db, tenantId, { invoiceId: query.invoiceId, limit });
    return rows.map(({ html: _html, pdf: _pdf, idempotencyKey: _key, ...row }) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
      previewUrl: `/sandbox/outbox/${row.id}/preview`,
    }));
  }
  const outboxQuery = {
    type: 'object',
    properties: {
      invoiceId: { type: 'string', maxLength: 64 },
      limit: { type: 'string', pattern: '^\\d{1,4}$', examples: ['50'] },
    },
    additionalProperties: false,
  } as const;

  app.get(
    '/sandbox/outbox.json',
    {
      schema: {
        summary: 'The tenant’s sandbox outbox as JSON',
        security: SECURITY,
        querystring: outboxQuery,
        response: { 200: { type: 'array', items: outboxItem }, ...authProblems },
      },
    },
    async (request) => recent(tenantOf(request), request.query as { invoiceId?: string; limit?: string }),
  );

  app.get(
    '/sandbox/outbox',
    {
      schema: {
        summary: 'The tenant’s sandbox outbox page (without a session: 303 to the sign-in form)',
        security: SECURITY,
        querystring: outboxQuery,
        response: {
          200: document('text/html'),
          303: { description: 'To /sandbox/sign-in', type: 'null' },
          ...authProblems,
        },
      },
    },
    async (request, reply) => {
      const tenantId = tenantOf(request);
      const rows = await recent(tenantId, request.query as { invoiceId?: string });
      const lines = rows
        .map(
          (m) =>
            `<tr><td>${escapeHtml(m.createdAt)}</td><td>${escapeHtml(m.channel)}</td><td>${escapeHtml(m.recipient)}</td><td>${escapeHtml(m.invoiceId)}</td><td>${escapeHtml(m.template)}</td><td>${escapeHtml(m.deliveryStatus)}</td><td><pre>${escapeHtml(m.subject ? `${m.subject}\n\n${m.text}` : m.text).slice(0, 600)}</pre></td><td><a href="${m.previewUrl}">preview</a></td></tr>`,
        )
        .join('');
      return reply
        .type('text/html; charset=utf-8')
        .send(
          page(
            'Settle sandbox outbox',
            `<h1>Sandbox outbox</h1><p>Tenant <strong>${escapeHtml(tenantId)}</strong>: ${rows.length} messages. <a href="/sandbox/outbox.json">JSON</a></p><form method="post" action="/sandbox/sign-out"><button>Sign out</button></form><table class="outbox"><tr><th class="at">at</th><th class="channel">channel</th><th class="recipient">recipient</th><th class="invoice">invoice</th><th class="template">template</th><th class="delivery">delivery</th><th>text</th><th class="preview"></th></tr>${lines}</table>`,
          ),
        );
    },
  );

  app.get(
    '/sandbox/outbox/:id/preview',
    {
      schema: {
        summary: 'Rendered preview of one of the tenant’s messages: HTML email, PDF letter, or text',
        security: SECURITY,
        params: {
          type: 'object',
          properties: {
            id: { type: 'string', pattern: '^[A-Za-z0-9_]{1,100}$', examples: ['msg_3f1a9c0d'] },
          },
        },
        response: { 200: document('text/html', 'text/plain', 'application/pdf'), ...authProblems },
      },
    },
    async (request, reply) => {
      const row = await sandboxMessageOf(db, tenantOf(request), (request.params as { id: string }).id);
      if (!row) throw notFound('message');
      if (row.pdf) return reply.type('application/pdf').send(Buffer.from(row.pdf, 'base64'));
      if (row.html) return reply.type('text/html; charset=utf-8').send(row.html);
      return reply.type('text/plain; charset=utf-8').send(row.text);
    },
  );
};

/** A browser session for the outbox: the developer pastes the tenant's API key once. */
const signInRoutes: FastifyPluginAsync<SandboxRouteOptions> = async (app, { keys, publicBaseUrl }) => {
  app.get(
    '/sandbox/sign-in',
    {
      schema: {
        summary: 'Sign-in form for the sandbox outbox (the tenant’s API key)',
        querystring: {
          type: 'object',
          properties: { failed: { type: 'string', enum: ['1'] } },
          additionalProperties: false,
        },
        response: { 200: document('text/html') },
      },
    },
    async (request, reply) => {
      const failed = (request.query as { failed?: string }).failed
        ? '<p><strong>That key is not valid (or was revoked).</strong></p>'
        : '';
      return reply
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(
          page(
            'Settle sandbox: sign in',
            `<h1>Sandbox outbox</h1>${failed}<form method="post" action="/sandbox/sign-in"><label>Tenant API key <input name="key" type="password" autocomplete="off" required size="50"></label> <button>Sign in</button></form><p>The outbox shows the messages of the tenant whose key you enter (<code>npm start</code> prints the dev key).</p>`,
          ),
        );
    },
  );

  app.post(
    '/sandbox/sign-in',
    {
      schema: {
        summary: 'Start an outbox session: sets an HttpOnly, SameSite=Strict cookie for /sandbox',
        body: {
          type: 'object',
          required: ['key'],
          properties: { key: { type: 'string', maxLength: 200 } },
        },
        response: {
          303: { description: 'To the outbox (signed in) or back to the form (key refused)', type: 'null' },
          403: problem('Sent from another site'),
        },
      },
    },
    async (request, reply) => {
      if (!fromThisSite(request, publicBaseUrl)) throw crossSite();
      const { key } = request.body as { key: string };
      await authenticateKey(request, keys, key.trim());
      if (!request.tenantId) return reply.redirect('/sandbox/sign-in?failed=1', 303);
      return reply
        .header('set-cookie', sessionCookie(key.trim(), publicBaseUrl))
        .redirect('/sandbox/outbox', 303);
    },
  );

  app.post(
    '/sandbox/sign-out',
    {
      schema: {
        summary: 'End the outbox session',
        response: {
          303: { description: 'To the sign-in form', type: 'null' },
          403: problem('Sent from another site'),
        },
      },
    },
    async (request, reply) => {
      if (!fromThisSite(request, publicBaseUrl)) throw crossSite();
      return reply
        .header('set-cookie', sessionCookie('', publicBaseUrl, 0))
        .redirect('/sandbox/sign-in', 303);
    },
  );
};

/** A paid link's checkout: no second payment, and the way back to the invoice's page. */
function alreadyPaidPage(checkout: SandboxCheckout): string {
  const back = checkout.row.redirectUrl
    ? `<p><a href="${escapeHtml(checkout.row.redirectUrl)}">Back to the invoice</a></p>`
    : '';
  return page(
    'Sandbox checkout: already paid',
    `<h1 data-checkout="already-paid">Already paid</h1><p>${escapeHtml(checkout.row.description)}</p><p>This payment link was paid on ${escapeHtml(checkout.row.paidAt?.toISOString() ?? '')}: € ${formatAmount(checkout.row.amountCents)}. It cannot be paid twice.</p>${back}<p>This is Settle's sandbox payment provider: no money moves.</p>`,
  );
}

const checkoutRoutes: FastifyPluginAsync<SandboxRouteOptions> = async (app, { sandbox, publicBaseUrl }) => {
  const checkoutParams = {
    type: 'object',
    properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_]{1,100}$', examples: ['tr_sandbox_7Ubq2K'] } },
  } as const;

  app.get(
    '/sandbox/checkout/:id',
    {
      schema: {
        summary:
          'Sandbox checkout page (payment link, mandate first payment, or pending collection); a paid link says so',
        params: checkoutParams,
        response: { 200: document('text/html') },
      },
    },
    async (request, reply) => {
      const checkout = await sandbox.psp.checkout((request.params as { id: string }).id);
      if (!checkout) throw notFound('open sandbox payment');
      if (checkout.kind === 'paid-link')
        return reply.type('text/html; charset=utf-8').send(alreadyPaidPage(checkout));
      const buttons = checkout.outcomes
        .map((o) => `<button name="outcome" value="${o}">${o}</button>`)
        .join('');
      const explanation = {
        link: '',
        'first-payment': `<p>This first payment authorises a SEPA direct debit mandate. <label>Later collections on it: <select name="collections">${SANDBOX_COLLECTION_OUTCOMES.map((o) => `<option>${o}</option>`).join('')}</select></label></p>`,
        collection: '<p>A direct debit collection, waiting for the bank: settle it.</p>',
      }[checkout.kind];
      return reply
        .type('text/html; charset=utf-8')
        .send(
          page(
            'Sandbox checkout',
            `<h1>Sandbox checkout</h1><p>${escapeHtml(checkout.row.description)}</p><p><strong>€ ${formatAmount(checkout.row.amountCents)}</strong></p><form method="post">${explanation}${buttons}</form><p>This is Settle's sandbox payment provider: no money moves.</p>`,
          ),
        );
    },
  );

  app.post(
    '/sandbox/checkout/:id',
    {
      schema: {
        summary:
          'Settle a sandbox payment (form outcome=paid|failed|expired|canceled; collections=paid|failed for a mandate)',
        params: checkoutParams,
        response: {
          200: {
            ...document('text/html'),
            description: 'The link was paid already: nothing is paid again (the "already paid" page)',
          },
          303: { description: 'Back to the self-service page', type: 'null' },
          403: problem('Sent from another site'),
        },
        body: {
          type: 'object',
          required: ['outcome'],
          properties: {
            outcome: { type: 'string', enum: [...SANDBOX_OUTCOMES] },
            collections: { type: 'string', enum: [...SANDBOX_COLLECTION_OUTCOMES] },
          },
        },
      },
    },
    async (request, reply) => {
      if (!fromThisSite(request, publicBaseUrl)) throw crossSite();
      const { outcome, collections } = request.body as {
        outcome: SandboxOutcome;
        collections?: SandboxCollectionOutcome;
      };
      const id = (request.params as { id: string }).id;
      const payment = await sandbox.psp.settle(id, outcome, collections);
      if (!payment) {
        // Paid before, or by the other of two submits just now: a link is paid once.
        const checkout = await sandbox.psp.checkout(id);
        if (checkout?.kind === 'paid-link')
          return reply.type('text/html; charset=utf-8').send(alreadyPaidPage(checkout));
        throw notFound('open sandbox payment with that outcome');
      }
      if (!(await sandbox.psp.announce(payment)))
        throw new Problem(502, 'Bad Gateway', 'the webhook could not be delivered; retry the checkout');
      return reply.redirect(payment.redirectUrl || '/sandbox/outbox', 303);
    },
  );
};
