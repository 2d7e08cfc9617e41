// Minting a payment link at the PSP, once per idempotency key: the workflow's activity mints the
// link its message carries, the self-service page mints one when the debtor wants to pay at once.
// Both go through here, so a key always names one link, whoever asked first.
import type { Database } from '../db/client.js';
import { getInvoice } from '../db/queries/invoices.js';
import { insertPaymentLink, paymentLinkByKey } from '../db/queries/payments.js';
import type { PaymentProvider } from '../providers/types.js';
import type {
  EnsurePaymentLinkInput,
  InvoiceRef,
  PaymentLinkResult,
} from '../workflows/activity-contract.js';
import { type PublicUrls, selfServiceToken, selfServiceUrl } from './self-service-link.js';

export interface PaymentLinkDeps {
  db: Database;
  payments: PaymentProvider;
  /** Recorded with each link (`live` or `sandbox`). */
  providerName: string;
  urls: PublicUrls;
}

/** Mollie cannot tie a payment to its link, so the webhook URL names the invoice (signed). */
export function paymentWebhookUrl(urls: PublicUrls, tenantId: string, invoiceId: string): string {
  return `${urls.baseUrl}/webhooks/mollie?invoice=${selfServiceToken(urls.tokenSecret, tenantId, invoiceId)}`;
}

/** What the debtor sees at the PSP: the invoice's own description, never personal data. */
export async function pspDescription(db: Database, { tenantId, invoiceId }: InvoiceRef): Promise<string> {
  const invoice = await getInvoice(db, tenantId, invoiceId);
  return invoice?.description || `Invoice ${invoiceId}`;
}

/** The link for this key: the one already minted, else a new one (the PSP dedupes on the key too). */
export async function ensurePaymentLink(
  deps: PaymentLinkDeps,
  input: EnsurePaymentLinkInput,
): Promise<PaymentLinkResult> {
  const { db, urls } = deps;
  const existing = await paymentLinkByKey(db, input.idempotencyKey);
  if (existing) return { url: existing.url, expiresAt: existing.expiresAt.toISOString() };
  const link = await deps.payments.createPaymentLink({
    idempotencyKey: input.idempotencyKey,
    amountCents: input.amountCents,
    currency: 'EUR',
    description: await pspDescription(db, input),
    redirectUrl: selfServiceUrl(urls, input.tenantId, input.invoiceId),
    webhookUrl: paymentWebhookUrl(urls, input.tenantId, input.invoiceId),
    expiresAt: new Date(input.expiresAt),
    metadata: { tenantId: input.tenantId, invoiceId: input.invoiceId },
  });
  await insertPaymentLink(db, {
    tenantId: input.tenantId,
    invoiceId: input.invoiceId,
    provider: deps.providerName,
    providerLinkId: link.providerLinkId,
    url: link.url,
    amountCents: input.amountCents,
    expiresAt: link.expiresAt,
    idempotencyKey: input.idempotencyKey,
  });
  return { url: link.url, expiresAt: link.expiresAt.toISOString() };
}
