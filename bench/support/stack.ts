// What every benchmark stands on: a temp dir, PostgreSQL, Temporal, a fresh tenant with an API key,
// Settle's configuration for this run (also handed to child processes as environment), a Temporal
// client, and — on request — the real API in this process and the real worker in a child process.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, Connection } from '@temporalio/client';
import { type RunningApi, startApi } from '../../api/server.js';
import { type Config, loadConfig } from '../../config.js';
import { connectDatabase, type DatabaseHandle } from '../../db/client.js';
import { addApiKey, ensureTenant, generateApiKey } from '../../db/queries/tenants.js';
import { settleClient } from '../../temporal/data-converter.js';
import { freePort } from '../../test/support/free-port.js';
import { log, onCleanup } from './common.js';
import { type BenchPostgres, benchPostgres } from './postgres.js';
import { type BenchTemporal, benchTemporal } from './temporal.js';
import { WorkerProcess, type WorkerProcessOptions } from './worker-process.js';

export const KEEP = process.env.BENCH_KEEP === '1';

export interface BenchStack {
  name: string;
  tempDir: string;
  postgres: BenchPostgres;
  temporal: BenchTemporal;
  database: DatabaseHandle;
  client: Client;
  tenantId: string;
  apiKey: string;
  /** The dunning task queue of this run (unique, so runs on a shared Temporal never mix). */
  taskQueue: string;
  /** Settle's settings for this run, as environment variables (for child processes). */
  env: Record<string, string>;
  config: Config;
  baseUrl: string;
  /** Starts the real API in this process, listening on the configured port. */
  startApi(): Promise<RunningApi>;
  /** Starts a worker child process (the real worker, or the floor worker) on this run's settings. */
  startWorker(
    options: Omit<WorkerProcessOptions, 'env'> & { env?: Record<string, string> },
  ): Promise<WorkerProcess>;
}

/** A temp dir for the benchmark's files, removed at the end unless BENCH_KEEP=1. */
export function benchTempDir(name: string): string {
  const tempDir = mkdtempSync(join(tmpdir(), `settle-bench-${name}-`));
  if (KEEP) log(`BENCH_KEEP=1: keeping ${tempDir} and the database`);
  else onCleanup('remove temp dir', () => rmSync(tempDir, { recursive: true, force: true }));
  return tempDir;
}

export async function benchStack(name: string): Promise<BenchStack> {
  const tempDir = benchTempDir(name);
  const postgres = await benchPostgres(tempDir, KEEP);
  const temporal = await benchTemporal(tempDir);
  const suffix = randomBytes(4).toString('hex');
  const tenantId = `bench-${name}-${suffix}`;
  const apiKey = generateApiKey();
  const taskQueue = `bench-${name}-${suffix}`;
  const port = Number(process.env.BENCH_PORT) || (await freePort());
  const env: Record<string, string> = {
    DATABASE_URL: postgres.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_NAMESPACE: temporal.namespace,
    TEMPORAL_TASK_QUEUE: taskQueue,
    HOST: '127.0.0.1',
    PORT: String(port),
    // Explicit, so that a PUBLIC_BASE_URL in the caller's environment cannot send the sandbox's
    // callbacks (and the checkout links) elsewhere.
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    SETTLE_TOKEN_SECRET: randomBytes(32).toString('hex'),
    SETTLE_DATA_DIR: tempDir,
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
    RATE_LIMIT_PER_MINUTE: process.env.RATE_LIMIT_PER_MINUTE || '100000000',
    PROVIDERS: 'sandbox',
  };
  const config = loadConfig(env);
  const database = connectDatabase(postgres.url, { max: 10 });
  onCleanup('close database pool', () => database.close());
  await ensureTenant(database.db, { id: tenantId, name: 'Bench Creditor B.V.' });
  await addApiKey(database.db, { tenantId, key: apiKey, label: `bench ${name}` });
  const connection = await Connection.connect({ address: temporal.address });
  onCleanup('close Temporal client', () => connection.close());
  const client = settleClient(config, connection);
  return {
    name,
    tempDir,
    postgres,
    temporal,
    database,
    client,
    tenantId,
    apiKey,
    taskQueue,
    env,
    config,
    baseUrl: config.http.publicBaseUrl,
    async startApi() {
      const api = await startApi({ config, database, temporalAddress: temporal.address });
      onCleanup('stop API', () => api.stop());
      return api;
    },
    async startWorker(options) {
      const worker = await WorkerProcess.start({ ...options, env: { ...env, ...options.env } });
      onCleanup(
        `stop ${options.mode} worker`,
        () => worker.stop(),
        () => worker.kill(),
      );
      return worker;
    },
  };
}

/**
 * Terminates the workflows a benchmark left open on a configured (shared) Temporal, by one batch
 * operation; a dev server of the benchmark's own goes away with its temp dir anyway.
 */
export function terminateLeftovers(stack: BenchStack, taskQueues: string[]): void {
  if (stack.temporal.kind !== 'configured' || KEEP) return;
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
