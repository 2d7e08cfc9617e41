// Fault drill 3 — PostgreSQL (an embedded server of the drill's own) is stopped for OUTAGE_MS
// (default 30 s) mid-run. Before the outage some debtors pay at the PSP; the PSP's webhooks for
// those payments, SendGrid click events, MessageBird SMS reports and WhatsApp read events all
// arrive during the outage and must be answered non-2xx (so the provider retries). The drill
// retries each like a provider until it is acknowledged. Meanwhile reminders fall due and their
// activities fail and retry. Passes when Settle refused (non-2xx) webhooks during the outage and
// acknowledged none it could not store, every webhook ends stored and processed with its effect
// applied exactly once, and every invoice reaches its correct final state with exactly one
// message per (invoice, step, channel) and one payment per paid invoice.
//
//   npm run drill:postgres-outage            INVOICES=100 OUTAGE_MS=30000 TIMEOUT_S=900
//   QUICK=1 npm run drill:postgres-outage    16 invoices, 8 s outage

import { followPayLink, sandboxCheckoutId, stablePayLinkIn } from '../devstack/pay-link.js';
import { mollieWebhookEventId } from '../providers/mollie/mollie-webhook.js';
import { SandboxPaymentProvider } from '../providers/sandbox/sandbox-psp.js';
import { Findings, intParam, log, mapLimit, runDrill, sleep, until } from './lib/common.js';
import {
  createInvoices,
  Debtors,
  planInvoices,
  runUntilFinished,
  type SandboxMessageRow,
  sandboxMessages,
  verifyLadder,
} from './lib/ladder.js';
import { startDrillStack } from './lib/stack.js';
import { conversationEventId, type Delivery, Providers, RetryingSender, smsEventId } from './lib/webhooks.js';

interface Expected {
  provider: string;
  eventId: string;
  /** The communication that must show this status exactly once (undefined for payments). */
  messageId?: string;
  status?: string;
}

runDrill('postgres-outage', async () => {
  const count = intParam('INVOICES', 100, 16);
  const outageMs = intParam('OUTAGE_MS', 30_000, 8000);
  const timeoutMs = intParam('TIMEOUT_S', 900, 150) * 1000;
  const findings = new Findings();

  const stack = await startDrillStack({ name: 'postgres-outage', embeddedPostgres: true });
  const invoices = planInvoices(stack, count, {
    'pay-after-payment-request': 3,
    'pay-after-reminder-1': 4,
    'pay-after-reminder-2': 2,
    'cancel-after-payment-request': 1,
  });
  // These debtors pay at the PSP before the outage; its webhook reaches Settle during the outage.
  const paidAtPsp = invoices.filter((i) => i.plan === 'pay-after-payment-request');
  for (const invoice of paidAtPsp) invoice.acted = 'done';
  const debtors = new Debtors(stack, invoices, findings);
  await createInvoices(stack, invoices, findings);

  const sent = await until(
    'every payment request sent',
    async () => {
      await debtors.tick();
      const rows = await sandboxMessages(stack);
      return rows.filter((r) => r.step === 'payment-request').length >= count && rows;
    },
    120_000,
    1000,
  );
  const requests = new Map<string, SandboxMessageRow>();
  for (const row of sent) if (row.step === 'payment-request') requests.set(row.invoice_id, row);

  // What the providers will tell Settle during the outage.
  const providers = new Providers(stack);
  const psp = new SandboxPaymentProvider(stack.database.db, stack.baseUrl);
  const deliveries: Delivery[] = [];
  const expected: Expected[] = [];
  for (const invoice of paidAtPsp) {
    const payLink = stablePayLinkIn(requests.get(invoice.invoiceId)?.links ?? []);
    const checkout = payLink && (await followPayLink(payLink)).checkout;
    const payment = checkout ? await psp.settle(sandboxCheckoutId(checkout), 'paid') : undefined;
    if (!payment) {
      findings.add('setup', `${invoice.invoiceId}: no payment link to pay`);
      continue;
    }
    deliveries.push(providers.mollie(payment.webhookUrl, payment.id));
    expected.push({
      provider: 'mollie',
      eventId: mollieWebhookEventId(payment.id, { tenantId: stack.tenantId, invoiceId: invoice.invoiceId }),
    });
  }
  const at = new Date().toISOString();
  const emailEvents: Record<string, unknown>[] = [];
  for (const message of requests.values()) {
    if (message.channel === 'email') {
      const eventId = `drill-click-${message.id}`;
      emailEvents.push({
        email: 'debtor@delivered.example',
        timestamp: Math.floor(Date.now() / 1000),
        event: 'click',
        url: 'https://example.org/pay',
        sg_event_id: eventId,
        sg_message_id: `${message.id}.filter0001`,
        message_id: message.message_id,
      });
      expected.push({ provider: 'sendgrid', eventId, messageId: message.message_id, status: 'clicked' });
    } else if (message.channel === 'sms') {
      const report = {
        id: message.id,
        reference: message.message_id,
        recipient: '31600000001',
        status: 'delivered',
        statusDatetime: at,
      };
      deliveries.push(providers.messagebirdSms(report));
      expected.push({
        provider: 'messagebird-sms',
        eventId: smsEventId(report),
        messageId: message.message_id,
        status: 'delivered',
      });
    } else if (message.channel === 'whatsapp') {
      const event = {
        type: 'message.updated',
        message: { id: message.id, status: 'read', updatedDatetime: at, platform: 'whatsapp' },
      };
      deliveries.push(providers.messagebirdConversation(event));
      expected.push({
        provider: 'messagebird-conversations',
        eventId: conversationEventId(event),
        messageId: message.message_id,
        status: 'opened',
      });
    }
  }
  for (let i = 0; i < emailEvents.length; i += 10)
    deliveries.push(providers.sendgrid(emailEvents.slice(i, i + 10)));
  const sender = new RetryingSender(deliveries);
  log(`prepared ${deliveries.length} webhook deliveries (${expected.length} events) for the outage`);

  // The outage, driven from the run loop: stop, deliver and retry while down, start again.
  let phase: 'before' | 'down' | 'after' = 'before';
  let downSince = 0;
  let lastRound = 0;
  const duringOutage: Record<string, number> = {};
  let readyzDuringOutage: number | undefined;
  let retrying: Record<string, number> = {};
  const run = await runUntilFinished(stack, invoices, debtors, {
    timeoutMs,
    onTick: async () => {
      if (phase === 'before') {
        // Just before the next step falls due: its activities then meet the outage and must retry.
        const soonest = await nextStepDue(stack);
        if (soonest !== undefined && soonest - Date.now() > 1500) return;
        log(`stopping PostgreSQL for ${outageMs} ms`);
        await stack.postgres.embedded!.halt();
        phase = 'down';
        downSince = Date.now();
      }
      if (phase === 'down' && Date.now() - downSince >= outageMs) {
        retrying = await retryingActivities(stack, invoices);
        log(`activities retrying at the end of the outage: ${JSON.stringify(retrying)}`);
        await stack.postgres.embedded!.resume();
        phase = 'after';
        log(`PostgreSQL is back after ${Date.now() - downSince} ms`);
      }
      if (phase === 'down' && readyzDuringOutage === undefined && Date.now() - downSince > 2000)
        readyzDuringOutage = await fetch(`${stack.baseUrl}/readyz`)
          .then((r) => r.status)
          .catch(() => 0);
      if (sender.pending.size > 0 && Date.now() - lastRound > 2000) {
        lastRound = Date.now();
        const wasDown = phase === 'down';
        await sender.round(8, (status) => {
          // Only answers to requests sent and answered while the server was down.
          if (wasDown && phase === 'down') duringOutage[status] = (duringOutage[status] ?? 0) + 1;
        });
        if (wasDown) log(`webhooks during the outage so far: ${JSON.stringify(duringOutage)}`);
      }
    },
  });
  if ((phase as string) === 'down') await stack.postgres.embedded!.resume();
  if (run.timedOut) findings.add('timeout', `${run.finished}/${count} invoices final after ${timeoutMs} ms`);
  log(`run over: ${run.finished}/${count} final; making sure every webhook was delivered and processed`);

  if (!(await sender.untilAcknowledged(60_000)))
    for (const delivery of sender.pending) findings.add('webhook-never-acknowledged', delivery.label);
  const pool = stack.database.pool;
  const stored = async () =>
    (
      await pool.query<{ provider: string; provider_event_id: string; state: string }>(
        'select provider, provider_event_id, state from webhook_events',
      )
    ).rows;
  await until(
    'every webhook event processed',
    async () => (await stored()).every((e) => e.state !== 'received'),
    60_000,
    1000,
  ).catch(() => undefined);
  const events = new Map((await stored()).map((e) => [`${e.provider}|${e.provider_event_id}`, e.state]));
  for (const e of expected) {
    const state = events.get(`${e.provider}|${e.eventId}`);
    findings.check(
      state === 'processed',
      state ? 'webhook-unprocessed' : 'webhook-lost',
      () => `${e.provider} ${e.eventId}: ${state ?? 'not stored'}`,
    );
  }
  const { rows: communications } = await pool.query<{ id: string; history: { status: string }[] }>(
    'select id, status_history as history from communications where tenant_id = $1',
    [stack.tenantId],
  );
  const historyOf = new Map(communications.map((c) => [c.id, c.history.map((h) => h.status)]));
  for (const [id, history] of historyOf)
    findings.check(
      new Set(history).size === history.length,
      'duplicate-status',
      () => `${id}: ${history.join(' → ')}`,
    );
  for (const e of expected.filter((x) => x.messageId))
    findings.check(
      (historyOf.get(e.messageId!) ?? []).filter((s) => s === e.status).length === 1,
      'lost-effect',
      () => `${e.messageId}: no ${e.status} in ${historyOf.get(e.messageId!)?.join(' → ')}`,
    );

  const refused = Object.entries(duringOutage)
    .filter(([status]) => !status.startsWith('2'))
    .reduce((sum, [, n]) => sum + n, 0);
  const acknowledged = Object.entries(duringOutage)
    .filter(([status]) => status.startsWith('2'))
    .reduce((sum, [, n]) => sum + n, 0);
  findings.check(refused > 0, 'no-refusal-during-outage', () => JSON.stringify(duringOutage));
  findings.check(
    Object.keys(retrying).length > 0,
    'no-activity-retried',
    () => 'no activity was being retried at the end of the outage',
  );
  findings.check(acknowledged === 0, 'acknowledged-while-unstorable', () => JSON.stringify(duringOutage));

  // Let the last status syncs land before reading the invoice table.
  await sleep(1000);
  const summary = await verifyLadder(stack, invoices, findings);
  for (const exit of [...stack.api.unexpectedExits, ...stack.worker.unexpectedExits])
    findings.add('process-crashed', exit);
  return {
    result: {
      ...summary,
      outageMs,
      webhookEvents: expected.length,
      activitiesRetryingAtEndOfOutage: retrying,
      webhookAnswersDuringOutage: duringOutage,
      webhookAnswersOverall: sender.answers,
      webhookAttempts: sender.attempts,
      readyzDuringOutage,
      paidAtPspBeforeOutage: paidAtPsp.length,
      paidByDrill: debtors.payments,
      cancelledByDrill: debtors.cancellations,
    },
    findings,
  };
});

/** When the soonest planned step of the drill's open invoices falls due (epoch ms), if any is planned. */
async function nextStepDue(stack: Awaited<ReturnType<typeof startDrillStack>>): Promise<number | undefined> {
  const { rows } = await stack.database.pool.query<{ at: Date | null }>(
    `select min(next_action_at) as at from invoices
      where tenant_id = $1 and closed_at is null and next_action_at > now()`,
    [stack.tenantId],
  );
  return rows[0]?.at?.getTime();
}

/** Activities of open invoices that have failed at least once and wait for their next attempt, by type. */
async function retryingActivities(
  stack: Awaited<ReturnType<typeof startDrillStack>>,
  invoices: { workflowId: string }[],
): Promise<Record<string, number>> {
  const byType: Record<string, number> = {};
  await mapLimit(invoices, 8, async (invoice) => {
    const description = await stack.client.workflow
      .getHandle(invoice.workflowId)
      .describe()
      .catch(() => undefined);
    for (const pending of description?.raw.pendingActivities ?? []) {
      if ((pending.attempt ?? 1) < 2) continue;
      const type = pending.activityType?.name ?? 'unknown';
      byType[type] = (byType[type] ?? 0) + 1;
    }
  });
  return byType;
}
