import { createHmac, timingSafeEqual } from 'node:crypto';
import { classifiedProviderError, messageOf } from '../classify-failure.js';
import { PermanentProviderError } from '../errors.js';
import type { AppMessage, AppNotifier, SendResult } from '../types.js';

const PROVIDER = 'app-webhook';
export const APP_WEBHOOK_SIGNATURE_HEADER = 'Settle-Signature';

export interface AppWebhookEndpoint {
  /** The creditor's HTTPS endpoint. */
  url: string;
  /** Shared secret for the HMAC; the creditor verifies with `verifyAppWebhook` or its own equivalent. */
  secret: string;
}

export interface SignedWebhookAppNotifierOptions {
  /** The creditor's endpoint and secret, looked up per tenant (one worker serves every creditor). */
  endpointFor: (tenantId: string) => AppWebhookEndpoint | Promise<AppWebhookEndpoint>;
  timeoutMs?: number;
}

/** The JSON the creditor receives. Stable across retries; the timestamp lives only in the signature header. */
export interface AppWebhookPayload {
  type: 'debtor.notification';
  messageId: string;
  tenantId: string;
  invoiceId: string;
  debtorId: string;
  appUserId: string;
  title: string;
  text: string;
  payUrl: string;
  selfServiceUrl: string;
}

/** Push / in-app inbox: a signed JSON POST to the creditor's own system, which delivers it to the debtor. */
export class SignedWebhookAppNotifier implements AppNotifier {
  constructor(private readonly options: SignedWebhookAppNotifierOptions) {}

  async notifyApp(message: AppMessage): Promise<SendResult> {
    const { ref } = message;
    const endpoint = await this.options.endpointFor(ref.tenantId);
    const payload: AppWebhookPayload = {
      type: 'debtor.notification',
      messageId: ref.messageId,
      tenantId: ref.tenantId,
      invoiceId: ref.invoiceId,
      debtorId: message.debtorId,
      appUserId: message.appUserId,
      title: message.title,
      text: message.text,
      payUrl: message.payUrl,
      selfServiceUrl: message.selfServiceUrl,
    };
    const body = JSON.stringify(payload);
    const timestamp = Math.floor(Date.now() / 1000);

    let response: Response;
    try {
      response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': ref.idempotencyKey,
          [APP_WEBHOOK_SIGNATURE_HEADER]: signAppWebhook({ secret: endpoint.secret, body, timestamp }),
        },
        body,
        // Following a redirect would re-send the signed body to wherever the redirect points.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw classifiedProviderError(PROVIDER, undefined, messageOf(error));
    }

    if (!response.ok) {
      await response.body?.cancel(); // frees the connection
      throw failureFor(response);
    }
    return { providerMessageId: (await idFromResponse(response)) ?? ref.idempotencyKey };
  }
}

function failureFor(response: Response): Error {
  if (response.status >= 300 && response.status < 400) {
    return new PermanentProviderError(
      PROVIDER,
      `HTTP ${response.status}: redirects are not followed`,
      response.status,
    );
  }
  return classifiedProviderError(PROVIDER, response.status, response.statusText || 'request failed');
}

/** The creditor may answer with `{ "id": … }`; any other (or no) body is fine too. */
async function idFromResponse(response: Response): Promise<string | undefined> {
  try {
    const json: unknown = await response.json();
    const id = (json as { id?: unknown } | null)?.id;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, t + '.' + body)>` */
export function signAppWebhook(input: { secret: string; body: string; timestamp: number }): string {
  return `t=${input.timestamp},v1=${hmacHex(input.secret, input.timestamp, input.body)}`;
}

/** Accepts several `v1` entries, so a creditor can verify during a secret rotation. */
export function verifyAppWebhook(input: {
  secret: string;
  header: string;
  body: string;
  now: Date;
  toleranceSeconds?: number;
}): boolean {
  const entries = input.header.split(',').map((entry) => entry.trim().split('='));
  const timestamps = entries.filter(([key]) => key === 't').map(([, value]) => value ?? '');
  const signatures = entries.filter(([key]) => key === 'v1').map(([, value]) => value ?? '');
  const [timestamp] = timestamps;
  if (timestamps.length !== 1 || timestamp === undefined || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(input.now.getTime() / 1000 - Number(timestamp)) > (input.toleranceSeconds ?? 300))
    return false;
  const expected = Buffer.from(hmacHex(input.secret, Number(timestamp), input.body), 'utf8');
  return signatures.some((signature) => {
    const actual = Buffer.from(signature, 'utf8');
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  });
}

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}
