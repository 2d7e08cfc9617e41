import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { DeliveryStatus } from '../../workflows/domain.js';
import {
  deterministicEventId,
  isRecord,
  stringField,
  withoutContactData,
} from '../delivery-event-support.js';
import type { DeliveryEvent } from '../types.js';

// Header names as Node hands them over (lower case); Bird names them MessageBird-Signature and
// MessageBird-Request-Timestamp.
const SIGNATURE_HEADER = 'messagebird-signature';
const TIMESTAMP_HEADER = 'messagebird-request-timestamp';

/**
 * Bird has been seen retrying a failed delivery for about a day with the original timestamp (not in its
 * docs), so a minutes-long window would drop exactly the events Settle asked to get again by answering 503.
 * A replay inside the window is harmless: events are deduplicated on providerEventId.
 */
const DEFAULT_MAX_AGE_SECONDS = 24 * 60 * 60;
/** Clock skew allowed for a timestamp ahead of ours. */
const MAX_FUTURE_SKEW_SECONDS = 5 * 60;

export interface BirdWebhookRequest {
  /** The signingKey of the webhook subscription, used as UTF-8 bytes. */
  signingKey: string;
  /** The request headers with lower-case names, as Node and Fastify give them. */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The full URL as Bird called it: scheme, host, path and query string in their original order. */
  url: string;
  /** The request body exactly as received: re-serialised JSON would not verify. */
  rawBody: Buffer | string;
  now: Date;
  maxAgeSeconds?: number;
}

export type BirdWebhookVerification =
  | { verified: true }
  | {
      verified: false;
      /** `stale-timestamp` is only given for an authentic request, so it tells a late retry from a forgery. */
      reason: 'no-signing-key' | 'missing-headers' | 'bad-signature' | 'stale-timestamp';
    };

/**
 * Bird's webhook signature (docs.bird.com/api/notifications-api/api-reference/webhook-subscriptions/
 * verifying-a-webhook-subscription): base64 of HMAC-SHA256, keyed with the subscription's signing key, over
 * `timestamp + "\n" + url + "\n" + SHA-256(body)`, the body hash as its 32 raw bytes.
 */
export function verifyBirdWebhook(request: BirdWebhookRequest): BirdWebhookVerification {
  if (request.signingKey === '') return { verified: false, reason: 'no-signing-key' };
  const signature = request.headers[SIGNATURE_HEADER];
  const timestamp = request.headers[TIMESTAMP_HEADER];
  if (typeof signature !== 'string' || typeof timestamp !== 'string' || !/^\d+$/.test(timestamp)) {
    return { verified: false, reason: 'missing-headers' };
  }

  const expected = birdSignature(request.signingKey, timestamp, request.url, request.rawBody);
  const actual = Buffer.from(signature, 'base64');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    return { verified: false, reason: 'bad-signature' };
  }

  const ageSeconds = request.now.getTime() / 1000 - Number(timestamp);
  if (
    ageSeconds > (request.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS) ||
    ageSeconds < -MAX_FUTURE_SKEW_SECONDS
  ) {
    return { verified: false, reason: 'stale-timestamp' };
  }
  return { verified: true };
}

export interface BirdWebhookSigning {
  signingKey: string;
  url: string;
  rawBody: Buffer | string;
  now: Date;
}

/** The headers Bird sends with a signed webhook, for the sandbox provider and tests. */
export function signBirdWebhook(signing: BirdWebhookSigning): Record<string, string> {
  const timestamp = String(Math.floor(signing.now.getTime() / 1000));
  const signature = birdSignature(signing.signingKey, timestamp, signing.url, signing.rawBody);
  return { [SIGNATURE_HEADER]: signature.toString('base64'), [TIMESTAMP_HEADER]: timestamp };
}

function birdSignature(signingKey: string, timestamp: string, url: string, rawBody: Buffer | string): Buffer {
  const bodyHash = createHash('sha256').update(rawBody).digest();
  return createHmac('sha256', Buffer.from(signingKey, 'utf8'))
    .update(`${timestamp}\n${url}\n`, 'utf8')
    .update(bodyHash)
    .digest();
}

/** Settle's channel per Bird lifecycle event for outbound messages; every other event is ignored. */
const CHANNEL_BY_EVENT: Readonly<Record<string, 'sms' | 'whatsapp'>> = {
  'sms.outbound': 'sms',
  'whatsapp.outbound': 'whatsapp',
};

/**
 * `accepted` and `processing` add nothing to the send result and are skipped, as is any status not listed.
 * `read` is WhatsApp's read receipt.
 */
const STATUS: Readonly<Record<string, DeliveryStatus>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'opened',
  sending_failed: 'failed',
  delivery_failed: 'failed',
};

/**
 * A verified Channels API webhook `{ service, event, payload }`, whose payload is the message itself.
 * `reference` is Settle's message id as sent; the receiver's number is never read.
 */
export function parseBirdChannelEvent(json: unknown): DeliveryEvent | undefined {
  if (!isRecord(json) || !isRecord(json.payload)) return undefined;
  const channel = typeof json.event === 'string' ? CHANNEL_BY_EVENT[json.event] : undefined;
  const message = json.payload;
  const id = stringField(message, 'id');
  const reported = stringField(message, 'status');
  const status = reported === undefined ? undefined : STATUS[reported];
  const statusAt = stringField(message, 'lastStatusAt') ?? stringField(message, 'updatedAt');
  const occurredAt = statusAt === undefined ? undefined : parseDate(statusAt);
  if (!channel || !id || !reported || !status || !statusAt || !occurredAt) return undefined;
  if (message.direction === 'incoming') return undefined;
  return {
    providerEventId: deterministicEventId(`bird-${channel}`, id, reported, statusAt),
    providerMessageId: id,
    messageId: stringField(message, 'reference'),
    status,
    occurredAt,
    detail: failureDetail(message),
  };
}

/** `reason` in words and, when present, `failure.code` (one of Bird's message failure codes). */
function failureDetail(message: Record<string, unknown>): string | undefined {
  const code = isRecord(message.failure) ? message.failure.code : undefined;
  const parts = [
    stringField(message, 'reason'),
    typeof code === 'number' || typeof code === 'string' ? `error ${code}` : undefined,
  ].filter(Boolean);
  return withoutContactData(parts.join(', '));
}

function parseDate(value: string): Date | undefined {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
