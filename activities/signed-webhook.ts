// Settle's outbound signed webhooks to a creditor's or agency's own system (handovers, debtor
// requests): a JSON POST signed like the app webhook (`Settle-Signature: t=…,v1=HMAC-SHA256(secret,
// t.body)`), with a delivery id that stays the same on every retry so the receiver acts on it once.
import { signAppWebhook } from '../providers/app-webhook/app-webhook.js';

export const SIGNATURE_HEADER = 'Settle-Signature';
export const DELIVERY_HEADER = 'Settle-Delivery-Id';

/** Throws on anything but a 2xx answer, so the caller retries until the receiver accepted it. */
export async function postSignedWebhook(params: {
  url: string;
  secret: string;
  deliveryId: string;
  body: string;
  /** What the failure names: "collection agency", "creditor". */
  receiver: string;
  timeoutMs?: number;
}): Promise<void> {
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(params.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      [DELIVERY_HEADER]: params.deliveryId,
      'Idempotency-Key': params.deliveryId,
      [SIGNATURE_HEADER]: signAppWebhook({ secret: params.secret, body: params.body, timestamp }),
    },
    body: params.body,
    // Following a redirect would re-send the signed body to wherever the redirect points.
    redirect: 'manual',
    signal: AbortSignal.timeout(params.timeoutMs ?? 30_000),
  });
  await response.body?.cancel();
  if (!response.ok)
    throw new Error(`${params.receiver} answered HTTP ${response.status} to delivery ${params.deliveryId}`);
}
