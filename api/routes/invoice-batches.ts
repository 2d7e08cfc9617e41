// Bulk intake: up to 10,000 invoices in one request, as a JSON array, NDJSON or CSV. Every line is
// checked exactly as POST /v1/invoices checks one invoice; the batch is stored with its lines and
// answered 202 at once; the invoices are started afterwards with bounded concurrency (batch-runner.ts).
// A line that fails does not hold up the others; GET reports progress and each failed line's errors.
import { createHash } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Database } from '../../db/client.js';
import {
  type BatchFormat,
  type BatchProgress,
  type IntakeLine,
  insertInvoiceBatch,
  invoiceBatchProgress,
} from '../../db/queries/invoice-batches.js';
import { tenantOf } from '../auth.js';
import {
  BATCH_MEDIA_TYPES,
  type BatchItem,
  batchFormatOf,
  batchItems,
  CSV_COLUMN_NAMES,
  MAX_BATCH_LINES,
} from '../invoice-batches/batch-body.js';
import type { BatchRunner } from '../invoice-batches/batch-runner.js';
import { type CreateInvoiceBodyType, invoiceIntake } from '../invoice-intake.js';
import { requestHash } from '../invoice-service.js';
import { lineValidator } from '../line-validator.js';
import { notFound, Problem } from '../problem.js';
import { CreateInvoiceBody, problemResponses } from '../schemas.js';
import { validationFieldErrors } from '../validation-errors.js';

interface Options {
  db: Database;
  batches: BatchRunner;
}

/** 10,000 invoices with every optional field filled stay below this. */
const BATCH_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

const validCreateBody = lineValidator<CreateInvoiceBodyType>(CreateInvoiceBody);

const LineErrorSchema = Type.Object({
  field: Type.String({ description: 'JSON pointer into the line’s create body' }),
  message: Type.String(),
});

const exampleBatch = {
  id: 'ib_5f0c2d9e4b7a4e1f9c3d2b1a0e9f8d7c',
  status: 'running',
  format: 'json',
  createdAt: '2026-12-02T09:00:00.000Z',
  completedAt: null,
  lines: { total: 3, pending: 1, created: 1, repeated: 0, failed: 1 },
  failedLines: [
    {
      line: 2,
      invoiceId: 'INV-2002',
      errors: [{ field: '/dueDate', message: 'must not lie before issueDate' }],
    },
  ],
};

export const InvoiceBatchSchema = Type.Object(
  {
    id: Type.String({ description: 'ib_…; GET /v1/invoice-batches/{batchId}' }),
    status: Type.Union([Type.Literal('accepted'), Type.Literal('running'), Type.Literal('completed')], {
      description:
        'accepted: stored, nothing started yet; running: lines are being started; completed: every line was started or failed',
    }),
    format: Type.Union([Type.Literal('json'), Type.Literal('ndjson'), Type.Literal('csv')]),
    createdAt: Type.String({ format: 'date-time' }),
    completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    lines: Type.Object({
      total: Type.Integer(),
      pending: Type.Integer({ description: 'not started yet' }),
      created: Type.Integer({ description: 'started: a new invoice (as 201 on POST /v1/invoices)' }),
      repeated: Type.Integer({ description: 'the identical invoice existed already (as 200)' }),
      failed: Type.Integer({ description: 'refused: see failedLines' }),
    }),
    failedLines: Type.Array(
      Type.Object({
        line: Type.Integer({
          description:
            'JSON: the invoice’s position in the array (from 1); NDJSON and CSV: its line in the file',
        }),
        invoiceId: Type.Union([Type.String(), Type.Null()]),
        errors: Type.Array(LineErrorSchema),
      }),
    ),
  },
  { $id: 'InvoiceBatch', examples: [exampleBatch] },
);

const exampleLine = {
  invoiceId: 'INV-2001',
  debtor: { id: 'D-501', type: 'consumer', name: 'J. Jansen', email: 'j.jansen@example.nl' },
  amount: { currency: 'EUR', value: '125.50' },
  issueDate: '2026-11-01',
  dueDate: '2026-11-15',
};

function batchResource(progress: BatchProgress) {
  const { batch, counts } = progress;
  const pending = counts.pending + counts.starting;
  const started = counts.starting + counts.created + counts.repeated;
  return {
    id: batch.id,
    status: pending === 0 ? 'completed' : started > 0 ? 'running' : 'accepted',
    format: batch.format,
    createdAt: batch.createdAt.toISOString(),
    completedAt: pending === 0 ? (progress.lastFinishedAt ?? batch.createdAt).toISOString() : null,
    lines: {
      total: batch.total,
      pending,
      created: counts.created,
      repeated: counts.repeated,
      failed: counts.failed,
    },
    failedLines: progress.failed,
  };
}

/** Each item checked as a single create is; a later line may repeat an invoice only identically. */
export function intakeLines(items: BatchItem[]): IntakeLine[] {
  const seen = new Map<string, { line: number; hash: string }>();
  return items.map((item): IntakeLine => {
    if ('unreadable' in item)
      return { line: item.line, invoiceId: null, errors: [{ field: '/', message: item.unreadable }] };
    const rawId = (item.value as { invoiceId?: unknown } | null)?.invoiceId;
    const invoiceId = typeof rawId === 'string' ? rawId : null;
    if (!validCreateBody(item.value))
      return { line: item.line, invoiceId, errors: validationFieldErrors(validCreateBody.errors ?? []) };
    const intake = invoiceIntake(item.value);
    if ('errors' in intake) return { line: item.line, invoiceId, errors: intake.errors };
    const hash = requestHash(intake.request);
    const earlier = seen.get(intake.request.invoiceId);
    if (earlier && earlier.hash !== hash)
      return {
        line: item.line,
        invoiceId,
        errors: [{ field: '/invoiceId', message: `repeats line ${earlier.line} with different content` }],
      };
    if (!earlier) seen.set(intake.request.invoiceId, { line: item.line, hash });
    return { line: item.line, invoiceId: intake.request.invoiceId, request: intake.request };
  });
}

export const invoiceBatchRoutes: FastifyPluginAsync<Options> = async (plugin, { db, batches }) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(InvoiceBatchSchema);
  // NDJSON and CSV arrive as text; JSON keeps the API's own parser (and its raw body).
  app.addContentTypeParser(
    [BATCH_MEDIA_TYPES.ndjson, BATCH_MEDIA_TYPES.csv],
    { parseAs: 'string', bodyLimit: BATCH_BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );

  async function answer(reply: FastifyReply, tenantId: string, batchId: string, status: number) {
    const progress = await invoiceBatchProgress(db, tenantId, batchId);
    return reply
      .code(status)
      .header('location', `/v1/invoice-batches/${batchId}`)
      .send(batchResource(progress!));
  }

  app.post(
    '/invoice-batches',
    {
      bodyLimit: BATCH_BODY_LIMIT_BYTES,
      // The lines are checked one by one below, so that one bad line does not refuse the others.
      validatorCompiler: () => () => true,
      schema: {
        summary: 'Start dunning up to 10,000 invoices at once',
        description:
          `A JSON array of create bodies (as POST /v1/invoices), NDJSON (one create body per line) or CSV ` +
          `(a header row naming some of these columns: ${CSV_COLUMN_NAMES.join(', ')}; empty cells are left out, ` +
          `currency defaults to EUR). At most ${MAX_BATCH_LINES} invoices. Every line is checked as a single ` +
          'create is; the batch is stored and answered 202 at once, and the invoices are started in the ' +
          'background. Each line is idempotent exactly like a single create (an identical invoice counts as ' +
          '`repeated`, one with other content fails with the conflict). Repeating the identical upload ' +
          'answers 200 with the batch already accepted. Follow `Location` for progress and failed lines.',
        security: [{ apiKey: [] }],
        body: {
          content: {
            [BATCH_MEDIA_TYPES.json]: {
              schema: Type.Array(CreateInvoiceBody, {
                minItems: 1,
                maxItems: MAX_BATCH_LINES,
                examples: [[exampleLine]],
              }),
            },
            [BATCH_MEDIA_TYPES.ndjson]: {
              schema: Type.String({ examples: [`${JSON.stringify(exampleLine)}\n`] }),
            },
            [BATCH_MEDIA_TYPES.csv]: {
              schema: Type.String({
                examples: [
                  'invoiceId,debtorId,debtorType,debtorName,debtorEmail,amount,issueDate,dueDate\n' +
                    'INV-2001,D-501,consumer,J. Jansen,j.jansen@example.nl,125.50,2026-11-01,2026-11-15\n',
                ],
              }),
            },
          },
        },
        response: {
          200: { $ref: 'InvoiceBatch#' },
          202: { $ref: 'InvoiceBatch#' },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const format: BatchFormat | undefined = batchFormatOf(request.headers['content-type']);
      if (!format)
        throw new Problem(
          415,
          'Unsupported Media Type',
          `use ${Object.values(BATCH_MEDIA_TYPES).join(', ')}`,
        );
      const lines = intakeLines(batchItems(format, request.body));
      const raw = format === 'json' ? (request.rawBody ?? Buffer.alloc(0)) : String(request.body);
      const contentHash = createHash('sha256').update(format).update('\n').update(raw).digest('hex');
      const tenantId = tenantOf(request);
      const { batch, created } = await insertInvoiceBatch(db, { tenantId, contentHash, format, lines });
      request.log.info(
        { tenantId, batchId: batch.id, lines: lines.length, created },
        'invoice batch accepted',
      );
      if (created) batches.wake();
      return answer(reply, tenantId, batch.id, created ? 202 : 200);
    },
  );

  app.get(
    '/invoice-batches/:batchId',
    {
      schema: {
        summary: 'Progress of an invoice batch, with each failed line’s errors',
        description:
          'Counts per state, and for every failed line its position and why (the same field errors as POST /v1/invoices answers).',
        security: [{ apiKey: [] }],
        params: Type.Object(
          { batchId: Type.String({ pattern: '^ib_[0-9a-f]{32}$', examples: [exampleBatch.id] }) },
          { additionalProperties: false },
        ),
        response: { 200: { $ref: 'InvoiceBatch#' }, ...problemResponses },
      },
    },
    async (request) => {
      const progress = await invoiceBatchProgress(db, tenantOf(request), request.params.batchId);
      if (!progress) throw notFound(`invoice batch ${request.params.batchId}`);
      return batchResource(progress);
    },
  );
};
