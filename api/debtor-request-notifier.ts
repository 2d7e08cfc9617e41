// Tells creditors of their debtors' call-back requests and disputes: a signed webhook to the tenant's
// `creditorWebhookUrl`. The request row is its own outbox (stored before the debtor's page answers), so
// no process's death loses a notification; this poller claims due rows, posts them and retries
// failures. The delivery id is the request id on every attempt: the creditor acts on it once.
import type { FastifyBaseLogger } from 'fastify';
import { postSignedWebhook } from '../activities/signed-webhook.js';
import type { Database } from '../db/client.js';
import {
  claimDueNotifications,
  type DebtorRequestRow,
  markNotified,
  markNotifyFailed,
} from '../db/queries/debtor-requests.js';
import { getTenantSettings } from '../db/queries/tenants.js';

/** The JSON the creditor receives. The same on every attempt; the timestamp lives in the signature header. */
export interface DebtorRequestWebhookPayload {
  type: 'settle.debtor_request';
  deliveryId: string;
  tenantId: string;
  request: {
    id: string;
    kind: 'callback' | 'dispute';
    invoiceId: string;
    /** The debtor's own words. */
    message: string;
    createdAt: string;
  };
}

export function debtorRequestPayload(row: DebtorRequestRow): DebtorRequestWebhookPayload {
  return {
    type: 'settle.debtor_request',
    deliveryId: row.id,
    tenantId: row.tenantId,
    request: {
      id: row.id,
      kind: row.kind,
      invoiceId: row.invoiceId,
      message: row.message,
      createdAt: row.createdAt.toISOString(),
    },
  };
}

/** Retry delay after the n-th failed attempt: 1 s, 2 s, 4 s, … capped at 30 minutes (about a day in all). */
export function notifyRetryDelayMs(attempts: number): number {
  return Math.min(1000 * 2 ** Math.max(0, attempts - 1), 30 * 60_000);
}

export interface DebtorRequestNotifierOptions {
  db: Database;
  /** CREDITOR_WEBHOOK_SECRET: signs every delivery. */
  secret: string;
  log?: FastifyBaseLogger;
  intervalMs?: number;
  batchSize?: number;
  /** How long a claim holds a request (default 60 s, above the post's timeout). */
  leaseMs?: number;
  timeoutMs?: number;
  /** Attempts before giving up (default 40: about a day of retries). */
  maxAttempts?: number;
  retryDelayMs?: (attempts: number) => number;
}

export function createDebtorRequestNotifier(options: DebtorRequestNotifierOptions) {
  const { db } = options;
  const retryDelay = options.retryDelayMs ?? notifyRetryDelayMs;

  async function deliver(row: DebtorRequestRow): Promise<void> {
    const url = (await getTenantSettings(db, row.tenantId))?.creditorWebhookUrl;
    if (!url) {
      // Nowhere to send it: the request stays listed in the API, with the reason.
      await markNotifyFailed(db, row.id, {
        error: 'not sent: no creditorWebhookUrl in the tenant settings',
        retryInMs: null,
      });
      return;
    }
    try {
      await postSignedWebhook({
        url,
        secret: options.secret,
        deliveryId: row.id,
        body: JSON.stringify(debtorRequestPayload(row)),
        receiver: 'creditor',
        timeoutMs: options.timeoutMs ?? 10_000,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = row.notifyAttempts >= (options.maxAttempts ?? 40);
      // Ids only: the debtor's message is never logged.
      options.log?.warn(
        { tenantId: row.tenantId, requestId: row.id, attempts: row.notifyAttempts, error: message },
        'creditor webhook failed',
      );
      // If this fails too (PostgreSQL gone), the lease runs out and the request is due again.
      await markNotifyFailed(db, row.id, {
        error: giveUp ? `gave up after ${row.notifyAttempts} attempts: ${message}` : message,
        retryInMs: giveUp ? null : retryDelay(row.notifyAttempts),
      });
      return;
    }
    await markNotified(db, row.id);
  }

  /** One round: claims what is due and delivers it; returns how many were claimed. */
  async function deliverDue(): Promise<number> {
    const claimed = await claimDueNotifications(db, {
      limit: options.batchSize ?? 50,
      leaseMs: options.leaseMs ?? 60_000,
    });
    await Promise.all(claimed.map((row) => deliver(row)));
    return claimed.length;
  }

  let timer: NodeJS.Timeout | undefined;
  let round: Promise<unknown> | undefined;
  return {
    deliverDue,
    start(): void {
      timer = setInterval(() => {
        // One round at a time: a slow one is not overtaken by the next.
        round ??= deliverDue()
          .catch((error) =>
            options.log?.warn(
              { err: { message: (error as Error).message } },
              'creditor webhook round failed',
            ),
          )
          .finally(() => {
            round = undefined;
          });
      }, options.intervalMs ?? 1000);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      await round;
    },
  };
}
