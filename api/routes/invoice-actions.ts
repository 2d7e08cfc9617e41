// Steering a running invoice over the API: each route is one of the invoice actions
// (api/invoice-actions.ts, shared with the console). An Idempotency-Key header makes a retried call a
// no-op.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from '@sinclair/typebox';
import type { Client } from '@temporalio/client';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Database } from '../../db/client.js';
import { tenantOf } from '../auth.js';
import {
  ACTION_BODIES,
  type ActionResult,
  type ActionTarget,
  createInvoiceActions,
} from '../invoice-actions.js';
import { invoiceResource } from '../invoice-resource.js';
import type { InvoiceService } from '../invoice-service.js';
import { InvoiceParams, problemResponses } from '../schemas.js';

interface Options {
  invoices: InvoiceService;
  db: Database;
  temporal: Client;
}

function targetOf(request: FastifyRequest<{ Params: { invoiceId: string } }>): ActionTarget {
  const key = request.headers['idempotency-key'];
  return {
    tenantId: tenantOf(request),
    invoiceId: request.params.invoiceId,
    idempotencyKey: typeof key === 'string' ? key : undefined,
    requestId: request.id,
    log: request.log,
  };
}

export const invoiceActionRoutes: FastifyPluginAsync<Options> = async (plugin, { invoices, db }) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const actions = createInvoiceActions({ invoices, db });

  const route = <B extends TSchema>(
    path: string,
    summary: string,
    body: B | undefined,
    run: (target: ActionTarget, body: B['static']) => Promise<ActionResult>,
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
        const typed = request as FastifyRequest<{ Params: { invoiceId: string }; Body: B['static'] }>;
        const { row, status } = await run(targetOf(typed), typed.body);
        return invoiceResource(row, invoices.selfServiceUrl(row), status);
      },
    );

  route(
    'payments',
    'Record a payment received outside the PSP (partial allowed, overpayment refused)',
    ACTION_BODIES.payment,
    actions.recordPayment,
  );
  route('pause', 'Pause the ladder (until a moment, or until resumed)', ACTION_BODIES.pause, actions.pause);
  route('resume', 'Resume a paused invoice', undefined, (target) => actions.resume(target));
  route('cancel', 'Cancel dunning (e.g. credit note issued)', ACTION_BODIES.cancel, actions.cancel);
  route(
    'promise-to-pay',
    'Pause until the promised date plus grace; the ladder resumes if unpaid',
    ACTION_BODIES.promise,
    actions.promiseToPay,
  );
  route('disputes', 'Open a dispute: the ladder pauses', ACTION_BODIES.dispute, actions.openDispute);
  route(
    'disputes/resolve',
    'Resolve the dispute: upheld cancels the claim, rejected resumes the ladder',
    ACTION_BODIES.resolve,
    actions.resolveDispute,
  );
  route(
    'payment-plan',
    'Agree a payment plan within the policy limits',
    ACTION_BODIES.plan,
    actions.paymentPlan,
  );
  route(
    'direct-debit',
    'Invite the debtor to a SEPA direct debit mandate: send them directDebit.checkoutUrl (a €0.01 iDEAL payment that counts towards the invoice) with the mandate terms — each collection is pre-notified the policy’s leadDays (5) before, not SEPA’s default 14, because these terms say so — and your creditor identifier; with a mandate already on file, collection starts at once. 422 when the tenant has no sepaCreditorId in /v1/settings',
    ACTION_BODIES.directDebit,
    actions.inviteDirectDebit,
  );
  route(
    'direct-debit/end',
    'Stop collecting by direct debit (mandate revoked or debtor’s wish); the ladder resumes',
    ACTION_BODIES.endDirectDebit,
    actions.endDirectDebit,
  );
};
