// The Temporal worker: runs dunning workflows and their activities. `node --max-semi-space-size=4
// --import tsx worker.ts` (WORKER_NODE_FLAGS) runs it alone against the configured Temporal and
// PostgreSQL; the embedded stack starts it in-process.
import { fileURLToPath } from 'node:url';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from './activities/dunning-activities.js';
import { type Config, loadConfig, requireSetting } from './config.js';
import { connectDatabase, type DatabaseHandle } from './db/client.js';
import { runtimeProviders } from './providers/runtime.js';
import { dataConverterFor } from './temporal/data-converter.js';
import { prebuiltBundle, workflowBundle } from './temporal/workflow-bundle.js';
import { staleLegalTablesAt, staleLegalTableWarning } from './workflows/policy/legal/staleness.js';

/**
 * V8 flags a worker process starts with (docker-compose.yml's settle-worker command; the benchmarks
 * spawn their workers with them). V8 lets each isolate — the main thread, the workflow thread, tsx's
 * loader — grow its young generation to 3 × 16 MiB and keeps it committed after a burst of workflow
 * tasks; 4 MiB semi-spaces keep a worker with its cache full about 40 MiB smaller (bench:waiting),
 * at a worker CPU per invoice bench:lifecycle could not tell apart. Flags, not code: the main
 * isolate's heap is sized at start-up.
 */
export const WORKER_NODE_FLAGS = ['--max-semi-space-size=4'] as const;

/** The prebuilt bundle when one is configured and matches the sources; else bundled here. */
async function bundleFor(config: Config, failureConverterPath?: string): Promise<{ code: string }> {
  if (config.worker.bundleDir) {
    const prebuilt = prebuiltBundle(config.worker.bundleDir, failureConverterPath);
    if ('code' in prebuilt) return prebuilt;
    console.warn(`settle worker: not using the prebuilt workflow bundle: ${prebuilt.unusable}; bundling now`);
  }
  return workflowBundle(failureConverterPath);
}

export interface RunningWorker {
  worker: Worker;
  run: Promise<void>;
  stop(): Promise<void>;
}

export async function startWorker(params: {
  config: Config;
  database: DatabaseHandle;
  temporalAddress: string;
}): Promise<RunningWorker> {
  const { config, database } = params;
  const { urls, providers } = runtimeProviders(config, database.db);
  const connection = await NativeConnection.connect({ address: params.temporalAddress });
  const dataConverter = dataConverterFor(config);
  const worker = await Worker.create({
    connection,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    dataConverter,
    workflowBundle: await bundleFor(config, dataConverter.failureConverterPath),
    activities: createActivities({
      db: database.db,
      providers,
      urls,
      posting: config.letterPosting,
      handover: config.handover,
    }),
    // Sized by configuration, not by the machine's memory (the SDK's default cache grows with the heap).
    maxCachedWorkflows: config.worker.maxCachedWorkflows,
    maxConcurrentWorkflowTaskExecutions: config.worker.maxConcurrentWorkflowTasks,
    maxConcurrentActivityTaskExecutions: config.worker.maxConcurrentActivities,
  });
  const run = worker.run();
  let stopping: Promise<void> | undefined;
  return {
    worker,
    run,
    // Once: a test or drill that stops the worker early leaves the stack's own stop nothing to redo.
    stop() {
      stopping ??= (async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await run.catch(() => undefined);
        await connection.close();
      })();
      return stopping;
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  // The workflows schedule contact with these tables: out-of-date data must be visible at start-up.
  for (const stale of staleLegalTablesAt(new Date()))
    console.warn(`settle worker: ${staleLegalTableWarning(stale)}`);
  Runtime.install({ logger: new (await import('@temporalio/worker')).DefaultLogger('WARN') });
  const database = connectDatabase(requireSetting(config.databaseUrl, 'DATABASE_URL'));
  const running = await startWorker({
    config,
    database,
    temporalAddress: requireSetting(config.temporal.address, 'TEMPORAL_ADDRESS'),
  });
  console.log(`settle worker polling ${config.temporal.taskQueue}`);
  // SIGINT and SIGTERM may both arrive: stop once, then exit.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      await running.stop();
      await database.close();
    })()
      .catch((error) => console.error(error instanceof Error ? error.message : error))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await running.run;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
