// Acting on stored webhook events, after they were answered: verify what needs verifying (Mollie
// by fetch-back), find the invoice, tell its workflow, mark the event. Events whose processing
// failed transiently stay 'received' and a sweeper retries them, so none is lost.
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import { parseBirdChannelEvent } from '../../activities/providers/bird-events.js';
import {
  parseMessageBirdConversationEvent,
  parseMessageBirdSmsReport,
} from '../../activities/providers/messagebird-events.js';
import { mollieWebhookPaymentId } from '../../activities/providers/mollie.js';
import { parseSendGridEvents } from '../../activities/providers/sendgrid-events.js';
import type { DeliveryEvent, PaymentProvider, PspPayment } from '../../activities/providers/types.js';
import { verifySelfServiceToken } from '../../activities/self-service-link.js';
import type { Database } from '../../db/client.js';
import { audit } from '../../db/queries/audit.js';
import {
  communicationByProviderId,
  getCommunication,
  recordCommunicationStatus,
} from '../../db/queries/communications.js';
import { getInvoice, type InvoiceRow } from '../../db/queries/invoices.js';
import { insertPayment, paymentLinkByProviderId } from '../../db/queries/payments.js';
import {
  markWebhookEvent,
  pendingWebhookEvents,
  type WebhookEventRow,
} from '../../db/queries/webhook-events.js';
import {
  collectionFailedSignal,
  deliverySignal,
  mandateGrantedSignal,
  recordChargebackUpdate,
  recordPaymentUpdate,
} from '../../workflows/definitions.js';

export interface WebhookProcessorDeps {
  db: Database;
  temporal: Client;
  payments: PaymentProvider;
  tokenSecret: string;
  log: FastifyBaseLogger;
  /** A reversal after the invoice's workflow completed reopens collection of the amount (a new run). */
  reopenAfterReversal: (
    row: InvoiceRow,
    reversal: { paymentId: string; amountCents: number },
  ) => Promise<void>;
}

type Outcome = { state: 'processed' | 'ignored' } | { state: 'received'; error: string };

/** Signals to a workflow that already closed have nothing left to change. */
function isClosedWorkflow(error: unknown): boolean {
  return (
    error instanceof WorkflowNotFoundError ||
    /already completed|not found/i.test(String((error as Error)?.message))
  );
}

export function createWebhookProcessor(deps: WebhookProcessorDeps) {
  const { db, temporal, payments, log } = deps;
  const running = new Set<Promise<void>>();
  let sweeper: NodeJS.Timeout | undefined;

  async function processMollie(event: WebhookEventRow): Promise<Outcome> {
    const paymentId = mollieWebhookPaymentId(event.rawBody);
    if (!paymentId) return { state: 'ignored' };
    const payment = await payments.getPayment(paymentId); // fetch-back: the only thing we trust
    if (!payment) return { state: 'ignored' };
    const failedCollection = payment.sequenceType === 'recurring' && payment.status === 'failed';
    if (payment.status !== 'paid' && !failedCollection) return { state: 'processed' };
    const invoice = await invoiceOf(payment, event.rawBody);
    if (!invoice) return { state: 'ignored' };
    const { tenantId, invoiceId } = invoice;
    const workflow = temporal.workflow.getHandle(invoice.workflowId);
    if (failedCollection) {
      await tellWorkflow(() =>
        workflow.signal(collectionFailedSignal, {
          providerPaymentId: payment.providerPaymentId,
          ...(payment.failureReason ? { reason: payment.failureReason } : {}),
        }),
      );
      return { state: 'processed' };
    }
    const paidAt = (payment.paidAt ?? new Date()).toISOString();
    const dedupeKey = `psp:${payment.providerPaymentId}`;
    await insertPayment(db, {
      tenantId,
      invoiceId,
      source: 'psp',
      dedupeKey,
      amountCents: payment.amountCents,
      currency: payment.currency,
      paidAt: new Date(paidAt),
      reference: payment.providerPaymentId,
    });
    // The mandate first: the workflow then knows the verification payment was the mandate's.
    if (payment.sequenceType === 'first' && payment.providerCustomerId && payment.providerMandateId) {
      const mandate = { customerId: payment.providerCustomerId, mandateId: payment.providerMandateId };
      await tellWorkflow(() => workflow.signal(mandateGrantedSignal, mandate));
    }
    const recorded = await tellWorkflow(() =>
      workflow.executeUpdate(recordPaymentUpdate, {
        args: [
          {
            dedupeKey,
            amountCents: payment.amountCents,
            paidAt,
            source: 'psp',
            providerPaymentId: payment.providerPaymentId,
          },
        ],
        updateId: dedupeKey,
      }),
    );
    if (!recorded)
      log.warn(
        { tenantId, invoiceId },
        'payment for a closed invoice recorded without workflow (refund or allocate manually)',
      );
    if (payment.chargedBackCents) await recordChargeback(invoice, payment, workflow);
    return { state: 'processed' };
  }

  /** Money taken back after payment: the ledger gets a negative row, the workflow reopens the invoice. */
  async function recordChargeback(
    invoice: { tenantId: string; invoiceId: string },
    payment: PspPayment,
    workflow: ReturnType<Client['workflow']['getHandle']>,
  ): Promise<void> {
    const dedupeKey = `chargeback:${payment.providerPaymentId}`;
    const amountCents = payment.chargedBackCents!;
    const at = new Date().toISOString();
    await insertPayment(db, {
      ...invoice,
      source: 'chargeback',
      dedupeKey,
      amountCents: -amountCents,
      currency: payment.currency,
      paidAt: new Date(at),
      reference: payment.providerPaymentId,
    });
    const recorded = await tellWorkflow(() =>
      workflow.executeUpdate(recordChargebackUpdate, {
        args: [{ dedupeKey, providerPaymentId: payment.providerPaymentId, amountCents, at }],
        updateId: dedupeKey,
      }),
    );
    if (!recorded) {
      // The workflow had completed (a SEPA refund can come 13 months later): collect the amount again.
      const row = await getInvoice(db, invoice.tenantId, invoice.invoiceId);
      if (row) await deps.reopenAfterReversal(row, { paymentId: payment.providerPaymentId, amountCents });
      await audit(db, {
        ...invoice,
        actor: 'psp',
        action: 'reopened-after-chargeback',
        dedupeKey,
        detail: { amountCents, paymentId: payment.providerPaymentId },
      });
    }
  }

  /**
   * The invoice a verified payment belongs to: through its link (sandbox), the signed token in the
   * webhook URL (Mollie links), or the metadata Settle gave a payment it created itself (direct debit).
   */
  async function invoiceOf(payment: PspPayment, rawBody: string) {
    const link = payment.providerLinkId
      ? await paymentLinkByProviderId(db, payment.providerLinkId)
      : undefined;
    const token = new URLSearchParams(rawBody).get('invoice');
    const named = token ? verifySelfServiceToken(deps.tokenSecret, token) : undefined;
    const ownPayment = payment.sequenceType === 'first' || payment.sequenceType === 'recurring';
    const tenantId =
      link?.tenantId ?? named?.tenantId ?? (ownPayment ? payment.metadata?.tenantId : undefined);
    const invoiceId =
      link?.invoiceId ?? named?.invoiceId ?? (ownPayment ? payment.metadata?.invoiceId : undefined);
    if (!tenantId || !invoiceId) return undefined;
    return getInvoice(db, tenantId, invoiceId);
  }

  /** Runs a signal or update; false when the workflow already closed (nothing left to change). */
  async function tellWorkflow(call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      if (!isClosedWorkflow(error)) throw error;
      return false;
    }
  }

  async function applyDelivery(event: DeliveryEvent): Promise<Outcome> {
    const message =
      (event.messageId ? await getCommunication(db, event.messageId) : undefined) ??
      (event.providerMessageId ? await communicationByProviderId(db, event.providerMessageId) : undefined);
    // The send may still be recording its provider id: retry later rather than drop the fact.
    if (!message) return { state: 'received', error: 'message not (yet) known' };
    await recordCommunicationStatus(db, message.id, {
      status: event.status,
      at: event.occurredAt.toISOString(),
      ...(event.detail ? { detail: event.detail } : {}),
    });
    await tellWorkflow(() =>
      temporal.workflow.getHandle(message.workflowId).signal(deliverySignal, {
        messageId: message.id,
        status: event.status,
        at: event.occurredAt.toISOString(),
      }),
    );
    return { state: 'processed' };
  }

  async function process(event: WebhookEventRow): Promise<Outcome> {
    switch (event.provider) {
      case 'mollie':
        return processMollie(event);
      case 'sendgrid': {
        const [delivery] = parseSendGridEvents([JSON.parse(event.rawBody)]);
        return delivery ? applyDelivery(delivery) : { state: 'ignored' };
      }
      case 'messagebird-sms': {
        const delivery = parseMessageBirdSmsReport(JSON.parse(event.rawBody));
        return delivery ? applyDelivery(delivery) : { state: 'ignored' };
      }
      case 'bird-channels': {
        const delivery = parseBirdChannelEvent(JSON.parse(event.rawBody));
        return delivery ? applyDelivery(delivery) : { state: 'ignored' };
      }
      case 'messagebird-conversations': {
        const delivery = parseMessageBirdConversationEvent(JSON.parse(event.rawBody));
        return delivery ? applyDelivery(delivery) : { state: 'ignored' };
      }
      default:
        return { state: 'ignored' };
    }
  }

  async function run(event: WebhookEventRow): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await process(event);
    } catch (error) {
      outcome = { state: 'received', error: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.state === 'received')
      log.warn(
        { provider: event.provider, eventId: event.id, error: outcome.error },
        'webhook event will be retried',
      );
    await markWebhookEvent(db, event.id, outcome).catch((error) =>
      log.error({ err: error }, 'could not mark webhook event'),
    );
  }

  return {
    /** Processes after the answer was sent; never throws. */
    enqueue(event: WebhookEventRow): void {
      const task = run(event).finally(() => running.delete(task));
      running.add(task);
    },
    /** Retries events left unprocessed (crash, dependency down) every few seconds. */
    startSweeper(intervalMs = 5000): void {
      sweeper = setInterval(async () => {
        try {
          const pending = await pendingWebhookEvents(db, new Date(Date.now() - intervalMs), 100);
          for (const event of pending) await run(event);
        } catch (error) {
          log.warn({ err: { message: (error as Error).message } }, 'webhook sweep failed');
        }
      }, intervalMs);
      sweeper.unref();
    },
    async drain(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
    async stop(): Promise<void> {
      if (sweeper) clearInterval(sweeper);
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

export type WebhookProcessor = ReturnType<typeof createWebhookProcessor>;
