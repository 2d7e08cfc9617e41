// A debtor's past payments at this creditor: imported ones (debtor_payment_history) and Settle's own
// (payments on the debtor's invoices), for the learned payday.
import { sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { debtorPaymentHistory } from '../schema.js';

export interface ImportedPayment {
  debtorId: string;
  externalId: string;
  paidOn: string;
  amountCents: number | null;
}

/** Rows per INSERT: 5 parameters each, far below PostgreSQL's 65,535. */
const INSERT_CHUNK = 1000;

/** Stores imported payments once per (debtor, id); returns how many were new. */
export async function insertImportedPayments(
  db: Queryable,
  params: { tenantId: string; payments: readonly ImportedPayment[] },
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < params.payments.length; i += INSERT_CHUNK) {
    const chunk = params.payments.slice(i, i + INSERT_CHUNK);
    const rows = await db
      .insert(debtorPaymentHistory)
      .values(chunk.map((p) => ({ tenantId: params.tenantId, source: 'import' as const, ...p })))
      .onConflictDoNothing()
      .returning({ externalId: debtorPaymentHistory.externalId });
    inserted += rows.length;
  }
  return inserted;
}

/** How many history rows are not enough and how many are plenty: the policy reads the latest 24 days. */
const HISTORY_LIMIT = 500;

/**
 * The debtor's payment days, newest first: imports, and Settle's own payments (PSP and manual, not
 * chargebacks) on the debtor's invoices, dated in Europe/Amsterdam.
 */
export async function pastPaymentsOfDebtor(
  db: Queryable,
  params: { tenantId: string; debtorId: string },
): Promise<{ paidOn: string; amountCents: number | null }[]> {
  const result = await db.execute<{ paid_on: string; amount_cents: string | null }>(sql`
    select paid_on::text as paid_on, amount_cents::text as amount_cents from (
      select h.paid_on, h.amount_cents
        from debtor_payment_history h
       where h.tenant_id = ${params.tenantId} and h.debtor_id = ${params.debtorId}
      union all
      select (p.paid_at at time zone 'Europe/Amsterdam')::date, p.amount_cents
        from payments p
        join invoices i on i.tenant_id = p.tenant_id and i.invoice_id = p.invoice_id
       where p.tenant_id = ${params.tenantId} and i.debtor_id = ${params.debtorId}
         and p.source in ('psp', 'manual')
    ) all_payments
    order by paid_on desc
    limit ${HISTORY_LIMIT}`);
  return result.rows.map((r) => ({
    paidOn: r.paid_on,
    amountCents: r.amount_cents === null ? null : Number(r.amount_cents),
  }));
}
