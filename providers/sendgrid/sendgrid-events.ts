import { createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import type { DeliveryStatus } from '../../workflows/domain.js';
import {
  deterministicEventId,
  isRecord,
  stringField,
  withoutContactData,
} from '../delivery-event-support.js';
import type { DeliveryEvent } from '../types.js';

export const SENDGRID_SIGNATURE_HEADER = 'X-Twilio-Email-Event-Webhook-Signature';
export const SENDGRID_TIMESTAMP_HEADER = 'X-Twilio-Email-Event-Webhook-Timestamp';

export interface SendGridSignatureCheck {
  /** The verification key as SendGrid shows it (base64 of the SPKI DER), or the same key as PEM. */
  publicKeyBase64OrPem: string;
  /** The request body exactly as received: re-serialised JSON would not verify. */
  rawBody: Buffer;
  signature: string;
  timestamp: string;
  now: Date;
  maxAgeSeconds?: number;
}

/** SendGrid's Signed Event Webhook: ECDSA P-256 / SHA-256 over `timestamp + rawBody`, DER signature in base64. */
export function verifySendGridSignature(check: SendGridSignatureCheck): boolean {
  const { rawBody, signature, timestamp, now, maxAgeSeconds = 600 } = check;
  if (!/^\d+$/.test(timestamp)) return false;
  // A replayed request keeps its old timestamp; one from far in the future is just as suspect.
  if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > maxAgeSeconds) return false;
  const key = sendGridPublicKey(check.publicKeyBase64OrPem);
  if (!key) return false;
  try {
    return verify(
      'sha256',
      Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]),
      { key, dsaEncoding: 'der' },
      Buffer.from(signature, 'base64'),
    );
  } catch {
    return false;
  }
}

/** Signs a payload the way SendGrid does, for the sandbox provider and tests. */
export function signSendGridPayload(privateKey: KeyObject, timestamp: string, rawBody: Buffer): string {
  return sign('sha256', Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]), {
    key: privateKey,
    dsaEncoding: 'der',
  }).toString('base64');
}

/** The last key read (one per deployment): parsing it again for every request cost more than the verify itself. */
let lastKey: { source: string; key: KeyObject | undefined } | undefined;

function sendGridPublicKey(base64OrPem: string): KeyObject | undefined {
  if (lastKey?.source !== base64OrPem) lastKey = { source: base64OrPem, key: readPublicKey(base64OrPem) };
  return lastKey.key;
}

function readPublicKey(base64OrPem: string): KeyObject | undefined {
  try {
    const key = base64OrPem.includes('-----BEGIN')
      ? createPublicKey(base64OrPem)
      : createPublicKey({ key: Buffer.from(base64OrPem.trim(), 'base64'), format: 'der', type: 'spki' });
    // Only the P-256 key SendGrid issues: refuses e.g. an RSA key that happens to verify something else.
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1'
      ? key
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `processed` is skipped: the 202 from Mail Send already recorded the hand-off, and a late `processed` must not
 * read as a step back after `delivered`. Unknown events (e.g. group_resubscribe) are skipped as well.
 */
const STATUS_BY_EVENT: Readonly<Record<string, DeliveryStatus>> = {
  bounce: 'bounced', // type `bounce` and type `blocked` alike
  dropped: 'bounced',
  deferred: 'deferred',
  delivered: 'delivered',
  open: 'opened',
  click: 'clicked',
  spamreport: 'complained',
  unsubscribe: 'unsubscribed',
  group_unsubscribe: 'unsubscribed',
};

/** Maps a verified SendGrid event batch (a JSON array) to delivery events; the recipient address is never read. */
export function parseSendGridEvents(json: unknown): DeliveryEvent[] {
  if (!Array.isArray(json)) throw new TypeError('sendgrid: event webhook body is not a JSON array');
  return json.flatMap((entry) => {
    const event = isRecord(entry) ? toDeliveryEvent(entry) : undefined;
    return event ? [event] : [];
  });
}

function toDeliveryEvent(entry: Record<string, unknown>): DeliveryEvent | undefined {
  const eventName = stringField(entry, 'event');
  const status = eventName === undefined ? undefined : STATUS_BY_EVENT[eventName];
  const timestamp = entry.timestamp;
  if (!status || typeof timestamp !== 'number' || !Number.isFinite(timestamp)) return undefined;
  // X-Message-Id is the part of sg_message_id before the first dot; the rest identifies the recipient.
  const providerMessageId = stringField(entry, 'sg_message_id')?.split('.')[0];
  return {
    providerEventId:
      stringField(entry, 'sg_event_id') ??
      deterministicEventId('sendgrid', providerMessageId ?? '', eventName ?? '', String(timestamp)),
    providerMessageId,
    messageId: stringField(entry, 'message_id'),
    tenantId: stringField(entry, 'tenant_id'),
    invoiceId: stringField(entry, 'invoice_id'),
    status,
    occurredAt: new Date(timestamp * 1000),
    detail: withoutContactData(stringField(entry, 'reason') ?? stringField(entry, 'response')),
  };
}
