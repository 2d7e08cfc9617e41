// Delivery facts of the sandbox channels, delivered like the real providers deliver them: signed
// HTTP callbacks to Settle's own webhook endpoints, so the whole verification path is exercised.
//
// Durable: the outbox stores each message together with its due report (`report_*` columns of
// `sandbox_messages`, written by the same INSERT), and a poller — in the API process — claims due
// reports, posts them and marks them sent. No report lives only in a process's memory, so killing
// the worker (or the API mid-post) loses none: a claim is a lease that expires, and an unanswered
// or failed post is retried with backoff. A report may thus reach a webhook twice; the webhooks
// dedupe on the provider's event id, as they must for the real providers, who also retry.
import type { Database } from '../../db/client.js';
import { claimDueReports, dropReport, markReported, rescheduleReport } from '../../db/queries/sandbox.js';
import { MESSAGEBIRD_SIGNATURE_HEADER, signMessageBirdJwt } from '../messagebird/messagebird-events.js';
import {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  signSendGridPayload,
} from '../sendgrid/sendgrid-events.js';
import type { SandboxKeys } from './sandbox-keys.js';

type Outcome = 'bounce' | 'delivered-and-opened' | 'delivered' | 'failed';

export function emailOutcome(address: string): Outcome {
  const domain = address.split('@')[1]?.toLowerCase();
  if (domain === 'bounce.example') return 'bounce';
  if (domain === 'delivered.example') return 'delivered-and-opened';
  return 'delivered';
}

export function phoneOutcome(phone: string): Outcome {
  return phone.endsWith('0000') ? 'failed' : 'delivered';
}

/** The channels whose sandbox "provider" reports deliveries (letters and the app hook do not). */
export const REPORTING_CHANNELS: readonly string[] = ['email', 'sms', 'whatsapp'];

/** What a report is built from: the stored message (its send time dates the events). */
export interface ReportableMessage {
  id: string;
  channel: string;
  recipient: string;
  tenantId: string;
  invoiceId: string;
  messageId: string;
  createdAt: Date;
}

/** One provider callback: which webhook, what it carries, and the status it gives the message. */
export interface DeliveryReport {
  provider: 'sendgrid' | 'messagebird';
  method: 'GET' | 'POST';
  /** Path and query under the endpoint's base URL. */
  path: string;
  body: string;
  /** The sandbox message's delivery status once the webhook accepted the report. */
  status: string;
}

/**
 * The report a provider would send for this message, deterministic in the recipient:
 * `@bounce.example` bounces, `@delivered.example` is delivered and opened, phone numbers ending in
 * 0000 fail, anything else is delivered. Undefined for channels without reports.
 */
export function deliveryReportFor(message: ReportableMessage): DeliveryReport | undefined {
  const sentAt = message.createdAt;
  if (message.channel === 'email') {
    const outcome = emailOutcome(message.recipient);
    const statuses =
      outcome === 'bounce'
        ? ['bounce']
        : outcome === 'delivered-and-opened'
          ? ['delivered', 'open']
          : ['delivered'];
    const timestamp = Math.floor(sentAt.getTime() / 1000);
    const events = statuses.map((event, i) => ({
      email: message.recipient,
      timestamp: timestamp + i,
      event,
      ...(event === 'bounce' ? { type: 'bounce', reason: '550 5.1.1 mailbox unavailable (sandbox)' } : {}),
      sg_event_id: `${message.id}-${event}`,
      sg_message_id: `${message.id}.filter0001`,
      tenant_id: message.tenantId,
      invoice_id: message.invoiceId,
      message_id: message.messageId,
    }));
    return {
      provider: 'sendgrid',
      method: 'POST',
      path: '/webhooks/sendgrid',
      body: JSON.stringify(events),
      status: outcome === 'bounce' ? 'bounced' : statuses.includes('open') ? 'opened' : 'delivered',
    };
  }
  if (message.channel === 'sms') {
    const failed = phoneOutcome(message.recipient) === 'failed';
    const query = new URLSearchParams({
      id: message.id,
      reference: message.messageId,
      recipient: message.recipient.replace(/^\+/, ''),
      status: failed ? 'delivery_failed' : 'delivered',
      statusDatetime: sentAt.toISOString(),
    });
    return {
      provider: 'messagebird',
      method: 'GET',
      path: `/webhooks/messagebird?${query}`,
      body: '',
      status: failed ? 'failed' : 'delivered',
    };
  }
  if (message.channel === 'whatsapp') {
    const failed = phoneOutcome(message.recipient) === 'failed';
    return {
      provider: 'messagebird',
      method: 'POST',
      path: '/webhooks/messagebird',
      body: JSON.stringify({
        type: 'message.updated',
        message: {
          id: message.id,
          status: failed ? 'failed' : 'delivered',
          updatedDatetime: sentAt.toISOString(),
          reference: message.messageId,
          platform: 'whatsapp',
        },
      }),
      status: failed ? 'failed' : 'delivered',
    };
  }
  return undefined;
}

/** Sends a report to `baseUrl`'s webhook, signed the way its provider signs. */
export function postDeliveryReport(
  baseUrl: string,
  keys: SandboxKeys,
  report: DeliveryReport,
  options: { now?: Date; signal?: AbortSignal; fetch?: typeof fetch } = {},
): Promise<Response> {
  const now = options.now ?? new Date();
  const url = `${baseUrl}${report.path}`;
  const body = Buffer.from(report.body);
  const headers: Record<string, string> =
    report.provider === 'sendgrid'
      ? (() => {
          const timestamp = String(Math.floor(now.getTime() / 1000));
          return {
            [SENDGRID_SIGNATURE_HEADER]: signSendGridPayload(keys.sendgridPrivateKey, timestamp, body),
            [SENDGRID_TIMESTAMP_HEADER]: timestamp,
          };
        })()
      : {
          [MESSAGEBIRD_SIGNATURE_HEADER]: signMessageBirdJwt({
            signingKey: keys.messagebirdSigningKey,
            url,
            rawBody: body,
            now,
          }),
        };
  return (options.fetch ?? fetch)(url, {
    method: report.method,
    headers: { ...headers, ...(report.method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    ...(report.method === 'POST' ? { body: report.body } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

export interface SandboxDeliveryReportsOptions {
  db: Database;
  keys: SandboxKeys;
  /** This instance's public base URL: only reports addressed to it are claimed and sent there. */
  baseUrl: string;
  /** Pause between polls when nothing was due (default 200 ms). */
  intervalMs?: number;
  /** Reports claimed per round (default 100). */
  batchSize?: number;
  /** Posts in flight at once (default 16). */
  concurrency?: number;
  /** How long a claim holds a report: after it, a report whose sender died is due again (default 30 s). */
  leaseMs?: number;
  /** A post not answered within this long failed (default 10 s; below the lease). */
  timeoutMs?: number;
  /** Attempts before a report is given up (default 20: about a quarter of an hour of retries). */
  maxAttempts?: number;
  /** The HTTP client (default: the global fetch). */
  fetch?: typeof fetch;
  onError?: (error: unknown) => void;
}

/** Retry delay after the n-th failed attempt: 0.5 s, 1 s, 2 s, … capped at a minute. */
export function reportRetryDelayMs(attempts: number): number {
  return Math.min(500 * 2 ** Math.max(0, attempts - 1), 60_000);
}

/**
 * The sandbox providers' report sender: claims due reports from PostgreSQL (safe with any number
 * of pollers: `FOR UPDATE SKIP LOCKED`, and the claim pushes the due time out by a lease), posts
 * them to the real webhooks with valid signatures, marks them sent, and retries failures.
 */
export class SandboxDeliveryReports {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<number> | undefined;
  private stopped = true;
  private failedPolls = 0;
  private onError: (error: unknown) => void;

  constructor(private readonly options: SandboxDeliveryReportsOptions) {
    this.onError = options.onError ?? (() => {});
  }

  /** Polls until stopped; `onError` hears of failed polls and posts (they are retried). */
  start(options: { onError?: (error: unknown) => void } = {}): void {
    if (options.onError) this.onError = options.onError;
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling; resolves once the round in progress (claimed posts included) has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.round?.catch(() => undefined);
  }

  /** One round: claims the due reports addressed to this instance and sends them; returns how many were claimed. */
  async deliverDue(): Promise<number> {
    const claimed = await this.claim();
    const queue = [...claimed];
    const workers = Array.from(
      { length: Math.min(this.options.concurrency ?? 16, queue.length) },
      async () => {
        for (let message = queue.shift(); message; message = queue.shift())
          await this.deliver(message).catch((error) => this.onError(error));
      },
    );
    await Promise.all(workers);
    return claimed.length;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.round = this.deliverDue();
      this.round
        .then((claimed) => {
          this.failedPolls = 0;
          // A full batch suggests more are due: go on at once.
          this.schedule(claimed >= (this.options.batchSize ?? 100) ? 0 : this.intervalMs());
        })
        .catch((error) => {
          this.onError(error);
          // PostgreSQL unreachable: poll less often until it answers again.
          this.failedPolls++;
          this.schedule(Math.min(this.intervalMs() * 2 ** this.failedPolls, 5000));
        });
    }, delayMs);
    this.timer.unref();
  }

  private intervalMs(): number {
    return this.options.intervalMs ?? 200;
  }

  private async claim(): Promise<(ReportableMessage & { reportAttempts: number })[]> {
    const { db, baseUrl } = this.options;
    return claimDueReports(db, {
      endpoint: baseUrl,
      batchSize: this.options.batchSize ?? 100,
      leaseMs: this.options.leaseMs ?? 30_000,
    });
  }

  private async deliver(message: ReportableMessage & { reportAttempts: number }): Promise<void> {
    const { db, keys, baseUrl } = this.options;
    const report = deliveryReportFor(message);
    if (!report) {
      await dropReport(db, message.id, `no report for channel ${message.channel}`);
      return;
    }
    let failure: string;
    try {
      const response = await postDeliveryReport(baseUrl, keys, report, {
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
        ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
      });
      // A webhook that could not be stored is answered non-2xx: retry like a provider would.
      if (response.ok) {
        await response.body?.cancel();
        await markReported(db, message.id, report.status);
        return;
      }
      failure = `${report.path.split('?')[0]} answered ${response.status}`;
      await response.body?.cancel();
    } catch (error) {
      this.onError(error);
      failure = error instanceof Error ? error.message : String(error);
    }
    const giveUp = message.reportAttempts >= (this.options.maxAttempts ?? 20);
    // If this update fails too (PostgreSQL gone), the lease runs out and the report is due again.
    await rescheduleReport(db, message.id, {
      retryInMs: giveUp ? undefined : reportRetryDelayMs(message.reportAttempts),
      error: giveUp ? `gave up after ${message.reportAttempts} attempts: ${failure}` : failure,
    });
  }
}
