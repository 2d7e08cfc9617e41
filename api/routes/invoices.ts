import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/client.js';
import { listInvoices } from '../../db/queries/invoices.js';
import { defaultPolicyId } from '../../workflows/policy/ladder.js';
import { parseAmount } from '../../workflows/policy/money.js';
import type { PostingSchedule } from '../../workflows/policy/receipt.js';
import { tenantOf } from '../auth.js';
import { invoiceResource } from '../invoice-resource.js';
import type { InvoiceService } from '../invoice-service.js';
import { unprocessable } from '../problem.js';
import { invoiceSchedule, ScheduleSchema } from '../schedule.js';
import {
  amountRefusal,
  CreateInvoiceBody,
  InvoiceParams,
  ListInvoicesQuery,
  problemResponses,
} from '../schemas.js';
import { invoiceTimeline, TimelineSchema } from '../timeline.js';

interface Options {
  invoices: InvoiceService;
  db: Database;
  /** The print house's posting schedule: the schedule ahead assumes letters' receipt from it. */
  letterPosting: PostingSchedule;
}

export const invoiceRoutes: FastifyPluginAsync<Options> = async (plugin, { invoices, db, letterPosting }) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/invoices',
    {
      schema: {
        summary: 'Start dunning an invoice',
        description:
          '201 when it starts, 200 for the identical request repeated, 409 when the id exists with other content.',
        security: [{ apiKey: [] }],
        body: CreateInvoiceBody,
        response: { 200: { $ref: 'Invoice#' }, 201: { $ref: 'Invoice#' }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const amountCents = parseAmount(body.amount.value);
      const errors = [];
      const amountProblem = amountRefusal(amountCents);
      if (amountProblem) errors.push({ field: '/amount/value', message: amountProblem });
      if (body.dueDate < body.issueDate)
        errors.push({ field: '/dueDate', message: 'must not lie before issueDate' });
      if (!body.debtor.email && !body.debtor.phone && !body.debtor.address && !body.debtor.appUserId) {
        errors.push({
          field: '/debtor',
          message: 'needs at least one of email, phone, address or appUserId',
        });
      }
      if (body.debtor.whatsappOptIn && !body.debtor.phone)
        errors.push({ field: '/debtor/phone', message: 'is required for WhatsApp' });
      if (errors.length > 0) throw unprocessable('the invoice cannot be accepted', errors);
      const { row, created } = await invoices.create(tenantOf(request), {
        invoiceId: body.invoiceId,
        debtor: body.debtor,
        amountCents: amountCents!,
        currency: body.amount.currency,
        issueDate: body.issueDate,
        dueDate: body.dueDate,
        ...(body.description !== undefined ? { description: body.description } : {}),
        policyId: body.policy ?? defaultPolicyId(body.debtor.type),
        ...(body.metadata !== undefined ? { metadata: body.metadata } : {}),
        ...(body.periodic ? { periodic: true } : {}),
      });
      request.log.info({ tenantId: row.tenantId, invoiceId: row.invoiceId, created }, 'invoice accepted');
      const live = await invoices.liveStatus(row);
      return reply.code(created ? 201 : 200).send(invoiceResource(row, invoices.selfServiceUrl(row), live));
    },
  );

  app.get(
    '/invoices',
    {
      schema: {
        summary: 'List invoices',
        security: [{ apiKey: [] }],
        querystring: ListInvoicesQuery,
        response: {
          200: Type.Object({
            items: Type.Array(Type.Ref('Invoice')),
            nextCursor: Type.Union([Type.String(), Type.Null()]),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const limit = Number(request.query.limit ?? 20);
      const after = request.query.cursor ? decodeCursor(request.query.cursor) : undefined;
      const rows = await listInvoices(db, {
        tenantId: tenantOf(request),
        ...(request.query.status ? { status: request.query.status } : {}),
        ...(request.query.stage ? { stage: request.query.stage } : {}),
        ...(request.query.debtorId ? { debtorId: request.query.debtorId } : {}),
        ...(after ? { after } : {}),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      return {
        items: page.map((row) => invoiceResource(row, invoices.selfServiceUrl(row))),
        nextCursor: rows.length > limit ? encodeCursor(page.at(-1)!.invoiceId) : null,
      };
    },
  );

  app.get(
    '/invoices/:invoiceId',
    {
      schema: {
        summary: 'One invoice, live from its workflow',
        security: [{ apiKey: [] }],
        params: InvoiceParams,
        response: { 200: { $ref: 'Invoice#' }, ...problemResponses },
      },
    },
    async (request) => {
      const row = await invoices.requireInvoice(tenantOf(request), request.params.invoiceId);
      return invoiceResource(row, invoices.selfServiceUrl(row), await invoices.liveStatus(row));
    },
  );

  app.get(
    '/invoices/:invoiceId/timeline',
    {
      schema: {
        summary: 'Steps, messages, payments and costs in time order',
        security: [{ apiKey: [] }],
        params: InvoiceParams,
        response: { 200: TimelineSchema, ...problemResponses },
      },
    },
    async (request) => {
      const row = await invoices.requireInvoice(tenantOf(request), request.params.invoiceId);
      return invoiceTimeline(db, row, await invoices.liveStatus(row));
    },
  );

  app.get(
    '/invoices/:invoiceId/schedule',
    {
      schema: {
        summary:
          'The steps ahead: when, on which channel, and what would be owed then if nothing more is paid',
        description:
          'Projected from the workflow’s current state with the decisions the workflow itself applies ' +
          '(stated deadlines, 14-day letter receipt, contact hours, holidays, payday). Messages are assumed ' +
          'to arrive as the workflow assumes: email on sending, letters by the postal delivery standard. ' +
          'A closed, paused, disputed or planned invoice has an empty schedule with the reason.',
        security: [{ apiKey: [] }],
        params: InvoiceParams,
        response: { 200: ScheduleSchema, ...problemResponses },
      },
    },
    async (request) => {
      const row = await invoices.requireInvoice(tenantOf(request), request.params.invoiceId);
      return invoiceSchedule(row, await invoices.liveProjection(row), letterPosting, new Date());
    },
  );
};

function encodeCursor(invoiceId: string): string {
  return Buffer.from(invoiceId).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(decoded))
    throw unprocessable('cursor is not valid', [
      { field: 'querystring:/cursor', message: 'is not a cursor this API returned' },
    ]);
  return decoded;
}
