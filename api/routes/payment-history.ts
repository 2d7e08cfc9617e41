// Past payments of debtors, imported by upstream systems so that the learned payday
// (workflows/policy/learned-payday.ts) works from a debtor's first invoice on; and the learned timing.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/client.js';
import { type ImportedPayment, insertImportedPayments } from '../../db/queries/debtor-payments.js';
import { getDebtor } from '../../db/queries/debtors.js';
import { parseAmount } from '../../workflows/policy/money.js';
import { tenantOf } from '../auth.js';
import { csvRecords } from '../csv-records.js';
import { LEARNED_PAYDAY_MIN_CONFIDENCE, learnedTimingOf } from '../learned-timing.js';
import { lineValidator } from '../line-validator.js';
import { Problem, unprocessable } from '../problem.js';
import {
  amountRefusal,
  Identifier,
  IsoDateString,
  identifier,
  Money,
  Payday,
  problemResponses,
} from '../schemas.js';
import { validationFieldErrors } from '../validation-errors.js';

const MAX_DEBTOR_PAYMENTS = 1000;
const MAX_BULK_PAYMENTS = 10_000;
/** 10,000 lines with every field filled stay far below this. */
const BULK_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

const PaymentId = identifier('PAY-2026-0042');
const PastPaymentFields = {
  id: Type.String({ ...PaymentId, description: 'Your id of the payment: a repeated import stores it once' }),
  paidOn: Type.String({ ...IsoDateString, description: 'YYYY-MM-DD: the day the payment was received' }),
  amount: Type.Optional(Money),
};
const examplePayment = {
  id: 'PAY-2026-0042',
  paidOn: '2026-11-25',
  amount: { currency: 'EUR', value: '42.50' },
};

export const LearnedTimingSchema = Type.Union(
  [
    Type.Object({
      pattern: Type.Union([Payday, Type.Null()], {
        description: 'null: the history shows no pattern with enough confidence',
      }),
      confidence: Type.Number({ minimum: 0, maximum: 1 }),
      preferredWeekdays: Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), {
        description: '1 = Monday … 7 = Sunday',
      }),
      basedOn: Type.Integer({ minimum: 0, description: 'Distinct payment days used' }),
    }),
    Type.Null(),
  ],
  {
    description:
      'Learned from the debtor’s past payments (imported and received by Settle); null without any',
    examples: [{ pattern: { dayOfMonth: 25 }, confidence: 0.83, preferredWeekdays: [5], basedOn: 10 }],
  },
);

const DebtorParams = Type.Object({ debtorId: Identifier }, { additionalProperties: false });

const DebtorHistoryBody = Type.Object(
  {
    payments: Type.Array(Type.Object(PastPaymentFields, { additionalProperties: false }), {
      minItems: 1,
      maxItems: MAX_DEBTOR_PAYMENTS,
    }),
  },
  { additionalProperties: false, examples: [{ payments: [examplePayment] }] },
);

const BulkHistoryBody = Type.Object(
  {
    payments: Type.Array(
      Type.Object({ debtorId: Identifier, ...PastPaymentFields }, { additionalProperties: false }),
      {
        minItems: 1,
        maxItems: MAX_BULK_PAYMENTS,
      },
    ),
  },
  { additionalProperties: false, examples: [{ payments: [{ debtorId: 'D-1001', ...examplePayment }] }] },
);

const BulkLine = Type.Object({ debtorId: Identifier, ...PastPaymentFields }, { additionalProperties: false });
type Line = Static<typeof BulkLine>;
const validLine = lineValidator<Line>(BulkLine);

/** CSV columns of a bulk import; `currency` may be left out (euros). */
const CSV_COLUMNS = ['debtorId', 'id', 'paidOn', 'amount', 'currency'] as const;
const CSV_EXAMPLE = 'debtorId,id,paidOn,amount\nD-1001,PAY-2026-0042,2026-11-25,42.50\n';

/**
 * A CSV upload as lines, each checked as a JSON line is; any bad line refuses the file (400), each
 * named by its line in the file (`line:3/paidOn`), so that the upstream system can fix them all.
 */
function csvLines(text: string): { lines: Line[]; where: (index: number) => string } {
  const rows = csvRecords(text, CSV_COLUMNS);
  if (rows.length === 0)
    throw new Problem(400, 'Bad Request', 'the file holds no payments', [
      { field: '/', message: 'must not be empty' },
    ]);
  if (rows.length > MAX_BULK_PAYMENTS)
    throw new Problem(400, 'Bad Request', `at most ${MAX_BULK_PAYMENTS} payments, this file ${rows.length}`);
  const errors: { field: string; message: string }[] = [];
  const lines = rows.map(({ line, record }) => {
    const { debtorId, id, paidOn, amount, currency } = record;
    const value = {
      debtorId,
      id,
      paidOn,
      ...(amount ? { amount: { currency: currency || 'EUR', value: amount } } : {}),
    };
    if (!validLine(value))
      for (const error of validationFieldErrors(validLine.errors ?? []))
        errors.push({ field: `line:${line}${error.field}`, message: error.message });
    return value as Line;
  });
  if (errors.length > 0)
    throw new Problem(400, 'Bad Request', 'Some lines of the file are not valid', errors);
  return { lines, where: (index) => `line:${rows[index]!.line}` };
}

/** The lines as rows; an amount that cannot be stored answers 422 naming every such line. */
function importedPayments(
  lines: readonly Line[],
  where: (index: number) => string = (index) => `/payments/${index}`,
): ImportedPayment[] {
  const errors: { field: string; message: string }[] = [];
  const rows = lines.map((line, index) => {
    let amountCents: number | null = null;
    if (line.amount) {
      const cents = parseAmount(line.amount.value);
      const refusal = amountRefusal(cents);
      if (refusal) errors.push({ field: `${where(index)}/amount/value`, message: refusal });
      else amountCents = cents ?? null;
    }
    return { debtorId: line.debtorId, externalId: line.id, paidOn: line.paidOn, amountCents };
  });
  if (errors.length > 0) throw unprocessable('Some payments cannot be stored', errors);
  return rows;
}

export const paymentHistoryRoutes: FastifyPluginAsync<{ db: Database }> = async (plugin, { db }) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/debtors/:debtorId/payment-history',
    {
      schema: {
        summary: 'Import a debtor’s past payments, so their payday is learned',
        security: [{ apiKey: [] }],
        params: DebtorParams,
        body: DebtorHistoryBody,
        response: {
          200: Type.Object(
            {
              debtorId: Type.String(),
              received: Type.Integer({ description: 'Payments in the request' }),
              stored: Type.Integer({ description: 'Payments new to Settle (a repeated id is stored once)' }),
              learnedTiming: LearnedTimingSchema,
            },
            {
              examples: [
                {
                  debtorId: 'D-1001',
                  received: 1,
                  stored: 1,
                  learnedTiming: { pattern: null, confidence: 0, preferredWeekdays: [], basedOn: 1 },
                },
              ],
            },
          ),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const { debtorId } = request.params;
      const rows = importedPayments(request.body.payments.map((p) => ({ ...p, debtorId })));
      const stored = await insertImportedPayments(db, { tenantId, payments: rows });
      const learnedTiming = await learnedTimingOf(db, tenantId, debtorId);
      request.log.info({ tenantId, received: rows.length, stored }, 'payment history imported');
      return { debtorId, received: rows.length, stored, learnedTiming };
    },
  );

  // A CSV upload arrives as text; JSON keeps the API's own parser.
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: BULK_BODY_LIMIT_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/payment-history',
    {
      bodyLimit: BULK_BODY_LIMIT_BYTES,
      schema: {
        summary: 'Import past payments of many debtors at once',
        description:
          `JSON, or CSV with a header row naming these columns: ${CSV_COLUMNS.join(', ')} (amount and currency may ` +
          'be left out; currency defaults to EUR). A repeated payment id is stored once. A file with a bad line is ' +
          'refused whole, every bad line named (`line:3/paidOn`, the header being line 1).',
        security: [{ apiKey: [] }],
        body: {
          content: {
            'application/json': { schema: BulkHistoryBody },
            'text/csv': { schema: Type.String({ examples: [CSV_EXAMPLE] }) },
          },
        },
        response: {
          200: Type.Object(
            {
              received: Type.Integer({ description: 'Payments in the request' }),
              stored: Type.Integer({ description: 'Payments new to Settle' }),
              debtors: Type.Integer({ description: 'Distinct debtors in the request' }),
            },
            { examples: [{ received: 1, stored: 1, debtors: 1 }] },
          ),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const body = request.body as string | Static<typeof BulkHistoryBody>;
      const { lines, where } =
        typeof body === 'string' ? csvLines(body) : { lines: body.payments, where: undefined };
      const rows = importedPayments(lines, where);
      const stored = await insertImportedPayments(db, { tenantId, payments: rows });
      const debtors = new Set(rows.map((r) => r.debtorId)).size;
      request.log.info({ tenantId, received: rows.length, stored, debtors }, 'payment history imported');
      return { received: rows.length, stored, debtors };
    },
  );

  app.get(
    '/debtors/:debtorId/timing',
    {
      schema: {
        summary: 'When the debtor usually pays, learned from their payment history',
        security: [{ apiKey: [] }],
        params: DebtorParams,
        response: {
          200: Type.Object(
            {
              debtorId: Type.String(),
              learnedTiming: LearnedTimingSchema,
              paydaySource: Type.Union([Type.Literal('creditor'), Type.Literal('learned'), Type.Null()], {
                description:
                  'Where a new invoice of the debtor takes its payday from: creditor (the debtor’s payday field), learned (this pattern), null (the segment’s default)',
              }),
            },
            {
              examples: [
                {
                  debtorId: 'D-1001',
                  learnedTiming: {
                    pattern: { dayOfMonth: 25 },
                    confidence: 0.83,
                    preferredWeekdays: [5],
                    basedOn: 10,
                  },
                  paydaySource: 'learned',
                },
              ],
            },
          ),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const { debtorId } = request.params;
      const learnedTiming = await learnedTimingOf(db, tenantId, debtorId);
      const debtor = await getDebtor(db, tenantId, debtorId);
      const learned = learnedTiming?.pattern && learnedTiming.confidence >= LEARNED_PAYDAY_MIN_CONFIDENCE;
      const paydaySource = debtor?.payday ? 'creditor' : learned ? 'learned' : null;
      return { debtorId, learnedTiming, paydaySource };
    },
  );
};
