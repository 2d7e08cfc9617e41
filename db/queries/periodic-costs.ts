// Collection costs charged on small periodic claims under the cap (workflows/policy/periodic-costs.ts):
// what the debtor's other terms at the same creditor bear, and what this term was granted.
import { and, between, eq, isNotNull, ne, sql } from 'drizzle-orm';
import type { IsoDate } from '../../workflows/domain.js';
import type { ChargedPeriodicCosts } from '../../workflows/policy/periodic-costs.js';
import type { Queryable } from '../client.js';
import { debtors, invoices } from '../schema.js';

/**
 * Serialises decisions on one debtor's terms until the transaction ends: two invoices whose costs fall
 * due at the same time must not both see the other's share as still free.
 */
export async function lockDebtorsPeriodicCosts(
  db: Queryable,
  tenantId: string,
  debtorId: string,
): Promise<void> {
  await db
    .select({ id: debtors.id })
    .from(debtors)
    .where(and(eq(debtors.tenantId, tenantId), eq(debtors.id, debtorId)))
    .for('update');
}

/** Costs charged under the cap on the debtor's other terms, falling due between `from` and `to` (inclusive). */
export async function periodicCostsChargedBetween(
  db: Queryable,
  params: { tenantId: string; debtorId: string; exceptInvoiceId: string; from: IsoDate; to: IsoDate },
): Promise<ChargedPeriodicCosts[]> {
  const rows = await db
    .select({ owedOn: invoices.periodicCostsOwedOn, cents: invoices.periodicCostsCents })
    .from(invoices)
    .where(
      and(
        eq(invoices.tenantId, params.tenantId),
        eq(invoices.debtorId, params.debtorId),
        ne(invoices.invoiceId, params.exceptInvoiceId),
        isNotNull(invoices.periodicCostsOwedOn),
        between(invoices.periodicCostsOwedOn, params.from, params.to),
      ),
    );
  return rows.map((row) => ({ owedOn: row.owedOn!, cents: row.cents ?? 0 }));
}

/** What this term was granted under the cap, if anything was decided yet. */
export async function periodicCostsOf(
  db: Queryable,
  tenantId: string,
  invoiceId: string,
): Promise<ChargedPeriodicCosts | undefined> {
  const rows = await db
    .select({ owedOn: invoices.periodicCostsOwedOn, cents: invoices.periodicCostsCents })
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.invoiceId, invoiceId)))
    .limit(1);
  const row = rows[0];
  return row?.owedOn ? { owedOn: row.owedOn, cents: row.cents ?? 0 } : undefined;
}

export async function recordPeriodicCosts(
  db: Queryable,
  params: { tenantId: string; invoiceId: string } & ChargedPeriodicCosts,
): Promise<void> {
  await db
    .update(invoices)
    .set({ periodicCostsOwedOn: params.owedOn, periodicCostsCents: params.cents, updatedAt: sql`now()` })
    .where(and(eq(invoices.tenantId, params.tenantId), eq(invoices.invoiceId, params.invoiceId)));
}
