// Which invoice a verified PSP payment may be credited to. Anyone can post any payment id to any
// webhook URL, so the invoice comes from the payment's own facts as fetched back from the PSP,
// checked against what Settle itself minted: the payment link it was made through (payment_links),
// or, for the direct-debit payments Settle creates, the metadata Settle wrote and the PSP customer
// Settle created for that invoice's debtor (psp_customers). The signed token in the webhook URL is
// only a hint: it never chooses the invoice, and a payment whose facts name another invoice than
// the URL does is not credited at all.
import type { PspPayment } from '../../providers/types.js';

export interface InvoiceKey {
  tenantId: string;
  invoiceId: string;
}

/** Settle's own records, and the PSP's answer for payments that do not name their link. */
export interface BindingLookups {
  /** The invoice Settle minted this payment link for. */
  linkOwner(providerLinkId: string): Promise<InvoiceKey | undefined>;
  /** The payment links Settle minted for an invoice. */
  linksOfInvoice(invoice: InvoiceKey): Promise<string[]>;
  /** Whether the PSP lists the payment under the link; absent when every payment names its link. */
  paymentBelongsToLink?: (providerPaymentId: string, providerLinkId: string) => Promise<boolean>;
  /** The tenant and debtor Settle created this PSP customer for. */
  customerOwner(providerCustomerId: string): Promise<{ tenantId: string; debtorId: string } | undefined>;
  /** The debtor of an invoice Settle holds. */
  invoiceDebtor(invoice: InvoiceKey): Promise<string | undefined>;
}

export type Binding =
  | { bound: InvoiceKey }
  /** `named`: the invoice the URL (or the payment's metadata) pointed at, for the audit trail. */
  | { rejected: string; named?: InvoiceKey };

const sameInvoice = (a: InvoiceKey, b: InvoiceKey) =>
  a.tenantId === b.tenantId && a.invoiceId === b.invoiceId;

/**
 * The invoice the payment's verified facts name, or why it has none. `hint` is the invoice named by
 * the (signature-checked) token of the webhook URL the payment id was posted to, if any.
 */
export async function bindPayment(
  payment: PspPayment,
  hint: InvoiceKey | undefined,
  lookups: BindingLookups,
): Promise<Binding> {
  const facts = await invoiceFromFacts(payment, hint, lookups);
  if ('rejected' in facts) return facts;
  if (hint && !sameInvoice(hint, facts.bound))
    return { rejected: 'the webhook URL names another invoice than the payment', named: hint };
  return facts;
}

async function invoiceFromFacts(
  payment: PspPayment,
  hint: InvoiceKey | undefined,
  lookups: BindingLookups,
): Promise<Binding> {
  const named = hint ? { named: hint } : {};
  if (payment.providerLinkId) {
    const owner = await lookups.linkOwner(payment.providerLinkId);
    return owner ? { bound: owner } : { rejected: 'the payment link is not one Settle minted', ...named };
  }
  if (payment.sequenceType === 'first' || payment.sequenceType === 'recurring')
    return directDebitInvoice(payment, hint, lookups);
  // A payment that does not name its link (Mollie's Payment object may not): it counts only for a
  // link Settle minted for the invoice the URL names, and only if the PSP lists it under that link.
  if (!hint || !lookups.paymentBelongsToLink)
    return { rejected: 'the payment names no payment link of Settle', ...named };
  for (const linkId of await lookups.linksOfInvoice(hint))
    if (await lookups.paymentBelongsToLink(payment.providerPaymentId, linkId)) return { bound: hint };
  return { rejected: "the payment was not made through any of this invoice's payment links", ...named };
}

/**
 * First payments and collections are created by Settle with tenant and invoice as metadata, on the
 * PSP customer Settle created for the invoice's debtor: both must hold, so that a mandate (and the
 * money of a collection on it) only ever serves the debtor whose bank account it draws on.
 */
async function directDebitInvoice(
  payment: PspPayment,
  hint: InvoiceKey | undefined,
  lookups: BindingLookups,
): Promise<Binding> {
  const { tenantId, invoiceId } = payment.metadata ?? {};
  if (!tenantId || !invoiceId)
    return {
      rejected: 'the direct-debit payment carries no invoice metadata',
      ...(hint ? { named: hint } : {}),
    };
  const invoice = { tenantId, invoiceId };
  const [debtorId, customer] = await Promise.all([
    lookups.invoiceDebtor(invoice),
    payment.providerCustomerId ? lookups.customerOwner(payment.providerCustomerId) : undefined,
  ]);
  if (!debtorId)
    return { rejected: 'the payment metadata names no invoice of Settle', named: hint ?? invoice };
  if (customer?.tenantId !== tenantId || customer.debtorId !== debtorId)
    return {
      rejected: "the payment's PSP customer is not the one Settle created for this invoice's debtor",
      named: hint ?? invoice,
    };
  return { bound: invoice };
}
