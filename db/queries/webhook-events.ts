import { and, eq, lt, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { webhookEvents } from '../schema.js';

export type WebhookEventRow = typeof webhookEvents.$inferSelect;

/**
 * Stores an inbound event before anything acts on it. Returns the row to process, or undefined
 * for a duplicate that was already processed. `reopen` lets a re-notification (Mollie sends the
 * same payment id on every status change) be processed again.
 */
export async function storeWebhookEvent(
  db: Queryable,
  params: { provider: string; providerEventId: string; rawBody: string; reopen?: boolean },
): Promise<WebhookEventRow | undefined> {
  const inserted = await db
    .insert(webhookEvents)
    .values({ provider: params.provider, providerEventId: params.providerEventId, rawBody: params.rawBody })
    .onConflictDoNothing()
    .returning();
  if (inserted[0]) return inserted[0];
  if (!params.reopen) return undefined;
  const reopened = await db
    .update(webhookEvents)
    .set({ state: 'received', rawBody: params.rawBody, receivedAt: sql`now()` })
    .where(
      and(
        eq(webhookEvents.provider, params.provider),
        eq(webhookEvents.providerEventId, params.providerEventId),
      ),
    )
    .returning();
  return reopened[0];
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

/** Events stored but not processed (the process died, or processing failed transiently). */
export async function pendingWebhookEvents(
  db: Queryable,
  olderThan: Date,
  limit: number,
): Promise<WebhookEventRow[]> {
  return db
    .select()
    .from(webhookEvents)
    .where(
      and(
        eq(webhookEvents.state, 'received'),
        lt(webhookEvents.receivedAt, olderThan),
        lt(webhookEvents.attempts, 50),
      ),
    )
    .limit(limit);
}
