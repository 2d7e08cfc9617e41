import { createHash } from 'node:crypto';
import { and, asc, eq, max } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { invoiceEvents } from '../schema.js';

export interface WorkflowEvent {
  at: string;
  kind: string;
  detail?: string;
}

export interface StoredEvent extends WorkflowEvent {
  key: string;
}

/**
 * An event's identity: the workflow, its moment, kind and detail, and how many identical events came
 * before it in the list. Every sync carries the workflow's recent events again (and a continued run
 * carries them on), so the same event always gets the same key, and a live event can be matched with
 * its stored copy.
 */
export function keyedEvents(workflowId: string, events: readonly WorkflowEvent[]): StoredEvent[] {
  const seen = new Map<string, number>();
  return events.map((event) => {
    const identity = JSON.stringify([workflowId, event.at, event.kind, event.detail ?? null]);
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    const key = createHash('sha256').update(`${identity}#${occurrence}`).digest('base64url');
    return { ...event, key };
  });
}

/** Stores the events not stored yet; events already stored (earlier syncs, retries) are left alone. */
export async function recordInvoiceEvents(
  db: Queryable,
  ref: { tenantId: string; invoiceId: string; workflowId: string },
  events: readonly WorkflowEvent[],
): Promise<void> {
  // Each sync carries the workflow's recent events (up to 200) in time order: what lies before the
  // latest stored one was stored by the sync that stored it, so only the rest is offered again.
  const [latest] = await db
    .select({ at: max(invoiceEvents.at) })
    .from(invoiceEvents)
    .where(and(eq(invoiceEvents.tenantId, ref.tenantId), eq(invoiceEvents.invoiceId, ref.invoiceId)));
  const since = latest?.at?.getTime() ?? Number.NEGATIVE_INFINITY;
  const fresh = keyedEvents(ref.workflowId, events).filter((event) => Date.parse(event.at) >= since);
  if (fresh.length === 0) return;
  await db
    .insert(invoiceEvents)
    .values(
      fresh.map((event) => ({
        ...ref,
        eventKey: event.key,
        at: new Date(event.at),
        kind: event.kind,
        detail: event.detail ?? null,
      })),
    )
    .onConflictDoNothing();
}

/** An invoice's stored workflow events in the order they happened. */
export async function eventsOfInvoice(
  db: Queryable,
  tenantId: string,
  invoiceId: string,
): Promise<StoredEvent[]> {
  const rows = await db
    .select()
    .from(invoiceEvents)
    .where(and(eq(invoiceEvents.tenantId, tenantId), eq(invoiceEvents.invoiceId, invoiceId)))
    .orderBy(asc(invoiceEvents.at), asc(invoiceEvents.id));
  return rows.map((row) => ({
    key: row.eventKey,
    at: row.at.toISOString(),
    kind: row.kind,
    ...(row.detail !== null ? { detail: row.detail } : {}),
  }));
}
