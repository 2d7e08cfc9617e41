// The drill as the providers: SendGrid signed event batches, MessageBird signed SMS reports (GET)
// and Conversations events (POST), and Mollie's form posts — genuine ones, signed with the
// sandbox's keys exactly as the providers sign, and forged ones that must be refused. A delivery
// is re-signed on every attempt, like a provider's retry.
import { generateKeyPairSync } from 'node:crypto';
import {
  MESSAGEBIRD_SIGNATURE_HEADER,
  parseMessageBirdConversationEvent,
  parseMessageBirdSmsReport,
  signMessageBirdJwt,
} from '../../providers/messagebird/messagebird-events.js';
import { sandboxKeys } from '../../providers/sandbox/sandbox-keys.js';
import {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  signSendGridPayload,
} from '../../providers/sendgrid/sendgrid-events.js';
import { log, mapLimit, sleep } from './common.js';
import type { DrillStack } from './stack.js';

export type Forgery = 'wrong-key' | 'tampered-body' | 'stale' | 'unsigned' | 'wrong-url' | 'alg-none';

export interface Delivery {
  provider: 'sendgrid' | 'messagebird-sms' | 'messagebird-conversations' | 'mollie';
  /** What it carries, for messages. */
  label: string;
  forged?: Forgery;
  send(): Promise<Response>;
}

const attackerSendGridKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
const FORGED_MESSAGEBIRD_KEY = 'not-the-signing-key-0123456789abcdef';
const TIMEOUT_MS = 30_000;

export class Providers {
  private readonly keys;

  constructor(private readonly stack: DrillStack) {
    this.keys = sandboxKeys(stack.tokenSecret);
  }

  /** A SendGrid Event Webhook POST: a JSON array, ECDSA-signed over timestamp + raw body. */
  sendgrid(events: Record<string, unknown>[], forged?: Forgery): Delivery {
    const label = `sendgrid batch of ${events.length}`;
    return {
      provider: 'sendgrid',
      label,
      ...(forged ? { forged } : {}),
      send: () => {
        const body = JSON.stringify(events);
        const now = Math.floor(Date.now() / 1000);
        const timestamp = String(forged === 'stale' ? now - 3600 : now);
        const key = forged === 'wrong-key' ? attackerSendGridKey : this.keys.sendgridPrivateKey;
        const signedBody = forged === 'tampered-body' ? JSON.stringify([...events, {}]) : body;
        const signature = signSendGridPayload(key, timestamp, Buffer.from(signedBody));
        return fetch(`${this.stack.baseUrl}/webhooks/sendgrid`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(forged === 'unsigned'
              ? {}
              : { [SENDGRID_SIGNATURE_HEADER]: signature, [SENDGRID_TIMESTAMP_HEADER]: timestamp }),
          },
          body,
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      },
    };
  }

  /** A MessageBird SMS status report: GET with the report in the query, JWT over the URL. */
  messagebirdSms(report: Record<string, string>, forged?: Forgery): Delivery {
    return {
      provider: 'messagebird-sms',
      label: `sms report ${report.status}`,
      ...(forged ? { forged } : {}),
      send: () => {
        const url = `${this.stack.baseUrl}/webhooks/messagebird?${new URLSearchParams(report)}`;
        return fetch(url, {
          headers: this.messagebirdHeaders(url, Buffer.alloc(0), forged),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      },
    };
  }

  /** A MessageBird Conversations (WhatsApp) event: JSON POST, JWT over URL and body. */
  messagebirdConversation(event: Record<string, unknown>, forged?: Forgery): Delivery {
    const body = JSON.stringify(event);
    return {
      provider: 'messagebird-conversations',
      label: `whatsapp ${String((event.message as Record<string, unknown>)?.status)}`,
      ...(forged ? { forged } : {}),
      send: () => {
        const url = `${this.stack.baseUrl}/webhooks/messagebird`;
        const signed = forged === 'tampered-body' ? Buffer.from(`${body} `) : Buffer.from(body);
        return fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...this.messagebirdHeaders(url, signed, forged) },
          body,
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      },
    };
  }

  /** Mollie: a form POST with only the payment id, to the webhook URL the payment names. */
  mollie(webhookUrl: string, paymentId: string, label = 'mollie payment'): Delivery {
    return {
      provider: 'mollie',
      label,
      send: () =>
        fetch(webhookUrl, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ id: paymentId }).toString(),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        }),
    };
  }

  private messagebirdHeaders(url: string, rawBody: Buffer, forged?: Forgery): Record<string, string> {
    if (forged === 'unsigned') return {};
    const now = new Date(forged === 'stale' ? Date.now() - 3600_000 : Date.now());
    if (forged === 'alg-none') {
      const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const claims = {
        iss: 'MessageBird',
        nbf: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + 60,
      };
      return { [MESSAGEBIRD_SIGNATURE_HEADER]: `${encode({ alg: 'none', typ: 'JWT' })}.${encode(claims)}.` };
    }
    const token = signMessageBirdJwt({
      signingKey: forged === 'wrong-key' ? FORGED_MESSAGEBIRD_KEY : this.keys.messagebirdSigningKey,
      url: forged === 'wrong-url' ? `${url}&evil=1` : url,
      rawBody,
      now,
    });
    return { [MESSAGEBIRD_SIGNATURE_HEADER]: token };
  }
}

/** The provider event id Settle stores for an SMS report or a Conversations event. */
export function smsEventId(report: Record<string, string>): string {
  return parseMessageBirdSmsReport(report)!.providerEventId;
}

export function conversationEventId(event: Record<string, unknown>): string {
  return parseMessageBirdConversationEvent(event)!.providerEventId;
}

/**
 * Delivers like a provider that retries: every delivery is attempted until it is answered 2xx
 * (or the deadline passes); each answer is counted by status.
 */
export class RetryingSender {
  readonly answers: Record<string, number> = {};
  readonly pending = new Set<Delivery>();
  attempts = 0;

  constructor(deliveries: Delivery[]) {
    for (const delivery of deliveries) this.pending.add(delivery);
  }

  /** One round over everything still unacknowledged; returns how many were acknowledged now. */
  async round(concurrency = 8, onAnswer?: (status: number) => void): Promise<number> {
    let acknowledged = 0;
    await mapLimit([...this.pending], concurrency, async (delivery) => {
      this.attempts++;
      const response = await delivery.send().catch(() => undefined);
      const status = response?.status ?? 0;
      await response?.arrayBuffer().catch(() => undefined);
      const key = status === 0 ? 'no-answer' : String(status);
      this.answers[key] = (this.answers[key] ?? 0) + 1;
      onAnswer?.(status);
      if (status >= 200 && status < 300) {
        this.pending.delete(delivery);
        acknowledged++;
      }
    });
    return acknowledged;
  }

  async untilAcknowledged(timeoutMs: number, intervalMs = 2000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.pending.size > 0 && Date.now() < deadline) {
      await this.round();
      if (this.pending.size > 0) {
        log(`${this.pending.size} webhook deliveries not acknowledged yet; retrying`);
        await sleep(intervalMs);
      }
    }
    return this.pending.size === 0;
  }
}
