import { and, asc, desc, eq } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { paymentLinks, payments } from '../schema.js';

export type PaymentLinkRow = typeof paymentLinks.$inferSelect;

export async function paymentLinkByKey(
  db: Queryable,
  idempotencyKey: string,
): Promise<PaymentLinkRow | undefined> {
  const rows = await db
    .select()
    .from(paymentLinks)
    .where(eq(paymentLinks.idempotencyKey, idempotencyKey))
    .limit(1);
  return rows[0];
}

export async function paymentLinkByProviderId(
  db: Queryable,
  providerLinkId: string,
): Promise<PaymentLinkRow | undefined> {
  const rows = await db
    .select()
    .from(paymentLinks)
    .where(eq(paymentLinks.providerLinkId, providerLinkId))
    .limit(1);
  return rows[0];
}

/** One of the invoice's links by its URL (the workflow's current link, as its status names it). */
export async function paymentLinkOfInvoiceByUrl(
  db: Queryable,
  params: { tenantId: string; invoiceId: string; url: string },
): Promise<PaymentLinkRow | undefined> {
  const rows = await db
    .select()
    .from(paymentLinks)
    .where(
      and(
        eq(paymentLinks.tenantId, params.tenantId),
        eq(paymentLinks.invoiceId, params.invoiceId),
        eq(paymentLinks.url, params.url),
      ),
    )
    .limit(1);
  return rows[0];
}

/** The payment links Settle minted for an invoice, newest first. */
export async function paymentLinkIdsOfInvoice(
  db: Queryable,
  tenantId: string,
  invoiceId: string,
): Promise<string[]> {
  const rows = await db
    .select({ id: paymentLinks.providerLinkId })
    .from(paymentLinks)
    .where(and(eq(paymentLinks.tenantId, tenantId), eq(paymentLinks.invoiceId, invoiceId)))
    .orderBy(desc(paymentLinks.createdAt));
  return rows.map((row) => row.id);
}

export async function insertPaymentLink(
  db: Queryable,
  values: typeof paymentLinks.$inferInsert,
): Promise<void> {
  await db.insert(paymentLinks).values(values).onConflictDoNothing();
}

/**
 * Records a payment once per (invoice, dedupe key) — a PSP payment (source `psp`) once across all
 * invoices and tenants; returns whether it was new.
 */
export async function insertPayment(db: Queryable, values: typeof payments.$inferInsert): Promise<boolean> {
  const rows = await db.insert(payments).values(values).onConflictDoNothing().returning({ id: payments.id });
  return rows.length > 0;
}

export async function paymentsOfInvoice(db: Queryable, tenantId: string, invoiceId: string) {
  return db
    .select()
    .from(payments)
    .where(and(eq(payments.tenantId, tenantId), eq(payments.invoiceId, invoiceId)))
    .orderBy(asc(payments.paidAt));
}

/** The invoice a PSP payment was credited to, if it was (once across all invoices, by index). */
export async function invoiceCreditedWith(
  db: Queryable,
  dedupeKey: string,
): Promise<{ tenantId: string; invoiceId: string } | undefined> {
  const [row] = await db
    .select({ tenantId: payments.tenantId, invoiceId: payments.invoiceId })
    .from(payments)
    .where(and(eq(payments.source, 'psp'), eq(payments.dedupeKey, dedupeKey)))
    .limit(1);
  return row;
}
