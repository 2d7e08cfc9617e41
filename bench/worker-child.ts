// A benchmark's worker process. BENCH_WORKER_MODE=real runs Settle's own worker (worker.ts's
// startWorker, real activities, sandbox providers) on the environment's settings; =floor runs the
// floor workflow (bench/floor-workflow.ts) with no-op activities on the same task-queue settings.
// Reports over IPC: 'ready' with start-up timings once polling, CPU/RSS on request, and (floor)
// every no-op send, so the benchmark can answer with a delivery signal as a provider would.
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { loadConfig } from '../config.js';
import { connectDatabase } from '../db/client.js';
import { sleep } from '../devstack/waiting.js';
import { dataConverterFor } from '../temporal/data-converter.js';
import { workflowBundle } from '../temporal/workflow-bundle.js';
import { startWorker } from '../worker.js';

// Static imports are evaluated before this line: ms since the process started, modules included.
const modulesLoadedMs = performance.now();

type Message = { type: 'stats'; id: number } | { type: 'stop' };

const mode = process.env.BENCH_WORKER_MODE === 'floor' ? 'floor' : 'real';
const send = (message: unknown) => {
  if (process.connected) process.send?.(message);
};

let peakRss = process.memoryUsage.rss();
const sampler = setInterval(() => {
  const rss = process.memoryUsage.rss();
  if (rss > peakRss) peakRss = rss;
}, 100);
sampler.unref();

function stats(id: number) {
  const cpu = process.cpuUsage();
  const memory = process.memoryUsage();
  if (memory.rss > peakRss) peakRss = memory.rss;
  send({
    type: 'stats',
    id,
    stats: {
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssBytes: memory.rss,
      peakRssBytes: peakRss,
      heapUsedBytes: memory.heapUsed,
      heapLimitBytes: getHeapStatistics().heap_size_limit,
    },
  });
  peakRss = memory.rss;
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger((process.env.BENCH_WORKER_LOG as 'WARN') || 'WARN') });
  const config = loadConfig(process.env);
  let stop: () => Promise<void>;
  let worker: Worker;
  let bundleReadyMs: number;
  if (mode === 'real') {
    // A prebuilt bundle (WORKFLOW_BUNDLE_DIR) is loaded by startWorker itself: nothing to bundle here.
    if (!config.worker.bundleDir) await workflowBundle(dataConverterFor(config).failureConverterPath);
    bundleReadyMs = performance.now();
    const database = connectDatabase(config.databaseUrl!);
    const running = await startWorker({ config, database, temporalAddress: config.temporal.address! });
    worker = running.worker;
    stop = async () => {
      await running.stop();
      await database.close();
    };
  } else {
    const bundle = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./floor-workflow.ts', import.meta.url)),
      logger: { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never,
    });
    bundleReadyMs = performance.now();
    const connection = await NativeConnection.connect({ address: config.temporal.address! });
    let sent = 0;
    worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      // The floor pays for the same payload encoding as Settle's worker.
      dataConverter: dataConverterFor(config),
      workflowBundle: bundle,
      // The same cache and concurrency as Settle's worker (startWorker's, from the configuration): a
      // floor with the SDK's heap-sized cache (thousands of runs) would never replay an evicted run.
      maxCachedWorkflows: config.worker.maxCachedWorkflows,
      maxConcurrentWorkflowTaskExecutions: config.worker.maxConcurrentWorkflowTasks,
      maxConcurrentActivityTaskExecutions: config.worker.maxConcurrentActivities,
      activities: {
        // A no-op, as the floor's other activities: where Settle writes what no send carried.
        async floorSync() {},
        async floorSend({ workflowId, step }: { workflowId: string; step: string }) {
          send({ type: 'sent', workflowId, step });
          return { messageId: `floor_${++sent}` };
        },
      },
    });
    const run = worker.run();
    stop = async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await run.catch(() => undefined);
      await connection.close();
    };
    void run.catch((error) => send({ type: 'error', message: String(error) }));
  }
  const workerCreatedMs = performance.now();
  while (worker.getState() !== 'RUNNING') await sleep(5);
  send({
    type: 'ready',
    timings: { modulesLoadedMs, bundleReadyMs, workerCreatedMs, pollingMs: performance.now() },
  });

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await stop().catch((error) => console.error(error));
    process.exit(0);
  };
  process.on('message', (raw) => {
    const message = raw as Message;
    if (message.type === 'stats') stats(message.id);
    else if (message.type === 'stop') void shutdown();
  });
  // An orphan never outlives its benchmark.
  process.on('disconnect', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error) => {
  send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  console.error(error);
  process.exit(1);
});
