// The Settle stack a drill runs against, every part a separate process it can fault: the dev stack's
// PostgreSQL (machine server or embedded) and Temporal dev server on a SQLite file, and the API and
// the worker as processes of their own — all on loopback, on free ports, in a temp dir of the
// drill's own.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isolatedSettings, type Stack, startStack } from '../../devstack/stack.js';
import type { DevServer } from '../../devstack/temporal.js';
import { drillFailed, log, onCleanup } from './common.js';
import { answers, printed, SettleProcess } from './processes.js';

export interface DrillStack extends Omit<Stack, 'api' | 'worker' | 'temporal'> {
  name: string;
  tempDir: string;
  /** The drill's own dev server, which it may stop and start again. */
  temporal: DevServer;
  api: SettleProcess;
  worker: SettleProcess;
  tokenSecret: string;
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
  const databaseName =
    `settle_drill_${options.name.replace(/\W/g, '_')}_${process.pid}_${randomBytes(3).toString('hex')}`.toLowerCase();
  const stack = await startStack({
    postgres: options.embeddedPostgres
      ? { kind: 'embedded', dataDir: tempDir, temporary: true }
      : { kind: 'scratch', name: databaseName, fallbackDir: tempDir },
    temporal: { kind: 'dev', dbFile: join(tempDir, 'temporal.sqlite') },
    settings: {
      ...(await isolatedSettings(`drill-${options.name}`)),
      SETTLE_DATA_DIR: tempDir,
      LOG_LEVEL: 'warn',
    },
    tenant: { id: `drill-${options.name}`, name: 'Drill Creditor B.V.', keyLabel: `drill ${options.name}` },
    poolSize: 4,
  });
  onCleanup('stop the stack', () => stack.stop());
  if (stack.temporal.kind !== 'dev') throw new Error('a drill needs a dev server of its own');
  log(`PostgreSQL: ${stack.postgres.kind}; Temporal: dev server on ${stack.temporal.address}`);

  const api = new SettleProcess({
    name: 'api',
    entry: 'api/server.ts',
    env: {
      ...stack.env,
      // Drills measure robustness, not the rate limiter: it would answer 429 long before.
      RATE_LIMIT_PER_MINUTE: '10000000',
      ...options.apiEnv,
    },
    logDir: tempDir,
    ready: answers(`${stack.baseUrl}/healthz`),
  });
  const worker = new SettleProcess({
    name: 'worker',
    entry: 'worker.ts',
    env: { ...stack.env, ...options.workerEnv },
    logDir: tempDir,
    ready: printed('settle worker polling'),
  });
  await Promise.all([api.start(), worker.start()]);
  log(`API on ${stack.baseUrl} (pid ${api.pid}), worker pid ${worker.pid}, task queue ${stack.taskQueue}`);

  return {
    ...stack,
    name: options.name,
    tempDir,
    temporal: stack.temporal,
    api,
    worker,
    tokenSecret: stack.env.SETTLE_TOKEN_SECRET!,
  };
}
