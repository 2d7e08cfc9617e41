// The whole of Settle on one machine, from composable pieces: PostgreSQL, Temporal, a tenant with an
// API key, Settle's configuration, and — on request — the real worker and API in this process.
// `npm start`, the end-to-end tests, the benchmarks and the drills stand on it; one `stop()` ends
// everything it started, in reverse order.
import { randomBytes } from 'node:crypto';
import { type Client, Connection } from '@temporalio/client';
import { type RunningApi, startApi } from '../api/server.js';
import { type Config, loadConfig } from '../config.js';
import { connectDatabase, type DatabaseHandle } from '../db/client.js';
import { settleClient } from '../temporal/data-converter.js';
import { type RunningWorker, startWorker } from '../worker.js';
import { freePort } from './ports.js';
import type { PostgresOptions, RunningPostgres } from './postgres.js';
import { startServers } from './servers.js';
import type { DevServer, ExistingTemporal, TemporalOptions } from './temporal.js';
import { createTenant, type TenantOptions } from './tenant.js';

export type Settings = Record<string, string | undefined>;

export interface StackOptions {
  postgres: PostgresOptions;
  temporal: Exclude<TemporalOptions, { kind: 'time-skipping' }>;
  /** Settle's settings as environment variables; the stack sets DATABASE_URL and TEMPORAL_* to its own. */
  settings: Settings;
  tenant?: TenantOptions;
  /** Run the real worker / API in this process (default: neither). */
  worker?: boolean;
  api?: boolean;
  /** Connections of the stack's own database pool (default 10). */
  poolSize?: number;
}

export interface Stack {
  postgres: RunningPostgres;
  temporal: DevServer | ExistingTemporal;
  /** Settle's settings of this run, as environment variables (hand them to child processes). */
  env: Record<string, string>;
  config: Config;
  database: DatabaseHandle;
  /** A Temporal client that reads and writes payloads as this run's worker and API do. */
  client: Client;
  tenantId: string;
  apiKey: string;
  taskQueue: string;
  baseUrl: string;
  worker: RunningWorker | undefined;
  api: RunningApi | undefined;
  stop(): Promise<void>;
}

/**
 * Settings for a run beside others on the same machine and servers: its own task queue, API port
 * (free unless given), token secret, sandbox providers and quiet logs.
 */
export async function isolatedSettings(name: string, port?: number): Promise<Record<string, string>> {
  const apiPort = port ?? (await freePort());
  return {
    TEMPORAL_TASK_QUEUE: `${name}-${randomBytes(4).toString('hex')}`,
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    // Explicit, so that a PUBLIC_BASE_URL in the caller's environment cannot send the sandbox's
    // callbacks (and the checkout links) elsewhere.
    PUBLIC_BASE_URL: `http://127.0.0.1:${apiPort}`,
    SETTLE_TOKEN_SECRET: randomBytes(32).toString('hex'),
    PROVIDERS: 'sandbox',
    LOG_LEVEL: 'silent',
  };
}

/** Runs `stops` in reverse order, each even when an earlier one failed. */
async function stopAll(stops: (() => Promise<void>)[]): Promise<void> {
  for (const stop of stops.splice(0).reverse()) await stop().catch((error) => console.error(error));
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const stops: (() => Promise<void>)[] = [];
  let started: Stack | undefined;
  try {
    const { postgres, temporal } = await startServers(options.postgres, options.temporal);
    stops.push(postgres.stop, () => temporal.stop());
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(options.settings)) if (value !== undefined) env[key] = value;
    Object.assign(env, {
      DATABASE_URL: postgres.url,
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_NAMESPACE: temporal.namespace,
    });
    // The console links invoices to their runs in the dev server's own UI unless told of another.
    if (temporal.kind === 'dev' && temporal.uiUrl && !env.TEMPORAL_UI_URL)
      env.TEMPORAL_UI_URL = temporal.uiUrl;
    const config = loadConfig(env);
    const database = connectDatabase(postgres.url, { max: options.poolSize ?? 10 });
    stops.push(() => database.close());
    const tenant = await createTenant(database.db, options.tenant);
    const connection = await Connection.connect({ address: temporal.address });
    stops.push(() => connection.close());
    const client = settleClient(config, connection);

    const temporalAddress = temporal.address;
    const worker = options.worker ? await startWorker({ config, database, temporalAddress }) : undefined;
    // A test may replace the worker (restarts): stop the current one.
    if (worker) stops.push(async () => (started?.worker ?? worker).stop());
    const api = options.api ? await startApi({ config, database, temporalAddress }) : undefined;
    if (api) stops.push(api.stop);

    started = {
      postgres,
      temporal,
      env,
      config,
      database,
      client,
      ...tenant,
      taskQueue: config.temporal.taskQueue,
      baseUrl: config.http.publicBaseUrl,
      worker,
      api,
      stop: () => stopAll(stops),
    };
    return started;
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}
