// What debtors asked for on the self-service page — a call back, or a dispute — for the creditor to
// act on: listed per tenant (open ones first of all), resolved once handled. The debtor's own words
// are in `message`; they are never logged.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/client.js';
import {
  DEBTOR_REQUEST_ID,
  type DebtorRequestRow,
  listDebtorRequests,
  resolveDebtorRequest,
} from '../../db/queries/debtor-requests.js';
import { tenantOf } from '../auth.js';
import { Cursor, decodeCursor, encodeCursor, PageLimit } from '../paging.js';
import { notFound } from '../problem.js';
import { problemResponses } from '../schemas.js';

const example = {
  id: 'dr_019ad4c8e2a1f3b2c4d5e6',
  kind: 'callback',
  status: 'open',
  invoiceId: 'INV-1001',
  message: 'Graag na 17:00 bellen',
  createdAt: '2026-12-02T09:15:00.000Z',
  resolvedAt: null,
  webhook: { deliveredAt: '2026-12-02T09:15:01.000Z', attempts: 1, lastError: null },
};

export const DebtorRequestSchema = Type.Object(
  {
    id: Type.String({ description: 'dr_…; also the delivery id of its webhook' }),
    kind: Type.Union([Type.Literal('callback'), Type.Literal('dispute')], {
      description:
        'callback: the debtor asks to be called back; dispute: the debtor disputes the invoice (its ladder pauses until POST /v1/invoices/{invoiceId}/disputes/resolve)',
    }),
    status: Type.Union([Type.Literal('open'), Type.Literal('resolved')]),
    invoiceId: Type.String(),
    message: Type.String({ description: 'what the debtor wrote (3–500 characters)' }),
    createdAt: Type.String({ format: 'date-time' }),
    resolvedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    webhook: Type.Object(
      {
        deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
        attempts: Type.Integer({ minimum: 0 }),
        lastError: Type.Union([Type.String(), Type.Null()]),
      },
      { description: 'the signed webhook that told the creditor (settings creditorWebhookUrl)' },
    ),
  },
  // Registered on the app (like Invoice), so the document names it once.
  { $id: 'DebtorRequest', examples: [example] },
);

const ListQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('resolved')])),
    limit: Type.Optional(PageLimit),
    cursor: Type.Optional(Cursor),
  },
  { additionalProperties: false },
);

const RequestParams = Type.Object(
  {
    requestId: Type.String({
      pattern: DEBTOR_REQUEST_ID.source,
      description: 'dr_…',
      examples: ['dr_3f1a9c0de25b7741a2c9e0'],
    }),
  },
  { additionalProperties: false },
);

function view(row: DebtorRequestRow) {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    invoiceId: row.invoiceId,
    message: row.message,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    webhook: {
      deliveredAt: row.notifiedAt?.toISOString() ?? null,
      attempts: row.notifyAttempts,
      lastError: row.notifyError,
    },
  };
}

export const debtorRequestRoutes: FastifyPluginAsync<{ db: Database }> = async (plugin, { db }) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/debtor-requests',
    {
      schema: {
        summary: 'List call-back requests and disputes debtors raised on the self-service page',
        description:
          'Oldest first; `status=open` lists what still needs the creditor. Each request is also on its ' +
          "invoice's timeline and is sent to the tenant's `creditorWebhookUrl` as a signed webhook. " +
          'Page with `nextCursor`.',
        security: [{ apiKey: [] }],
        querystring: ListQuery,
        response: {
          200: Type.Object(
            {
              items: Type.Array(Type.Ref('DebtorRequest')),
              nextCursor: Type.Union([Cursor, Type.Null()]),
            },
            { examples: [{ items: [example], nextCursor: null }] },
          ),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const limit = Number(request.query.limit ?? 20);
      const after = request.query.cursor ? decodeCursor(request.query.cursor, DEBTOR_REQUEST_ID) : undefined;
      const rows = await listDebtorRequests(db, {
        tenantId: tenantOf(request),
        ...(request.query.status ? { status: request.query.status } : {}),
        ...(after ? { after } : {}),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      return {
        items: page.map(view),
        nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.id) : null,
      };
    },
  );

  app.post(
    '/debtor-requests/:requestId/resolve',
    {
      schema: {
        summary: 'Mark a debtor request as handled',
        description:
          'The creditor called back or dealt with the dispute: the request is no longer open (a repeat ' +
          "answers the same). It does not end an invoice's dispute: POST /v1/invoices/{invoiceId}/disputes/resolve " +
          'does, and resolves its open dispute requests too.',
        security: [{ apiKey: [] }],
        params: RequestParams,
        response: { 200: { $ref: 'DebtorRequest#' }, ...problemResponses },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const row = await resolveDebtorRequest(db, tenantId, request.params.requestId);
      if (!row) throw notFound(`debtor request ${request.params.requestId}`);
      request.log.info({ tenantId, requestId: row.id }, 'debtor request resolved');
      return view(row);
    },
  );
};
