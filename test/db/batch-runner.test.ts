// The batch runner against real PostgreSQL (a database of its own: the runner claims every due line),
// with the invoice service replaced by a recording stand-in: bounded concurrency, refusals kept as the
// line's answer, passing failures retried later, and lines a dead process had claimed started again.
import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createBatchRunner } from '../../api/invoice-batches/batch-runner.js';
import type { CreateInvoiceRequest } from '../../api/invoice-service.js';
import { conflict } from '../../api/problem.js';
import { connectDatabase, type DatabaseHandle } from '../../db/client.js';
import {
  claimDueBatchLines,
  insertInvoiceBatch,
  invoiceBatchProgress,
} from '../../db/queries/invoice-batches.js';
import { createScratchDatabase, type ScratchDatabase } from '../../devstack/postgres.js';

const TENANT = 'batch-runner';
const silent = { warn: () => {}, info: () => {}, error: () => {} } as never;
let scratch: ScratchDatabase;
let database: DatabaseHandle;

beforeAll(async () => {
  const server = new URL(inject('databaseUrl'));
  server.pathname = '/postgres';
  scratch = await createScratchDatabase(server.toString(), `batch_runner_${process.pid}`);
  database = connectDatabase(scratch.url);
});
afterAll(async () => {
  await database?.close();
  await scratch?.drop();
});

const request = (invoiceId: string) => ({ invoiceId }) as unknown as CreateInvoiceRequest;

async function batchOf(invoiceIds: string[]) {
  const { batch } = await insertInvoiceBatch(database.db, {
    tenantId: TENANT,
    contentHash: `${invoiceIds.join(',')}-${Math.random()}`,
    format: 'json',
    lines: invoiceIds.map((invoiceId, i) => ({ line: i + 1, invoiceId, request: request(invoiceId) })),
  });
  return batch.id;
}

describe('batch runner', () => {
  it('starts at most `concurrency` invoices at once and records each outcome', async () => {
    let running = 0;
    let peak = 0;
    const runner = createBatchRunner({
      db: database.db,
      log: silent,
      concurrency: 3,
      invoices: {
        async create(_tenant, { invoiceId }) {
          running += 1;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, 20));
          running -= 1;
          if (invoiceId === 'taken') throw conflict('invoice taken already exists with different content');
          return { row: {} as never, created: invoiceId !== 'again' };
        },
      },
    });
    const batchId = await batchOf(['a', 'b', 'c', 'd', 'again', 'taken', 'e', 'f']);
    runner.wake();
    await runner.idle();
    const progress = await invoiceBatchProgress(database.db, TENANT, batchId);
    expect(progress!.counts).toMatchObject({ pending: 0, starting: 0, created: 6, repeated: 1, failed: 1 });
    expect(progress!.failed).toEqual([
      {
        line: 6,
        invoiceId: 'taken',
        errors: [{ field: '/', message: 'invoice taken already exists with different content' }],
      },
    ]);
    expect(peak).toBe(3);
    await runner.stop();
  });

  it('writes outcomes behind the lanes, those that arrive during a write together in the next', async () => {
    const dialect = new PgDialect();
    let outcomeWrites = 0;
    // The runner's database handle, counting the statements that store outcomes.
    const db = new Proxy(database.db, {
      get(target, property, receiver) {
        if (property !== 'execute') return Reflect.get(target, property, receiver);
        return (query: SQL) => {
          if (dialect.sqlToQuery(query).sql.includes('jsonb_to_recordset')) outcomeWrites += 1;
          return target.execute(query);
        };
      },
    });
    const runner = createBatchRunner({
      db,
      log: silent,
      concurrency: 4,
      invoices: { create: async () => ({ row: {} as never, created: true }) },
    });
    const lines = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const batchId = await batchOf(lines);
    runner.wake();
    await runner.idle();
    const progress = await invoiceBatchProgress(database.db, TENANT, batchId);
    expect(progress!.counts).toMatchObject({ pending: 0, starting: 0, created: 40 });
    expect(outcomeWrites).toBeGreaterThan(0);
    expect(outcomeWrites).toBeLessThan(lines.length / 2);
    await runner.stop();
  });

  it('a slow start holds back no other lane: the rest of the batch starts meanwhile', async () => {
    const started: string[] = [];
    let slowDone = false;
    let startedWhileSlow = 0;
    const runner = createBatchRunner({
      db: database.db,
      log: silent,
      concurrency: 2,
      invoices: {
        async create(_tenant, { invoiceId }) {
          started.push(invoiceId);
          if (invoiceId === 'slow') {
            await new Promise((resolve) => setTimeout(resolve, 1500));
            slowDone = true;
          } else {
            if (!slowDone) startedWhileSlow += 1;
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          return { row: {} as never, created: true };
        },
      },
    });
    const batchId = await batchOf(['slow', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'f10']);
    runner.wake();
    await runner.idle();
    expect((await invoiceBatchProgress(database.db, TENANT, batchId))!.counts).toMatchObject({ created: 11 });
    // In lock-step rounds of two, only f1 would start beside the slow line; the other lane goes on.
    expect(startedWhileSlow).toBe(10);
    expect(started).toHaveLength(11);
    await runner.stop();
  });

  it('keeps a line whose start failed for a passing reason, and starts it once that passed', async () => {
    let temporalUp = false;
    const runner = createBatchRunner({
      db: database.db,
      log: silent,
      concurrency: 2,
      invoices: {
        async create() {
          if (!temporalUp) throw new Error('14 UNAVAILABLE: connection refused');
          return { row: {} as never, created: true };
        },
      },
    });
    const batchId = await batchOf(['x']);
    runner.wake();
    await runner.idle();
    const waiting = await invoiceBatchProgress(database.db, TENANT, batchId);
    expect(waiting!.counts).toMatchObject({ pending: 1, created: 0 });
    // Due again after the retry delay; made due now rather than waited for.
    await database.pool.query(`update invoice_batch_lines set due_at = now() where batch_id = $1`, [batchId]);
    temporalUp = true;
    runner.wake();
    await runner.idle();
    const done = await invoiceBatchProgress(database.db, TENANT, batchId);
    expect(done!.counts).toMatchObject({ pending: 0, created: 1 });
    const [{ attempts, request: kept }] = (
      await database.pool.query(`select attempts, request from invoice_batch_lines where batch_id = $1`, [
        batchId,
      ])
    ).rows;
    expect(attempts).toBe(2);
    // Once started, the line no longer holds the debtor's data.
    expect(kept).toBeNull();
    await runner.stop();
  });

  it('starts the lines a process claimed before it died, once the claim has expired', async () => {
    const batchId = await batchOf(['orphan-1', 'orphan-2']);
    // The dead process's claim: the lines are 'starting' and not due for a minute.
    expect(await claimDueBatchLines(database.db, 10)).toHaveLength(2);
    const started: string[] = [];
    const runner = createBatchRunner({
      db: database.db,
      log: silent,
      concurrency: 4,
      invoices: {
        async create(_tenant, { invoiceId }) {
          started.push(invoiceId);
          return { row: {} as never, created: true };
        },
      },
    });
    runner.wake();
    await runner.idle();
    expect(started).toEqual([]);
    await database.pool.query(
      `update invoice_batch_lines set due_at = now() - interval '1 second' where batch_id = $1`,
      [batchId],
    );
    runner.wake();
    await runner.idle();
    expect(started.sort()).toEqual(['orphan-1', 'orphan-2']);
    await runner.stop();
  });
});
