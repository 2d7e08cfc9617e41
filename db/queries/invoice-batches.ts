import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { type BatchLineState, invoiceBatches, invoiceBatchLines } from '../schema.js';

export type InvoiceBatchRow = typeof invoiceBatches.$inferSelect;
export type BatchFormat = InvoiceBatchRow['format'];
export type { BatchLineState };

export interface LineError {
  field: string;
  message: string;
}

/** A line as accepted: either a create request to start, or the reasons it cannot be. */
export type IntakeLine =
  | { line: number; invoiceId: string; request: unknown }
  | { line: number; invoiceId: string | null; errors: LineError[] };

export interface ClaimedLine {
  batchId: string;
  line: number;
  tenantId: string;
  request: unknown;
  attempts: number;
}

/** Rows per INSERT: 10 columns each stay well below PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;
/** A line claimed this long ago by a process that has not finished it belongs to a process that died. */
const CLAIM_EXPIRY_SECONDS = 60;

/**
 * Stores a batch and all its lines in one transaction, or finds the identical batch the tenant sent
 * before (`created: false`): a repeated upload starts nothing twice.
 */
export async function insertInvoiceBatch(
  db: Queryable,
  values: { tenantId: string; contentHash: string; format: BatchFormat; lines: IntakeLine[] },
): Promise<{ batch: InvoiceBatchRow; created: boolean }> {
  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(invoiceBatches)
      .values({
        id: `ib_${randomUUID().replaceAll('-', '')}`,
        tenantId: values.tenantId,
        contentHash: values.contentHash,
        format: values.format,
        total: values.lines.length,
      })
      .onConflictDoNothing()
      .returning();
    if (!inserted) {
      const [existing] = await tx
        .select()
        .from(invoiceBatches)
        .where(
          and(
            eq(invoiceBatches.tenantId, values.tenantId),
            eq(invoiceBatches.contentHash, values.contentHash),
          ),
        );
      return { batch: existing!, created: false };
    }
    for (let start = 0; start < values.lines.length; start += INSERT_CHUNK) {
      await tx.insert(invoiceBatchLines).values(
        values.lines.slice(start, start + INSERT_CHUNK).map((line) => ({
          batchId: inserted.id,
          line: line.line,
          tenantId: values.tenantId,
          invoiceId: line.invoiceId,
          ...('errors' in line
            ? { state: 'failed' as const, errors: line.errors, finishedAt: sql`now()` }
            : { state: 'pending' as const, request: line.request }),
        })),
      );
    }
    return { batch: inserted, created: true };
  });
}

/**
 * Claims up to `limit` lines that are due — pending, or claimed by a process that died — oldest
 * batch first. SKIP LOCKED lets several API processes share the work without starting a line twice
 * at once (starting twice would still be harmless: a create is idempotent).
 */
export async function claimDueBatchLines(db: Queryable, limit: number): Promise<ClaimedLine[]> {
  const result = await db.execute<{
    batch_id: string;
    line: number;
    tenant_id: string;
    request: unknown;
    attempts: number;
  }>(sql`
    update ${invoiceBatchLines} set state = 'starting',
      due_at = now() + make_interval(secs => ${CLAIM_EXPIRY_SECONDS}), attempts = attempts + 1
    where (batch_id, line) in (
      select batch_id, line from ${invoiceBatchLines}
      where state in ('pending', 'starting') and due_at <= now()
      order by due_at, batch_id, line
      limit ${limit}
      for update skip locked)
    returning batch_id, line, tenant_id, request, attempts`);
  return result.rows.map((row) => ({
    batchId: row.batch_id,
    line: row.line,
    tenantId: row.tenant_id,
    request: row.request,
    attempts: row.attempts,
  }));
}

export interface LineOutcome {
  batchId: string;
  line: number;
  state: 'created' | 'repeated' | 'failed';
  errors?: LineError[];
}

/** Lines' outcomes, any number in one statement: their requests are dropped, the invoices' rows hold them now. */
export async function finishBatchLines(db: Queryable, outcomes: readonly LineOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  const rows = outcomes.map((o) => ({
    batch_id: o.batchId,
    line: o.line,
    state: o.state,
    errors: o.errors ?? null,
  }));
  await db.execute(sql`
    update ${invoiceBatchLines} l
       set state = o.state, errors = o.errors, request = null, finished_at = now()
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as o(batch_id text, line integer, state text, errors jsonb)
     where l.batch_id = o.batch_id and l.line = o.line`);
}

/** A line whose start failed for a passing reason (Temporal or the database away) is tried again later. */
export async function retryBatchLineLater(
  db: Queryable,
  params: { batchId: string; line: number; afterMs: number },
): Promise<void> {
  await db
    .update(invoiceBatchLines)
    .set({ state: 'pending', dueAt: sql`now() + make_interval(secs => ${params.afterMs / 1000})` })
    .where(and(eq(invoiceBatchLines.batchId, params.batchId), eq(invoiceBatchLines.line, params.line)));
}

export interface BatchProgress {
  batch: InvoiceBatchRow;
  counts: Record<BatchLineState, number>;
  lastFinishedAt: Date | null;
  failed: { line: number; invoiceId: string | null; errors: LineError[] }[];
}

/** The tenant's batch with its lines counted by state and its failed lines; undefined for another's. */
export async function invoiceBatchProgress(
  db: Queryable,
  tenantId: string,
  batchId: string,
): Promise<BatchProgress | undefined> {
  const [batch] = await db
    .select()
    .from(invoiceBatches)
    .where(and(eq(invoiceBatches.tenantId, tenantId), eq(invoiceBatches.id, batchId)));
  if (!batch) return undefined;
  const states = await db
    .select({
      state: invoiceBatchLines.state,
      count: sql<number>`count(*)::int`,
      lastFinishedAt: sql<string | null>`max(${invoiceBatchLines.finishedAt})`,
    })
    .from(invoiceBatchLines)
    .where(eq(invoiceBatchLines.batchId, batchId))
    .groupBy(invoiceBatchLines.state);
  const counts: Record<BatchLineState, number> = {
    pending: 0,
    starting: 0,
    created: 0,
    repeated: 0,
    failed: 0,
  };
  let lastFinishedAt: Date | null = null;
  for (const row of states) {
    counts[row.state] = row.count;
    const finished = row.lastFinishedAt ? new Date(row.lastFinishedAt) : null;
    if (finished && (!lastFinishedAt || finished > lastFinishedAt)) lastFinishedAt = finished;
  }
  const failed = await db
    .select({
      line: invoiceBatchLines.line,
      invoiceId: invoiceBatchLines.invoiceId,
      errors: invoiceBatchLines.errors,
    })
    .from(invoiceBatchLines)
    .where(and(eq(invoiceBatchLines.batchId, batchId), eq(invoiceBatchLines.state, 'failed')))
    .orderBy(asc(invoiceBatchLines.line));
  return {
    batch,
    counts,
    lastFinishedAt,
    failed: failed.map((row) => ({ ...row, errors: row.errors ?? [] })),
  };
}

/** Lines not yet started, over all batches: the intake backlog (a metric). */
export async function batchBacklog(db: Queryable): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(invoiceBatchLines)
    .where(inArray(invoiceBatchLines.state, ['pending', 'starting']));
  return row?.count ?? 0;
}
