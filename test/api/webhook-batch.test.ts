// A stored batch of delivery reports is processed together: the messages it names are read with one
// query, every status change is written with one statement and every event marked with one more — a
// bounded number of SQL statements per batch, not three or four per event — with the per-message
// semantics of recordCommunicationStatus (received order in `seq`, repeats without effect, forward-only
// status) and unknown messages left for the retry.
import { randomBytes } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BATCH_PAUSE_UNDER_LOAD_MS,
  createWebhookProcessor,
  pauseBeforeBatch,
  UNKNOWN_MESSAGE_ATTEMPTS,
} from '../../api/webhooks/processor.js';
import { getCommunication } from '../../db/queries/communications.js';
import { storeWebhookEvents } from '../../db/queries/webhook-events.js';
import { communications, webhookEvents } from '../../db/schema.js';
import { providerWebhooks } from '../../providers/runtime.js';
import { type ApiHarness, startApiHarness } from './harness.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({ worker: false });
});
afterAll(async () => {
  await h?.close();
});

/** The API's processor over the harness's stack; no payment events are sent here. */
const processorOnHarness = (options: Partial<Parameters<typeof createWebhookProcessor>[0]> = {}) =>
  createWebhookProcessor({
    ...options,
    db: h.database.db,
    temporal: h.temporal,
    payments: {
      createPaymentLink: () => Promise.reject(new Error('unused')),
      getPayment: async () => undefined,
    },
    parse: providerWebhooks(h.config, h.sandbox).parse,
    tokenSecret: h.tokenSecret,
    log: h.app.log,
    reopenAfterReversal: () => Promise.reject(new Error('unused')),
  });

/** Counts the statements sent through pg while `run` runs. */
async function countingQueries(run: () => Promise<void>): Promise<number> {
  const original = pg.Client.prototype.query;
  let count = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    count += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await run();
  } finally {
    pg.Client.prototype.query = original;
  }
  return count;
}

describe('a stored batch of delivery reports', () => {
  it('costs a bounded number of SQL statements, and keeps each message’s order and repeats', async () => {
    const tag = randomBytes(6).toString('hex');
    const messages = Array.from({ length: 40 }, (_, i) => `msg_batch${tag}_${i}`);
    await h.database.db.insert(communications).values(
      messages.map((id, i) => ({
        id,
        tenantId: h.tenantId,
        invoiceId: `BATCH-${tag}-${i}`,
        // No such workflow: a signal finds it closed, as for the messages of closed invoices.
        workflowId: `closed:${tag}:${i}`,
        step: 'reminder-1',
        channel: 'email',
        template: 'reminder-1',
        language: 'nl',
        provider: 'sendgrid-sandbox',
        providerMessageId: `sbx_${id}`,
        status: 'sent',
        statusHistory: [
          { status: 'queued', at: '2026-01-01T00:00:00.000Z', seq: 0 },
          { status: 'sent', at: '2026-01-01T00:00:01.000Z', seq: 1 },
        ],
      })),
    );
    const second = Math.floor(Date.now() / 1000);
    let n = 0;
    const event = (messageId: string | undefined, providerMessageId: string, name: string, at: number) => ({
      email: 'jan@delivered.example',
      timestamp: at,
      event: name,
      sg_event_id: `sg_${tag}_${n++}`,
      sg_message_id: `${providerMessageId}.filter0001`,
      ...(messageId ? { message_id: messageId } : {}),
    });
    // Per message: an open reported before its delivery, then the delivery again (a repeat); half of
    // them named by the provider's id only. Ten more about messages Settle does not know.
    const reports = messages.flatMap((id, i) => {
      const named = i % 2 === 0 ? id : undefined;
      const base = [
        event(named, `sbx_${id}`, 'open', second + 1),
        event(named, `sbx_${id}`, 'delivered', second),
      ];
      return i < 10 ? [...base, event(named, `sbx_${id}`, 'delivered', second)] : base;
    });
    const unknown = Array.from({ length: 10 }, (_, i) =>
      event(`msg_unknown${tag}_${i}`, `sbx_unknown${tag}_${i}`, 'delivered', second),
    );
    const all = [...reports, ...unknown];
    expect(all).toHaveLength(100);
    const rows = await storeWebhookEvents(h.database.db, {
      provider: 'sendgrid',
      events: all.map((e) => ({ providerEventId: e.sg_event_id, rawBody: JSON.stringify(e) })),
    });
    expect(rows).toHaveLength(100);

    const processor = processorOnHarness();
    const statements = await countingQueries(async () => {
      processor.enqueueBatch(rows);
      await processor.drain();
    });
    // Messages, invoices' policies, status changes, marks (per event it was 3-4 each: 300-400).
    expect(statements).toBeLessThanOrEqual(6);

    const states = await h.database.db
      .select({
        providerEventId: webhookEvents.providerEventId,
        state: webhookEvents.state,
        error: webhookEvents.error,
      })
      .from(webhookEvents)
      .where(
        inArray(
          webhookEvents.providerEventId,
          all.map((e) => e.sg_event_id),
        ),
      );
    const stateOf = new Map(states.map((s) => [s.providerEventId, s]));
    for (const e of reports) expect(stateOf.get(e.sg_event_id)?.state).toBe('processed');
    for (const e of unknown)
      expect(stateOf.get(e.sg_event_id)).toMatchObject({
        state: 'received',
        error: 'message not (yet) known',
      });

    for (const [i, id] of messages.entries()) {
      const message = (await getCommunication(h.database.db, id))!;
      // In received order, each status once; the status moved forward only (opened beats delivered).
      expect(
        message.statusHistory.map((c) => [c.status, c.seq]),
        `message ${i}`,
      ).toEqual([
        ['queued', 0],
        ['sent', 1],
        ['opened', 2],
        ['delivered', 3],
      ]);
      expect(message.status).toBe('opened');
    }
  }, 60_000);

  it('sets a report about no message of Settle’s aside after its last try: it leaves the backlog', async () => {
    const tag = randomBytes(6).toString('hex');
    const report = {
      email: 'jan@delivered.example',
      timestamp: Math.floor(Date.now() / 1000),
      event: 'delivered',
      sg_event_id: `sg_lost_${tag}`,
      sg_message_id: `sbx_lost${tag}.filter0001`,
      message_id: `msg_lost${tag}`,
    };
    const [row] = await storeWebhookEvents(h.database.db, {
      provider: 'sendgrid',
      events: [{ providerEventId: report.sg_event_id, rawBody: JSON.stringify(report) }],
    });
    const processor = processorOnHarness();
    const stored = async () =>
      (
        await h.database.db
          .select()
          .from(webhookEvents)
          .where(inArray(webhookEvents.providerEventId, [report.sg_event_id]))
      )[0]!;
    for (let attempt = 1; attempt <= UNKNOWN_MESSAGE_ATTEMPTS; attempt++) {
      processor.enqueueBatch([await stored()]);
      await processor.drain();
      const after = await stored();
      expect(after.attempts).toBe(attempt);
      if (attempt < UNKNOWN_MESSAGE_ATTEMPTS) expect(after.state).toBe('received');
      else
        expect(after).toMatchObject({
          state: 'ignored',
          error: `names no message of Settle's after ${UNKNOWN_MESSAGE_ATTEMPTS} attempts`,
        });
    }
    expect(row!.id).toBe((await stored()).id);
  });
});

describe('processing beside requests', () => {
  /** Stored reports about messages Settle does not know: one try leaves them received, attempts 1. */
  async function storedReports(count: number) {
    const tag = randomBytes(6).toString('hex');
    return storeWebhookEvents(h.database.db, {
      provider: 'sendgrid',
      events: Array.from({ length: count }, (_, i) => {
        const report = {
          timestamp: Math.floor(Date.now() / 1000),
          event: 'delivered',
          sg_event_id: `sg_side_${tag}_${i}`,
          sg_message_id: `sbx_side${tag}_${i}.filter0001`,
        };
        return { providerEventId: report.sg_event_id, rawBody: JSON.stringify(report) };
      }),
    });
  }
  const attemptsOf = async (ids: number[]) =>
    (
      await h.database.db
        .select({ attempts: webhookEvents.attempts })
        .from(webhookEvents)
        .where(inArray(webhookEvents.id, ids))
    ).map((row) => row.attempts);

  it('reads the events a full queue left in PostgreSQL back once it has room, each tried once', async () => {
    const rows = await storedReports(7);
    // No sweeper runs: only the catch-up can bring the five left out back, a few pages at a time.
    const processor = processorOnHarness({ maxQueued: 2, sweepPage: 3 });
    processor.enqueueBatch(rows);
    await processor.drain();
    expect(await attemptsOf(rows.map((row) => row.id))).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });

  it('pauses before each batch while requests keep arriving, as long as the batch is large', async () => {
    const rows = await storedReports(100);
    const processor = processorOnHarness({ requestsArriving: () => true });
    const startedAt = performance.now();
    processor.enqueueBatch(rows);
    await processor.drain();
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(pauseBeforeBatch(100, true) - 1);
    expect(new Set(await attemptsOf(rows.map((row) => row.id)))).toEqual(new Set([1]));
  });

  it('lets single events through without a fixed pause: a trickle of payments never queues behind pauses', () => {
    expect(pauseBeforeBatch(250, true)).toBe(BATCH_PAUSE_UNDER_LOAD_MS);
    expect(pauseBeforeBatch(100, true)).toBe(20);
    expect(pauseBeforeBatch(1, true)).toBeLessThan(1);
    expect(pauseBeforeBatch(250, false)).toBe(0);
  });
});
