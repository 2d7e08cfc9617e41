// The handover as a signed JSON POST to the collection agency's endpoint: the claim file with the
// contacts CSV and the PDFs inline (base64). Signed like the app webhook (HMAC-SHA256 over
// `timestamp.body`, header Settle-Signature); the delivery id is the same on every retry, so the
// agency takes the claim over once.
import { DELIVERY_HEADER, postSignedWebhook, SIGNATURE_HEADER } from '../signed-webhook.js';
import type { HandoverFile } from './handover-file.js';

export const HANDOVER_SIGNATURE_HEADER = SIGNATURE_HEADER;
export const HANDOVER_DELIVERY_HEADER = DELIVERY_HEADER;

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
  await postSignedWebhook({
    url: params.url,
    secret: params.secret,
    deliveryId: params.file.claim.deliveryId,
    body: JSON.stringify(handoverPayload(params.file)),
    receiver: 'collection agency',
    ...(params.timeoutMs !== undefined ? { timeoutMs: params.timeoutMs } : {}),
  });
}
