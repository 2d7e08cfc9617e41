// Acting on stored webhook events, after they were answered: verify what needs verifying (Mollie
// by fetch-back), find the invoice (for a payment: the one its verified facts name, see
// payment-binding.ts), tell its workflow, mark the event. Events whose processing
// failed transiently stay 'received' and a sweeper retries them, so none is lost.
import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import pLimit from 'p-limit';
import { verifySelfServiceToken } from '../../activities/self-service-link.js';
import type { Database } from '../../db/client.js';
import { audit } from '../../db/queries/audit.js';
import {
  communicationsNamed,
  type NamedCommunication,
  recordCommunicationStatuses,
  type StatusChange,
} from '../../db/queries/communications.js';
import { getInvoice, type InvoiceRow, invoiceKeyOf } from '../../db/queries/invoices.js';
import {
  insertPayment,
  invoiceCreditedWith,
  paymentLinkByProviderId,
  paymentLinkIdsOfInvoice,
} from '../../db/queries/payments.js';
import { pspCustomerOwner } from '../../db/queries/psp-customers.js';
import { policiesOfInvoices } from '../../db/queries/tenant-policies.js';
import {
  markWebhookEvent,
  markWebhookEvents,
  pendingWebhookEvents,
  type WebhookEventRow,
} from '../../db/queries/webhook-events.js';
import type { ProviderWebhooks } from '../../providers/runtime.js';
import type { DeliveryEvent, PaymentProvider, PspPayment } from '../../providers/types.js';
import {
  collectionFailedSignal,
  deliverySignal,
  mandateGrantedSignal,
  recordChargebackUpdate,
  recordPaymentUpdate,
} from '../../workflows/definitions.js';
import { workflowActsOnReport } from '../../workflows/policy/receipt.js';
import type { ReopenOutcome, Reversal } from '../invoice-service.js';
import { isClosedWorkflow } from '../workflow-errors.js';
import { type BindingLookups, bindPayment, type InvoiceKey } from './payment-binding.js';

export interface WebhookProcessorDeps {
  db: Database;
  temporal: Client;
  payments: PaymentProvider;
  /** Settle's normalised fact in a stored event, by the provider that stored it (the registry's parsers). */
  parse: ProviderWebhooks['parse'];
  tokenSecret: string;
  log: FastifyBaseLogger;
  /** A reversal after the invoice's workflow completed reopens collection of the amount (a new run). */
  reopenAfterReversal: (row: InvoiceRow, reversal: Reversal) => Promise<ReopenOutcome>;
  /** Events acted on at once (default 8): a storm of callbacks never takes every connection from requests. */
  concurrency?: number;
  /** Events waiting in memory at most (default 10,000); the rest wait in PostgreSQL for the sweeper. */
  maxQueued?: number;
  /** Rows a sweep reads per page while it fills the queue's free room (default 1,000). */
  sweepPage?: number;
  /**
   * Batches of stored events (a request's, a sweep page's) processed at once (default 2); between
   * batches the processor yields to the event loop, so that requests are never starved.
   */
  batchConcurrency?: number;
  /**
   * Whether requests keep arriving at the API (default: never): while they do, batches run one at a
   * time with a pause before each, so that processing takes a small share of the process's CPU and
   * the backlog is worked off when the load has passed.
   */
  requestsArriving?: () => boolean;
}

const DEFAULT_CONCURRENCY = 8;
/** Tries for a delivery report whose message is unknown: a send records its ids within seconds. */
export const UNKNOWN_MESSAGE_ATTEMPTS = 5;
const DEFAULT_MAX_QUEUED = 10_000;
const DEFAULT_SWEEP_PAGE = 1000;
const DEFAULT_BATCH_CONCURRENCY = 2;
/**
 * Pause before a full batch (MAX_BATCH events) while requests keep arriving: it costs a few ms of CPU,
 * so processing takes about a tenth of the process under load and still works off thousands of events
 * a second. Smaller batches pause in proportion: a steady trickle of single events (one delivery
 * report, one payment per webhook) must not queue behind fixed pauses — a payment would wait for
 * seconds while its invoice stays open.
 */
export const BATCH_PAUSE_UNDER_LOAD_MS = 50;
export const pauseBeforeBatch = (events: number, requestsArriving: boolean) =>
  requestsArriving ? (BATCH_PAUSE_UNDER_LOAD_MS * Math.min(events, MAX_BATCH)) / MAX_BATCH : 0;
/** Rows processed together at most: a sweep page is cut into batches of this size. */
const MAX_BATCH = 250;
/** Workflows of one batch signalled at once (a message's own reports are told in order). */
const SIGNALS_AT_ONCE = 8;

/** How long a payment call waits for the PSP to confirm its payment id (Mollie allows 15 s in all). */
const PAYMENT_VERIFY_TIMEOUT_MS = 5000;

type Outcome =
  | { state: 'processed' }
  /** `reason`: why an event had no effect, kept with the event for operators. */
  | { state: 'ignored'; reason?: string }
  | { state: 'received'; error: string };

/** Runs `fn` over `items`, at most `width` at once. */
async function mapLimited<T>(
  items: readonly T[],
  width: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane));
}

/** Signals to a workflow that already closed have nothing left to change. */
export { isClosedWorkflow };

export function createWebhookProcessor(deps: WebhookProcessorDeps) {
  const { db, temporal, payments, log } = deps;
  const running = new Set<Promise<void>>();
  // Ids queued or in progress: the sweeper leaves those to the run already under way.
  const inFlight = new Set<number>();
  const limit = pLimit(deps.concurrency ?? DEFAULT_CONCURRENCY);
  const batchConcurrency = deps.batchConcurrency ?? DEFAULT_BATCH_CONCURRENCY;
  const requestsArriving = deps.requestsArriving ?? (() => false);
  let activeBatches = 0;
  // Events waiting in memory, not yet acted on: for a batch, and payment events for their turn.
  const queued: WebhookEventRow[] = [];
  const waiting = () => queued.length + limit.pendingCount;
  const maxQueued = deps.maxQueued ?? DEFAULT_MAX_QUEUED;
  const sweepPage = deps.sweepPage ?? DEFAULT_SWEEP_PAGE;
  let sweeper: NodeJS.Timeout | undefined;
  // When events were last left in PostgreSQL for want of room in the queue (undefined: none since the
  // last catch-up): once the queue has room again they are read back at once, not at the next sweep.
  let leftInStoreAt: Date | undefined;
  let catchingUp = false;
  // Where the last catch-up stopped when the queue filled: the next one reads on from there (an event
  // it passes by is left to the sweeper).
  let caughtUpTo = 0;
  const lookups: BindingLookups = {
    linkOwner: (providerLinkId) => paymentLinkByProviderId(db, providerLinkId),
    linksOfInvoice: ({ tenantId, invoiceId }) => paymentLinkIdsOfInvoice(db, tenantId, invoiceId),
    ...(payments.paymentBelongsToLink
      ? { paymentBelongsToLink: payments.paymentBelongsToLink.bind(payments) }
      : {}),
    customerOwner: (providerCustomerId) => pspCustomerOwner(db, providerCustomerId),
    invoiceDebtor: async ({ tenantId, invoiceId }) => (await getInvoice(db, tenantId, invoiceId))?.debtorId,
  };

  async function processPayment(
    event: WebhookEventRow,
    paymentId: string,
    invoiceToken: string | undefined,
  ): Promise<Outcome> {
    const payment = await payments.getPayment(paymentId); // fetch-back: the only thing we trust
    if (!payment) return { state: 'ignored', reason: 'the PSP does not know the payment' };
    const failedCollection = payment.sequenceType === 'recurring' && payment.status === 'failed';
    if (payment.status !== 'paid' && !failedCollection) return { state: 'processed' };
    // The invoice the call's signed URL token names: a hint, never a binding.
    const hint = invoiceToken ? verifySelfServiceToken(deps.tokenSecret, invoiceToken) : undefined;
    const binding = await bindPayment(payment, hint, lookups);
    if ('rejected' in binding) return notCredited(event, payment, binding);
    const invoice = await getInvoice(db, binding.bound.tenantId, binding.bound.invoiceId);
    if (!invoice) return notCredited(event, payment, { rejected: 'the invoice is not (or no longer) held' });
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
    const recordedNow = await insertPayment(db, {
      tenantId,
      invoiceId,
      source: 'psp',
      dedupeKey,
      amountCents: payment.amountCents,
      currency: payment.currency,
      paidAt: new Date(paidAt),
      reference: payment.providerPaymentId,
    });
    // Not new: a re-notification for this invoice goes on (its effects are idempotent); a credit
    // on another invoice (left by code before this binding) is not repeated here.
    const creditedTo = recordedNow ? undefined : await invoiceCreditedWith(db, dedupeKey);
    if (creditedTo && (creditedTo.tenantId !== tenantId || creditedTo.invoiceId !== invoiceId))
      return notCredited(event, payment, {
        rejected: 'the payment is already credited to another invoice',
        named: { tenantId, invoiceId },
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

  /**
   * A verified payment whose facts do not bind it to the invoice it was posted for: nothing is
   * credited; the event is marked ignored with the reason, and the invoice it was aimed at gets an
   * audit entry. Logged with ids only.
   */
  async function notCredited(
    event: WebhookEventRow,
    payment: PspPayment,
    refusal: { rejected: string; named?: InvoiceKey },
  ): Promise<Outcome> {
    const { providerPaymentId } = payment;
    log.warn(
      { eventId: event.id, providerPaymentId, reason: refusal.rejected, aimedAt: refusal.named },
      'PSP payment not credited: its verified facts do not bind it to this invoice',
    );
    if (refusal.named)
      await audit(db, {
        ...refusal.named,
        actor: 'psp',
        action: 'payment-not-credited',
        dedupeKey: `payment-not-credited:${providerPaymentId}:${JSON.stringify(refusal.named)}`,
        detail: { providerPaymentId, reason: refusal.rejected },
      });
    return { state: 'ignored', reason: refusal.rejected };
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
      const outcome = row
        ? await deps.reopenAfterReversal(row, {
            paymentId: payment.providerPaymentId,
            amountCents,
            dedupeKey,
            at,
          })
        : 'not-paid';
      const collected = outcome === 'reopened' || outcome === 'already-reopened' || outcome === 'joined';
      if (!collected)
        log.warn({ ...invoice, outcome }, 'chargeback after close not collected again (handle by hand)');
      await audit(db, {
        ...invoice,
        actor: 'psp',
        action: collected ? 'reopened-after-chargeback' : 'chargeback-after-close',
        dedupeKey,
        detail: { amountCents, paymentId: payment.providerPaymentId, outcome },
      });
    }
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

  /**
   * The delivery reports of one batch, together: the messages they name are read with one query (and
   * the invoices' policies, needed only for a 'delivered', with one more), each report is decided in
   * memory in received order, the workflows that act on a report are told, and every status change is
   * written with one statement. The outcomes are set on `outcomes`.
   */
  async function applyDeliveries(
    reports: readonly { event: WebhookEventRow; delivery: DeliveryEvent }[],
    outcomes: Map<number, Outcome>,
  ): Promise<void> {
    if (reports.length === 0) return;
    const ids = new Set<string>();
    const providerIds = new Set<string>();
    for (const { delivery } of reports) {
      if (delivery.messageId) ids.add(delivery.messageId);
      if (delivery.providerMessageId) providerIds.add(delivery.providerMessageId);
    }
    const rows = await communicationsNamed(db, { ids: [...ids], providerMessageIds: [...providerIds] });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const byProviderId = new Map<string, NamedCommunication>();
    for (const row of rows)
      if (row.providerMessageId && !byProviderId.has(row.providerMessageId))
        byProviderId.set(row.providerMessageId, row);

    // Each message's reports in received order; a report about no known message waits for its retry.
    const perMessage = new Map<string, { message: NamedCommunication; reports: typeof reports }>();
    for (const report of reports) {
      const { delivery } = report;
      const message =
        (delivery.messageId ? byId.get(delivery.messageId) : undefined) ??
        (delivery.providerMessageId ? byProviderId.get(delivery.providerMessageId) : undefined);
      // The send may still be recording its provider id: retry later rather than drop the fact — but
      // not forever: a report that still names no message of Settle's is set aside, so that it leaves
      // the backlog and stops taking every sweep's first places.
      if (!message) {
        const givenUp = report.event.attempts + 1 >= UNKNOWN_MESSAGE_ATTEMPTS;
        outcomes.set(
          report.event.id,
          givenUp
            ? {
                state: 'ignored',
                reason: `names no message of Settle's after ${UNKNOWN_MESSAGE_ATTEMPTS} attempts`,
              }
            : { state: 'received', error: 'message not (yet) known' },
        );
        continue;
      }
      const group = perMessage.get(message.id) ?? { message, reports: [] };
      group.reports = [...group.reports, report];
      perMessage.set(message.id, group);
    }

    // Only a delivery needs the policy (policy/receipt.ts).
    const needPolicy = [...perMessage.values()]
      .filter((group) => group.reports.some((r) => r.delivery.status === 'delivered'))
      .map((group) => group.message);
    const policies = await policiesOfInvoices(db, needPolicy);

    const writes: { id: string; entries: StatusChange[] }[] = [];
    const decided = new Map<number, Outcome>();
    await mapLimited([...perMessage.values()], SIGNALS_AT_ONCE, async ({ message, reports: own }) => {
      const policy = policies.get(invoiceKeyOf(message));
      // The history as each report finds it: the stored one plus the batch's earlier reports.
      const history: StatusChange[] = [...message.statusHistory];
      const entries: StatusChange[] = [];
      for (let i = 0; i < own.length; i++) {
        const { event, delivery } = own[i]!;
        // The workflow is told first and the status recorded after, so a status already recorded was
        // already told (or is the send's own result, which the workflow has): a provider's repeat
        // costs no signal. A crash in between tells it again on the retry, which the workflow ignores.
        if (history.some((change) => change.status === delivery.status)) {
          decided.set(event.id, { state: 'processed' });
          continue;
        }
        const at = delivery.occurredAt.toISOString();
        const report = { status: delivery.status, at };
        const facts = { step: message.step, history };
        // Only the reports the workflow acts on cost a signal; the rest are stored with the message.
        if (workflowActsOnReport(delivery.status === 'delivered' ? policy : undefined, facts, report)) {
          try {
            await tellWorkflow(() =>
              temporal.workflow.getHandle(message.workflowId).signal(deliverySignal, {
                messageId: message.id,
                status: delivery.status,
                at,
              }),
            );
          } catch (error) {
            // This report and the message's later ones wait for the retry, which keeps their order.
            const failure = error instanceof Error ? error.message : String(error);
            for (const later of own.slice(i))
              decided.set(later.event.id, { state: 'received', error: failure });
            break;
          }
        }
        const entry: StatusChange = {
          status: delivery.status,
          at,
          ...(delivery.detail ? { detail: delivery.detail } : {}),
        };
        history.push(entry);
        entries.push(entry);
        decided.set(event.id, { state: 'processed' });
      }
      if (entries.length > 0) writes.push({ id: message.id, entries });
    });
    await recordCommunicationStatuses(db, writes);
    for (const [id, outcome] of decided) outcomes.set(id, outcome);
  }

  async function processPaymentEvent(
    event: WebhookEventRow,
    fact: { providerPaymentId: string; invoiceToken?: string | undefined },
  ): Promise<void> {
    let outcome: Outcome;
    try {
      outcome = await processPayment(event, fact.providerPaymentId, fact.invoiceToken);
    } catch (error) {
      outcome = { state: 'received', error: error instanceof Error ? error.message : String(error) };
    }
    if (outcome.state === 'received')
      log.warn(
        { provider: event.provider, eventId: event.id, error: outcome.error },
        'webhook event will be retried',
      );
    const mark = outcome.state === 'ignored' ? { state: outcome.state, error: outcome.reason } : outcome;
    await markWebhookEvent(db, event.id, mark).catch((error) =>
      log.error({ err: error }, 'could not mark webhook event'),
    );
  }

  /** A payment event is acted on alone (fetch-back, binding, an update), a bounded number at once. */
  function schedulePayment(
    event: WebhookEventRow,
    fact: { providerPaymentId: string; invoiceToken?: string | undefined },
  ): void {
    // Its place in the queue frees room too: what a full queue left out is read back from there.
    track(limit(() => processPaymentEvent(event, fact)).finally(catchUp), [event.id]);
  }

  /**
   * One batch of stored events (a request's, or part of a sweep page): delivery reports together
   * (applyDeliveries), payment events handed to the per-event queue; then every outcome but the
   * payments' is marked with one statement. Never throws.
   */
  async function processBatch(events: readonly WebhookEventRow[], handedOff: Set<number>): Promise<void> {
    // Requests first: the batch starts once the event loop has served what is waiting, and while
    // requests keep coming, after a pause as long as the batch is large.
    const pause = pauseBeforeBatch(events.length, requestsArriving());
    if (pause >= 1) await new Promise<void>((resolve) => setTimeout(resolve, pause));
    else await new Promise<void>((resolve) => setImmediate(resolve));
    const outcomes = new Map<number, Outcome>();
    const deliveries: { event: WebhookEventRow; delivery: DeliveryEvent }[] = [];
    for (const event of events) {
      try {
        const fact = deps.parse(event.provider, event.rawBody);
        if (!fact) outcomes.set(event.id, { state: 'ignored' });
        else if (fact.kind === 'payment') {
          handedOff.add(event.id);
          schedulePayment(event, fact);
        } else deliveries.push({ event, delivery: fact.delivery });
      } catch (error) {
        outcomes.set(event.id, {
          state: 'received',
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
    try {
      await applyDeliveries(deliveries, outcomes);
    } catch (error) {
      const failure = error instanceof Error ? error.message : String(error);
      for (const { event } of deliveries) outcomes.set(event.id, { state: 'received', error: failure });
    }
    const retried = [...outcomes].filter(([, outcome]) => outcome.state === 'received');
    if (retried.length > 0)
      log.warn(
        {
          providers: [...new Set(events.map((event) => event.provider))],
          events: retried.length,
          eventIds: retried.slice(0, 10).map(([id]) => id),
          error: (retried[0]![1] as { error: string }).error,
        },
        'webhook events will be retried',
      );
    await markWebhookEvents(
      db,
      [...outcomes].map(([id, outcome]) =>
        outcome.state === 'ignored'
          ? { id, state: outcome.state, error: outcome.reason }
          : { id, ...outcome },
      ),
    ).catch((error) => log.error({ err: error }, 'could not mark webhook events'));
  }

  /**
   * Whether a payment call is worth storing, decided before anything is stored so that made-up ids
   * cannot grow the events table: a URL token Settle did not sign (Settle never gave out that URL),
   * or a payment id the PSP does not know, is dropped (answered 200). Ids new to Settle are not
   * suspect as such (a payment made through a link has an id Settle never saw), so the PSP is asked,
   * within `timeoutMs`, well inside Mollie's 15 s; when it cannot answer, the call is refused for
   * the PSP to retry it.
   */
  async function admitPaymentCall(
    paymentId: string,
    token: string | undefined,
    timeoutMs = PAYMENT_VERIFY_TIMEOUT_MS,
  ): Promise<'dropped' | 'unverifiable' | { hint: InvoiceKey | undefined }> {
    const hint = token ? verifySelfServiceToken(deps.tokenSecret, token) : undefined;
    if (token && !hint) return 'dropped';
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'unverifiable'>((resolve) => {
      timer = setTimeout(resolve, timeoutMs, 'unverifiable');
    });
    try {
      const known = await Promise.race([payments.getPayment(paymentId), timedOut]);
      if (known === 'unverifiable') return known;
      return known ? { hint } : 'dropped';
    } catch (error) {
      log.warn({ err: { message: (error as Error).message } }, 'payment could not be verified');
      return 'unverifiable';
    } finally {
      clearTimeout(timer);
    }
  }

  /** Keeps `task` for drain/stop; `ids` stay in flight until it settles. */
  function track(task: Promise<void>, ids: readonly number[]): void {
    const tracked = task.finally(() => {
      running.delete(tracked);
      for (const id of ids) inFlight.delete(id);
    });
    running.add(tracked);
  }

  /**
   * Processes stored events after the answer was sent, in batches (processBatch), a bounded number
   * of batches at a time: each batch takes what waits, up to MAX_BATCH, so that a backlog is worked
   * off in large batches. Events already queued or in progress, and those beyond the queue's room
   * (they wait in PostgreSQL for the sweeper), are left out. Never throws.
   */
  function enqueueBatch(events: readonly WebhookEventRow[]): { firstLeftOut?: WebhookEventRow } {
    let room = maxQueued - waiting();
    let firstLeftOut: WebhookEventRow | undefined;
    for (const event of events) {
      if (inFlight.has(event.id)) continue;
      if (room <= 0) {
        firstLeftOut ??= event;
        continue;
      }
      inFlight.add(event.id);
      queued.push(event);
      room -= 1;
    }
    if (firstLeftOut) leftInStoreAt = new Date();
    startBatches();
    return firstLeftOut ? { firstLeftOut } : {};
  }

  /**
   * Reads the events left in PostgreSQL back into the queue once it is half empty. Those stored after
   * they were left were queued (or left too, which moves the time on), so the sweep needs no margin;
   * it takes only events never tried, so that retries keep the sweeper's pace.
   */
  function catchUp(): void {
    if (!leftInStoreAt || catchingUp || waiting() > maxQueued / 2) return;
    const olderThan = new Date(leftInStoreAt.getTime() + 1);
    leftInStoreAt = undefined;
    catchingUp = true;
    track(
      sweep(olderThan, { untriedOnly: true, afterId: caughtUpTo })
        .then(({ readTo }) => {
          caughtUpTo = readTo ?? 0;
        })
        .catch((error) => log.warn({ err: { message: (error as Error).message } }, 'webhook catch-up failed'))
        .finally(() => {
          catchingUp = false;
        }),
      [],
    );
  }

  function startBatches(): void {
    while (activeBatches < (requestsArriving() ? 1 : batchConcurrency) && queued.length > 0) {
      const batch = queued.splice(0, MAX_BATCH);
      activeBatches += 1;
      // A payment event leaves the batch for the per-event queue, which releases it when done.
      const handedOff = new Set<number>();
      track(
        processBatch(batch, handedOff).finally(() => {
          activeBatches -= 1;
          for (const event of batch) if (!handedOff.has(event.id)) inFlight.delete(event.id);
          startBatches();
          catchUp();
        }),
        [],
      );
    }
  }

  function enqueue(event: WebhookEventRow): void {
    enqueueBatch([event]);
  }

  /**
   * Fills the queue's free room with stored events older than `olderThan`, paging in id order past
   * those already queued: a burst larger than the queue drains at processing speed, not a page per
   * sweep. Each page is processed as batches.
   */
  async function sweep(
    olderThan: Date,
    options: { untriedOnly?: boolean; afterId?: number } = {},
  ): Promise<{ readTo?: number }> {
    let afterId = options.afterId ?? 0;
    while (waiting() < maxQueued) {
      const page = await pendingWebhookEvents(db, {
        olderThan,
        limit: sweepPage,
        afterId,
        untriedOnly: options.untriedOnly ?? false,
      });
      const { firstLeftOut } = enqueueBatch(page);
      // The page in id order: the next read starts at the first event that found no room.
      if (firstLeftOut) return stoppedAt(firstLeftOut.id - 1);
      if (page.length < sweepPage) return {};
      afterId = page.at(-1)!.id;
    }
    return stoppedAt(afterId);
  }

  /** A sweep that stopped for a full queue: the rest is read once there is room, from `afterId` on. */
  function stoppedAt(afterId: number): { readTo: number } {
    leftInStoreAt ??= new Date();
    return { readTo: afterId };
  }

  return {
    admitPaymentCall,
    enqueue,
    enqueueBatch,
    /** Retries events left unprocessed (crash, dependency down) every few seconds. */
    startSweeper(intervalMs = 5000): void {
      sweeper = setInterval(async () => {
        try {
          await sweep(new Date(Date.now() - intervalMs));
        } catch (error) {
          log.warn({ err: { message: (error as Error).message } }, 'webhook sweep failed');
        }
      }, intervalMs);
      sweeper.unref();
    },
    sweep,
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
