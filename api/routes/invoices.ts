import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/client.js';
import { listInvoices } from '../../db/queries/invoices.js';
import type { PostingSchedule } from '../../workflows/policy/receipt.js';
import { tenantOf } from '../auth.js';
import { invoiceIntake } from '../invoice-intake.js';
import { invoiceResource } from '../invoice-resource.js';
import type { InvoiceService } from '../invoice-service.js';
import { Cursor, decodeCursor, encodeCursor } from '../paging.js';
import { unprocessable } from '../problem.js';
import { invoiceSchedule, ScheduleSchema } from '../schedule.js';
import {
  ConsistencyQuery,
  CreateInvoiceBody,
  IDENTIFIER,
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
      const intake = invoiceIntake(request.body);
      if ('errors' in intake) throw unprocessable('the invoice cannot be accepted', intake.errors);
      const { row, created } = await invoices.create(tenantOf(request), intake.request);
      request.log.info({ tenantId: row.tenantId, invoiceId: row.invoiceId, created }, 'invoice accepted');
      // Answered once the row is stored and the start accepted: the workflow's first task is not awaited.
      return reply.code(created ? 201 : 200).send(invoiceResource(row, invoices.selfServiceUrl(row)));
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
            nextCursor: Type.Union([Cursor, Type.Null()]),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const limit = Number(request.query.limit ?? 20);
      const after = request.query.cursor ? decodeCursor(request.query.cursor, IDENTIFIER) : undefined;
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
        summary: 'One invoice',
        description:
          'From the read model the workflow keeps current (it answers while no worker runs; `asOf` says when it was written). ' +
          '`?consistency=live` asks the running workflow instead.',
        security: [{ apiKey: [] }],
        params: InvoiceParams,
        querystring: ConsistencyQuery,
        response: { 200: { $ref: 'Invoice#' }, ...problemResponses },
      },
    },
    async (request) => {
      const row = await invoices.requireInvoice(tenantOf(request), request.params.invoiceId);
      const live = request.query.consistency === 'live' ? await invoices.liveStatus(row) : undefined;
      return invoiceResource(row, invoices.selfServiceUrl(row), live);
    },
  );

  app.get(
    '/invoices/:invoiceId/timeline',
    {
      schema: {
        summary: 'Steps, messages, payments and costs in time order',
        description:
          'From the events the workflow stored (as rich for a closed invoice as for a running one). `?consistency=live` adds what the running workflow holds and has not stored yet.',
        security: [{ apiKey: [] }],
        params: InvoiceParams,
        querystring: ConsistencyQuery,
        response: { 200: TimelineSchema, ...problemResponses },
      },
    },
    async (request) => {
      const row = await invoices.requireInvoice(tenantOf(request), request.params.invoiceId);
      const live = request.query.consistency === 'live' ? await invoices.liveStatus(row) : undefined;
      return invoiceTimeline(db, row, live);
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
