import { and, asc, eq, gt, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Amounts, DunningState } from '../../workflows/dunning-types.js';
import type { Queryable } from '../client.js';
import { invoices, type ReopenedCollection } from '../schema.js';

export type InvoiceRow = typeof invoices.$inferSelect;
export type NewInvoice = typeof invoices.$inferInsert;

/** Inserts the invoice unless it exists; returns the stored row either way and whether it is new. */
export async function insertInvoice(
  db: Queryable,
  values: NewInvoice,
): Promise<{ row: InvoiceRow; created: boolean }> {
  const inserted = await db.insert(invoices).values(values).onConflictDoNothing().returning();
  if (inserted[0]) return { row: inserted[0], created: true };
  const existing = await getInvoice(db, values.tenantId, values.invoiceId);
  if (!existing) throw new Error('invoice vanished between insert and select');
  return { row: existing, created: false };
}

const invoiceByKeyQuery = (db: Queryable) =>
  db
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.tenantId, sql.placeholder('tenantId')),
        eq(invoices.invoiceId, sql.placeholder('invoiceId')),
      ),
    )
    .limit(1)
    .prepare('settle_invoice_by_key');
/**
 * The read path's one query, built once per database handle (or transaction) and run as a named
 * statement: building a 40-column select on every GET cost more CPU than the read itself.
 */
const invoiceByKey = new WeakMap<Queryable, ReturnType<typeof invoiceByKeyQuery>>();

export async function getInvoice(
  db: Queryable,
  tenantId: string,
  invoiceId: string,
): Promise<InvoiceRow | undefined> {
  let query = invoiceByKey.get(db);
  if (!query) {
    query = invoiceByKeyQuery(db);
    invoiceByKey.set(db, query);
  }
  const rows = await query.execute({ tenantId, invoiceId });
  return rows[0];
}

export async function getInvoiceByWorkflowId(
  db: Queryable,
  workflowId: string,
): Promise<InvoiceRow | undefined> {
  const rows = await db.select().from(invoices).where(eq(invoices.workflowId, workflowId)).limit(1);
  return rows[0];
}

export interface InvoiceFilter {
  tenantId: string;
  status?: string;
  stage?: string;
  debtorId?: string;
  /** Keyset pagination: invoice ids after this one. */
  after?: string;
  limit: number;
}

export async function listInvoices(db: Queryable, filter: InvoiceFilter): Promise<InvoiceRow[]> {
  const conditions: SQL[] = [eq(invoices.tenantId, filter.tenantId)];
  if (filter.status) conditions.push(eq(invoices.status, filter.status));
  if (filter.stage) conditions.push(eq(invoices.stage, filter.stage));
  if (filter.debtorId) conditions.push(eq(invoices.debtorId, filter.debtorId));
  if (filter.after) conditions.push(gt(invoices.invoiceId, filter.after));
  return db
    .select()
    .from(invoices)
    .where(and(...conditions))
    .orderBy(asc(invoices.invoiceId))
    .limit(filter.limit);
}

export async function openInvoicesOfDebtor(
  db: Queryable,
  tenantId: string,
  debtorId: string,
): Promise<InvoiceRow[]> {
  return db
    .select()
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.debtorId, debtorId), isNull(invoices.closedAt)));
}

export type InvoiceMirror = Pick<
  InvoiceRow,
  | 'status'
  | 'stage'
  | 'amountDueCents'
  | 'paidCents'
  | 'costsCents'
  | 'interestCents'
  | 'amountParts'
  | 'nextActionAt'
  | 'nextAction'
  | 'paymentUrl'
  | 'directDebit'
  | 'closedAt'
>;

/** The invoice row's mirror of a workflow state (`closedAt`: when it closed, null while open). */
export function invoiceMirrorOf(state: DunningState, due: Amounts, closedAt: Date | null): InvoiceMirror {
  return {
    status: state.status,
    stage: state.stage,
    amountDueCents: due.dueCents,
    paidCents: due.paidCents,
    costsCents: due.costsCents,
    interestCents: due.interestCents,
    amountParts: due.parts,
    nextActionAt: state.nextAction ? new Date(state.nextAction.at) : null,
    nextAction: state.nextAction?.kind ?? null,
    paymentUrl: state.paymentLink?.url ?? null,
    directDebit: state.directDebit ?? null,
    closedAt,
  };
}

/**
 * The first snapshot, stored with a new invoice before its workflow starts: written at version 0, so
 * only while no write of the workflow is there (each has a higher version), and it stays at 0.
 */
export async function storeFirstMirror(
  db: Queryable,
  workflowId: string,
  mirror: InvoiceMirror,
): Promise<boolean> {
  const written = await db
    .update(invoices)
    .set({ ...mirror, updatedAt: sql`now()` })
    .where(and(eq(invoices.workflowId, workflowId), eq(invoices.mirrorVersion, 0)))
    .returning({ workflowId: invoices.workflowId });
  return written.length > 0;
}

/**
 * Writes the workflow's state into the invoice's row (the API's read model) unless a newer write is
 * there already: `version` grows with every write of the workflow, so a retried or delayed older
 * write changes nothing. Returns whether it was written.
 */
export async function updateInvoiceMirror(
  db: Queryable,
  workflowId: string,
  mirror: InvoiceMirror,
  version: number,
): Promise<boolean> {
  const written = await db
    .update(invoices)
    .set({ ...mirror, mirrorVersion: version, updatedAt: sql`now()` })
    .where(and(eq(invoices.workflowId, workflowId), lt(invoices.mirrorVersion, version)))
    .returning({ workflowId: invoices.workflowId });
  return written.length > 0;
}

/**
 * Closes the row of an invoice whose run ended outside its own steps (terminated, cancelled, failed
 * or timed out in Temporal): cancelled, nothing planned. Returns the invoice when it was still open.
 */
export async function closeInvoiceOfEndedRun(
  db: Queryable,
  workflowId: string,
): Promise<{ tenantId: string; invoiceId: string } | undefined> {
  const rows = await db
    .update(invoices)
    .set({ status: 'cancelled', nextActionAt: null, closedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(invoices.workflowId, workflowId), isNull(invoices.closedAt)))
    .returning({ tenantId: invoices.tenantId, invoiceId: invoices.invoiceId });
  return rows[0];
}

/** Whether a reopening for this reversed payment was already recorded (its workflow run started). */
export function isReopenedBy(row: InvoiceRow, paymentId: string): boolean {
  return row.reopenedCollections.some((entry) => entry.paymentId === paymentId);
}

/** Records a reopening once per reversed payment; returns false when it was already recorded. */
export async function recordReopenedCollection(
  db: Queryable,
  key: { tenantId: string; invoiceId: string },
  entry: ReopenedCollection,
): Promise<boolean> {
  const rows = await db
    .update(invoices)
    .set({
      reopenedCollections: sql`${invoices.reopenedCollections} || ${JSON.stringify([entry])}::jsonb`,
      // Open again until the new run's first sync writes its own state.
      status: 'open',
      closedAt: null,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(invoices.tenantId, key.tenantId),
        eq(invoices.invoiceId, key.invoiceId),
        sql`not ${invoices.reopenedCollections} @> ${JSON.stringify([{ paymentId: entry.paymentId }])}::jsonb`,
      ),
    )
    .returning({ invoiceId: invoices.invoiceId });
  return rows.length > 0;
}

/** The policy ids of several invoices with one query, keyed `tenantId + '\n' + invoiceId`. */
export async function policyIdsOfInvoices(
  db: Queryable,
  keys: readonly { tenantId: string; invoiceId: string }[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({ tenantId: invoices.tenantId, invoiceId: invoices.invoiceId, policyId: invoices.policyId })
    .from(invoices)
    .where(
      sql`(${invoices.tenantId}, ${invoices.invoiceId}) in (select * from unnest(${sql.param(keys.map((k) => k.tenantId))}::text[], ${sql.param(keys.map((k) => k.invoiceId))}::text[]))`,
    );
  return new Map(rows.map((row) => [invoiceKeyOf(row), row.policyId]));
}

export const invoiceKeyOf = (key: { tenantId: string; invoiceId: string }): string =>
  `${key.tenantId}\n${key.invoiceId}`;
