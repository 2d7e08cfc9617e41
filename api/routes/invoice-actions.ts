// Steering a running invoice: each action is a workflow update whose synchronous validator decides
// whether it is allowed now (422 when not). An Idempotency-Key header makes a retried call a no-op.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from '@sinclair/typebox';
import type { Client } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Database } from '../../db/client.js';
import { resolveOpenDisputeRequests } from '../../db/queries/debtor-requests.js';
import type { InvoiceRow } from '../../db/queries/invoices.js';
import { insertPayment } from '../../db/queries/payments.js';
import {
  acceptPaymentPlanUpdate,
  cancelUpdate,
  endDirectDebitUpdate,
  inviteDirectDebitUpdate,
  openDisputeUpdate,
  pauseUpdate,
  promiseToPayUpdate,
  recordPaymentUpdate,
  resolveDisputeUpdate,
  resumeUpdate,
} from '../../workflows/definitions.js';
import type { DunningStatus } from '../../workflows/dunning-types.js';
import { parseAmount } from '../../workflows/policy/money.js';
import { tenantOf } from '../auth.js';
import { invoiceResource } from '../invoice-resource.js';
import type { InvoiceService } from '../invoice-service.js';
import { unprocessable } from '../problem.js';
import {
  amountRefusal,
  CollectionDay,
  DateTimeString,
  InvoiceParams,
  IsoDateString,
  Money,
  problemResponses,
} from '../schemas.js';

const Reason = Type.String({ minLength: 1, maxLength: 500 });

interface Options {
  invoices: InvoiceService;
  db: Database;
  temporal: Client;
}

export const invoiceActionRoutes: FastifyPluginAsync<Options> = async (plugin, { invoices, db }) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

  async function runUpdate<A extends unknown[]>(
    request: FastifyRequest<{ Params: { invoiceId: string } }>,
    update: UpdateDefinition<DunningStatus, A>,
    args: A,
  ): Promise<{ row: InvoiceRow; status: DunningStatus }> {
    const row = await invoices.requireInvoice(tenantOf(request), request.params.invoiceId);
    const idempotencyKey = request.headers['idempotency-key'];
    const updateId =
      typeof idempotencyKey === 'string' && idempotencyKey
        ? `${update.name}:${idempotencyKey.slice(0, 200)}`
        : undefined;
    const status = await invoices.executeUpdate(row, update, args, updateId);
    request.log.info(
      { tenantId: row.tenantId, invoiceId: row.invoiceId, action: update.name },
      'invoice action',
    );
    return { row, status };
  }

  const route = <B extends TSchema>(
    path: string,
    summary: string,
    body: B | undefined,
    handler: (
      request: FastifyRequest<{ Params: { invoiceId: string }; Body: B['static'] }>,
    ) => Promise<{ row: InvoiceRow; status: DunningStatus }>,
  ) =>
    app.post(
      `/invoices/:invoiceId/${path}`,
      {
        schema: {
          summary,
          security: [{ apiKey: [] }],
          params: InvoiceParams,
          ...(body ? { body } : {}),
          headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
          response: { 200: { $ref: 'Invoice#' }, ...problemResponses },
        },
      },
      async (request) => {
        const { row, status } = await handler(
          request as FastifyRequest<{ Params: { invoiceId: string }; Body: B['static'] }>,
        );
        return invoiceResource(row, invoices.selfServiceUrl(row), status);
      },
    );

  route(
    'payments',
    'Record a payment received outside the PSP (partial allowed, overpayment refused)',
    Type.Object(
      {
        amount: Money,
        paidAt: Type.Optional(DateTimeString),
        reference: Type.Optional(Type.String({ minLength: 1, maxLength: 140 })),
      },
      { additionalProperties: false },
    ),
    async (request) => {
      const amountCents = parseAmount(request.body.amount.value);
      const amountProblem = amountRefusal(amountCents);
      if (amountProblem || amountCents === undefined) {
        const message = amountProblem ?? 'must be a positive amount';
        throw unprocessable(`the amount ${message}`, [{ field: '/amount/value', message }]);
      }
      const idempotencyKey = request.headers['idempotency-key'];
      const dedupeKey = `manual:${request.body.reference ?? (typeof idempotencyKey === 'string' ? idempotencyKey : request.id)}`;
      const paidAt = request.body.paidAt ?? new Date().toISOString();
      const row = await invoices.requireInvoice(tenantOf(request), request.params.invoiceId);
      // The payment row commits only when the workflow accepted the payment.
      return db.transaction(async (tx) => {
        await insertPayment(tx, {
          tenantId: row.tenantId,
          invoiceId: row.invoiceId,
          source: 'manual',
          dedupeKey,
          amountCents,
          currency: 'EUR',
          paidAt: new Date(paidAt),
          reference: request.body.reference ?? null,
        });
        return runUpdate(request, recordPaymentUpdate, [
          { dedupeKey, amountCents, paidAt, source: 'manual' },
        ]);
      });
    },
  );
  route(
    'pause',
    'Pause the ladder (until a moment, or until resumed)',
    Type.Object({ reason: Reason, until: Type.Optional(DateTimeString) }, { additionalProperties: false }),
    (request) =>
      runUpdate(request, pauseUpdate, [
        { reason: request.body.reason, ...(request.body.until ? { until: request.body.until } : {}) },
      ]),
  );
  route('resume', 'Resume a paused invoice', undefined, (request) => runUpdate(request, resumeUpdate, []));
  route(
    'cancel',
    'Cancel dunning (e.g. credit note issued)',
    Type.Object({ reason: Reason }, { additionalProperties: false }),
    (request) => runUpdate(request, cancelUpdate, [{ reason: request.body.reason }]),
  );
  route(
    'promise-to-pay',
    'Pause until the promised date plus grace; the ladder resumes if unpaid',
    Type.Object({ date: IsoDateString }, { additionalProperties: false }),
    (request) => runUpdate(request, promiseToPayUpdate, [{ date: request.body.date }]),
  );
  route(
    'disputes',
    'Open a dispute: the ladder pauses',
    Type.Object({ reason: Reason }, { additionalProperties: false }),
    (request) => runUpdate(request, openDisputeUpdate, [{ reason: request.body.reason }]),
  );
  route(
    'disputes/resolve',
    'Resolve the dispute: upheld cancels the claim, rejected resumes the ladder',
    Type.Object(
      { outcome: Type.Union([Type.Literal('upheld'), Type.Literal('rejected')]) },
      { additionalProperties: false },
    ),
    async (request) => {
      const result = await runUpdate(request, resolveDisputeUpdate, [{ outcome: request.body.outcome }]);
      // The dispute is over, and so is the debtor's request that raised it.
      await resolveOpenDisputeRequests(db, result.row.tenantId, result.row.invoiceId);
      return result;
    },
  );
  route(
    'payment-plan',
    'Agree a payment plan within the policy limits',
    Type.Object({ instalments: Type.Integer({ minimum: 1, maximum: 100 }) }, { additionalProperties: false }),
    (request) => runUpdate(request, acceptPaymentPlanUpdate, [{ instalments: request.body.instalments }]),
  );
  route(
    'direct-debit',
    'Invite the debtor to a SEPA direct debit mandate: send them directDebit.checkoutUrl (a €0.01 iDEAL payment that counts towards the invoice) with the mandate terms — each collection is pre-notified the policy’s leadDays (5) before, not SEPA’s default 14, because these terms say so — and your creditor identifier; with a mandate already on file, collection starts at once. 422 when the tenant has no sepaCreditorId in /v1/settings',
    Type.Object({ collectionDay: CollectionDay }, { additionalProperties: false }),
    (request) => runUpdate(request, inviteDirectDebitUpdate, [{ collectionDay: request.body.collectionDay }]),
  );
  route(
    'direct-debit/end',
    'Stop collecting by direct debit (mandate revoked or debtor’s wish); the ladder resumes',
    Type.Object({ reason: Reason }, { additionalProperties: false }),
    (request) => runUpdate(request, endDirectDebitUpdate, [{ reason: request.body.reason }]),
  );
};
