// Fault drill 2 — the Temporal dev server (SQLite file) is stopped mid-run and started again on
// the same file and port, RESTARTS times (alternately a graceful SIGTERM and a SIGKILL crash),
// each time down for DOWN_MS. The worker and the API keep running; the debtors keep paying through
// the sandbox checkout while Temporal is down (the webhooks are stored and processed once it is
// back). Passes when every invoice resumes and finishes in its correct final state, with exactly
// one message per (invoice, step, channel) and one payment per paid invoice.
//
//   npm run drill:temporal-restart            INVOICES=200 RESTARTS=2 DOWN_MS=10000 TIMEOUT_S=900
//   QUICK=1 npm run drill:temporal-restart    20 invoices, one SIGKILL restart, 3 s down
import { Findings, intParam, log, QUICK, runDrill, sleep } from './lib/common.js';
import {
  createInvoices,
  Debtors,
  failStuckAttempts,
  planInvoices,
  runUntilFinished,
  verifyLadder,
} from './lib/ladder.js';
import { startDrillStack } from './lib/stack.js';

runDrill('temporal-restart', async () => {
  const count = intParam('INVOICES', 200, 20);
  const restarts = intParam('RESTARTS', 2, 1);
  const downMs = intParam('DOWN_MS', 10_000, 3000);
  const firstAfterMs = intParam('FIRST_RESTART_AFTER_MS', 8000, 8000);
  const betweenMs = intParam('RESTART_EVERY_MS', 20_000, 15_000);
  const timeoutMs = intParam('TIMEOUT_S', 900, 150) * 1000;
  // An activity attempt whose result died with the server is retried after its 2-minute
  // start-to-close timeout; the quick variant fails such attempts itself after 20 s.
  const failStuck = (process.env.FAIL_STUCK ?? (QUICK ? '1' : '0')) === '1';
  const findings = new Findings();

  const stack = await startDrillStack({ name: 'temporal-restart' });
  const invoices = planInvoices(stack, count, {
    'pay-after-reminder-1': 6,
    'pay-after-payment-request': 1,
    'pay-after-reminder-2': 2,
    'cancel-after-payment-request': 1,
  });
  const debtors = new Debtors(stack, invoices, findings);
  await createInvoices(stack, invoices, findings);

  const startedAt = Date.now();
  let done = 0;
  let restarting: Promise<void> | undefined;
  const outages: { signal: string; downMs: number; upAfterMs: number }[] = [];
  const restart = async (signal: 'SIGTERM' | 'SIGKILL') => {
    log(`stopping Temporal (${signal})`);
    const stoppedAt = Date.now();
    await stack.temporal.stop(signal);
    await sleep(downMs);
    await stack.temporal.restart();
    outages.push({ signal, downMs, upAfterMs: Date.now() - stoppedAt });
    log(`Temporal is back on the same SQLite file after ${Date.now() - stoppedAt} ms`);
  };
  let lastStuckSweep = Date.now();
  let stuckFailed = 0;

  const run = await runUntilFinished(stack, invoices, debtors, {
    timeoutMs,
    onTick: async () => {
      const due = startedAt + firstAfterMs + done * betweenMs;
      if (!restarting && done < restarts && Date.now() >= due) {
        const signal = done % 2 === (QUICK ? 0 : 1) ? 'SIGKILL' : 'SIGTERM';
        done++;
        restarting = restart(signal)
          .catch((error: Error) => findings.add('temporal-restart-failed', error.message.slice(0, 500)))
          .finally(() => {
            restarting = undefined;
          });
      }
      if (failStuck && !restarting && Date.now() - lastStuckSweep > 5000) {
        lastStuckSweep = Date.now();
        const failed = await failStuckAttempts(stack, invoices, 20_000);
        if (failed > 0) log(`failed ${failed} activity attempts stuck since the restart`);
        stuckFailed += failed;
      }
    },
  });
  await restarting;
  if (done < restarts) findings.add('too-few-restarts', `${done} of ${restarts} before the run ended`);
  if (run.timedOut) findings.add('timeout', `${run.finished}/${count} invoices final after ${timeoutMs} ms`);
  log(`run over: ${run.finished}/${count} final after ${done} restarts; verifying`);

  const summary = await verifyLadder(stack, invoices, findings);
  for (const exit of [...stack.api.unexpectedExits, ...stack.worker.unexpectedExits])
    findings.add('process-crashed', exit);
  return {
    result: {
      ...summary,
      restarts: outages,
      stuckAttemptsFailedByDrill: stuckFailed,
      paidByDrill: debtors.payments,
      cancelledByDrill: debtors.cancellations,
    },
    findings,
  };
});
