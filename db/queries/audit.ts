import { and, asc, eq } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { auditLog } from '../schema.js';

export interface AuditEntry {
  tenantId: string;
  invoiceId?: string;
  actor: string;
  action: string;
  /** Set for entries written by retried code: the entry is written once. */
  dedupeKey?: string;
  detail?: Record<string, unknown>;
}

export async function audit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry).onConflictDoNothing();
}

export async function auditTrail(db: Queryable, tenantId: string, invoiceId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.invoiceId, invoiceId)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
}
