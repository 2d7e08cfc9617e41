// The API under load, each endpoint next to its floor measured in the same run. The load generator
// (autocannon) runs in a child process (bench/load-child.ts); the API runs in this process as in
// `npm start`, the worker in a child process.
//   POST /v1/invoices (unique ids, nl-consumer, due in 120 days: each workflow syncs once, then sleeps)
//     floor: a raw client.workflow.start loop (same workflow type, input and search attributes; a
//     task queue no worker polls), as many concurrent callers as autocannon has connections
//   GET /v1/invoices/{id} (random ids of the invoices created above, answered from the read model)
//     floor: a Fastify route reading the same row by key from PostgreSQL
//   POST /webhooks/sendgrid (batches of BATCH=100 validly signed events, unique event ids, about
//     messages of closed invoices: verified, stored, then processed — status update + signal)
//     floor: a Fastify route that verifies the signature and stores the batch with one multi-row insert
//   POST /v1/invoice-batches (one JSON batch of INTAKE_N invoices, timed until every line started)
//     floor: the raw start loop with as many starters as the API starts batch lines at once
//   POST /webhooks/mollie (form posts id=tr_…, unique; the PSP knows no such payment: answered 200, not stored)
//     floor: a trivial Fastify route with the form parser
//
//   npm run bench:api        DURATION_S=10 per measurement, CONNECTIONS=10 (QUICK=1: 2 s)
//   env: DURATION_S, CONNECTIONS, BATCH, INTAKE_N, INVOICE_BATCH_CONCURRENCY, WARMUP_S, DRAIN_TIMEOUT_S, RATE_LIMIT_PER_MINUTE (set high),
//        TEMPORAL_ADDRESS / DATABASE_URL / TEST_POSTGRES_URL (else an embedded stack of its own)
//   BENCH_ONLY=create,intake  measures only the named parts (create, intake, get, sendgrid, mollie);
//        get needs invoices to read, so it brings create along
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import formbody from '@fastify/formbody';
import Fastify from 'fastify';
import { webhookBacklog } from '../db/queries/webhook-events.js';
import { isoDay } from '../devstack/dates.js';
import { sandboxKeys } from '../providers/sandbox/sandbox-keys.js';
import {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  verifySendGridSignature,
} from '../providers/sendgrid/sendgrid-events.js';
import { SEARCH_ATTRIBUTES } from '../workflows/definitions.js';
import type { DunningInput } from '../workflows/dunning-types.js';
import { NL_CONSUMER } from '../workflows/policy/ladder.js';
import type { LoadJob, LoadKind, LoadSummary } from './load-child.js';
import {
  intParam,
  log,
  numParam,
  onCleanup,
  percentile,
  ratio,
  round,
  runBench,
  sleep,
  table,
} from './support/common.js';
import { machineBusyPercent, machineCpu, processCpuMs } from './support/proc.js';
import { type BenchStack, benchStack, terminateLeftovers } from './support/stack.js';
import type { WorkerProcess } from './support/worker-process.js';

const DURATION_S = numParam('DURATION_S', 10, 2);
const CONNECTIONS = intParam('CONNECTIONS', 10, 10);
const BATCH = intParam('BATCH', 100, 100);
const WARMUP_S = numParam('WARMUP_S', 2, 1);
const DRAIN_TIMEOUT_S = numParam('DRAIN_TIMEOUT_S', 120, 60);
const INTAKE_N = intParam('INTAKE_N', 2000, 200);
/** SendGrid events refer to this many (closed-invoice) messages, round robin. */
const MESSAGES = 200;
const PARTS = ['create', 'intake', 'get', 'sendgrid', 'mollie'] as const;
type Part = (typeof PARTS)[number];
const ONLY = process.env.BENCH_ONLY?.split(',').map((part) => part.trim());
const unknownParts = ONLY?.filter((part) => !(PARTS as readonly string[]).includes(part)) ?? [];
if (unknownParts.length > 0)
  throw new Error(`BENCH_ONLY: unknown ${unknownParts.join(', ')}; use ${PARTS.join(', ')}`);
/** Whether this run measures the part (the reads read what the creates stored). */
const runs = (part: Part) => !ONLY || ONLY.includes(part) || (part === 'create' && ONLY.includes('get'));

const LOAD_CHILD = resolve(import.meta.dirname, 'load-child.ts');

/** Runs one autocannon job in a fresh child process. */
function loadChild(job: LoadJob): Promise<LoadSummary> {
  return new Promise((resolveJob, reject) => {
    const child = fork(LOAD_CHILD, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
    const timer = setTimeout(
      () => {
        child.kill('SIGKILL');
        reject(new Error(`load generator for ${job.kind} did not finish`));
      },
      (job.durationS + 60) * 1000,
    );
    child.once('message', (raw) => {
      clearTimeout(timer);
      const message = raw as { type: 'result'; summary: LoadSummary } | { type: 'error'; message: string };
      if (message.type === 'result') resolveJob(message.summary);
      else reject(new Error(`load generator: ${message.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`load generator exited with code ${code}`));
    });
    child.send(job);
  });
}

interface Measured {
  summary: LoadSummary;
  /** CPU of this process (the API, or the floor) per successful request, ms. */
  serverCpuMsPerRequest: number;
  workerCpuMsPerRequest: number | null;
  temporalCpuMsPerRequest: number | null;
  machineBusyPercent: number | null;
}

/** A worker using less CPU than this (ms per second) has no work left over from the previous part. */
const QUIET_WORKER_MS_PER_S = 50;
const QUIET_TIMEOUT_MS = 120_000;

/**
 * Waits until the worker has finished what the previous part left it (the first tasks of the
 * invoices a batch started): otherwise that work lands on whichever side of a pair runs first.
 */
async function quiesce(worker: WorkerProcess): Promise<void> {
  const startedAt = Date.now();
  let quietSeconds = 0;
  let last = (await worker.stats()).cpuMs;
  while (quietSeconds < 2 && Date.now() - startedAt < QUIET_TIMEOUT_MS) {
    await sleep(1000);
    const now = (await worker.stats()).cpuMs;
    quietSeconds = now - last < QUIET_WORKER_MS_PER_S ? quietSeconds + 1 : 0;
    last = now;
  }
  if (quietSeconds < 2) log(`  worker still busy after ${QUIET_TIMEOUT_MS / 1000} s; measuring anyway`);
}

async function measure(
  stack: BenchStack,
  worker: WorkerProcess,
  run: () => Promise<LoadSummary>,
): Promise<Measured> {
  await quiesce(worker);
  const before = {
    main: process.cpuUsage(),
    worker: (await worker.stats()).cpuMs,
    temporal: processCpuMs(stack.temporal.pid),
    machine: machineCpu(),
  };
  const summary = await run();
  const main = process.cpuUsage(before.main);
  const workerCpu = (await worker.stats()).cpuMs - before.worker;
  const temporal = processCpuMs(stack.temporal.pid);
  const per = (ms: number) => (summary.ok === 0 ? 0 : round(ms / summary.ok, 2));
  return {
    summary,
    serverCpuMsPerRequest: per((main.user + main.system) / 1000),
    workerCpuMsPerRequest: per(workerCpu),
    temporalCpuMsPerRequest:
      before.temporal !== undefined && temporal !== undefined ? per(temporal - before.temporal) : null,
    machineBusyPercent: machineBusyPercent(before.machine, machineCpu()),
  };
}

/**
 * The floor for starts: `lanes` concurrent callers of client.workflow.start, for DURATION_S or until
 * `count` workflows were started.
 */
async function startLoop(
  stack: BenchStack,
  taskQueue: string,
  { lanes: laneCount = CONNECTIONS, count }: { lanes?: number; count?: number } = {},
): Promise<LoadSummary> {
  const tag = randomBytes(3).toString('hex');
  const latencies: number[] = [];
  let ok = 0;
  let errors = 0;
  let n = 0;
  const startedAt = performance.now();
  const end = Date.now() + DURATION_S * 1000;
  const more = () => (count === undefined ? Date.now() < end : n < count);
  const lanes = Array.from({ length: laneCount }, async () => {
    while (more()) {
      const i = n++;
      const input: DunningInput = {
        tenantId: stack.tenantId,
        invoiceId: `FLOOR-${tag}-${i}`,
        debtor: {
          id: `D-${tag}-${i}`,
          segment: 'consumer',
          language: 'nl',
          reachability: { email: true, sms: false, whatsapp: false, letter: true, app: false },
        },
        principalCents: 12_345,
        currency: 'EUR',
        issueDate: isoDay(0),
        dueDate: isoDay(120),
        policy: NL_CONSUMER,
      };
      const t0 = performance.now();
      try {
        await stack.client.workflow.start('dunningWorkflow', {
          taskQueue,
          workflowId: `floor:${stack.tenantId}:${input.invoiceId}`,
          args: [input],
          typedSearchAttributes: [
            { key: SEARCH_ATTRIBUTES.invoiceId, value: input.invoiceId },
            { key: SEARCH_ATTRIBUTES.debtorId, value: input.debtor.id },
            { key: SEARCH_ATTRIBUTES.tenantId, value: stack.tenantId },
            { key: SEARCH_ATTRIBUTES.stage, value: 'created' },
            { key: SEARCH_ATTRIBUTES.amountDueCents, value: input.principalCents },
            { key: SEARCH_ATTRIBUTES.dueDate, value: new Date(`${input.dueDate}T00:00:00Z`) },
          ],
        });
        ok++;
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        if (errors <= 3) log(`floor start failed: ${(error as Error).message}`);
      }
    }
  });
  await Promise.all(lanes);
  const durationS = (performance.now() - startedAt) / 1000;
  return {
    kind: 'create-invoice',
    durationS: round(durationS, 2),
    requests: ok + errors,
    ok,
    non2xx: 0,
    errors,
    timeouts: 0,
    okPerSecond: round(ok / durationS, 1),
    latencyP50Ms: round(percentile(latencies, 50), 1),
    latencyP99Ms: round(percentile(latencies, 99), 1),
    latencyMaxMs: round(percentile(latencies, 100), 1),
    statusCodes: {},
  };
}

/** One batch of `count` invoices through POST /v1/invoice-batches, timed until every line was started. */
async function batchIntake(stack: BenchStack, apiUrl: string, count: number): Promise<LoadSummary> {
  const tag = randomBytes(3).toString('hex');
  const lines = Array.from({ length: count }, (_, i) => ({
    invoiceId: `BATCH-${tag}-${i}`,
    policy: 'nl-consumer',
    debtor: { id: `D-${tag}-${i}`, type: 'consumer', name: 'Bench Debtor', email: 'bench@delivered.example' },
    amount: { currency: 'EUR', value: '123.45' },
    issueDate: isoDay(0),
    dueDate: isoDay(120),
  }));
  const headers = { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' };
  const t0 = performance.now();
  const accepted = await fetch(`${apiUrl}/v1/invoice-batches`, {
    method: 'POST',
    headers,
    body: JSON.stringify(lines),
  });
  const acceptedMs = performance.now() - t0;
  if (accepted.status !== 202) throw new Error(`batch intake: ${accepted.status} ${await accepted.text()}`);
  const location = accepted.headers.get('location')!;
  let batch: { status: string; lines: { created: number; failed: number; repeated: number } };
  do {
    await sleep(100);
    batch = (await (await fetch(`${apiUrl}${location}`, { headers })).json()) as typeof batch;
  } while (batch.status !== 'completed');
  const durationS = (performance.now() - t0) / 1000;
  const failed = batch.lines.failed + batch.lines.repeated;
  return {
    kind: 'create-invoice',
    durationS: round(durationS, 2),
    requests: count,
    ok: batch.lines.created,
    non2xx: failed,
    errors: 0,
    timeouts: 0,
    okPerSecond: round(batch.lines.created / durationS, 1),
    // The answer to the upload itself: stored and acknowledged.
    latencyP50Ms: round(acceptedMs, 1),
    latencyP99Ms: round(acceptedMs, 1),
    latencyMaxMs: round(acceptedMs, 1),
    statusCodes: { 202: 1 },
  };
}

/** The floor's own copy of the webhook store, so that the API's processor never sees its rows. */
const FLOOR_EVENTS_TABLE = 'bench_floor_webhook_events';

/**
 * Routes standing where the API's read and webhook routes stand, each doing the least work its job
 * needs: the read fetches the same row by key from PostgreSQL; the SendGrid route verifies the
 * signature over the raw body and stores the batch with one multi-row insert; Mollie's only parses.
 */
async function floorServer(
  stack: BenchStack,
  sendgridPublicKey: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const pool = stack.database.pool;
  await pool.query(`drop table if exists ${FLOOR_EVENTS_TABLE}`);
  await pool.query(`create table ${FLOOR_EVENTS_TABLE} (like webhook_events including all)`);
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  await app.register(formbody);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );
  app.get('/v1/invoices/:invoiceId', async (request, reply) => {
    const { rows } = await pool.query('select * from invoices where tenant_id = $1 and invoice_id = $2', [
      stack.tenantId,
      (request.params as { invoiceId: string }).invoiceId,
    ]);
    return rows[0] ? rows[0] : reply.code(404).send({ status: 404 });
  });
  app.post('/webhooks/sendgrid', async (request, reply) => {
    const rawBody = request.body as Buffer;
    const verified = verifySendGridSignature({
      publicKeyBase64OrPem: sendgridPublicKey,
      rawBody,
      signature: String(request.headers[SENDGRID_SIGNATURE_HEADER.toLowerCase()] ?? ''),
      timestamp: String(request.headers[SENDGRID_TIMESTAMP_HEADER.toLowerCase()] ?? ''),
      now: new Date(),
    });
    if (!verified) return reply.code(401).send({ status: 401 });
    const events = JSON.parse(rawBody.toString('utf8')) as { sg_event_id: string }[];
    const values = events.map((_, i) => `('sendgrid', $${2 * i + 1}, $${2 * i + 2})`).join(', ');
    await pool.query(
      `insert into ${FLOOR_EVENTS_TABLE} (provider, provider_event_id, raw_body) values ${values}
         on conflict do nothing`,
      events.flatMap((event) => [event.sg_event_id, JSON.stringify(event)]),
    );
    return { received: events.length };
  });
  app.post('/webhooks/mollie', async (request) => ({
    received: (request.body as { id?: string }).id ? 1 : 0,
  }));
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    close: async () => {
      await app.close();
      await pool.query(`drop table if exists ${FLOOR_EVENTS_TABLE}`);
    },
  };
}

/** Fake messages of closed invoices: delivery events about them are looked up, recorded and signalled. */
async function seedMessages(stack: BenchStack): Promise<{ messageId: string; invoiceId: string }[]> {
  const messages = Array.from({ length: MESSAGES }, (_, i) => ({
    messageId: `msg_bench_${randomBytes(8).toString('hex')}`,
    invoiceId: `WH-${i}`,
  }));
  for (const m of messages) {
    await stack.database.pool.query(
      `insert into communications (id, tenant_id, invoice_id, workflow_id, step, channel, template, language,
         provider, provider_message_id, status, status_history)
       values ($1, $2, $3, $4, 'reminder-1', 'email', 'reminder-1', 'nl', 'sendgrid-sandbox', $5, 'sent', '[]'::jsonb)`,
      [
        m.messageId,
        stack.tenantId,
        m.invoiceId,
        `closed:${stack.tenantId}:${m.invoiceId}`,
        `sbx_${m.messageId}`,
      ],
    );
  }
  return messages;
}

async function webhookCounts(stack: BenchStack): Promise<Record<string, number>> {
  const { rows } = await stack.database.pool.query<{ key: string; n: number }>(
    `select provider || ':' || state as key, count(*)::int as n from webhook_events
      where received_at > now() - interval '1 hour' group by 1 order by 1`,
  );
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}

runBench('api', async () => {
  const stack = await benchStack('api');
  const floorQueue = `${stack.taskQueue}-floor`;
  terminateLeftovers(stack, [stack.taskQueue, floorQueue]);
  const worker = await stack.startWorker({ mode: 'real' });
  const api = await stack.startApi();
  log(
    `API on ${api.url}, worker pid ${worker.pid}; ${DURATION_S} s per measurement, ${CONNECTIONS} connections`,
  );
  const job = (kind: LoadKind, baseUrl: string, extra: Partial<LoadJob> = {}, durationS = DURATION_S) =>
    loadChild({ kind, baseUrl, durationS, connections: CONNECTIONS, apiKey: stack.apiKey, ...extra });
  // Drained means no stored event is left unprocessed (PostgreSQL's backlog, which the sweeper feeds
  // to the queue), not merely an empty in-memory queue.
  const drain = async (label: string) => {
    const t0 = Date.now();
    const deadline = t0 + DRAIN_TIMEOUT_S * 1000;
    let backlog = await webhookBacklog(stack.database.db);
    while (backlog > 0 && Date.now() < deadline) {
      await Promise.race([api.app.webhooks.drain(), sleep(1000)]);
      await sleep(250);
      backlog = await webhookBacklog(stack.database.db);
    }
    const seconds = round((Date.now() - t0) / 1000, 1);
    log(
      `${label}: background processing ${backlog === 0 ? `drained in ${seconds} s` : `NOT drained after ${seconds} s (${backlog} events left)`}`,
    );
    return { drained: backlog === 0, drainS: seconds, backlogLeft: backlog };
  };

  const results: Record<string, { settle: Measured; floor: Measured; extra?: Record<string, unknown> }> = {};

  // Starts.
  if (runs('create')) {
    if (WARMUP_S > 0) await job('create-invoice', api.url, {}, WARMUP_S);
    log('POST /v1/invoices');
    const create = await measure(stack, worker, () => job('create-invoice', api.url));
    log(`  settle ${create.summary.okPerSecond} req/s; floor: client.workflow.start loop`);
    const createFloor = await measure(stack, worker, () => startLoop(stack, floorQueue));
    results.createInvoice = { settle: create, floor: createFloor };
  }

  // Bulk intake: one batch, started INVOICE_BATCH_CONCURRENCY at a time, against as many raw starters.
  if (runs('intake')) {
    const intakeLanes = stack.config.http.batchConcurrency;
    log(`POST /v1/invoice-batches (${INTAKE_N} invoices, ${intakeLanes} started at once)`);
    const intake = await measure(stack, worker, () => batchIntake(stack, api.url, INTAKE_N));
    const intakeFloor = await measure(stack, worker, () =>
      startLoop(stack, floorQueue, { lanes: intakeLanes, count: INTAKE_N }),
    );
    results.batchIntake = { settle: intake, floor: intakeFloor };
  }

  const floor = await floorServer(stack, sandboxKeys(stack.env.SETTLE_TOKEN_SECRET ?? '').sendgridPublicKey);
  onCleanup('stop floor server', () => floor.close());

  // Reads.
  if (runs('get')) {
    const { rows } = await stack.database.pool.query<{ invoice_id: string }>(
      `select invoice_id from invoices where tenant_id = $1 order by random() limit 1000`,
      [stack.tenantId],
    );
    const invoiceIds = rows.map((r) => r.invoice_id);
    if (invoiceIds.length === 0) throw new Error('no invoices were created: nothing to read');
    const sample = await fetch(`${api.url}/v1/invoices/${invoiceIds[0]}`, {
      headers: { authorization: `Bearer ${stack.apiKey}` },
    });
    if (sample.status !== 200)
      throw new Error(`GET /v1/invoices/{id}: ${sample.status} ${await sample.text()}`);
    if (WARMUP_S > 0) {
      await job('get-invoice', api.url, { invoiceIds }, WARMUP_S);
      await job('get-invoice', floor.url, { invoiceIds }, WARMUP_S);
    }
    log('GET /v1/invoices/{id}');
    const read = await measure(stack, worker, () => job('get-invoice', api.url, { invoiceIds }));
    const readFloor = await measure(stack, worker, () => job('get-invoice', floor.url, { invoiceIds }));
    results.getInvoice = { settle: read, floor: readFloor };
  }

  // SendGrid.
  if (runs('sendgrid')) {
    const messages = await seedMessages(stack);
    const sendgrid = {
      messages,
      tenantId: stack.tenantId,
      batchSize: BATCH,
      tokenSecret: stack.env.SETTLE_TOKEN_SECRET,
    };
    if (WARMUP_S > 0) {
      await job('sendgrid', api.url, sendgrid, WARMUP_S);
      await drain('warm-up');
      await job('sendgrid', floor.url, sendgrid, WARMUP_S);
    }
    log(`POST /webhooks/sendgrid (batches of ${BATCH} signed events)`);
    const sg = await measure(stack, worker, () => job('sendgrid', api.url, sendgrid));
    const sgDrain = await drain('sendgrid');
    const sgFloor = await measure(stack, worker, () => job('sendgrid', floor.url, sendgrid));
    results.sendgrid = {
      settle: sg,
      floor: sgFloor,
      extra: { eventsPerSecond: round(sg.summary.okPerSecond * BATCH, 0), ...sgDrain },
    };
  }

  // Mollie.
  if (runs('mollie')) {
    if (WARMUP_S > 0) {
      await job('mollie', api.url, {}, WARMUP_S);
      await drain('warm-up');
      await job('mollie', floor.url, {}, WARMUP_S);
    }
    log('POST /webhooks/mollie');
    const mollie = await measure(stack, worker, () => job('mollie', api.url));
    const mollieDrain = await drain('mollie');
    const mollieFloor = await measure(stack, worker, () => job('mollie', floor.url));
    results.mollie = { settle: mollie, floor: mollieFloor, extra: mollieDrain };
  }
  const stored = await webhookCounts(stack);

  const names: Record<string, string> = {
    createInvoice: 'POST /v1/invoices',
    batchIntake: `POST /v1/invoice-batches ×${INTAKE_N} (invoices/s)`,
    getInvoice: 'GET /v1/invoices/{id}',
    sendgrid: `POST /webhooks/sendgrid ×${BATCH}`,
    mollie: 'POST /webhooks/mollie',
  };
  console.log('');
  console.log(
    table([
      ['', 'req/s', 'floor', 'ratio', 'p50 ms', 'floor', 'p99 ms', 'floor', 'non-2xx', 'API CPU ms/req'],
      ...Object.entries(results).map(([key, r]) => [
        names[key]!,
        r.settle.summary.okPerSecond,
        r.floor.summary.okPerSecond,
        ratio(r.settle.summary.okPerSecond, r.floor.summary.okPerSecond),
        r.settle.summary.latencyP50Ms,
        r.floor.summary.latencyP50Ms,
        r.settle.summary.latencyP99Ms,
        r.floor.summary.latencyP99Ms,
        r.settle.summary.non2xx + r.settle.summary.errors,
        r.settle.serverCpuMsPerRequest,
      ]),
    ]),
  );
  console.log(
    `\nSendGrid: ${results.sendgrid?.extra?.eventsPerSecond ?? '-'} events/s ingested; webhook events stored: ${JSON.stringify(stored)}`,
  );

  const line = (r: (typeof results)[string] | undefined) =>
    r && {
      rps: r.settle.summary.okPerSecond,
      floorRps: r.floor.summary.okPerSecond,
      ratio: ratio(r.settle.summary.okPerSecond, r.floor.summary.okPerSecond),
      p50Ms: r.settle.summary.latencyP50Ms,
      p99Ms: r.settle.summary.latencyP99Ms,
      floorP50Ms: r.floor.summary.latencyP50Ms,
      floorP99Ms: r.floor.summary.latencyP99Ms,
      requests: r.settle.summary.requests,
      non2xx: r.settle.summary.non2xx,
      errors: r.settle.summary.errors + r.settle.summary.timeouts,
      statusCodes: r.settle.summary.statusCodes,
      apiCpuMsPerRequest: r.settle.serverCpuMsPerRequest,
      workerCpuMsPerRequest: r.settle.workerCpuMsPerRequest,
      temporalCpuMsPerRequest: r.settle.temporalCpuMsPerRequest,
      machineBusyPercent: r.settle.machineBusyPercent,
      ...(r.extra ?? {}),
    };
  const failing = Object.entries(results)
    .filter(([, r]) => r.settle.summary.non2xx + r.settle.summary.errors + r.settle.summary.timeouts > 0)
    .map(
      ([key, r]) =>
        `${names[key]}: ${JSON.stringify(r.settle.summary.statusCodes)}, ${r.settle.summary.errors} errors`,
    );
  return {
    ...(failing.length > 0 ? { error: `failed requests — ${failing.join('; ')}` } : {}),
    durationSPerRun: DURATION_S,
    connections: CONNECTIONS,
    batch: BATCH,
    stack: { temporal: stack.temporal.kind, postgres: stack.postgres.kind },
    createInvoice: line(results.createInvoice),
    batchIntake: line(results.batchIntake),
    getInvoice: line(results.getInvoice),
    sendgrid: line(results.sendgrid),
    mollie: line(results.mollie),
    webhookEvents: stored,
  };
});
