// Lifecycle throughput vs the engine's floor. N invoices through the `demo` policy on the path
// "paid after the first reminder" — created with POST /v1/invoices, the benchmark acting as the
// debtor who pays through the sandbox checkout once reminder-1 shows up delivered in the outbox —
// and then, on the same Temporal server, N runs of the floor workflow (bench/floor-workflow.ts):
// the identical shape with no-op activities, driven the same way (a delivery callback 300 ms after
// each send, which like Settle's webhook processor it does not signal; the payment, an update, one demo day after reminder-1 was delivered). Both phases
// start at most START_RATE invoices/s and keep at most WINDOW open. Each phase has its own worker
// child process, so worker CPU and peak RSS are measured per phase; the history shapes of a sample
// of both are printed side by side, to show they are the same.
//
//   npm run bench:lifecycle                N=500 WINDOW=200 (QUICK=1: N=20)
//   env: N, WINDOW (max invoices open at once), WORKER_MAX_CACHED_WORKFLOWS (both workers; default
//        WINDOW), START_RATE (max starts/s, both phases alike),
//        PAY_DELAY_MS, START_CONCURRENCY, TIMEOUT_S, HISTORY_SAMPLE,
//        TEMPORAL_ADDRESS / DATABASE_URL / TEST_POSTGRES_URL (else an embedded stack of its own)
import { cpus } from 'node:os';
import type { Client } from '@temporalio/client';
import { isoDay } from '../devstack/dates.js';
import { followPayLink, stablePayLinkIn } from '../devstack/pay-link.js';
import { SEARCH_ATTRIBUTES } from '../workflows/definitions.js';
import { dayMs, MIN_STEP_GAP_DAYS } from '../workflows/dunning-logic.js';
import { DEMO } from '../workflows/policy/ladder.js';
import type { FloorInput } from './floor-workflow.js';
import {
  intParam,
  log,
  mapLimit,
  mib,
  numParam,
  percentile,
  ratio,
  round,
  runBench,
  sleep,
  table,
} from './support/common.js';
import { type HistoryCounts, historyCounts, meanCounts } from './support/history.js';
import { machineBusyPercent, machineCpu, processCpuMs } from './support/proc.js';
import { type BenchStack, benchStack, terminateLeftovers } from './support/stack.js';
import type { WorkerProcess } from './support/worker-process.js';

const N = intParam('N', 500, 20);
const WINDOW = intParam('WINDOW', 200, 40);
/**
 * Both workers cache every invoice the window holds open, as a worker sized for its active invoices
 * is (README, sizing: WORKER_MAX_CACHED_WORKFLOWS): with the default of 100 and 200 open, nearly every
 * workflow task would replay its run from the start, which is the cache's cost, not the workflow's.
 */
const CACHED_WORKFLOWS = process.env.WORKER_MAX_CACHED_WORKFLOWS || String(WINDOW);
const START_CONCURRENCY = intParam('START_CONCURRENCY', 16, 8);
/**
 * The same smooth ramp for both phases: raw starts would otherwise fill the window in a burst that
 * the SQLite dev server answers with long stalls, while the API paces Settle's starts by itself.
 */
const START_RATE = numParam('START_RATE', 20, 10);
/** The debtor pays this long after first seeing reminder-1 delivered (1 demo day). */
const PAY_DELAY_MS = numParam('PAY_DELAY_MS', dayMs(DEMO), dayMs(DEMO));
const TIMEOUT_S = numParam('TIMEOUT_S', 900, 180);
const HISTORY_SAMPLE = intParam('HISTORY_SAMPLE', 20, 5);
/** The sandbox providers call back this long after a send (the outbox's default report delay; the API's report poller adds up to its 200 ms interval). */
const CALLBACK_DELAY_MS = 300;
/** How often the debtor looks at the outbox. */
const DEBTOR_POLL_MS = 250;

interface Driver {
  label: string;
  taskQueue: string;
  worker: WorkerProcess;
  /** Starts invoice `i`; resolves once it was accepted. */
  start(i: number): Promise<void>;
  /** Called every DEBTOR_POLL_MS: pays what is due for payment. */
  debtorTick(): Promise<void>;
  /** Completions (workflow closed), as far as known. */
  closedCount(): Promise<number>;
}

interface PhaseResult {
  label: string;
  n: number;
  completed: number;
  failed: number;
  wallS: number;
  perSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  workerCpuMs: number;
  workerCpuMsPerInvoice: number;
  workerPeakRssMiB: number;
  mainCpuMsPerInvoice: number;
  temporalCpuMsPerInvoice: number | null;
  machineBusyPercent: number | null;
  startErrors: number;
  /** Starts per second actually achieved (first to last accepted start). */
  startRate: number;
  shape: Record<keyof HistoryCounts, number>;
}

async function runPhase(stack: BenchStack, driver: Driver): Promise<PhaseResult> {
  const { client } = stack;
  log(`${driver.label}: ${N} invoices, at most ${WINDOW} open at once, at most ${START_RATE} starts/s`);
  const before = {
    worker: await driver.worker.stats(),
    main: process.cpuUsage(),
    temporal: processCpuMs(stack.temporal.pid),
    machine: machineCpu(),
  };
  const deadline = Date.now() + TIMEOUT_S * 1000;
  let nextSlot = Date.now();
  let firstStartAt: number | undefined;
  let lastStartAt = 0;
  let started = 0;
  let accepted = 0;
  let startErrors = 0;
  let closed = 0;
  let done = false;

  const closedPoller = (async () => {
    while (!done) {
      closed = await driver.closedCount().catch(() => closed);
      await sleep(500);
    }
  })();
  const debtor = (async () => {
    while (!done) {
      await driver.debtorTick().catch((error) => log(`debtor: ${(error as Error).message}`));
      await sleep(DEBTOR_POLL_MS);
    }
  })();
  const progress = setInterval(
    () => log(`${driver.label}: started ${accepted}/${N}, completed ${closed}, open ${accepted - closed}`),
    5000,
  );

  const lanes = Array.from({ length: START_CONCURRENCY }, async () => {
    for (;;) {
      while (started - closed >= WINDOW && Date.now() < deadline) await sleep(50);
      if (Date.now() > deadline) return;
      const i = started++;
      if (i >= N) return;
      // A rate cap, also after the window held starts back: never a burst.
      const slot = Math.max(nextSlot, Date.now());
      nextSlot = slot + 1000 / START_RATE;
      if (slot > Date.now()) await sleep(slot - Date.now());
      try {
        await driver.start(i);
        accepted++;
        firstStartAt ??= Date.now();
        lastStartAt = Date.now();
      } catch (error) {
        startErrors++;
        if (startErrors <= 5) log(`${driver.label}: start ${i} failed: ${(error as Error).message}`);
      }
    }
  });
  await Promise.all(lanes);
  while (closed < accepted && Date.now() < deadline) await sleep(100);
  done = true;
  clearInterval(progress);
  await Promise.all([closedPoller, debtor]);
  if (closed < accepted) log(`${driver.label}: TIMEOUT — ${accepted - closed} invoices still open`);

  const after = {
    worker: await driver.worker.stats(),
    main: process.cpuUsage(before.main),
    temporal: processCpuMs(stack.temporal.pid),
    machine: machineCpu(),
  };

  // Start and close times as the server recorded them.
  const starts: number[] = [];
  const closes: number[] = [];
  const latencies: number[] = [];
  const completedIds: string[] = [];
  let failed = 0;
  for await (const execution of client.workflow.list({ query: `TaskQueue = "${driver.taskQueue}"` })) {
    if (execution.status.name !== 'COMPLETED') {
      if (execution.status.name !== 'RUNNING') failed++;
      continue;
    }
    const startMs = execution.startTime.getTime();
    const closeMs = execution.closeTime?.getTime() ?? startMs;
    starts.push(startMs);
    closes.push(closeMs);
    latencies.push(closeMs - startMs);
    completedIds.push(execution.workflowId);
  }
  const wallMs = closes.length > 0 ? Math.max(...closes) - Math.min(...starts) : 0;
  const sample = completedIds.slice(0, HISTORY_SAMPLE);
  const shapes = await mapLimit(sample, 5, (id) => historyCounts(client, id));
  const completed = completedIds.length;
  const perInvoice = (ms: number) => (completed === 0 ? 0 : round(ms / completed, 2));
  const mainCpuMs = (after.main.user + after.main.system) / 1000;
  const workerCpuMs = after.worker.cpuMs - before.worker.cpuMs;
  return {
    label: driver.label,
    n: N,
    completed,
    failed,
    wallS: round(wallMs / 1000, 2),
    perSecond: wallMs === 0 ? 0 : round(completed / (wallMs / 1000), 2),
    latencyP50Ms: Math.round(percentile(latencies, 50)),
    latencyP99Ms: Math.round(percentile(latencies, 99)),
    latencyMaxMs: Math.round(percentile(latencies, 100)),
    workerCpuMs: Math.round(workerCpuMs),
    workerCpuMsPerInvoice: perInvoice(workerCpuMs),
    workerPeakRssMiB: mib(after.worker.peakRssBytes),
    mainCpuMsPerInvoice: perInvoice(mainCpuMs),
    temporalCpuMsPerInvoice:
      before.temporal !== undefined && after.temporal !== undefined
        ? perInvoice(after.temporal - before.temporal)
        : null,
    machineBusyPercent: machineBusyPercent(before.machine, after.machine),
    startErrors,
    startRate:
      firstStartAt !== undefined && lastStartAt > firstStartAt
        ? round((accepted - 1) / ((lastStartAt - firstStartAt) / 1000), 1)
        : 0,
    shape: meanCounts(shapes),
  };
}

function realDriver(stack: BenchStack, worker: WorkerProcess): Driver {
  const { client, tenantId, taskQueue, apiKey, baseUrl, database } = stack;
  const paid = new Set<string>();
  /** When the debtor first saw each invoice's reminder-1 delivered. */
  const seen = new Map<string, number>();
  return {
    label: 'settle',
    taskQueue,
    worker,
    async start(i) {
      const response = await fetch(`${baseUrl}/v1/invoices`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          invoiceId: `LIFE-${i}`,
          policy: 'demo',
          debtor: {
            id: `D-${i}`,
            type: 'consumer',
            name: 'Jan Jansen',
            email: `debtor-${i}@example.nl`,
            address: { line1: 'Dorpsstraat 1', postalCode: '1234 AB', city: 'Utrecht', country: 'NL' },
          },
          amount: { currency: 'EUR', value: '123.45' },
          // Due long enough ago that reminder-1 waits only for the minimum gap after the first message.
          issueDate: isoDay(-40),
          dueDate: isoDay(-10),
        }),
      });
      if (response.status !== 201)
        throw new Error(`POST /v1/invoices: ${response.status} ${await response.text()}`);
      await response.arrayBuffer().catch(() => undefined);
    },
    async debtorTick() {
      const { rows } = await database.pool.query<{ invoice_id: string; links: string[] }>(
        // Reminder-1 delivered, and the workflow has recorded sending it (the mirror's stage is past
        // payment-request): from then on it waits for reminder-2, which the payment cuts short.
        `select m.invoice_id, m.links from sandbox_messages m
           join invoices i on i.tenant_id = m.tenant_id and i.invoice_id = m.invoice_id
          where m.tenant_id = $1 and m.template = 'reminder-1' and m.delivery_status = 'delivered'
            and i.stage not in ('created', 'payment-request')`,
        [tenantId],
      );
      const now = Date.now();
      for (const row of rows) if (!seen.has(row.invoice_id)) seen.set(row.invoice_id, now);
      const due = rows.filter(
        (r) => !paid.has(r.invoice_id) && now - seen.get(r.invoice_id)! >= PAY_DELAY_MS,
      );
      for (const row of due) paid.add(row.invoice_id);
      await mapLimit(due, 16, async (row) => {
        const payLink = stablePayLinkIn(row.links);
        if (!payLink) throw new Error(`reminder-1 of ${row.invoice_id} has no pay link`);
        const { checkout, status } = await followPayLink(payLink);
        if (!checkout) {
          paid.delete(row.invoice_id); // try again on the next tick
          log(`pay link of ${row.invoice_id}: ${status}`);
          return;
        }
        const response = await fetch(checkout, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'outcome=paid',
          redirect: 'manual',
        });
        await response.arrayBuffer().catch(() => undefined);
        if (response.status !== 303) {
          paid.delete(row.invoice_id); // try again on the next tick
          log(`checkout of ${row.invoice_id}: ${response.status}`);
        }
      });
    },
    closedCount: () => countClosed(client, taskQueue),
  };
}

function floorDriver(
  stack: BenchStack,
  worker: WorkerProcess,
  taskQueue: string,
  payable: FloorPayable,
  input: Omit<FloorInput, 'invoiceId'>,
): Driver {
  const { client, tenantId } = stack;
  return {
    label: 'floor',
    taskQueue,
    worker,
    async start(i) {
      const invoiceId = `FLOOR-${i}`;
      await client.workflow.start('floorWorkflow', {
        taskQueue,
        workflowId: `floor:${tenantId}:${invoiceId}`,
        args: [{ invoiceId, ...input } satisfies FloorInput],
        typedSearchAttributes: [
          { key: SEARCH_ATTRIBUTES.invoiceId, value: invoiceId },
          { key: SEARCH_ATTRIBUTES.debtorId, value: `D-${i}` },
          { key: SEARCH_ATTRIBUTES.tenantId, value: tenantId },
          { key: SEARCH_ATTRIBUTES.stage, value: 'created' },
          { key: SEARCH_ATTRIBUTES.amountDueCents, value: 12_345 },
          { key: SEARCH_ATTRIBUTES.dueDate, value: new Date(`${isoDay(-10)}T00:00:00Z`) },
        ],
      });
    },
    async debtorTick() {
      const due = payable.take();
      await mapLimit(due, 16, async (workflowId) => {
        const dedupeKey = `psp:${workflowId}`;
        await client.workflow.getHandle(workflowId).executeUpdate('recordPayment', {
          args: [{ dedupeKey, amountCents: 12_345 }],
          updateId: dedupeKey,
        });
      });
    },
    closedCount: () => countClosed(client, taskQueue),
  };
}

/**
 * The floor's debtor pays a workflow as Settle's does: once it has both been told reminder-1 was
 * delivered and its records written (Settle: the mirror's stage, written by the send), PAY_DELAY_MS later.
 */
class FloorPayable {
  private readonly delivered = new Set<string>();
  private readonly synced = new Set<string>();
  private ready: { workflowId: string; at: number }[] = [];

  markDelivered(workflowId: string): void {
    if (this.synced.delete(workflowId)) this.ready.push({ workflowId, at: Date.now() });
    else this.delivered.add(workflowId);
  }

  markSynced(workflowId: string): void {
    if (this.delivered.delete(workflowId)) this.ready.push({ workflowId, at: Date.now() });
    else this.synced.add(workflowId);
  }

  /** Those ready for PAY_DELAY_MS, as Settle's debtor waits after seeing reminder-1 delivered. */
  take(): string[] {
    const now = Date.now();
    const due = this.ready.filter((r) => now - r.at >= PAY_DELAY_MS);
    this.ready = this.ready.filter((r) => now - r.at < PAY_DELAY_MS);
    return due.map((r) => r.workflowId);
  }
}

async function countClosed(client: Client, taskQueue: string): Promise<number> {
  const { count } = await client.workflow.count(
    `TaskQueue = "${taskQueue}" AND ExecutionStatus != "Running"`,
  );
  return count;
}

function printPhases(real: PhaseResult, floor: PhaseResult): void {
  const row = (name: string, pick: (p: PhaseResult) => number | null, ratioDigits = 2) => [
    name,
    pick(real),
    pick(floor),
    ratio(pick(real) ?? 0, pick(floor) ?? 0, ratioDigits),
  ];
  console.log(
    table([
      ['', 'settle', 'floor', 'settle/floor'],
      row('completed', (p) => p.completed),
      row('starts/s achieved', (p) => p.startRate),
      row('invoices/s', (p) => p.perSecond),
      row('start→completion p50 ms', (p) => p.latencyP50Ms),
      row('start→completion p99 ms', (p) => p.latencyP99Ms),
      row('worker CPU ms / invoice', (p) => p.workerCpuMsPerInvoice),
      row('worker peak RSS MiB', (p) => p.workerPeakRssMiB),
      row('API+bench CPU ms / invoice', (p) => p.mainCpuMsPerInvoice),
      row('Temporal CPU ms / invoice', (p) => p.temporalCpuMsPerInvoice),
      row('machine busy %', (p) => p.machineBusyPercent),
    ]),
  );
  const keys: (keyof HistoryCounts)[] = [
    'events',
    'activitiesScheduled',
    'timersStarted',
    'timersFired',
    'timersCanceled',
    'signals',
    'updatesAccepted',
    'upserts',
    'workflowTasks',
  ];
  console.log('\nhistory shape (mean over the sampled histories):');
  console.log(table([['', 'settle', 'floor'], ...keys.map((k) => [k, real.shape[k], floor.shape[k]])]));
}

runBench('lifecycle', async () => {
  const stack = await benchStack('lifecycle');
  const floorQueue = `${stack.taskQueue}-floor`;
  terminateLeftovers(stack, [stack.taskQueue, floorQueue]);
  const api = await stack.startApi();
  log(`API on ${api.url}`);

  const cacheEnv = { WORKER_MAX_CACHED_WORKFLOWS: CACHED_WORKFLOWS };
  const realWorker = await stack.startWorker({ mode: 'real', env: cacheEnv });
  log(`settle worker ready in ${Math.round(realWorker.startupWallMs)} ms (pid ${realWorker.pid})`);
  const real = await runPhase(stack, realDriver(stack, realWorker));
  await realWorker.stop();

  const day = dayMs(DEMO);
  const reminder2 = DEMO.steps.find((s) => s.id === 'reminder-2')!;
  const input = {
    // reminder-1 is due 3 days after the due date, long past: the minimum gap between steps rules.
    firstGapMs: MIN_STEP_GAP_DAYS * day,
    secondGapMs: Math.max(reminder2.after.days, MIN_STEP_GAP_DAYS) * day,
  };
  const payable = new FloorPayable();
  const floorWorker = await stack.startWorker({
    mode: 'floor',
    env: { ...cacheEnv, TEMPORAL_TASK_QUEUE: floorQueue },
    // As the sandbox providers do: a delivery callback shortly after each send. Settle's webhook
    // processor stores a plain delivery without a signal (the workflow does not act on it), so
    // the floor's is not signalled either.
    // Since sync-rides-along the send writes Settle's records of the step (the mirror's stage): the
    // floor's send is its sync too.
    onSent: (notice) => {
      if (notice.step !== 'reminder-1') return;
      payable.markSynced(notice.workflowId);
      setTimeout(() => payable.markDelivered(notice.workflowId), CALLBACK_DELAY_MS);
    },
  });
  log(`floor worker ready in ${Math.round(floorWorker.startupWallMs)} ms (pid ${floorWorker.pid})`);
  const floor = await runPhase(stack, floorDriver(stack, floorWorker, floorQueue, payable, input));
  await floorWorker.stop();

  console.log('');
  printPhases(real, floor);
  // Settle's own processes and Temporal's CPU per invoice bound what the cores can carry, however
  // the measured throughput came out (that one moves with other load on the machine).
  const cores = cpus().length;
  const cpuPerInvoice = (p: PhaseResult) =>
    p.workerCpuMsPerInvoice + p.mainCpuMsPerInvoice + (p.temporalCpuMsPerInvoice ?? 0);
  const ceiling = (p: PhaseResult) =>
    cpuPerInvoice(p) > 0 ? round((cores * 1000) / cpuPerInvoice(p), 1) : 0;
  const cpuBound = ceiling(real);
  const floorCpuBound = ceiling(floor);
  console.log(
    `\nsettle: ${real.perSecond} invoices/s vs floor ${floor.perSecond}/s (ratio ${ratio(real.perSecond, floor.perSecond)}); ` +
      `started at ${real.startRate}/s vs ${floor.startRate}/s`,
  );
  console.log(
    `CPU per invoice (worker + API/driver + Temporal; PostgreSQL not included): settle ${round(cpuPerInvoice(real), 1)} ms, ` +
      `floor ${round(cpuPerInvoice(floor), 1)} ms → CPU-bound ceiling on ${cores} cores ≈ ${cpuBound} vs ${floorCpuBound} invoices/s (ratio ${ratio(cpuBound, floorCpuBound)})`,
  );
  const ok = real.completed === N && floor.completed === N;
  // The floor is only a floor if its runs had the same billable shape as Settle's.
  const shapeKeys = [
    'activitiesScheduled',
    'timersStarted',
    'signals',
    'updatesAccepted',
    'upserts',
  ] as const;
  const differing = shapeKeys.filter((k) => real.shape[k] !== floor.shape[k]);
  const problems = [
    ...(ok
      ? []
      : [`not every invoice completed (settle ${real.completed}/${N}, floor ${floor.completed}/${N})`]),
    ...(differing.length > 0 ? [`history shapes differ in ${differing.join(', ')}`] : []),
  ];
  for (const problem of problems) log(`PROBLEM: ${problem}`);
  const pick = (p: PhaseResult) => {
    const { label: _label, shape, ...rest } = p;
    return { ...rest, shape };
  };
  return {
    ...(problems.length > 0 ? { error: problems.join('; ') } : {}),
    n: N,
    window: WINDOW,
    cachedWorkflows: Number(CACHED_WORKFLOWS),
    startRate: START_RATE,
    payDelayMs: PAY_DELAY_MS,
    policy: 'demo',
    path: 'paid after reminder-1',
    stack: { temporal: stack.temporal.kind, postgres: stack.postgres.kind, cores },
    allCompleted: ok,
    invoicesPerSecond: real.perSecond,
    floorPerSecond: floor.perSecond,
    ratio: ratio(real.perSecond, floor.perSecond),
    p50Ms: real.latencyP50Ms,
    p99Ms: real.latencyP99Ms,
    floorP50Ms: floor.latencyP50Ms,
    floorP99Ms: floor.latencyP99Ms,
    workerCpuMsPerInvoice: real.workerCpuMsPerInvoice,
    floorWorkerCpuMsPerInvoice: floor.workerCpuMsPerInvoice,
    workerPeakRssMiB: real.workerPeakRssMiB,
    floorWorkerPeakRssMiB: floor.workerPeakRssMiB,
    cpuBoundCeilingPerSecond: cpuBound,
    floorCpuBoundCeilingPerSecond: floorCpuBound,
    cpuBoundRatio: ratio(cpuBound, floorCpuBound),
    settle: pick(real),
    floor: pick(floor),
  };
});
