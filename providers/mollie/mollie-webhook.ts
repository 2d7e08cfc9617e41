// What Settle keeps of a Mollie webhook call (`id=tr_…` posted to the URL Settle gave the payment,
// whose signed `invoice` token names the invoice it was minted for) and under which key.

/** The invoice a verified URL token names: a hint, never a binding. */
interface InvoiceKey {
  tenantId: string;
  invoiceId: string;
}

/**
 * The stored event for a call: its id is the payment's, plus the invoice the URL names. Mollie calls
 * one URL per payment, so its re-notifications reopen one event; a post of that payment id to another
 * invoice's URL is an event of its own and can neither overwrite nor suppress the genuine one.
 */
export function mollieWebhookEvent(
  paymentId: string,
  token: string | undefined,
  hint: InvoiceKey | undefined,
): { providerEventId: string; rawBody: string } {
  const rawBody = new URLSearchParams({ id: paymentId, ...(token ? { invoice: token } : {}) }).toString();
  return { providerEventId: mollieWebhookEventId(paymentId, hint), rawBody };
}

/** The stored event id of a Mollie call for this payment to the URL of this invoice (or without one). */
export function mollieWebhookEventId(paymentId: string, hint: InvoiceKey | undefined): string {
  return hint ? `${paymentId}:${JSON.stringify([hint.tenantId, hint.invoiceId])}` : paymentId;
}
