// Fault drill 1 — the worker is killed with SIGKILL every few seconds during a run of INVOICES
// (default 300) demo-policy invoices and restarted each time. The drill plays the debtors: most
// pay through the sandbox checkout after reminder 1, some right after the payment request, some
// after reminder 2, and some invoices are cancelled by the creditor. Passes when every invoice
// reached its correct final state, the sandbox providers hold exactly one message per (invoice,
// step, channel) and one payment per paid invoice, Settle's tables and the workflows agree, and
// no sandbox delivery report was lost with a killed worker.
//
//   npm run drill:worker-kill            INVOICES=300 KILL_EVERY_MS=5000 TIMEOUT_S=1500
//   QUICK=1 npm run drill:worker-kill    20 invoices; orphaned activity attempts failed at once

import { Findings, intParam, log, QUICK, runDrill, seededRandom, sleep, until } from './lib/common.js';
import {
  createInvoices,
  Debtors,
  orphanedAttempts,
  planInvoices,
  runUntilFinished,
  verifyLadder,
} from './lib/ladder.js';
import { startDrillStack } from './lib/stack.js';

runDrill('worker-kill', async () => {
  const count = intParam('INVOICES', 300, 20);
  const killEveryMs = intParam('KILL_EVERY_MS', 5000, 3000);
  const minKills = intParam('MIN_KILLS', 5, 3);
  const timeoutMs = intParam('TIMEOUT_S', 1500, 150) * 1000;
  // A SIGKILLed worker's running activity attempts are retried only after their 2-minute
  // start-to-close timeout. The quick variant fails those attempts itself so as not to wait.
  const failOrphaned = (process.env.FAIL_ORPHANED ?? (QUICK ? '1' : '0')) === '1';
  const random = seededRandom(intParam('SEED', 7, 7));
  const findings = new Findings();

  const stack = await startDrillStack({ name: 'worker-kill' });
  const invoices = planInvoices(stack, count, {
    'pay-after-reminder-1': 6,
    'pay-after-payment-request': 1,
    'pay-after-reminder-2': 2,
    'cancel-after-payment-request': 1,
  });
  const debtors = new Debtors(stack, invoices, findings);

  // Created before the killing starts: with no worker polling, the API answers a create only after
  // its status query to the workflow has timed out (30 s), which would only slow the drill down.
  await createInvoices(stack, invoices, findings);

  const deadPids = new Set<number>();
  /** Activity attempts that were running on a worker when it was killed. */
  const orphans = new Set<string>();
  let kills = 0;
  let orphansFailed = 0;
  let stopKilling = false;
  const killer = (async () => {
    const enough = () => stopKilling && kills >= minKills;
    while (!enough() && kills < 10_000) {
      // The first kill lands in the burst of first sends; the others anywhere.
      const wakeAt = Date.now() + (kills === 0 ? 1000 * random() : killEveryMs * (0.5 + random()));
      while (Date.now() < wakeAt && !enough()) await sleep(100);
      if (enough()) break;
      const pid = stack.worker.pid!;
      await stack.worker.kill('SIGKILL');
      deadPids.add(pid);
      kills++;
      const downAt = Date.now();
      await stack.worker.start();
      log(
        `SIGKILL worker ${pid} (kill ${kills}); new worker ${stack.worker.pid} up after ${Date.now() - downAt} ms`,
      );
      const failed = await orphanedAttempts(stack, invoices, deadPids, { fail: failOrphaned, seen: orphans });
      orphansFailed += failed;
      if (failed > 0) log(`failed ${failed} activity attempts orphaned by killed workers`);
    }
  })().catch((error: Error) => {
    findings.add('worker-restart-failed', error.message.slice(0, 500));
  });

  let lastOrphanSweep = Date.now();
  const run = await runUntilFinished(stack, invoices, debtors, {
    timeoutMs,
    onTick: async () => {
      if (Date.now() - lastOrphanSweep < (failOrphaned ? 5000 : 15_000)) return;
      lastOrphanSweep = Date.now();
      orphansFailed += await orphanedAttempts(stack, invoices, deadPids, {
        fail: failOrphaned,
        seen: orphans,
      });
    },
  });
  stopKilling = true;
  await killer;
  if (run.timedOut) findings.add('timeout', `${run.finished}/${count} invoices final after ${timeoutMs} ms`);
  log(`run over: ${run.finished}/${count} final after ${kills} kills; verifying`);

  const summary = await verifyLadder(stack, invoices, findings);
  // The sandbox's delivery reports are stored with each message and sent by the API's poller, so a
  // killed worker must lose none of them. Those still due (a send just before the end) get time to
  // go out; then every email, SMS and WhatsApp message must have had its report accepted.
  const reportCounts = async () => {
    const { rows } = await stack.database.pool.query<{
      total: string;
      reported: string;
      pending: string;
      retried: string;
    }>(
      `select count(*) as total,
              count(*) filter (where reported_at is not null) as reported,
              count(*) filter (where reported_at is null and report_due_at is not null) as pending,
              count(*) filter (where report_attempts > 1) as retried
         from sandbox_messages where tenant_id = $1 and channel in ('email', 'sms', 'whatsapp')`,
      [stack.tenantId],
    );
    return {
      total: Number(rows[0]!.total),
      reported: Number(rows[0]!.reported),
      pending: Number(rows[0]!.pending),
      retried: Number(rows[0]!.retried),
    };
  };
  const reports = await until(
    'sandbox delivery reports sent',
    async () => {
      const counts = await reportCounts();
      return counts.pending === 0 && counts;
    },
    60_000,
  ).catch(() => reportCounts());
  const lostReports = reports.total - reports.reported;
  findings.check(
    lostReports === 0,
    'lost-delivery-report',
    () =>
      `${lostReports} of ${reports.total} sandbox delivery reports never accepted (${reports.pending} still due)`,
  );
  for (const exit of stack.api.unexpectedExits) findings.add('process-crashed', exit);
  findings.check(kills >= minKills, 'too-few-kills', () => `${kills} < ${minKills}`);
  return {
    result: {
      ...summary,
      kills,
      sandboxDeliveryReports: reports.total,
      sandboxDeliveryReportsLost: lostReports,
      sandboxDeliveryReportsRetried: reports.retried,
      workerStarts: stack.worker.starts,
      attemptsOrphanedByKills: orphans.size,
      orphanedAttemptsFailedByDrill: orphansFailed,
      paidByDrill: debtors.payments,
      cancelledByDrill: debtors.cancellations,
    },
    findings,
  };
});
