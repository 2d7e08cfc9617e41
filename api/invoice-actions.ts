// The invoice actions — pause, resume, cancel, payments, plans, promises, disputes, direct debit — in
// one place, for the API's /v1/invoices/{id}/… routes and the console's forms alike: the same body
// schemas, the same checks, the same workflow updates. Each action is a workflow update whose
// synchronous validator decides whether it is allowed now (a 422 problem when not); an idempotency
// key makes a repeated call a no-op.
import { type Static, Type } from '@sinclair/typebox';
import type { UpdateDefinition } from '@temporalio/common';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client.js';
import { resolveOpenDisputeRequests } from '../db/queries/debtor-requests.js';
import type { InvoiceRow } from '../db/queries/invoices.js';
import { insertPayment } from '../db/queries/payments.js';
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
} from '../workflows/definitions.js';
import type { DunningStatus } from '../workflows/dunning-types.js';
import { parseAmount } from '../workflows/policy/money.js';
import type { InvoiceService } from './invoice-service.js';
import { unprocessable } from './problem.js';
import { amountRefusal, CollectionDay, DateTimeString, IsoDateString, Money } from './schemas.js';

const Reason = Type.String({ minLength: 1, maxLength: 500 });

/** The body of each action that takes one. */
export const ACTION_BODIES = {
  payment: Type.Object(
    {
      amount: Money,
      paidAt: Type.Optional(DateTimeString),
      reference: Type.Optional(Type.String({ minLength: 1, maxLength: 140 })),
    },
    { additionalProperties: false },
  ),
  pause: Type.Object(
    { reason: Reason, until: Type.Optional(DateTimeString) },
    { additionalProperties: false },
  ),
  cancel: Type.Object({ reason: Reason }, { additionalProperties: false }),
  promise: Type.Object({ date: IsoDateString }, { additionalProperties: false }),
  dispute: Type.Object({ reason: Reason }, { additionalProperties: false }),
  resolve: Type.Object(
    { outcome: Type.Union([Type.Literal('upheld'), Type.Literal('rejected')]) },
    { additionalProperties: false },
  ),
  plan: Type.Object(
    { instalments: Type.Integer({ minimum: 1, maximum: 100 }) },
    { additionalProperties: false },
  ),
  directDebit: Type.Object({ collectionDay: CollectionDay }, { additionalProperties: false }),
  endDirectDebit: Type.Object({ reason: Reason }, { additionalProperties: false }),
} as const;

export type ActionBody<K extends keyof typeof ACTION_BODIES> = Static<(typeof ACTION_BODIES)[K]>;

/** Which invoice an action is for, and who asks. */
export interface ActionTarget {
  tenantId: string;
  invoiceId: string;
  /** The caller's key for this action: a repeat with the same key is the same update. */
  idempotencyKey?: string | undefined;
  /** Names a keyless manual payment (the request's id): no two requests share one. */
  requestId: string;
  log: FastifyBaseLogger;
}

export interface ActionResult {
  row: InvoiceRow;
  status: DunningStatus;
}

export function createInvoiceActions(deps: { invoices: InvoiceService; db: Database }) {
  const { invoices, db } = deps;

  async function runUpdate<A extends unknown[]>(
    target: ActionTarget,
    update: UpdateDefinition<DunningStatus, A>,
    args: A,
  ): Promise<ActionResult> {
    const row = await invoices.requireInvoice(target.tenantId, target.invoiceId);
    const updateId = target.idempotencyKey
      ? `${update.name}:${target.idempotencyKey.slice(0, 200)}`
      : undefined;
    const status = await invoices.executeUpdate(row, update, args, updateId);
    target.log.info(
      { tenantId: row.tenantId, invoiceId: row.invoiceId, action: update.name },
      'invoice action',
    );
    return { row, status };
  }

  return {
    /** A payment received outside the PSP: partial allowed, overpayment refused by the workflow. */
    async recordPayment(target: ActionTarget, body: ActionBody<'payment'>): Promise<ActionResult> {
      const amountCents = parseAmount(body.amount.value);
      const amountProblem = amountRefusal(amountCents);
      if (amountProblem || amountCents === undefined) {
        const message = amountProblem ?? 'must be a positive amount';
        throw unprocessable(`the amount ${message}`, [{ field: '/amount/value', message }]);
      }
      // The same key names the same payment: the ledger and the workflow record it once.
      const dedupeKey = `manual:${body.reference ?? target.idempotencyKey ?? target.requestId}`;
      const paidAt = body.paidAt ?? new Date().toISOString();
      const row = await invoices.requireInvoice(target.tenantId, target.invoiceId);
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
          reference: body.reference ?? null,
        });
        return runUpdate(target, recordPaymentUpdate, [{ dedupeKey, amountCents, paidAt, source: 'manual' }]);
      });
    },
    pause: (target: ActionTarget, body: ActionBody<'pause'>) =>
      runUpdate(target, pauseUpdate, [{ reason: body.reason, ...(body.until ? { until: body.until } : {}) }]),
    resume: (target: ActionTarget) => runUpdate(target, resumeUpdate, []),
    cancel: (target: ActionTarget, body: ActionBody<'cancel'>) =>
      runUpdate(target, cancelUpdate, [{ reason: body.reason }]),
    promiseToPay: (target: ActionTarget, body: ActionBody<'promise'>) =>
      runUpdate(target, promiseToPayUpdate, [{ date: body.date }]),
    openDispute: (target: ActionTarget, body: ActionBody<'dispute'>) =>
      runUpdate(target, openDisputeUpdate, [{ reason: body.reason }]),
    async resolveDispute(target: ActionTarget, body: ActionBody<'resolve'>): Promise<ActionResult> {
      const result = await runUpdate(target, resolveDisputeUpdate, [{ outcome: body.outcome }]);
      // The dispute is over, and so is the debtor's request that raised it.
      await resolveOpenDisputeRequests(db, result.row.tenantId, result.row.invoiceId);
      return result;
    },
    paymentPlan: (target: ActionTarget, body: ActionBody<'plan'>) =>
      runUpdate(target, acceptPaymentPlanUpdate, [{ instalments: body.instalments }]),
    inviteDirectDebit: (target: ActionTarget, body: ActionBody<'directDebit'>) =>
      runUpdate(target, inviteDirectDebitUpdate, [{ collectionDay: body.collectionDay }]),
    endDirectDebit: (target: ActionTarget, body: ActionBody<'endDirectDebit'>) =>
      runUpdate(target, endDirectDebitUpdate, [{ reason: body.reason }]),
  };
}

export type InvoiceActions = ReturnType<typeof createInvoiceActions>;
