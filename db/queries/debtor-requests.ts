import { randomBytes } from 'node:crypto';
import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { debtorRequests } from '../schema.js';

export type DebtorRequestRow = typeof debtorRequests.$inferSelect;
export type DebtorRequestKind = DebtorRequestRow['kind'];

/** `dr_` + creation time + randomness: ids sort by creation, so they serve as the list's cursor. */
export const DEBTOR_REQUEST_ID = /^dr_[0-9a-f]{12}[0-9a-f]{10}$/;

export function newDebtorRequestId(now = new Date()): string {
  return `dr_${now.getTime().toString(16).padStart(12, '0')}${randomBytes(5).toString('hex')}`;
}

/** Stores the request with its webhook to the creditor due at once (the outbox row is the request). */
export async function insertDebtorRequest(
  db: Queryable,
  values: { id: string; tenantId: string; invoiceId: string; kind: DebtorRequestKind; message: string },
): Promise<DebtorRequestRow> {
  const [row] = await db
    .insert(debtorRequests)
    .values({ ...values, notifyDueAt: sql`now()` })
    .returning();
  return row!;
}

export async function getDebtorRequest(
  db: Queryable,
  tenantId: string,
  id: string,
): Promise<DebtorRequestRow | undefined> {
  const rows = await db
    .select()
    .from(debtorRequests)
    .where(and(eq(debtorRequests.tenantId, tenantId), eq(debtorRequests.id, id)))
    .limit(1);
  return rows[0];
}

export async function debtorRequestsOfInvoice(
  db: Queryable,
  tenantId: string,
  invoiceId: string,
): Promise<DebtorRequestRow[]> {
  return db
    .select()
    .from(debtorRequests)
    .where(and(eq(debtorRequests.tenantId, tenantId), eq(debtorRequests.invoiceId, invoiceId)))
    .orderBy(asc(debtorRequests.id));
}

/** A page of the tenant's requests, oldest first, after the cursor id. */
export async function listDebtorRequests(
  db: Queryable,
  params: { tenantId: string; status?: DebtorRequestRow['status']; after?: string; limit: number },
): Promise<DebtorRequestRow[]> {
  return db
    .select()
    .from(debtorRequests)
    .where(
      and(
        eq(debtorRequests.tenantId, params.tenantId),
        params.status ? eq(debtorRequests.status, params.status) : undefined,
        params.after ? gt(debtorRequests.id, params.after) : undefined,
      ),
    )
    .orderBy(asc(debtorRequests.id))
    .limit(params.limit);
}

/** Marks the request resolved (a repeat keeps the first moment); undefined when the tenant has no such request. */
export async function resolveDebtorRequest(
  db: Queryable,
  tenantId: string,
  id: string,
): Promise<DebtorRequestRow | undefined> {
  await db
    .update(debtorRequests)
    .set({ status: 'resolved', resolvedAt: sql`now()` })
    .where(
      and(
        eq(debtorRequests.tenantId, tenantId),
        eq(debtorRequests.id, id),
        eq(debtorRequests.status, 'open'),
      ),
    );
  return getDebtorRequest(db, tenantId, id);
}

/** The invoice's dispute was resolved: so are the debtor's open dispute requests on it. */
export async function resolveOpenDisputeRequests(
  db: Queryable,
  tenantId: string,
  invoiceId: string,
): Promise<void> {
  await db
    .update(debtorRequests)
    .set({ status: 'resolved', resolvedAt: sql`now()` })
    .where(
      and(
        eq(debtorRequests.tenantId, tenantId),
        eq(debtorRequests.invoiceId, invoiceId),
        eq(debtorRequests.kind, 'dispute'),
        eq(debtorRequests.status, 'open'),
      ),
    );
}

/**
 * Claims due webhooks: safe with any number of senders (`FOR UPDATE SKIP LOCKED`), and the claim pushes
 * the due time out by a lease, so a sender that dies mid-post leaves its claims due again.
 */
export async function claimDueNotifications(
  db: Queryable,
  params: { limit: number; leaseMs: number },
): Promise<DebtorRequestRow[]> {
  const due = db
    .select({ id: debtorRequests.id })
    .from(debtorRequests)
    .where(and(lte(debtorRequests.notifyDueAt, sql`now()`), isNull(debtorRequests.notifiedAt)))
    .orderBy(asc(debtorRequests.notifyDueAt))
    .limit(params.limit)
    .for('update', { skipLocked: true });
  return db
    .update(debtorRequests)
    .set({
      notifyDueAt: sql`now() + ${params.leaseMs}::double precision * interval '1 millisecond'`,
      notifyAttempts: sql`${debtorRequests.notifyAttempts} + 1`,
    })
    .where(inArray(debtorRequests.id, due))
    .returning();
}

export async function markNotified(db: Queryable, id: string): Promise<void> {
  await db
    .update(debtorRequests)
    .set({ notifiedAt: sql`now()`, notifyDueAt: null, notifyError: null })
    .where(and(eq(debtorRequests.id, id), isNull(debtorRequests.notifiedAt)));
}

/** A failed attempt: due again after `retryInMs`, or (null) given up with the reason kept. */
export async function markNotifyFailed(
  db: Queryable,
  id: string,
  failure: { error: string; retryInMs: number | null },
): Promise<void> {
  await db
    .update(debtorRequests)
    .set({
      notifyDueAt:
        failure.retryInMs === null
          ? null
          : sql`now() + ${failure.retryInMs}::double precision * interval '1 millisecond'`,
      notifyError: failure.error,
    })
    .where(and(eq(debtorRequests.id, id), isNull(debtorRequests.notifiedAt)));
}
