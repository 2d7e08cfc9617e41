import { and, asc, eq, sql } from 'drizzle-orm';
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

/** The audit action of a tenant override set aside at send time (the shipped text was sent). */
export const TEMPLATE_OVERRIDE_FAILED = 'template-override-failed';

/** How often an override was set aside at send time, per channel (served by the partial index). */
export async function templateFallbackCounts(db: Queryable): Promise<{ channel: string; count: number }[]> {
  const channel = sql<string>`coalesce(${auditLog.detail}->>'channel', 'unknown')`;
  return db
    .select({ channel, count: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(eq(auditLog.action, TEMPLATE_OVERRIDE_FAILED))
    .groupBy(channel);
}
