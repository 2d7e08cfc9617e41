// What every benchmark stands on: the dev stack (devstack/) with a temp dir of the benchmark's own —
// PostgreSQL, Temporal, a fresh tenant with an API key, Settle's configuration for this run (also
// handed to child processes as environment), a Temporal client — and, on request, the real API in
// this process and the real worker in a child process.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningApi, startApi } from '../../api/server.js';
import type { PostgresOptions } from '../../devstack/postgres.js';
import { isolatedSettings, type Stack, startStack } from '../../devstack/stack.js';
import { ENCODED_FAILURES_PATH } from '../../temporal/data-converter.js';
import { writePrebuiltBundles } from '../../temporal/workflow-bundle.js';
import { log, onCleanup } from './common.js';
import { WorkerProcess, type WorkerProcessOptions } from './worker-process.js';

export const KEEP = process.env.BENCH_KEEP === '1';

const SIZING_SETTINGS = [
  'INVOICE_BATCH_CONCURRENCY',
  'WORKER_MAX_CACHED_WORKFLOWS',
  'WORKER_MAX_CONCURRENT_WORKFLOW_TASKS',
  'WORKER_MAX_CONCURRENT_ACTIVITIES',
];

export interface BenchStack extends Stack {
  name: string;
  tempDir: string;
  /** Starts the real API in this process, listening on the configured port. */
  startApi(): Promise<RunningApi>;
  /** Starts a worker child process (the real worker, or the floor worker) on this run's settings. */
  startWorker(
    options: Omit<WorkerProcessOptions, 'env'> & { env?: Record<string, string> },
  ): Promise<WorkerProcess>;
  /** Bundles the workflow code into the temp dir, as a production image does: the env that uses it. */
  prebuiltBundle(): Promise<{ WORKFLOW_BUNDLE_DIR: string }>;
}

/** A temp dir for the benchmark's files, removed at the end unless BENCH_KEEP=1. */
export function benchTempDir(name: string): string {
  const tempDir = mkdtempSync(join(tmpdir(), `settle-bench-${name}-`));
  if (KEEP) log(`BENCH_KEEP=1: keeping ${tempDir} and the database`);
  else onCleanup('remove temp dir', () => rmSync(tempDir, { recursive: true, force: true }));
  return tempDir;
}

/**
 * DATABASE_URL as configured (migrated, used as is); else a fresh database `settle_bench_<pid>` on
 * TEST_POSTGRES_URL or the machine's server (dropped at the end unless BENCH_KEEP=1); else an
 * embedded PostgreSQL in the benchmark's temp dir.
 */
export function benchPostgres(tempDir: string): PostgresOptions {
  const configured = process.env.DATABASE_URL;
  if (configured) return { kind: 'url', url: configured };
  return { kind: 'scratch', name: `settle_bench_${process.pid}`, fallbackDir: tempDir, keep: KEEP };
}

export async function benchStack(name: string): Promise<BenchStack> {
  const tempDir = benchTempDir(name);
  const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
  const configuredTemporal = process.env.TEMPORAL_ADDRESS;
  const suffix = randomBytes(4).toString('hex');
  const stack = await startStack({
    postgres: benchPostgres(tempDir),
    // A configured Temporal gets Settle's search attributes if its operator API allows; else a dev
    // server on a free port with a fresh SQLite file in the temp dir.
    temporal: configuredTemporal
      ? { kind: 'existing', address: configuredTemporal, namespace, registerSearchAttributes: true }
      : { kind: 'dev', dbFile: join(tempDir, 'temporal.sqlite'), namespace },
    settings: {
      ...(await isolatedSettings(`bench-${name}`, Number(process.env.BENCH_PORT) || undefined)),
      TEMPORAL_TASK_QUEUE: `bench-${name}-${suffix}`,
      SETTLE_DATA_DIR: tempDir,
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      RATE_LIMIT_PER_MINUTE: process.env.RATE_LIMIT_PER_MINUTE || '100000000',
      // Sizing knobs a benchmark is run with (README, sizing): passed through when set.
      ...Object.fromEntries(
        SIZING_SETTINGS.filter((key) => process.env[key]).map((key) => [key, process.env[key]!]),
      ),
    },
    tenant: { id: `bench-${name}-${suffix}`, name: 'Bench Creditor B.V.', keyLabel: `bench ${name}` },
  });
  onCleanup('stop the stack', () => stack.stop());
  log(`PostgreSQL: ${stack.postgres.kind}; Temporal: ${stack.temporal.kind} on ${stack.temporal.address}`);
  return Object.assign(stack, {
    name,
    tempDir,
    async startApi() {
      const api = await startApi({
        config: stack.config,
        database: stack.database,
        temporalAddress: stack.temporal.address,
      });
      onCleanup('stop API', () => api.stop());
      return api;
    },
    async startWorker(options: Omit<WorkerProcessOptions, 'env'> & { env?: Record<string, string> }) {
      const worker = await WorkerProcess.start({ ...options, env: { ...stack.env, ...options.env } });
      onCleanup(
        `stop ${options.mode} worker`,
        () => worker.stop(),
        () => worker.kill(),
      );
      return worker;
    },
    async prebuiltBundle() {
      const dir = join(tempDir, 'workflows');
      await writePrebuiltBundles(dir, ENCODED_FAILURES_PATH);
      return { WORKFLOW_BUNDLE_DIR: dir };
    },
  });
}

/**
 * Terminates the workflows a benchmark left open on a configured (shared) Temporal, by one batch
 * operation; a dev server of the benchmark's own goes away with its temp dir anyway.
 */
export function terminateLeftovers(stack: BenchStack, taskQueues: string[]): void {
  if (stack.temporal.kind !== 'existing' || KEEP) return;
  onCleanup('terminate open bench workflows', async () => {
    for (const queue of taskQueues) {
      await stack.client.workflowService.startBatchOperation({
        namespace: stack.temporal.namespace,
        jobId: `settle-bench-cleanup-${randomBytes(6).toString('hex')}`,
        reason: 'settle benchmark finished',
        visibilityQuery: `TaskQueue = "${queue}" AND ExecutionStatus = "Running"`,
        terminationOperation: { identity: 'settle-bench' },
      });
    }
    log(`asked Temporal to terminate what is still open on ${taskQueues.join(', ')}`);
  });
}
