import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { DeliveryStatus } from '../../workflows/domain.js';
import {
  deterministicEventId,
  isRecord,
  stringField,
  withoutContactData,
} from '../delivery-event-support.js';
import type { DeliveryEvent } from '../types.js';

export const MESSAGEBIRD_SIGNATURE_HEADER = 'MessageBird-Signature-JWT';

/** HMAC algorithms MessageBird may use; anything else (notably `none`) is refused. */
const HMAC_BY_ALG: Readonly<Record<string, string>> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };
/** Same leeway as MessageBird's own verifier, for clock skew between them and us. */
const CLOCK_TOLERANCE_SECONDS = 5;

export interface MessageBirdJwtCheck {
  /** The signing key from the MessageBird dashboard, used as UTF-8 bytes. */
  signingKey: string;
  /** The MessageBird-Signature-JWT header. */
  token: string;
  /** The full URL as MessageBird called it: scheme, host, path and query string in their original order. */
  url: string;
  rawBody: Buffer;
  now: Date;
}

/**
 * MessageBird-Signature-JWT: an HMAC-signed JWT with iss `MessageBird`, nbf/exp, `url_hash` (SHA-256 hex of the
 * URL) and, only for a non-empty body, `payload_hash` (SHA-256 hex of the raw body). Synchronous node:crypto
 * equivalent of `messagebird/lib/webhook-signature-jwt`, checked against its reference vectors in the tests.
 */
export function verifyMessageBirdJwt(check: MessageBirdJwtCheck): boolean {
  const [encodedHeader, encodedClaims, encodedSignature, ...rest] = check.token.split('.');
  if (!encodedHeader || !encodedClaims || !encodedSignature || rest.length > 0) return false;
  const header = decodeJson(encodedHeader);
  const claims = decodeJson(encodedClaims);
  const hmac = isRecord(header) && typeof header.alg === 'string' ? HMAC_BY_ALG[header.alg] : undefined;
  if (!hmac || !isRecord(claims)) return false;

  const expected = createHmac(hmac, Buffer.from(check.signingKey, 'utf8'))
    .update(`${encodedHeader}.${encodedClaims}`)
    .digest();
  const actual = Buffer.from(encodedSignature, 'base64url');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return false;

  return claimsHold(claims, check);
}

function claimsHold(claims: Record<string, unknown>, check: MessageBirdJwtCheck): boolean {
  const now = check.now.getTime() / 1000;
  const { nbf, exp } = claims;
  if (claims.iss !== 'MessageBird') return false;
  if (typeof exp !== 'number' || exp <= now - CLOCK_TOLERANCE_SECONDS) return false;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > now + CLOCK_TOLERANCE_SECONDS)) return false;
  if (!hashClaimMatches(claims.url_hash, check.url)) return false;
  // payload_hash is present exactly when there is a body: a removed or an added body both fail.
  if (claims.payload_hash === undefined) return check.rawBody.length === 0;
  return check.rawBody.length > 0 && hashClaimMatches(claims.payload_hash, check.rawBody);
}

function hashClaimMatches(claim: unknown, data: string | Buffer): boolean {
  return typeof claim === 'string' && claim.toLowerCase() === sha256Hex(data);
}

export interface MessageBirdJwtSigning {
  signingKey: string;
  url: string;
  rawBody: Buffer;
  now: Date;
  ttlSeconds?: number;
}

/** Signs a callback the way MessageBird does (HS256), for the sandbox provider and tests. */
export function signMessageBirdJwt(signing: MessageBirdJwtSigning): string {
  const issuedAt = Math.floor(signing.now.getTime() / 1000);
  const claims = {
    iss: 'MessageBird',
    nbf: issuedAt,
    exp: issuedAt + (signing.ttlSeconds ?? 60),
    jti: randomUUID(),
    url_hash: sha256Hex(signing.url),
    ...(signing.rawBody.length > 0 ? { payload_hash: sha256Hex(signing.rawBody) } : {}),
  };
  const unsigned = `${encodeJson({ alg: 'HS256', typ: 'JWT' })}.${encodeJson(claims)}`;
  const signature = createHmac('sha256', Buffer.from(signing.signingKey, 'utf8'))
    .update(unsigned)
    .digest('base64url');
  return `${unsigned}.${signature}`;
}

const SMS_STATUS: Readonly<Record<string, DeliveryStatus>> = {
  scheduled: 'sent',
  sent: 'sent',
  buffered: 'sent',
  delivered: 'delivered',
  expired: 'failed',
  delivery_failed: 'failed',
};

/**
 * An SMS status report (GET query of the reportUrl). The `recipient` parameter is a phone number and is never read;
 * `reference` is Settle's message id as sent.
 */
export function parseMessageBirdSmsReport(query: Record<string, string>): DeliveryEvent | undefined {
  const { id, reference, status: reported, statusDatetime } = query;
  const status = reported === undefined ? undefined : SMS_STATUS[reported];
  const occurredAt = statusDatetime === undefined ? undefined : parseDate(statusDatetime);
  if (!id || !status || !occurredAt || !reported || !statusDatetime) return undefined;
  const reason = [query.statusReason, query.statusErrorCode && `error ${query.statusErrorCode}`].filter(
    Boolean,
  );
  return {
    providerEventId: deterministicEventId('messagebird-sms', id, reported, statusDatetime),
    providerMessageId: id,
    messageId: reference || undefined,
    status,
    occurredAt,
    detail: withoutContactData(reason.join(', ')),
  };
}

/** `accepted`/`pending` add nothing to the send result and are skipped, as are inbound (`received`) messages. */
const WHATSAPP_STATUS: Readonly<Record<string, DeliveryStatus>> = {
  sent: 'sent',
  delivered: 'delivered',
  read: 'opened',
  failed: 'failed',
  rejected: 'failed',
};

/** A Conversations API `message.updated` (or `message.created`) webhook for an outbound WhatsApp message. */
export function parseMessageBirdConversationEvent(json: unknown): DeliveryEvent | undefined {
  if (!isRecord(json) || !isRecord(json.message)) return undefined;
  const { message } = json;
  const id = stringField(message, 'id');
  const reported = stringField(message, 'status');
  const status = reported === undefined ? undefined : WHATSAPP_STATUS[reported];
  const datetime = stringField(message, 'updatedDatetime') ?? stringField(message, 'createdDatetime');
  const occurredAt = datetime === undefined ? undefined : parseDate(datetime);
  if (!id || !reported || !status || !datetime || !occurredAt || message.direction === 'received')
    return undefined;
  const error = isRecord(message.error) ? message.error : undefined;
  return {
    providerEventId: deterministicEventId('messagebird-whatsapp', id, reported, datetime),
    providerMessageId: id,
    status,
    occurredAt,
    detail: error
      ? withoutContactData(`error ${String(error.code)}: ${String(error.description ?? '')}`)
      : undefined,
  };
}

function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function encodeJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function parseDate(value: string): Date | undefined {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
