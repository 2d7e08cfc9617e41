// The Settle stack a drill runs against, every part a separate process it can fault: PostgreSQL
// (machine server or embedded), a Temporal dev server on a SQLite file, the API and the worker —
// all on loopback, on free ports, in a temp dir of the drill's own.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, Connection } from '@temporalio/client';
import { loadConfig } from '../../config.js';
import { connectDatabase, type DatabaseHandle } from '../../db/client.js';
import { addApiKey, ensureTenant, generateApiKey } from '../../db/queries/tenants.js';
import { settleClient } from '../../temporal/data-converter.js';
import { freePort } from '../../test/support/free-port.js';
import { drillFailed, log, onCleanup } from './common.js';
import { type DrillPostgres, drillPostgres } from './postgres.js';
import { answers, printed, SettleProcess } from './processes.js';
import { DrillTemporal } from './temporal.js';

export interface DrillStack {
  name: string;
  tempDir: string;
  postgres: DrillPostgres;
  temporal: DrillTemporal;
  /** The drill's own connection, for setting up and for checking outcomes. */
  database: DatabaseHandle;
  /** The drill's own Temporal client, for checking workflow outcomes. */
  client: Client;
  api: SettleProcess;
  worker: SettleProcess;
  baseUrl: string;
  tenantId: string;
  apiKey: string;
  tokenSecret: string;
  taskQueue: string;
}

export interface StackOptions {
  name: string;
  /** An embedded PostgreSQL the drill can stop (the machine's server otherwise, when reachable). */
  embeddedPostgres?: boolean;
  apiEnv?: Record<string, string>;
  workerEnv?: Record<string, string>;
}

function tempDirFor(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `settle-drill-${name}-`));
  // Registered first, so it runs last. A failed drill keeps its process logs for reading.
  onCleanup('remove temp dir', () => {
    if (process.env.KEEP_DRILL_DIR === '1') return log(`kept ${dir}`);
    if (!drillFailed()) return rmSync(dir, { recursive: true, force: true });
    for (const entry of readdirSync(dir))
      if (!entry.endsWith('.log')) rmSync(join(dir, entry), { recursive: true, force: true });
    log(`process logs kept in ${dir}`);
  });
  return dir;
}

export async function startDrillStack(options: StackOptions): Promise<DrillStack> {
  const tempDir = tempDirFor(options.name);
  const [postgres, temporal] = await Promise.all([
    drillPostgres(options.name, tempDir, { embedded: options.embeddedPostgres ?? false }),
    DrillTemporal.start(tempDir),
  ]);

  const database = connectDatabase(postgres.url, { max: 4 });
  onCleanup('close drill database', () => database.close());
  const tenantId = `drill-${options.name}`;
  const apiKey = generateApiKey();
  await ensureTenant(database.db, { id: tenantId, name: 'Drill Creditor B.V.' });
  await addApiKey(database.db, { tenantId, key: apiKey, label: `drill ${options.name}` });

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const tokenSecret = randomBytes(32).toString('hex');
  const taskQueue = `drill-${options.name}-${randomBytes(3).toString('hex')}`;
  const common = {
    DATABASE_URL: postgres.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    SETTLE_TOKEN_SECRET: tokenSecret,
    PUBLIC_BASE_URL: baseUrl,
    PROVIDERS: 'sandbox',
    SETTLE_DATA_DIR: tempDir,
    LOG_LEVEL: 'warn',
  };
  const api = new SettleProcess({
    name: 'api',
    entry: 'api/server.ts',
    env: {
      ...common,
      HOST: '127.0.0.1',
      PORT: String(port),
      // Drills measure robustness, not the rate limiter: it would answer 429 long before.
      RATE_LIMIT_PER_MINUTE: '10000000',
      ...options.apiEnv,
    },
    logDir: tempDir,
    ready: answers(`${baseUrl}/healthz`),
  });
  const worker = new SettleProcess({
    name: 'worker',
    entry: 'worker.ts',
    env: { ...common, ...options.workerEnv },
    logDir: tempDir,
    ready: printed('settle worker polling'),
  });
  await Promise.all([api.start(), worker.start()]);
  log(`API on ${baseUrl} (pid ${api.pid}), worker pid ${worker.pid}, task queue ${taskQueue}`);

  const connection = await Connection.connect({ address: temporal.address });
  // Reads payloads as the drill's API and worker write them.
  const client = settleClient(loadConfig(common), connection);
  onCleanup('close Temporal client', () => connection.close());

  return {
    name: options.name,
    tempDir,
    postgres,
    temporal,
    database,
    client,
    api,
    worker,
    baseUrl,
    tenantId,
    apiKey,
    tokenSecret,
    taskQueue,
  };
}
