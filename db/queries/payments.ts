import { and, asc, eq } from 'drizzle-orm';
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

export async function insertPaymentLink(
  db: Queryable,
  values: typeof paymentLinks.$inferInsert,
): Promise<void> {
  await db.insert(paymentLinks).values(values).onConflictDoNothing();
}

/** Records a payment once per (invoice, dedupe key); returns whether it was new. */
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
