// Local stand-ins for the outside world: the outbox lists every message the sandbox channels
// "sent", and the checkout page settles sandbox payments the way Mollie's test mode does.
import { desc, eq } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import {
  SANDBOX_COLLECTION_OUTCOMES,
  SANDBOX_OUTCOMES,
  type SandboxCollectionOutcome,
  type SandboxOutcome,
} from '../../activities/sandbox/sandbox-psp.js';
import type { SandboxServices } from '../../activities/sandbox/sandbox-services.js';
import { escapeHtml } from '../../activities/templates/index.js';
import type { Database } from '../../db/client.js';
import { sandboxMessages } from '../../db/schema.js';
import { formatAmount } from '../../workflows/policy/money.js';
import { notFound, Problem } from '../problem.js';

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;margin:1.5rem;max-width:70rem}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}pre{white-space:pre-wrap;margin:0}button{font-size:1rem;margin:.3rem;padding:.6rem 1rem}</style></head><body>${body}</body></html>`;

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

export const sandboxRoutes: FastifyPluginAsync<{ db: Database; sandbox: SandboxServices }> = async (
  app,
  { db, sandbox },
) => {
  async function recent(query: { invoiceId?: string; limit?: string }) {
    const limit = Math.min(Number(query.limit ?? 200) || 200, 1000);
    const rows = await db
      .select()
      .from(sandboxMessages)
      .where(query.invoiceId ? eq(sandboxMessages.invoiceId, query.invoiceId) : undefined)
      .orderBy(desc(sandboxMessages.createdAt))
      .limit(limit);
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
      limit: { type: 'string', pattern: '^\\d{1,4}$' },
    },
    additionalProperties: false,
  } as const;

  app.get(
    '/sandbox/outbox.json',
    {
      schema: {
        summary: 'Sandbox outbox as JSON',
        querystring: outboxQuery,
        response: { 200: { type: 'array', items: outboxItem } },
      },
    },
    async (request) => recent(request.query as { invoiceId?: string; limit?: string }),
  );

  app.get(
    '/sandbox/outbox',
    {
      schema: {
        summary: 'Sandbox outbox page',
        querystring: outboxQuery,
        response: { 200: document('text/html') },
      },
    },
    async (request, reply) => {
      const rows = await recent(request.query as { invoiceId?: string });
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
            `<h1>Sandbox outbox</h1><p>${rows.length} messages. <a href="/sandbox/outbox.json">JSON</a></p><table><tr><th>at</th><th>channel</th><th>recipient</th><th>invoice</th><th>template</th><th>delivery</th><th>text</th><th></th></tr>${lines}</table>`,
          ),
        );
    },
  );

  app.get(
    '/sandbox/outbox/:id/preview',
    {
      schema: {
        summary: 'Rendered preview: HTML email, PDF letter, or text',
        params: { type: 'object', properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_]{1,100}$' } } },
        response: { 200: document('text/html', 'text/plain', 'application/pdf') },
      },
    },
    async (request, reply) => {
      const [row] = await db
        .select()
        .from(sandboxMessages)
        .where(eq(sandboxMessages.id, (request.params as { id: string }).id))
        .limit(1);
      if (!row) throw notFound('message');
      if (row.pdf) return reply.type('application/pdf').send(Buffer.from(row.pdf, 'base64'));
      if (row.html) return reply.type('text/html; charset=utf-8').send(row.html);
      return reply.type('text/plain; charset=utf-8').send(row.text);
    },
  );

  const checkoutParams = {
    type: 'object',
    properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_]{1,100}$' } },
  } as const;

  app.get(
    '/sandbox/checkout/:id',
    {
      schema: {
        summary: 'Sandbox checkout page (payment link, mandate first payment, or pending collection)',
        params: checkoutParams,
        response: { 200: document('text/html') },
      },
    },
    async (request, reply) => {
      const checkout = await sandbox.psp.checkout((request.params as { id: string }).id);
      if (!checkout) throw notFound('open sandbox payment');
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
        response: { 303: { description: 'Back to the self-service page', type: 'null' } },
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
      const { outcome, collections } = request.body as {
        outcome: SandboxOutcome;
        collections?: SandboxCollectionOutcome;
      };
      const payment = await sandbox.psp.settle((request.params as { id: string }).id, outcome, collections);
      if (!payment) throw notFound('open sandbox payment with that outcome');
      if (!(await sandbox.psp.announce(payment)))
        throw new Problem(502, 'Bad Gateway', 'the webhook could not be delivered; retry the checkout');
      return reply.redirect(payment.redirectUrl || '/sandbox/outbox', 303);
    },
  );
};
