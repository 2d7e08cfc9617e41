// The handover as a signed JSON POST to the collection agency's endpoint: the claim file with the
// contacts CSV and the PDFs inline (base64). Signed like the app webhook (HMAC-SHA256 over
// `timestamp.body`, header Settle-Signature); the delivery id is the same on every retry, so the
// agency takes the claim over once.
import { signAppWebhook } from '../../providers/app-webhook/app-webhook.js';
import type { HandoverFile } from './handover-file.js';

export const HANDOVER_SIGNATURE_HEADER = 'Settle-Signature';
export const HANDOVER_DELIVERY_HEADER = 'Settle-Delivery-Id';

export interface HandoverWebhookPayload {
  type: 'settle.handover';
  claim: HandoverFile['claim'];
  contactsCsv: string;
  documents: { file: string; contentType: 'application/pdf'; base64: string }[];
}

export function handoverPayload(file: HandoverFile): HandoverWebhookPayload {
  return {
    type: 'settle.handover',
    claim: file.claim,
    contactsCsv: file.contactsCsv,
    documents: file.pdfs.map(({ file: name, pdf }) => ({
      file: name,
      contentType: 'application/pdf',
      base64: pdf.toString('base64'),
    })),
  };
}

/** Throws on anything but a 2xx answer: the activity is retried until the agency accepted it. */
export async function postHandover(params: {
  url: string;
  secret: string;
  file: HandoverFile;
  timeoutMs?: number;
}): Promise<void> {
  const body = JSON.stringify(handoverPayload(params.file));
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(params.url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      [HANDOVER_DELIVERY_HEADER]: params.file.claim.deliveryId,
      'Idempotency-Key': params.file.claim.deliveryId,
      [HANDOVER_SIGNATURE_HEADER]: signAppWebhook({ secret: params.secret, body, timestamp }),
    },
    body,
    // Following a redirect would re-send the signed claim to wherever the redirect points.
    redirect: 'manual',
    signal: AbortSignal.timeout(params.timeoutMs ?? 30_000),
  });
  await response.body?.cancel();
  if (!response.ok)
    throw new Error(
      `collection agency answered HTTP ${response.status} to handover ${params.file.claim.deliveryId}`,
    );
}
