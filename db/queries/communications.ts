import { and, asc, eq, sql } from 'drizzle-orm';
import { DELIVERY_PROGRESS } from '../../workflows/domain.js';
import type { Queryable } from '../client.js';
import { communications, type StatusChange } from '../schema.js';

export type { StatusChange };

const PROGRESS = `{${DELIVERY_PROGRESS.join(',')}}`;

export type CommunicationRow = typeof communications.$inferSelect;

export async function getCommunication(db: Queryable, id: string): Promise<CommunicationRow | undefined> {
  const rows = await db.select().from(communications).where(eq(communications.id, id)).limit(1);
  return rows[0];
}

/** Creates the row for a send about to happen; a retry finds the row already there. */
export async function insertQueuedCommunication(
  db: Queryable,
  values: Omit<typeof communications.$inferInsert, 'status' | 'statusHistory' | 'createdAt' | 'updatedAt'>,
): Promise<void> {
  await db
    .insert(communications)
    .values({
      ...values,
      status: 'queued',
      statusHistory: [{ status: 'queued', at: new Date().toISOString(), seq: 0 }],
    })
    .onConflictDoNothing();
}

/**
 * Appends a status with its received order (`seq`, the entry's place in the history); a status the
 * message already had is not recorded twice.
 */
export async function recordCommunicationStatus(
  db: Queryable,
  id: string,
  change: StatusChange & { providerMessageId?: string },
): Promise<CommunicationRow | undefined> {
  const entry = JSON.stringify({
    status: change.status,
    at: change.at,
    ...(change.detail ? { detail: change.detail } : {}),
  });
  const rows = await db
    .update(communications)
    .set({
      // Only forward: a late 'opened' must not overwrite 'clicked', nor anything a 'bounced'.
      status: sql`case when array_position(${PROGRESS}::text[], ${change.status}::text) > coalesce(array_position(${PROGRESS}::text[], ${communications.status}), 0) then ${change.status} else ${communications.status} end`,
      statusHistory: sql`${communications.statusHistory} || jsonb_build_array(${entry}::jsonb || jsonb_build_object('seq', jsonb_array_length(${communications.statusHistory})))`,
      ...(change.providerMessageId ? { providerMessageId: change.providerMessageId } : {}),
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(communications.id, id),
        sql`not exists (select 1 from jsonb_array_elements(${communications.statusHistory}) e where e->>'status' = ${change.status})`,
      ),
    )
    .returning();
  return rows[0];
}

export async function communicationsOfInvoice(db: Queryable, tenantId: string, invoiceId: string) {
  return db
    .select()
    .from(communications)
    .where(and(eq(communications.tenantId, tenantId), eq(communications.invoiceId, invoiceId)))
    .orderBy(asc(communications.createdAt));
}

export async function communicationByProviderId(db: Queryable, providerMessageId: string) {
  const rows = await db
    .select()
    .from(communications)
    .where(eq(communications.providerMessageId, providerMessageId))
    .limit(1);
  return rows[0];
}
