import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
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
  // Three parameters in all (unnest of two arrays): building and sending the statement costs the same
  // for any batch size; the bodies are not sent back, the request has them.
  const result = await db.execute<{ id: string | number; provider_event_id: string; received_at: Date }>(sql`
    insert into webhook_events (provider, provider_event_id, raw_body)
    select ${provider}, e.provider_event_id, e.raw_body
      from unnest(${sql.param(events.map((event) => event.providerEventId))}::text[],
                  ${sql.param(events.map((event) => event.rawBody))}::text[]) as e(provider_event_id, raw_body)
    on conflict do nothing
    returning id, provider_event_id, received_at`);
  const bodies = new Map(events.map((event) => [event.providerEventId, event.rawBody]));
  const inserted: WebhookEventRow[] = result.rows.map((row) => ({
    id: Number(row.id),
    provider,
    providerEventId: row.provider_event_id,
    rawBody: bodies.get(row.provider_event_id)!,
    receivedAt: new Date(row.received_at),
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
 * ones already queued.
 */
export async function pendingWebhookEvents(
  db: Queryable,
  params: { olderThan: Date; limit: number; afterId?: number },
): Promise<WebhookEventRow[]> {
  return db
    .select()
    .from(webhookEvents)
    .where(
      and(
        eq(webhookEvents.state, 'received'),
        lt(webhookEvents.receivedAt, params.olderThan),
        lt(webhookEvents.attempts, 50),
        gt(webhookEvents.id, params.afterId ?? 0),
      ),
    )
    .orderBy(asc(webhookEvents.id))
    .limit(params.limit);
}

/** Stored events not yet acted on: the processing backlog (a metric). */
export async function webhookBacklog(db: Queryable): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(webhookEvents)
    .where(eq(webhookEvents.state, 'received'));
  return row?.count ?? 0;
}
