// Starts the invoices of accepted batches, a bounded number at a time, so that a 10,000-line upload
// never takes the database connections or the Temporal client away from requests. Lines are claimed
// from PostgreSQL (their own outbox): a process that dies mid-batch leaves its claimed lines to expire
// and the next sweep — in this or another API process — starts them. Each line goes through the same
// idempotent create as POST /v1/invoices, so a line started twice still starts one workflow. Outcomes
// are written behind the lanes, several lines in one statement, so that a lane goes on to its next
// line as soon as the start is accepted.
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../db/client.js';
import {
  type ClaimedLine,
  claimDueBatchLines,
  finishBatchLines,
  type LineOutcome,
  retryBatchLineLater,
} from '../../db/queries/invoice-batches.js';
import type { CreateInvoiceRequest, InvoiceService } from '../invoice-service.js';
import { Problem } from '../problem.js';

export interface BatchRunnerDeps {
  db: Database;
  invoices: Pick<InvoiceService, 'create'>;
  log: FastifyBaseLogger;
  /** Invoices started at once (config INVOICE_BATCH_CONCURRENCY). */
  concurrency: number;
}

const SWEEP_INTERVAL_MS = 5000;
/** Lines claimed per query, in multiples of the concurrency: far fewer than a claim's 60 s allow. */
const CLAIM_PAGE_FACTOR = 4;

/** Delay before a line whose start failed for a passing reason is tried again: 2 s doubling, at most 5 min. */
export function batchRetryDelayMs(attempts: number): number {
  return Math.min(2000 * 2 ** Math.max(0, attempts - 1), 5 * 60_000);
}

/**
 * Writes outcomes as they come: the first at once, those that arrive meanwhile together when it is
 * done. One that cannot be written leaves its line claimed: the claim expires and the line is started
 * again, which the create answers as a repeat.
 */
function createOutcomeWriter(db: Database, log: FastifyBaseLogger) {
  let pending: LineOutcome[] = [];
  let writing: Promise<void> | undefined;
  const write = async () => {
    while (pending.length > 0) {
      const outcomes = pending;
      pending = [];
      await finishBatchLines(db, outcomes).catch((error: Error) =>
        log.warn(
          { err: { message: error.message }, lines: outcomes.length },
          'batch line outcomes not stored',
        ),
      );
    }
  };
  const kick = () => {
    writing ??= write().finally(() => {
      writing = undefined;
      if (pending.length > 0) kick();
    });
  };
  return {
    add(outcome: LineOutcome): void {
      pending.push(outcome);
      kick();
    },
    /** Resolves once every outcome added so far is written (or given up on). */
    async settled(): Promise<void> {
      while (writing || pending.length > 0) {
        kick();
        await writing;
      }
    },
  };
}

export function createBatchRunner({ db, invoices, log, concurrency }: BatchRunnerDeps) {
  const outcomes = createOutcomeWriter(db, log);
  let draining: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let sweeper: NodeJS.Timeout | undefined;

  async function start(line: ClaimedLine): Promise<void> {
    const request = line.request as CreateInvoiceRequest;
    try {
      const { created } = await invoices.create(line.tenantId, request);
      outcomes.add({ batchId: line.batchId, line: line.line, state: created ? 'created' : 'repeated' });
    } catch (error) {
      // A refusal (another invoice under this id, a policy that does not fit) is the line's answer.
      if (error instanceof Problem && error.status < 500) {
        outcomes.add({
          batchId: line.batchId,
          line: line.line,
          state: 'failed',
          errors: error.errors?.length ? error.errors : [{ field: '/', message: error.message }],
        });
        return;
      }
      log.warn(
        { batchId: line.batchId, line: line.line, err: { message: (error as Error).message } },
        'batch line not started; retrying later',
      );
      await retryBatchLineLater(db, {
        batchId: line.batchId,
        line: line.line,
        afterMs: batchRetryDelayMs(line.attempts),
      }).catch(() => {
        // The claim expires by itself: the line is retried after CLAIM_EXPIRY anyway.
      });
    }
  }

  /**
   * `concurrency` lanes, each starting the next claimed line as soon as its last one is done (a
   * sliding window: one slow start does not hold the others back), from pages of claimed lines
   * fetched ahead while the lanes work — one claim query per page, not per round.
   */
  async function drain(): Promise<void> {
    do {
      again = false;
      const claimed: ClaimedLine[] = [];
      let exhausted = false;
      let claiming: Promise<void> | undefined;
      let failure: unknown;
      const refill = () => {
        claiming ??= claimDueBatchLines(db, concurrency * CLAIM_PAGE_FACTOR)
          .then((lines) => {
            if (lines.length === 0) exhausted = true;
            claimed.push(...lines);
          })
          .finally(() => {
            claiming = undefined;
          });
        return claiming;
      };
      const lane = async () => {
        while (!stopped) {
          const line = claimed.shift();
          if (!line) {
            if (exhausted) return;
            try {
              await refill();
            } catch (error) {
              // The database is away: every lane finishes what it holds, then the drain reports it.
              failure ??= error;
              exhausted = true;
            }
            continue;
          }
          // The next page is fetched while this one is still being started.
          if (claimed.length < concurrency && !exhausted) void refill().catch(() => undefined);
          await start(line);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, lane));
      await outcomes.settled();
      if (failure) throw failure;
    } while (again && !stopped);
  }

  /** Starts what is due now; a call while draining makes the drain look once more when done. */
  function wake(): void {
    if (stopped) return;
    if (draining) {
      again = true;
      return;
    }
    draining = drain()
      .catch((error: Error) => log.warn({ err: { message: error.message } }, 'batch intake paused'))
      .finally(() => {
        draining = undefined;
      });
  }

  async function idle(): Promise<void> {
    while (draining) await draining;
  }

  return {
    wake,
    /** Picks up retries and lines left by a process that died (the API server runs it). */
    startSweeper(): void {
      sweeper = setInterval(wake, SWEEP_INTERVAL_MS);
      sweeper.unref();
    },
    /** Resolves when nothing is being started (tests wait on it). */
    idle,
    async stop(): Promise<void> {
      stopped = true;
      if (sweeper) clearInterval(sweeper);
      await idle();
    },
  };
}

export type BatchRunner = ReturnType<typeof createBatchRunner>;
