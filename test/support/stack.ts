// Boots the real Settle stack in-process against the test run's Temporal dev server and
// PostgreSQL: worker + API with sandbox providers, listening on a loopback port.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { type RunningApi, startApi } from '../../api/server.js';
import { type Config, loadConfig } from '../../config.js';
import { connectDatabase, type DatabaseHandle } from '../../db/client.js';
import { addApiKey, ensureTenant, generateApiKey } from '../../db/queries/tenants.js';
import { until } from '../../scripts/run-kit.js';
import { type RunningWorker, startWorker } from '../../worker.js';
import { freePort } from './free-port.js';
import { installQuietRuntime } from './quiet-runtime.js';

export interface TestStack {
  config: Config;
  database: DatabaseHandle;
  api: RunningApi;
  worker: RunningWorker;
  baseUrl: string;
  apiKey: string;
  tenantId: string;
  stop(): Promise<void>;
}

export async function startTestStack(
  options: { port?: number; taskQueue?: string; env?: Record<string, string> } = {},
): Promise<TestStack> {
  const config = loadConfig({
    DATABASE_URL: inject('databaseUrl'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: options.taskQueue ?? `e2e-${randomBytes(4).toString('hex')}`,
    PORT: String(options.port ?? (await freePort())),
    SETTLE_TOKEN_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  installQuietRuntime();
  const database = connectDatabase(config.databaseUrl!);
  const tenantId = `t-${randomBytes(4).toString('hex')}`;
  const apiKey = generateApiKey();
  await ensureTenant(database.db, { id: tenantId, name: 'Test Creditor B.V.' });
  await addApiKey(database.db, { tenantId, key: apiKey, label: 'test' });
  const worker = await startWorker({ config, database, temporalAddress: config.temporal.address! });
  const api = await startApi({ config, database, temporalAddress: config.temporal.address! });
  const stack: TestStack = {
    config,
    database,
    api,
    worker,
    baseUrl: config.http.publicBaseUrl,
    apiKey,
    tenantId,
    async stop() {
      // The worker may have been replaced by a test (restart drills): stop the current one.
      await stack.worker.stop();
      await api.stop();
      await database.close();
    },
  };
  return stack;
}

/** Polls until `check` returns a value (not undefined/false) or the timeout passes. */
export function eventually<T>(check: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  return until('condition', check, timeoutMs, 200);
}

export function invoiceBody(overrides: Record<string, unknown> = {}, debtor: Record<string, unknown> = {}) {
  return {
    invoiceId: `INV-${randomBytes(4).toString('hex')}`,
    policy: 'demo',
    debtor: {
      id: `D-${randomBytes(3).toString('hex')}`,
      type: 'consumer',
      name: 'Jan Jansen',
      email: 'jan@delivered.example',
      address: { line1: 'Dorpsstraat 1', postalCode: '1234 AB', city: 'Utrecht', country: 'NL' },
      ...debtor,
    },
    amount: { currency: 'EUR', value: '123.45' },
    issueDate: '2026-11-01',
    dueDate: '2026-11-15',
    ...overrides,
  };
}
