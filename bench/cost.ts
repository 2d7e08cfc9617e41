// Cost per invoice: the real dunning workflow with the real `nl-consumer` policy, the real
// activities and PostgreSQL, on Temporal's time-skipping test server (a 60–200 day ladder runs in
// seconds). Five paths, each driven the way the product drives them — created through the invoice
// service, a "delivered" report for every email (as the webhook processor handles it: stored, and
// signalled only where the workflow acts on it), payments as the Mollie webhook records them (an
// update), the plan accepted as the API does (update + status query):
//   (a) paid before due     — pays the day after the payment request was delivered
//   (b) paid after reminder 1 — pays the day after reminder-1 was delivered
//   (c) full ladder to handover — never pays
//   (d) 6-instalment plan kept — accepts a 6-instalment plan the day after reminder-1, pays each
//       instalment the day after its reminder
//   (e) direct debit after reminder 1 — the day after reminder-1 the debtor grants a mandate (update +
//       query as the API does; the sandbox first payment reported as the Mollie webhook does: mandate
//       signal + payment update); the collection the workflow submits is paid the day after
// From the finished histories: history events and estimated Temporal Cloud billable actions per
// invoice, with the counting rules printed next to them.
//
//   npm run bench:cost                 COST_N=3 invoices per path (QUICK=1: 1)
//   env: COST_N, MAX_DAYS, ACTION_PRICE_PER_MILLION (optional: prints a price per 1,000 invoices),
//        DATABASE_URL / TEST_POSTGRES_URL (Temporal is always the embedded time-skipping server)
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createActivities } from '../activities/dunning-activities.js';
import { createInvoiceService } from '../api/invoice-service.js';
import { connectDatabase } from '../db/client.js';
import { recordCommunicationStatus, type StatusChange } from '../db/queries/communications.js';
import { isoDay } from '../devstack/dates.js';
import { startPostgres } from '../devstack/postgres.js';
import { startTemporal } from '../devstack/temporal.js';
import { createTenant } from '../devstack/tenant.js';
import { SandboxPaymentProvider } from '../providers/sandbox/sandbox-psp.js';
import { workflowBundle } from '../temporal/workflow-bundle.js';
import { quietSandboxProviders } from '../test/support/sandbox-providers.js';
import {
  acceptPaymentPlanUpdate,
  dunningWorkflowId,
  inviteDirectDebitUpdate,
  mandateGrantedSignal,
  recordPaymentUpdate,
} from '../workflows/definitions.js';
import type { DunningStatus } from '../workflows/dunning-types.js';
import { POLICIES } from '../workflows/policy/ladder.js';
import { workflowActsOnReport } from '../workflows/policy/receipt.js';
import { intParam, log, numParam, onCleanup, round, runBench, table } from './support/common.js';
import {
  ACTION_RULES,
  billableActions,
  type HistoryCounts,
  historyCounts,
  meanCounts,
} from './support/history.js';
import { benchPostgres, benchTempDir } from './support/stack.js';

const COST_N = intParam('COST_N', 3, 1);
const MAX_DAYS = intParam('MAX_DAYS', 400, 400);
const PRICE = numParam('ACTION_PRICE_PER_MILLION', 0, 0);
/** An activity still failing after this many attempts is a stuck invoice: reported, then terminated. */
const STUCK_ATTEMPTS = intParam('STUCK_ATTEMPTS', 10, 10);

type PathKey = 'a' | 'b' | 'c' | 'd' | 'e';
const PATHS: Record<PathKey, { label: string; principalCents: number }> = {
  a: { label: 'paid before due', principalCents: 12_345 },
  b: { label: 'paid after reminder 1', principalCents: 12_345 },
  c: { label: 'full ladder to handover', principalCents: 12_345 },
  // Six instalments of at least €25 each.
  d: { label: '6-instalment plan kept', principalCents: 30_000 },
  e: { label: 'direct debit after reminder 1', principalCents: 12_345 },
};

interface Tracked {
  path: PathKey;
  invoiceId: string;
  workflowId: string;
  queries: number;
  createdDay: number;
  closedDay?: number;
  /** Why the invoice could not finish its path (a failing activity); it was terminated. */
  stuck?: string;
  /** Actions decided for a later day: run once their day has come. */
  due: { day: number; key: string; run: () => Promise<void> }[];
  done: Set<string>;
  plan?: DunningStatus['plan'];
}

runBench('cost', async () => {
  // Failing activities are reported below (STUCK_ATTEMPTS), not once per attempt.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const tempDir = benchTempDir('cost');
  const postgres = await startPostgres(benchPostgres(tempDir));
  onCleanup('drop the database', () => postgres.stop());
  const database = connectDatabase(postgres.url);
  onCleanup('close database pool', () => database.close());
  const { db, pool } = database;

  log('starting the time-skipping test server');
  const temporal = await startTemporal({ kind: 'time-skipping' });
  onCleanup('stop the test server', () => temporal.stop());
  const { env } = temporal;

  const suffix = randomBytes(4).toString('hex');
  const taskQueue = `bench-cost-${suffix}`;
  const { tenantId } = await createTenant(db, {
    id: `bench-cost-${suffix}`,
    name: 'Bench Creditor B.V.',
    // Direct debit is offered only by a creditor with a SEPA creditor identifier.
    settings: { sepaCreditorId: 'NL79ZZZ999999990000' },
  });
  const urls = { baseUrl: 'http://127.0.0.1:9', tokenSecret: randomBytes(32).toString('hex') };
  // Delivery facts come from this benchmark (as signals), not from the sandbox's callbacks.
  const providers = quietSandboxProviders(db, urls.baseUrl);
  const psp = new SandboxPaymentProvider(db, urls.baseUrl);
  const service = createInvoiceService({
    db,
    temporal: env.client,
    taskQueue,
    urls,
    appChannelConfigured: false,
  });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: createActivities({
      db,
      providers,
      urls,
      handover: { dir: join(tmpdir(), `settle-handover-${suffix}`), webhookSecret: undefined },
    }),
  });
  const running = worker.run();
  onCleanup('stop worker', async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await running.catch(() => undefined);
  });

  const now = async () => new Date(await env.currentTimeMs());
  const handle = (t: Tracked) => env.client.workflow.getHandle(t.workflowId);
  const pay = async (t: Tracked, amountCents: number, key: string) => {
    const dedupeKey = `psp:bench-${t.invoiceId}-${key}`;
    // As the Mollie webhook processor records a verified payment: one update, no query.
    await handle(t).executeUpdate(recordPaymentUpdate, {
      args: [{ dedupeKey, amountCents, paidAt: (await now()).toISOString(), source: 'psp' }],
      updateId: dedupeKey,
    });
  };
  /** A sandbox payment the PSP reports paid, processed as the Mollie webhook processor does. */
  const paidAtPsp = async (t: Tracked, paymentId: string) => {
    const payment = await psp.getPayment(paymentId);
    if (payment?.status !== 'paid') throw new Error(`${t.invoiceId}: payment ${paymentId} is not paid`);
    if (payment.sequenceType === 'first') {
      await handle(t).signal(mandateGrantedSignal, {
        customerId: payment.providerCustomerId!,
        mandateId: payment.providerMandateId!,
      });
      signals++;
    }
    const dedupeKey = `psp:${paymentId}`;
    await handle(t).executeUpdate(recordPaymentUpdate, {
      args: [
        {
          dedupeKey,
          amountCents: payment.amountCents,
          paidAt: (await now()).toISOString(),
          source: 'psp',
          providerPaymentId: paymentId,
        },
      ],
      updateId: dedupeKey,
    });
  };
  const amountDue = async (t: Tracked) => {
    const { rows } = await pool.query<{ amount_due_cents: number }>(
      'select amount_due_cents::float8 as amount_due_cents from invoices where tenant_id = $1 and invoice_id = $2',
      [tenantId, t.invoiceId],
    );
    return rows[0]!.amount_due_cents;
  };

  const start = await now();
  const tracked: Tracked[] = [];
  for (const path of Object.keys(PATHS) as PathKey[]) {
    for (let i = 0; i < COST_N; i++) {
      const invoiceId = `COST-${path}-${i}`;
      await service.create(tenantId, {
        invoiceId,
        amountCents: PATHS[path].principalCents,
        currency: 'EUR',
        issueDate: isoDay(-14, start),
        dueDate: isoDay(14, start),
        policyId: 'nl-consumer',
        debtor: {
          id: `D-${path}-${i}`,
          type: 'consumer',
          name: 'Jan Jansen',
          email: `debtor-${path}-${i}@example.nl`,
          address: { line1: 'Dorpsstraat 1', postalCode: '1234 AB', city: 'Utrecht', country: 'NL' },
        },
      });
      const t: Tracked = {
        path,
        invoiceId,
        workflowId: dunningWorkflowId(tenantId, invoiceId),
        queries: 0,
        createdDay: 0,
        due: [],
        done: new Set(),
      };
      // POST /v1/invoices answers from the stored row once the start is accepted: no query.
      tracked.push(t);
    }
  }
  log(`${tracked.length} invoices created (${COST_N} per path); skipping time a day at a time`);

  const signalled = new Set<string>();
  let signals = 0;
  let day = 0;
  for (; day <= MAX_DAYS; day++) {
    // Every email or SMS that went out is reported delivered (a SendGrid/MessageBird webhook → signal).
    const { rows: sent } = await pool.query<{
      id: string;
      invoice_id: string;
      step: string;
      channel: string;
      history: StatusChange[];
    }>(
      `select id, invoice_id, step, channel, status_history as history from communications
        where tenant_id = $1 and status = 'sent'`,
      [tenantId],
    );
    const byInvoice = new Map(tracked.map((t) => [t.invoiceId, t]));
    for (const message of sent) {
      const t = byInvoice.get(message.invoice_id);
      if (!t || signalled.has(message.id)) continue;
      signalled.add(message.id);
      if (t.closedDay === undefined && message.channel !== 'letter') {
        // As the webhook processor does: the workflow hears the report only when it acts on it
        // (the cost step's receipt), and the message's row records it in any case.
        const report = { status: 'delivered' as const, at: (await now()).toISOString() };
        if (workflowActsOnReport(POLICIES['nl-consumer'], message, report)) {
          await handle(t).signal('delivery', { messageId: message.id, ...report });
          signals++;
        }
        await recordCommunicationStatus(db, message.id, report);
      }
      const once = (key: string, run: () => Promise<void>) => {
        if (t.done.has(key)) return;
        t.done.add(key);
        t.due.push({ day: day + 1, key, run });
      };
      if (t.path === 'a' && message.step === 'payment-request')
        once('pay', async () => pay(t, await amountDue(t), 'full'));
      if (t.path === 'b' && message.step === 'reminder-1')
        once('pay', async () => pay(t, await amountDue(t), 'full'));
      if (t.path === 'd' && message.step === 'reminder-1')
        once('plan', async () => {
          // As POST /v1/invoices/{id}/payment-plan does: the update, then a fresh status query.
          const row = await service.requireInvoice(tenantId, t.invoiceId);
          const status = await service.executeUpdate(row, acceptPaymentPlanUpdate, [{ instalments: 6 }]);
          t.queries++;
          t.plan = status.plan;
        });
      if (t.path === 'e' && message.step === 'reminder-1')
        once('mandate', async () => {
          // As POST /p/{token}/direct-debit does: the update, then a fresh status query.
          const row = await service.requireInvoice(tenantId, t.invoiceId);
          const status = await service.executeUpdate(row, inviteDirectDebitUpdate, [{ collectionDay: 27 }]);
          t.queries++;
          const paymentId = status.directDebit!.checkoutUrl!.split('/').at(-1)!;
          await psp.settle(paymentId, 'paid');
          await paidAtPsp(t, paymentId);
        });
      const instalment = message.step.match(/^plan\d+-instalment-(\d+)-due$/);
      if (t.path === 'd' && instalment) {
        const number = Number(instalment[1]);
        once(`instalment-${number}`, async () => {
          const amount = t.plan?.instalments.find((x) => x.number === number)?.amountCents;
          if (amount === undefined) throw new Error(`${t.invoiceId}: no instalment ${number} in the plan`);
          await pay(t, amount, `instalment-${number}`);
        });
      }
    }
    // Collections the workflows submitted: the bank pays them the next day.
    const { rows: collections } = await pool.query<{ id: string; invoice_id: string }>(
      `select id, metadata->>'invoiceId' as invoice_id from sandbox_payments
        where sequence_type = 'recurring' and status = 'pending' and metadata->>'tenantId' = $1`,
      [tenantId],
    );
    for (const collection of collections) {
      const t = byInvoice.get(collection.invoice_id);
      if (!t || t.done.has(collection.id)) continue;
      t.done.add(collection.id);
      t.due.push({
        day: day + 1,
        key: collection.id,
        run: async () => {
          await psp.settle(collection.id, 'paid');
          await paidAtPsp(t, collection.id);
        },
      });
    }
    for (const t of tracked) {
      const ready = t.due.filter((d) => d.day <= day);
      t.due = t.due.filter((d) => d.day > day);
      for (const action of ready) await action.run();
    }
    const { rows: closed } = await pool.query<{ invoice_id: string }>(
      'select invoice_id from invoices where tenant_id = $1 and closed_at is not null',
      [tenantId],
    );
    for (const row of closed) {
      const t = byInvoice.get(row.invoice_id);
      if (t && t.closedDay === undefined) t.closedDay = day;
    }
    for (const t of tracked) {
      if (t.closedDay !== undefined || t.stuck) continue;
      const pending = (await handle(t).describe()).raw.pendingActivities ?? [];
      const failing = pending.find((p) => (p.attempt ?? 0) >= STUCK_ATTEMPTS);
      if (!failing) continue;
      t.stuck = `${failing.activityType?.name} failed ${failing.attempt} times: ${failing.lastFailure?.message}`;
      log(`STUCK ${t.invoiceId} (${PATHS[t.path].label}) on day ${day}: ${t.stuck} — terminating it`);
      await handle(t).terminate(`benchmark: stuck (${t.stuck})`);
    }
    if (tracked.every((t) => t.closedDay !== undefined || t.stuck)) break;
    if (day % 30 === 0)
      log(`day ${day}: ${closed.length}/${tracked.length} closed, ${signals} delivery signals so far`);
    await env.sleep('1 day');
  }
  const open = tracked.filter((t) => t.closedDay === undefined && !t.stuck);
  if (open.length > 0) throw new Error(`${open.length} invoices still open after ${MAX_DAYS} days`);
  const stuck = tracked.filter((t) => t.stuck);
  log(
    `${tracked.length - stuck.length} closed by day ${day}${stuck.length > 0 ? `, ${stuck.length} stuck (counted up to where they stuck)` : ''}; reading the histories`,
  );

  // One at a time: concurrent result() calls unbalance the test server's time-skipping lock.
  const results: {
    t: Tracked;
    status: string;
    plan: string | null;
    closedDay: number;
    counts: HistoryCounts;
    messages: number;
    actions: number;
  }[] = [];
  for (const t of tracked) {
    const status = t.stuck ? { status: 'stuck', plan: null } : ((await handle(t).result()) as DunningStatus);
    const counts = await historyCounts(env.client, t.workflowId);
    const { rows } = await pool.query<{ n: number }>(
      'select count(*)::int as n from communications where tenant_id = $1 and invoice_id = $2',
      [tenantId, t.invoiceId],
    );
    results.push({
      t,
      status: status.status,
      plan: status.plan?.status ?? null,
      closedDay: t.closedDay ?? day,
      counts,
      messages: rows[0]!.n,
      actions: billableActions(counts, t.queries),
    });
  }

  const summary = (Object.keys(PATHS) as PathKey[]).map((path) => {
    const mine = results.filter((r) => r.t.path === path);
    const mean = meanCounts(mine.map((r) => r.counts));
    const avg = (pick: (r: (typeof mine)[number]) => number) =>
      round(mine.reduce((s, r) => s + pick(r), 0) / mine.length, 2);
    return {
      path,
      label: PATHS[path].label,
      invoices: mine.length,
      finalStatus: [...new Set(mine.map((r) => (r.plan ? `${r.status} (plan ${r.plan})` : r.status)))].join(
        ', ',
      ),
      daysToClose: avg((r) => r.closedDay - r.t.createdDay),
      blocked: [...new Set(mine.flatMap((r) => (r.t.stuck ? [r.t.stuck] : [])))],
      messages: avg((r) => r.messages),
      events: mean.events,
      eventsMinMax: [
        Math.min(...mine.map((r) => r.counts.events)),
        Math.max(...mine.map((r) => r.counts.events)),
      ],
      activities: mean.activitiesScheduled,
      activityRetries: mean.activityRetries,
      timers: mean.timersStarted,
      signals: mean.signals,
      updates: mean.updatesAccepted,
      upserts: mean.upserts,
      queries: avg((r) => r.t.queries),
      continueAsNew: mean.continuedAsNew,
      workflowTasks: mean.workflowTasks,
      actions: avg((r) => r.actions),
      actionsMinMax: [Math.min(...mine.map((r) => r.actions)), Math.max(...mine.map((r) => r.actions))],
    };
  });

  const rows: [string, (s: (typeof summary)[number]) => string | number | null][] = [
    ['final status', (s) => s.finalStatus],
    ['days to close', (s) => s.daysToClose],
    ['messages sent', (s) => s.messages],
    ['history events', (s) => s.events],
    ['  activities scheduled', (s) => s.activities],
    ['  activity retries', (s) => s.activityRetries],
    ['  timers started', (s) => s.timers],
    ['  signals', (s) => s.signals],
    ['  updates accepted', (s) => s.updates],
    ['  search-attribute upserts', (s) => s.upserts],
    ['  queries issued', (s) => s.queries],
    ['  continue-as-new', (s) => s.continueAsNew],
    ['  (workflow tasks, not billed)', (s) => s.workflowTasks],
    ['billable actions (estimate)', (s) => s.actions],
  ];
  if (PRICE > 0)
    rows.push([`$ per 1,000 invoices @ $${PRICE}/M`, (s) => round((s.actions * PRICE) / 1000, 3)]);
  console.log('');
  console.log(
    table([
      ['per invoice (mean)', ...summary.map((s) => `(${s.path}) ${s.label}`)],
      ...rows.map(([name, pick]) => [name, ...summary.map(pick)]),
    ]),
  );
  for (const s of summary)
    for (const reason of s.blocked) console.log(`\n(${s.path}) did not finish — ${reason}`);
  console.log('\nTemporal Cloud actions counted as:');
  for (const rule of ACTION_RULES) console.log(`  - ${rule}`);
  console.log(
    '  - this run: no query at creation (POST /v1/invoices answers from the stored row), 1 when a plan is accepted; ' +
      'GET /v1/invoices/{id} adds none (read model) unless ?consistency=live; each self-service page view of an open invoice adds 1; ' +
      'a "delivered" report per email, signalled only where the workflow acts on it (the cost step; an "opened" event always is)',
  );

  const perPath = Object.fromEntries(
    summary.map((s) => [
      s.path,
      {
        label: s.label,
        finalStatus: s.finalStatus,
        ...(s.blocked.length > 0 ? { blocked: s.blocked } : {}),
        daysToClose: s.daysToClose,
        messages: s.messages,
        events: s.events,
        actions: s.actions,
        activities: s.activities,
        activityRetries: s.activityRetries,
        timers: s.timers,
        signals: s.signals,
        updates: s.updates,
        upserts: s.upserts,
        queries: s.queries,
        continueAsNew: s.continueAsNew,
      },
    ]),
  );
  return {
    ...(stuck.length > 0
      ? { error: `${stuck.length} invoices stuck: ${[...new Set(stuck.map((t) => t.stuck))].join('; ')}` }
      : {}),
    allFinished: stuck.length === 0,
    perPath: COST_N,
    policy: 'nl-consumer',
    server: 'time-skipping test server',
    postgres: postgres.kind,
    paths: perPath,
    rules:
      'start 1 + activities (+retries) + timers + signals + accepted updates + upserts + queries + continue-as-new',
  };
});
