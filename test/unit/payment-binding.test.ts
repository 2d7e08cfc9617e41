// The rules that bind a verified PSP payment to an invoice, one case per rule, over in-memory
// records (the API tests run the same function against PostgreSQL and the PSPs).
import { describe, expect, it } from 'vitest';
import { type BindingLookups, bindPayment, type InvoiceKey } from '../../api/webhooks/payment-binding.js';
import type { PspPayment } from '../../providers/types.js';

const A: InvoiceKey = { tenantId: 'tenant-a', invoiceId: 'INV-1' };
const A2: InvoiceKey = { tenantId: 'tenant-a', invoiceId: 'INV-2' }; // another debtor of tenant A
const B: InvoiceKey = { tenantId: 'tenant-b', invoiceId: 'INV-1' };

const links: Record<string, InvoiceKey> = { pl_a: A, pl_a2: A2, pl_b: B };
const debtors: Record<string, string> = {
  'tenant-a/INV-1': 'D-1',
  'tenant-a/INV-2': 'D-2',
  'tenant-b/INV-1': 'D-1',
};
const customers: Record<string, { tenantId: string; debtorId: string }> = {
  cst_a1: { tenantId: 'tenant-a', debtorId: 'D-1' },
  cst_a2: { tenantId: 'tenant-a', debtorId: 'D-2' },
  cst_b1: { tenantId: 'tenant-b', debtorId: 'D-1' },
};
/** What the PSP lists under each link (for payments that do not name theirs). */
const listed: Record<string, string[]> = { pl_a: ['tr_unnamed'], pl_b: [] };

const lookups: BindingLookups = {
  linkOwner: async (id) => links[id],
  linksOfInvoice: async (invoice) =>
    Object.entries(links)
      .filter(([, owner]) => owner.tenantId === invoice.tenantId && owner.invoiceId === invoice.invoiceId)
      .map(([id]) => id),
  paymentBelongsToLink: async (paymentId, linkId) => (listed[linkId] ?? []).includes(paymentId),
  customerOwner: async (id) => customers[id],
  invoiceDebtor: async (invoice) => debtors[`${invoice.tenantId}/${invoice.invoiceId}`],
};

const paid = (fields: Partial<PspPayment>): PspPayment => ({
  providerPaymentId: 'tr_x',
  status: 'paid',
  amountCents: 100,
  currency: 'EUR',
  ...fields,
});
const firstPayment = (customer: string, metadata?: PspPayment['metadata']) =>
  paid({ sequenceType: 'first', providerCustomerId: customer, providerMandateId: 'mdt_1', metadata });

describe('bindPayment', () => {
  it.each([
    ['a link payment, to the invoice of its link', paid({ providerLinkId: 'pl_a' }), undefined, A],
    ['… the URL naming that invoice', paid({ providerLinkId: 'pl_a' }), A, A],
    ['a first payment of the invoice’s debtor, by its metadata', firstPayment('cst_a1', A), A, A],
    [
      'a collection of the invoice’s debtor',
      paid({ sequenceType: 'recurring', providerCustomerId: 'cst_a2', metadata: A2 }),
      undefined,
      A2,
    ],
    [
      'an unnamed link payment the PSP lists under a link of the URL’s invoice',
      paid({ providerPaymentId: 'tr_unnamed' }),
      A,
      A,
    ],
  ])('binds %s', async (_, payment, hint, expected) => {
    expect(await bindPayment(payment, hint, lookups)).toEqual({ bound: expected });
  });

  it.each([
    [
      'a link payment posted to another tenant’s invoice URL',
      paid({ providerLinkId: 'pl_a' }),
      B,
      'the webhook URL names another invoice than the payment',
    ],
    [
      'a payment through a link Settle never minted',
      paid({ providerLinkId: 'pl_other' }),
      A,
      'the payment link is not one Settle minted',
    ],
    [
      'a first payment posted to another tenant’s invoice URL',
      firstPayment('cst_a1', A),
      B,
      'the webhook URL names another invoice than the payment',
    ],
    [
      'a first payment whose metadata names another debtor’s invoice',
      firstPayment('cst_a1', A2),
      A2,
      "the payment's PSP customer is not the one Settle created for this invoice's debtor",
    ],
    [
      'a first payment on another tenant’s customer of a debtor with the same id',
      firstPayment('cst_b1', A),
      A,
      "the payment's PSP customer is not the one Settle created for this invoice's debtor",
    ],
    [
      'a first payment on a customer Settle never created',
      firstPayment('cst_unknown', A),
      A,
      "the payment's PSP customer is not the one Settle created for this invoice's debtor",
    ],
    [
      'a first payment without metadata',
      firstPayment('cst_a1'),
      A,
      'the direct-debit payment carries no invoice metadata',
    ],
    [
      'a first payment whose metadata names no invoice Settle holds',
      firstPayment('cst_a1', { tenantId: 'tenant-a', invoiceId: 'INV-404' }),
      undefined,
      'the payment metadata names no invoice of Settle',
    ],
    [
      'an unnamed link payment the PSP does not list under the URL’s invoice’s links',
      paid({ providerPaymentId: 'tr_unnamed' }),
      B,
      "the payment was not made through any of this invoice's payment links",
    ],
    [
      'an unnamed payment posted without an invoice URL',
      paid({ providerPaymentId: 'tr_unnamed' }),
      undefined,
      'the payment names no payment link of Settle',
    ],
  ])('refuses %s', async (_, payment, hint, reason) => {
    const binding = await bindPayment(payment, hint, lookups);
    expect(binding).toMatchObject({ rejected: reason });
  });

  it('without a way to ask the PSP, binds an unnamed payment nowhere', async () => {
    const { paymentBelongsToLink: _, ...withoutListing } = lookups;
    expect(await bindPayment(paid({ providerPaymentId: 'tr_unnamed' }), A, withoutListing)).toMatchObject({
      rejected: 'the payment names no payment link of Settle',
    });
  });

  it('names the invoice the URL aimed at, for its audit trail', async () => {
    expect(await bindPayment(firstPayment('cst_a1', A), B, lookups)).toMatchObject({ named: B });
  });
});
