// Scale of waiting: N open invoices (nl-consumer, due in 120 days, so each runs its first workflow
// task and then sleeps on a timer for ~106 days), created through the invoice service — database rows plus
// workflow — at a pace the server keeps up with. Then: the worker's RSS, the PostgreSQL database
// size, the Temporal SQLite file size, and the start-up of a fresh worker process: until it polls,
// and until it has replayed and answered a status query for a sample of the sleeping invoices.
//
//   npm run bench:waiting            N=20000 (QUICK=1: 200)
//   env: N, CONCURRENCY (creations in flight), MAX_PENDING (created but not yet asleep), SAMPLE,
//        STEADY_WAIT_S, TIMEOUT_S, TEMPORAL_ADDRESS / DATABASE_URL / TEST_POSTGRES_URL (else an embedded stack)

import proto from '@temporalio/proto';
import { createInvoiceService } from '../api/invoice-service.js';
import { isoDay } from '../devstack/dates.js';
import { dunningWorkflowId, statusQuery } from '../workflows/definitions.js';
import type { DunningStatus } from '../workflows/dunning-types.js';
import {
  intParam,
  log,
  mapLimit,
  mib,
  numParam,
  percentile,
  round,
  runBench,
  sleep,
  table,
} from './support/common.js';
import { processRssBytes } from './support/proc.js';
import { benchStack, terminateLeftovers } from './support/stack.js';
import { sqliteBytes } from './support/temporal.js';

const N = intParam('N', 20_000, 200);
const CONCURRENCY = intParam('CONCURRENCY', 16, 8);
const MAX_PENDING = intParam('MAX_PENDING', 300, 100);
const SAMPLE = intParam('SAMPLE', 100, 20);
const TIMEOUT_S = numParam('TIMEOUT_S', 3600, 300);
/** At most this long idle after the fill, until the worker's RSS stops falling. */
const STEADY_WAIT_S = numParam('STEADY_WAIT_S', 120, 60);

runBench('waiting', async () => {
  const stack = await benchStack('waiting');
  terminateLeftovers(stack, [stack.taskQueue]);
  const { pool } = stack.database;
  // Workers load the workflow code prebuilt, as the production image's do (WORKFLOW_BUNDLE_DIR).
  const bundleEnv = await stack.prebuiltBundle();
  let worker = await stack.startWorker({ mode: 'real', env: bundleEnv });
  log(`worker ready (pid ${worker.pid}); creating ${N} invoices, at most ${MAX_PENDING} not yet asleep`);
  const service = createInvoiceService({
    db: stack.database.db,
    temporal: stack.client,
    taskQueue: stack.taskQueue,
    urls: { baseUrl: stack.baseUrl, tokenSecret: stack.env.SETTLE_TOKEN_SECRET! },
    appChannelConfigured: false,
  });
  // Asleep = the workflow ran its first task and waits on its timer. Not the invoice row: the API
  // stores the first snapshot (next_action_at included) with the row, before the workflow has run,
  // so the row says nothing about Temporal's backlog. Tasks not yet handed to the worker are.
  const backlog = async () => {
    const { stats } = await stack.client.workflowService.describeTaskQueue({
      namespace: stack.temporal.namespace,
      taskQueue: { name: stack.taskQueue },
      taskQueueType: proto.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      reportStats: true,
    });
    return Number(stats?.approximateBacklogCount ?? 0);
  };
  const firstTaskDone = async (i: number) => {
    const { historyLength } = await stack.client.workflow
      .getHandle(dunningWorkflowId(stack.tenantId, `WAIT-${i}`))
      .describe();
    // Started and its first task scheduled: 2 events; the task done adds its start, completion and timer.
    return historyLength > 2;
  };
  const asleep = async () => created - (await backlog());

  // What an empty database and server weigh, so that growth can be put per invoice.
  const databaseSize = async () => {
    const { rows } = await pool.query<{ bytes: string }>(
      'select pg_database_size(current_database())::text as bytes',
    );
    return Number(rows[0]!.bytes);
  };
  const databaseBefore = await databaseSize();
  const sqliteBefore = stack.temporal.dbFile ? sqliteBytes(stack.temporal.dbFile).total : undefined;

  const deadline = Date.now() + TIMEOUT_S * 1000;
  const fillStart = Date.now();
  let next = 0;
  let created = 0;
  let sleeping = 0;
  let failures = 0;
  let done = false;
  const poller = (async () => {
    while (!done) {
      sleeping = await asleep().catch(() => sleeping);
      await sleep(500);
    }
  })();
  const progress = setInterval(() => {
    const seconds = (Date.now() - fillStart) / 1000;
    log(`created ${created}/${N}, asleep ${sleeping} (${round(sleeping / seconds, 1)}/s)`);
  }, 10_000);
  const lanes = Array.from({ length: CONCURRENCY }, async () => {
    for (;;) {
      while (created - sleeping >= MAX_PENDING && Date.now() < deadline) await sleep(50);
      if (Date.now() > deadline) return;
      const i = next++;
      if (i >= N) return;
      try {
        await service.create(stack.tenantId, {
          invoiceId: `WAIT-${i}`,
          amountCents: 12_345,
          currency: 'EUR',
          issueDate: isoDay(0),
          dueDate: isoDay(120),
          policyId: 'nl-consumer',
          debtor: {
            id: `D-${i}`,
            type: 'consumer',
            name: 'Jan Jansen',
            email: `debtor-${i}@example.nl`,
            address: { line1: 'Dorpsstraat 1', postalCode: '1234 AB', city: 'Utrecht', country: 'NL' },
          },
        });
        created++;
      } catch (error) {
        failures++;
        if (failures <= 5) log(`create ${i} failed: ${(error as Error).message}`);
        if (failures > 100) throw new Error('more than 100 creations failed');
      }
    }
  });
  await Promise.all(lanes);
  while (sleeping < created && Date.now() < deadline) await sleep(200);
  // The backlog is approximate and leaves out tasks the worker holds: the last ones created say it all.
  const lastCreated = Array.from({ length: Math.min(50, N) }, (_, k) => N - 1 - k);
  let lastAsleep = false;
  while (!lastAsleep && Date.now() < deadline) {
    lastAsleep = (await mapLimit(lastCreated, 10, firstTaskDone)).every(Boolean);
    if (!lastAsleep) await sleep(500);
  }
  done = true;
  clearInterval(progress);
  await poller;
  const fillS = (Date.now() - fillStart) / 1000;
  if (sleeping < N || !lastAsleep)
    throw new Error(`only ${sleeping} of ${N} invoices asleep within ${TIMEOUT_S} s`);
  log(`${N} invoices asleep after ${round(fillS, 1)} s (${round(N / fillS, 1)}/s); letting things settle`);
  await sleep(5000);

  const running = await stack.client.workflow.count(
    `TaskQueue = "${stack.taskQueue}" AND ExecutionStatus = "Running"`,
  );
  // Right after the fill the worker still holds what its burst of first tasks left; V8 hands most
  // of it back once the worker has been idle a while (its memory reducer: tens of seconds). A worker
  // of sleeping invoices is idle nearly always: steady is the RSS once it has stopped falling.
  const afterFill = await worker.stats();
  let steady = afterFill;
  for (let waited = 0; waited < STEADY_WAIT_S; waited += 5) {
    await sleep(5000);
    const now = await worker.stats();
    const settled = waited >= 30 && Math.abs(now.rssBytes - steady.rssBytes) < 1024 * 1024;
    steady = { ...now, peakRssBytes: Math.max(now.peakRssBytes, afterFill.peakRssBytes) };
    if (settled) break;
  }
  const { rows: tables } = await pool.query<{ name: string; bytes: string }>(
    `select c.relname as name, pg_total_relation_size(c.oid)::text as bytes
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
      order by pg_total_relation_size(c.oid) desc limit 6`,
  );
  const sqlite = stack.temporal.dbFile ? sqliteBytes(stack.temporal.dbFile) : undefined;
  const temporalRss = processRssBytes(stack.temporal.pid);
  const databaseBytes = await databaseSize();
  const databaseGrowth = databaseBytes - databaseBefore;
  const sqliteGrowth = sqlite && sqliteBefore !== undefined ? sqlite.total - sqliteBefore : undefined;
  // The worker's sticky cache as configured (WORKER_MAX_CACHED_WORKFLOWS), not the SDK's heap-sized default.
  const heapLimitMiB = steady.heapLimitBytes / 1024 / 1024;
  const cachedWorkflows = stack.config.worker.maxCachedWorkflows;

  // A fresh worker: the old one goes, a new process starts with an empty cache.
  const stopStart = Date.now();
  await worker.stop();
  const shutdownMs = Date.now() - stopStart;
  worker = await stack.startWorker({ mode: 'real', env: bundleEnv });
  const timings = worker.timings!;
  log(
    `fresh worker polling after ${Math.round(worker.startupWallMs)} ms (bundle ready at ${Math.round(timings.bundleReadyMs)} ms)`,
  );
  const sample = Array.from({ length: Math.min(SAMPLE, N) }, (_, k) =>
    Math.floor((k * N) / Math.min(SAMPLE, N)),
  );
  const queryAll = async () => {
    const latencies: number[] = [];
    const failures: string[] = [];
    const t0 = performance.now();
    const statuses = await mapLimit(sample, 10, async (i) => {
      const q0 = performance.now();
      try {
        const status = await stack.client.workflow
          .getHandle(dunningWorkflowId(stack.tenantId, `WAIT-${i}`))
          .query<DunningStatus>(statusQuery);
        latencies.push(performance.now() - q0);
        return status.status;
      } catch (error) {
        // The client's message is generic ("Failed to query Workflow"): the gRPC cause says why.
        const cause = (error as Error).cause as { code?: number; details?: string } | undefined;
        const why = cause?.details ? ` (gRPC ${cause.code}: ${cause.details})` : '';
        failures.push(
          `WAIT-${i} after ${Math.round(performance.now() - q0)} ms: ${(error as Error).message}${why}`,
        );
        return 'failed';
      }
    });
    return {
      totalMs: performance.now() - t0,
      latencies,
      failures,
      open: statuses.filter((s) => s === 'open').length,
    };
  };
  const cold = await queryAll();
  const warm = await queryAll();
  const fresh = await worker.stats();
  const firstQueriesMs = worker.startupWallMs + cold.totalMs;

  console.log('');
  console.log(
    table([
      ['', 'value'],
      ['open invoices (asleep)', N],
      ['running workflows (visibility)', running.count],
      ['fill rate, invoices/s', round(N / fillS, 1)],
      ['worker RSS MiB right after the fill', mib(afterFill.rssBytes)],
      ['worker RSS MiB (steady: idle until it stops falling)', mib(steady.rssBytes)],
      ['worker peak RSS MiB (since it started)', mib(steady.peakRssBytes)],
      ['worker heap used MiB', mib(steady.heapUsedBytes)],
      [
        'worker workflow cache (WORKER_MAX_CACHED_WORKFLOWS)',
        `${Math.min(cachedWorkflows, N)} of ${N} (heap limit ${Math.round(heapLimitMiB)} MiB)`,
      ],
      ['PostgreSQL database MiB', mib(databaseBytes)],
      ['  growth per invoice, bytes', Math.round(databaseGrowth / N)],
      ['Temporal SQLite MiB (incl. WAL)', sqlite ? `${mib(sqlite.total)} (WAL ${mib(sqlite.wal)})` : null],
      ['  growth per invoice, bytes', sqliteGrowth !== undefined ? Math.round(sqliteGrowth / N) : null],
      ['Temporal server RSS MiB', temporalRss ? mib(temporalRss) : null],
      ['old worker graceful shutdown ms', shutdownMs],
      ['fresh worker: modules loaded ms', Math.round(timings.modulesLoadedMs)],
      ['fresh worker: workflow bundle ready ms', Math.round(timings.bundleReadyMs)],
      ['fresh worker: polling ms (wall, from spawn)', Math.round(worker.startupWallMs)],
      [`fresh worker: + ${sample.length} status queries (replay) ms`, Math.round(firstQueriesMs)],
      [
        '  query p50 / p99 ms, cold (replay)',
        `${round(percentile(cold.latencies, 50))} / ${round(percentile(cold.latencies, 99))}`,
      ],
      [
        '  query p50 / p99 ms, cached',
        `${round(percentile(warm.latencies, 50))} / ${round(percentile(warm.latencies, 99))}`,
      ],
      ['fresh worker RSS MiB after the queries', mib(fresh.rssBytes)],
    ]),
  );
  console.log('\nlargest tables:');
  console.log(table(tables.map((t) => [t.name, `${mib(Number(t.bytes))} MiB`])));
  const problem =
    cold.failures.length > 0
      ? `${cold.failures.length} of ${sample.length} status queries failed on the fresh worker; first: ${cold.failures[0]}`
      : cold.open !== sample.length
        ? `only ${cold.open} of ${sample.length} sampled invoices answered open`
        : undefined;
  if (problem) log(`PROBLEM: ${problem}`);
  for (const failure of cold.failures) log(`failed: ${failure}`);

  return {
    ...(problem ? { error: problem } : {}),
    n: N,
    stack: { temporal: stack.temporal.kind, postgres: stack.postgres.kind },
    running: running.count,
    fillPerSecond: round(N / fillS, 1),
    workerRssAfterFillMiB: mib(afterFill.rssBytes),
    workerRssMiB: mib(steady.rssBytes),
    workerPeakRssMiB: mib(steady.peakRssBytes),
    workerCachedWorkflows: Math.min(cachedWorkflows, N),
    postgresMiB: mib(databaseBytes),
    postgresBytesPerInvoice: Math.round(databaseGrowth / N),
    temporalSqliteMiB: sqlite ? mib(sqlite.total) : null,
    temporalSqliteWalMiB: sqlite ? mib(sqlite.wal) : null,
    temporalSqliteBytesPerInvoice: sqliteGrowth !== undefined ? Math.round(sqliteGrowth / N) : null,
    temporalServerRssMiB: temporalRss ? mib(temporalRss) : null,
    freshWorker: {
      pollingMs: Math.round(worker.startupWallMs),
      bundleReadyMs: Math.round(timings.bundleReadyMs),
      sample: sample.length,
      sampleQueriedMs: Math.round(firstQueriesMs),
      failedQueries: cold.failures.length,
      coldQueryP50Ms: round(percentile(cold.latencies, 50)),
      coldQueryP99Ms: round(percentile(cold.latencies, 99)),
      cachedQueryP50Ms: round(percentile(warm.latencies, 50)),
      rssMiB: mib(fresh.rssBytes),
    },
    oldWorkerShutdownMs: shutdownMs,
    largestTablesMiB: Object.fromEntries(tables.map((t) => [t.name, mib(Number(t.bytes))])),
  };
});
