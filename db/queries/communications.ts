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

/**
 * The messages a batch of delivery reports names, with one query: by Settle's message ids and by the
 * provider's message ids (a report carries either or both).
 */
/** What the webhook processor needs of a message a delivery report names. */
export type NamedCommunication = Pick<
  CommunicationRow,
  'id' | 'tenantId' | 'invoiceId' | 'workflowId' | 'step' | 'providerMessageId' | 'statusHistory'
>;

/**
 * The messages with these ids or provider message ids. Each list is one array parameter, and the
 * rows are read as they come (a report batch names hundreds of messages: building a parameter per id
 * and mapping every column cost more than the query).
 */
export async function communicationsNamed(
  db: Queryable,
  params: { ids: readonly string[]; providerMessageIds: readonly string[] },
): Promise<NamedCommunication[]> {
  if (params.ids.length === 0 && params.providerMessageIds.length === 0) return [];
  const result = await db.execute<{
    id: string;
    tenant_id: string;
    invoice_id: string;
    workflow_id: string;
    step: string;
    provider_message_id: string | null;
    status_history: StatusChange[];
  }>(sql`
    select id, tenant_id, invoice_id, workflow_id, step, provider_message_id, status_history
      from communications
     where id = any(${sql.param([...params.ids])}::text[])
        or provider_message_id = any(${sql.param([...params.providerMessageIds])}::text[])`);
  return result.rows.map((row) => ({
    id: row.id,
    tenantId: row.tenant_id,
    invoiceId: row.invoice_id,
    workflowId: row.workflow_id,
    step: row.step,
    providerMessageId: row.provider_message_id,
    statusHistory: row.status_history,
  }));
}

/**
 * recordCommunicationStatus for many messages in one statement: each message's new statuses, in
 * received order, are appended with their `seq` (the entry's place in the history) unless the message
 * already has that status; the status moves only forward. The rows are locked and read fresh, so a
 * concurrent writer's entries count as already there. `entries` of one message must name distinct
 * statuses.
 */
export async function recordCommunicationStatuses(
  db: Queryable,
  changes: readonly { id: string; entries: readonly StatusChange[] }[],
): Promise<void> {
  if (changes.length === 0) return;
  const payload = JSON.stringify(
    changes.map((change) => ({
      id: change.id,
      entries: change.entries.map((entry) => ({
        status: entry.status,
        at: entry.at,
        ...(entry.detail ? { detail: entry.detail } : {}),
      })),
    })),
  );
  await db.execute(sql`
    with u as (
      select * from jsonb_to_recordset(${payload}::jsonb) as u(id text, entries jsonb)
    ), cur as (
      select c.id, c.status_history from communications c join u on u.id = c.id for update of c
    ), kept as (
      select cur.id, e.entry, row_number() over (partition by cur.id order by e.ord) as rn
        from cur join u on u.id = cur.id
        cross join lateral jsonb_array_elements(u.entries) with ordinality as e(entry, ord)
       where not exists (
         select 1 from jsonb_array_elements(cur.status_history) h where h->>'status' = e.entry->>'status')
    ), added as (
      select kept.id,
             jsonb_agg(kept.entry || jsonb_build_object('seq', jsonb_array_length(cur.status_history) + kept.rn - 1)
                       order by kept.rn) as entries,
             (array_agg(kept.entry->>'status'
                        order by array_position(${PROGRESS}::text[], kept.entry->>'status') desc nulls last))[1] as top
        from kept join cur on cur.id = kept.id
       group by kept.id, cur.status_history
    )
    update communications c
       set status_history = c.status_history || added.entries,
           -- Only forward: a late 'opened' must not overwrite 'clicked', nor anything a 'bounced'.
           status = case when array_position(${PROGRESS}::text[], added.top) > coalesce(array_position(${PROGRESS}::text[], c.status), 0)
                         then added.top else c.status end,
           updated_at = now()
      from added
     where c.id = added.id`);
}
