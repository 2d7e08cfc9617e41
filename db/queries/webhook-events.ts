import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { webhookEvents } from '../schema.js';

export type WebhookEventRow = typeof webhookEvents.$inferSelect;

/** Rows per INSERT: three parameters each, far below PostgreSQL's limit of 65,535 per statement. */
export const WEBHOOK_STORE_CHUNK = 1000;

export interface InboundWebhookEvent {
  providerEventId: string;
  rawBody: string;
}

/**
 * Stores a request's inbound events before anything acts on them, with one multi-row
 * `INSERT … ON CONFLICT DO NOTHING RETURNING` (per chunk of WEBHOOK_STORE_CHUNK; several chunks in
 * one transaction, so a failure stores none of them). Returns the rows to process, in request
 * order: each newly stored event once — an event repeated within the request counts once (its
 * first occurrence is kept), and duplicates already stored are left out. `reopen` lets a
 * re-notification (Mollie sends the same payment id on every status change) be processed again:
 * an event already stored is set back to `received` with the new body and returned too.
 */
export async function storeWebhookEvents(
  db: Queryable,
  params: { provider: string; events: readonly InboundWebhookEvent[]; reopen?: boolean },
): Promise<WebhookEventRow[]> {
  const distinct = new Map<string, InboundWebhookEvent>();
  for (const event of params.events)
    if (!distinct.has(event.providerEventId)) distinct.set(event.providerEventId, event);
  const events = [...distinct.values()];
  if (events.length === 0) return [];
  const chunks: InboundWebhookEvent[][] = [];
  for (let i = 0; i < events.length; i += WEBHOOK_STORE_CHUNK)
    chunks.push(events.slice(i, i + WEBHOOK_STORE_CHUNK));
  const storeChunks = async (q: Queryable) => {
    const rows: WebhookEventRow[] = [];
    for (const chunk of chunks) rows.push(...(await storeChunk(q, params.provider, chunk, params.reopen)));
    return rows;
  };
  const rows = chunks.length > 1 ? await db.transaction((tx) => storeChunks(tx)) : await storeChunks(db);
  const order = new Map(events.map((event, i) => [event.providerEventId, i]));
  return rows.sort((a, b) => order.get(a.providerEventId)! - order.get(b.providerEventId)!);
}

async function storeChunk(
  db: Queryable,
  provider: string,
  events: InboundWebhookEvent[],
  reopen = false,
): Promise<WebhookEventRow[]> {
  // Two parameters in all, the events as one JSON array of [id, body] pairs: building and sending the
  // statement costs the same for any batch size, and JSON.stringify escapes the bodies at a third of
  // the cost of a text[] parameter. The bodies are not sent back, the request has them.
  const pairs = JSON.stringify(events.map((event) => [event.providerEventId, event.rawBody]));
  // The time as epoch milliseconds: parsing a timestamptz per row cost more than the rest of the answer.
  const result = await db.execute<{
    id: string | number;
    provider_event_id: string;
    received_ms: number;
  }>(sql`
    insert into webhook_events (provider, provider_event_id, raw_body)
    select ${provider}, e->>0, e->>1 from json_array_elements(${pairs}::json) as e
    on conflict do nothing
    returning id, provider_event_id, extract(epoch from received_at)::float8 * 1000 as received_ms`);
  const bodies = new Map(events.map((event) => [event.providerEventId, event.rawBody]));
  const inserted: WebhookEventRow[] = result.rows.map((row) => ({
    id: Number(row.id),
    provider,
    providerEventId: row.provider_event_id,
    rawBody: bodies.get(row.provider_event_id)!,
    receivedAt: new Date(row.received_ms),
    state: 'received',
    attempts: 0,
    processedAt: null,
    error: null,
  }));
  if (!reopen || inserted.length === events.length) return inserted;
  const fresh = new Set(inserted.map((row) => row.providerEventId));
  const known = events.filter((event) => !fresh.has(event.providerEventId));
  const reopened = await db
    .update(webhookEvents)
    .set({
      state: 'received',
      rawBody: sql`case ${webhookEvents.providerEventId} ${sql.join(
        known.map((event) => sql`when ${event.providerEventId} then ${event.rawBody}`),
        sql` `,
      )} end`,
      receivedAt: sql`now()`,
    })
    .where(
      and(
        eq(webhookEvents.provider, provider),
        inArray(
          webhookEvents.providerEventId,
          known.map((event) => event.providerEventId),
        ),
      ),
    )
    .returning();
  return [...inserted, ...reopened];
}

export async function markWebhookEvent(
  db: Queryable,
  id: number,
  outcome: { state: 'processed' | 'ignored' | 'failed' | 'received'; error?: string },
): Promise<void> {
  await db
    .update(webhookEvents)
    .set({
      state: outcome.state,
      error: outcome.error ?? null,
      attempts: sql`${webhookEvents.attempts} + 1`,
      processedAt: outcome.state === 'received' ? null : sql`now()`,
    })
    .where(eq(webhookEvents.id, id));
}

/** markWebhookEvent for many events in one statement. */
export async function markWebhookEvents(
  db: Queryable,
  outcomes: readonly {
    id: number;
    state: 'processed' | 'ignored' | 'failed' | 'received';
    error?: string | undefined;
  }[],
): Promise<void> {
  if (outcomes.length === 0) return;
  const payload = JSON.stringify(
    outcomes.map(({ id, state, error }) => ({ id, state, error: error ?? null })),
  );
  await db.execute(sql`
    update webhook_events w
       set state = u.state,
           error = u.error,
           attempts = w.attempts + 1,
           processed_at = case when u.state = 'received' then null else now() end
      from jsonb_to_recordset(${payload}::jsonb) as u(id bigint, state text, error text)
     where w.id = u.id`);
}

/**
 * Events stored but not processed (the process died, processing failed transiently, or a burst
 * outgrew the in-memory queue), in id order from `afterId` on, so that a sweep can page past the
 * ones already queued; `untriedOnly`: only those never attempted (left out of a full queue).
 */
export async function pendingWebhookEvents(
  db: Queryable,
  params: { olderThan: Date; limit: number; afterId?: number; untriedOnly?: boolean },
): Promise<WebhookEventRow[]> {
  // Read as the rows come: a sweep reads pages of a thousand, and mapping each column through the
  // query builder cost more than the query.
  const result = await db.execute<StoredRow>(sql`
    select id, provider, provider_event_id, raw_body, received_at, state, attempts, processed_at, error
      from webhook_events
     where state = 'received' and received_at < ${params.olderThan.toISOString()}::timestamptz
       and attempts < ${params.untriedOnly ? 1 : 50} and id > ${params.afterId ?? 0}
     order by id
     limit ${params.limit}`);
  return result.rows.map((row) => ({
    id: Number(row.id),
    provider: row.provider,
    providerEventId: row.provider_event_id,
    rawBody: row.raw_body,
    receivedAt: new Date(row.received_at),
    state: row.state,
    attempts: row.attempts,
    processedAt: row.processed_at === null ? null : new Date(row.processed_at),
    error: row.error,
  }));
}

type StoredRow = {
  id: string | number;
  provider: string;
  provider_event_id: string;
  raw_body: string;
  received_at: Date | string;
  state: WebhookEventRow['state'];
  attempts: number;
  processed_at: Date | string | null;
  error: string | null;
};

/** Stored events not yet acted on: the processing backlog (a metric). */
export async function webhookBacklog(db: Queryable): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(webhookEvents)
    .where(eq(webhookEvents.state, 'received'));
  return row?.count ?? 0;
}
