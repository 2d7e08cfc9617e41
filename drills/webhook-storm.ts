// Fault drill 4 — a webhook storm. For INVOICES invoices (default 60; email, SMS and WhatsApp
// debtors) every provider callback is delivered REPEAT times (default 10), shuffled out of order
// and re-batched: SendGrid signed event batches (delivered, open, click), MessageBird signed SMS
// reports (sent, delivered) and WhatsApp events (sent, delivered, read), then Mollie form posts
// for one PSP payment per invoice. Mixed in are forged deliveries — wrong key, tampered body,
// stale timestamp, missing signature, wrong URL, alg "none" — carrying harmful statuses (bounce,
// delivery failed), and forged Mollie posts (unknown payment ids, a failed payment, a payment
// posted with another invoice's token). Passes when every forged signed delivery is answered 401
// and changed nothing, and every genuine event had exactly one effect: one entry per status in
// each message's history (in Settle's table; in the workflow, for the facts it acts on), one payment
// per invoice.
//
//   npm run drill:webhook-storm            INVOICES=60 REPEAT=10
//   QUICK=1 npm run drill:webhook-storm    12 invoices

import { selfServiceToken } from '../activities/self-service-link.js';
import { isoDay } from '../devstack/dates.js';
import { followPayLink, sandboxCheckoutId, stablePayLinkIn } from '../devstack/pay-link.js';
import { mollieWebhookEventId } from '../providers/mollie/mollie-webhook.js';
import { SandboxPaymentProvider } from '../providers/sandbox/sandbox-psp.js';
import { statusQuery } from '../workflows/definitions.js';
import type { DunningStatus } from '../workflows/dunning-types.js';
import {
  Findings,
  intParam,
  log,
  mapLimit,
  runDrill,
  seededRandom,
  shuffle,
  sleep,
  until,
} from './lib/common.js';
import {
  createInvoices,
  type DrillInvoice,
  invoiceRequest,
  planInvoices,
  type SandboxMessageRow,
  sandboxMessages,
} from './lib/ladder.js';
import { startDrillStack } from './lib/stack.js';
import {
  conversationEventId,
  type Delivery,
  type Forgery,
  Providers,
  RetryingSender,
  smsEventId,
} from './lib/webhooks.js';

/** Statuses each channel's message must end up with, exactly once each, in Settle's record. */
const EXPECTED_HISTORY: Record<string, string[]> = {
  email: ['queued', 'sent', 'delivered', 'opened', 'clicked'],
  sms: ['queued', 'sent', 'delivered'],
  whatsapp: ['queued', 'sent', 'delivered', 'opened'],
};
/** The most advanced of them: what the message's status should say once all facts are in. */
const FINAL_STATUS: Record<string, string> = { email: 'clicked', sms: 'delivered', whatsapp: 'opened' };
/**
 * What the workflow hears of a payment request's facts: its own send, and only the reports it acts on
 * (opens and clicks: the engaged channel). A plain delivery is stored, not signalled (policy/receipt.ts).
 */
const WORKFLOW_HISTORY: Record<string, string[]> = {
  email: ['sent', 'opened', 'clicked'],
  sms: ['sent'],
  whatsapp: ['sent', 'opened'],
};
const WORKFLOW_FINAL_STATUS: Record<string, string> = { email: 'clicked', sms: 'sent', whatsapp: 'opened' };

runDrill('webhook-storm', async () => {
  const count = intParam('INVOICES', 60, 12);
  const repeat = intParam('REPEAT', 10, 10);
  const random = seededRandom(intParam('SEED', 11, 11));
  const findings = new Findings();

  const stack = await startDrillStack({ name: 'webhook-storm' });
  const invoices = planInvoices(stack, count, { 'pay-after-payment-request': 1 });
  // Due in two months: after the payment request the workflow waits, so it is open to hear
  // every delivery fact, until the payment closes it.
  await createInvoices(stack, invoices, findings, {
    request: (invoice) => {
      const body = invoiceRequest(invoice);
      const debtor = body.debtor as Record<string, unknown>;
      if (typeof debtor.email === 'string')
        debtor.email = debtor.email.replace('@delivered.example', '@storm.example');
      return { ...body, issueDate: isoDay(0), dueDate: isoDay(60) };
    },
  });

  // Wait until every payment request went out and the sandbox's own delivery callbacks landed.
  const messages = await until(
    'every payment request sent and reported',
    async () => {
      const rows = await sandboxMessages(stack);
      const { rows: states } = await stack.database.pool.query<{ n: string }>(
        `select count(*) as n from sandbox_messages where tenant_id = $1 and delivery_status <> 'sent'`,
        [stack.tenantId],
      );
      return rows.length >= count && Number(states[0]!.n) >= count && rows;
    },
    120_000,
    1000,
  );
  await waitForProcessing(stack);
  const byInvoice = new Map(messages.map((m) => [m.invoice_id, m]));
  log(`${messages.length} payment requests sent; building the storm`);

  // ---- phase 1: delivery facts, every one REPEAT times, out of order, plus forgeries ----
  const providers = new Providers(stack);
  const genuine: Delivery[] = [];
  const forged: Delivery[] = [];
  const eventIds: { provider: string; id: string }[] = [];
  const forgedIds: { provider: string; id: string }[] = [];
  const sendgridEvents: Record<string, unknown>[] = [];
  const t0 = Math.floor(Date.now() / 1000) - 60;
  for (const message of messages) {
    if (message.channel === 'email') {
      const events = ['delivered', 'open', 'click'].map((event, i) => ({
        email: 'debtor@storm.example',
        timestamp: t0 + i,
        event,
        ...(event === 'click' ? { url: 'https://example.org/pay' } : {}),
        // The first is the very event the sandbox already sent: a provider's redelivery.
        sg_event_id: event === 'delivered' ? `${message.id}-delivered` : `storm-${message.id}-${event}`,
        sg_message_id: `${message.id}.filter0001`,
        message_id: message.message_id,
      }));
      for (const event of events) eventIds.push({ provider: 'sendgrid', id: event.sg_event_id });
      for (let r = 0; r < repeat; r++) sendgridEvents.push(...events);
      const bounce = {
        email: 'debtor@storm.example',
        timestamp: t0 + 5,
        event: 'bounce',
        type: 'bounce',
        reason: 'forged',
        sg_event_id: `forged-${message.id}-bounce`,
        sg_message_id: `${message.id}.filter0001`,
        message_id: message.message_id,
      };
      forgedIds.push({ provider: 'sendgrid', id: bounce.sg_event_id });
      for (const forgery of ['wrong-key', 'tampered-body', 'stale', 'unsigned'] as Forgery[])
        forged.push(providers.sendgrid([bounce], forgery));
    } else if (message.channel === 'sms') {
      const reports = ['sent', 'delivered'].map((status, i) => ({
        id: message.id,
        reference: message.message_id,
        recipient: '31600000001',
        status,
        statusDatetime: new Date((t0 + i) * 1000).toISOString(),
      }));
      for (const report of reports) {
        eventIds.push({ provider: 'messagebird-sms', id: smsEventId(report) });
        for (let r = 0; r < repeat; r++) genuine.push(providers.messagebirdSms(report));
      }
      const failed = {
        ...reports[1]!,
        status: 'delivery_failed',
        statusDatetime: new Date((t0 + 5) * 1000).toISOString(),
      };
      forgedIds.push({ provider: 'messagebird-sms', id: smsEventId(failed) });
      for (const forgery of ['wrong-key', 'wrong-url', 'stale', 'unsigned', 'alg-none'] as Forgery[])
        forged.push(providers.messagebirdSms(failed, forgery));
    } else {
      const events = ['sent', 'delivered', 'read'].map((status, i) => ({
        type: 'message.updated',
        message: {
          id: message.id,
          status,
          updatedDatetime: new Date((t0 + i) * 1000).toISOString(),
          reference: message.message_id,
          platform: 'whatsapp',
        },
      }));
      for (const event of events) {
        eventIds.push({ provider: 'messagebird-conversations', id: conversationEventId(event) });
        for (let r = 0; r < repeat; r++) genuine.push(providers.messagebirdConversation(event));
      }
      const failed = {
        type: 'message.updated',
        message: {
          id: message.id,
          status: 'failed',
          updatedDatetime: new Date((t0 + 5) * 1000).toISOString(),
        },
      };
      forgedIds.push({ provider: 'messagebird-conversations', id: conversationEventId(failed) });
      for (const forgery of ['wrong-key', 'tampered-body', 'stale', 'unsigned', 'alg-none'] as Forgery[])
        forged.push(providers.messagebirdConversation(failed, forgery));
    }
  }
  // SendGrid re-batches on redelivery: every occurrence lands in some batch of 1–25 events.
  shuffle(sendgridEvents, random);
  for (let i = 0; i < sendgridEvents.length; ) {
    const size = 1 + Math.floor(random() * 25);
    genuine.push(providers.sendgrid(sendgridEvents.slice(i, i + size)));
    i += size;
  }
  const phase1 = await storm(genuine, forged, random, findings);
  log(
    `phase 1: ${genuine.length} genuine and ${forged.length} forged deliveries; answers ${JSON.stringify(phase1.answers)}`,
  );
  await waitForProcessing(stack);
  await sleep(1000); // signals are sent right after the events are marked

  const storedEvents = await webhookEvents(stack);
  for (const e of eventIds) {
    const state = storedEvents.get(`${e.provider}|${e.id}`);
    findings.check(
      state === 'processed',
      state ? 'event-unprocessed' : 'event-lost',
      () => `${e.provider} ${e.id}: ${state}`,
    );
  }
  for (const e of forgedIds)
    findings.check(
      !storedEvents.has(`${e.provider}|${e.id}`),
      'forged-stored',
      () => `${e.provider} ${e.id}`,
    );

  const { rows: communications } = await stack.database.pool.query<{
    id: string;
    invoice_id: string;
    channel: string;
    status: string;
    history: { status: string }[];
  }>(
    'select id, invoice_id, channel, status, status_history as history from communications where tenant_id = $1',
    [stack.tenantId],
  );
  let regressions = 0;
  for (const c of communications) {
    const history = c.history.map((h) => h.status);
    const expected = EXPECTED_HISTORY[c.channel] ?? [];
    findings.check(
      history.length === expected.length && expected.every((s) => history.includes(s)),
      new Set(history).size < history.length ? 'duplicate-effect' : 'wrong-effects',
      () => `${c.invoice_id} ${c.channel}: ${history.join(' → ')}`,
    );
    if (c.status !== FINAL_STATUS[c.channel]) {
      regressions++;
      findings.add(
        'status-regressed',
        `${c.invoice_id} ${c.channel}: ends '${c.status}' after ${history.join(' → ')}`,
      );
    }
  }
  findings.check(
    communications.length === count,
    'extra-messages',
    () =>
      `${communications.length} communications for ${count} invoices (a fallback after a forged failure?)`,
  );

  // The workflows heard each fact once, and no forged failure.
  await mapLimit(invoices, 8, async (invoice) => {
    const status = (await stack.client.workflow
      .getHandle(invoice.workflowId)
      .query(statusQuery)
      .catch(() => undefined)) as DunningStatus | undefined;
    if (!status) return findings.add('workflow-unreachable', invoice.invoiceId);
    for (const message of status.messages) {
      const seen: string[] = message.history.map((h) => h.status);
      const expected = WORKFLOW_HISTORY[message.channel] ?? [];
      findings.check(
        seen.length === expected.length && expected.every((s) => seen.includes(s)),
        new Set(seen).size < seen.length ? 'duplicate-effect' : 'wrong-effects',
        () => `workflow ${invoice.invoiceId} ${message.channel}: ${seen.join(' → ')}`,
      );
      if (message.status !== WORKFLOW_FINAL_STATUS[message.channel]) {
        regressions++;
        findings.add(
          'status-regressed',
          `workflow ${invoice.invoiceId} ${message.channel}: ends '${message.status}' after ${seen.join(' → ')}`,
        );
      }
    }
    findings.check(
      status.messages.length === 1 && status.status === 'open',
      'forged-effect',
      () => `${invoice.invoiceId}: ${status.messages.length} messages, status ${status.status}`,
    );
  });

  // ---- phase 2: payments — each PSP callback REPEAT times, out of order, plus forgeries ----
  const psp = new SandboxPaymentProvider(stack.database.db, stack.baseUrl);
  const linkOf = async (m: SandboxMessageRow | undefined) => {
    const payLink = stablePayLinkIn(m?.links ?? []);
    const checkout = payLink && (await followPayLink(payLink)).checkout;
    return checkout && sandboxCheckoutId(checkout);
  };
  const payments: { invoice: DrillInvoice; id: string; webhookUrl: string }[] = [];
  const paymentDeliveries: Delivery[] = [];
  const mollieForged: Delivery[] = [];
  for (const [i, invoice] of invoices.entries()) {
    const link = await linkOf(byInvoice.get(invoice.invoiceId));
    if (!link) {
      findings.add('setup', `${invoice.invoiceId}: no checkout link`);
      continue;
    }
    // Every third debtor first tries and fails (card declined): that payment must change nothing.
    if (i % 3 === 0) {
      const declined = await psp.settle(link, 'failed');
      for (let r = 0; r < repeat; r++)
        paymentDeliveries.push(providers.mollie(declined!.webhookUrl, declined!.id, 'declined'));
    }
    const paid = await psp.settle(link, 'paid');
    payments.push({ invoice, id: paid!.id, webhookUrl: paid!.webhookUrl });
    for (let r = 0; r < repeat; r++) paymentDeliveries.push(providers.mollie(paid!.webhookUrl, paid!.id));
  }
  for (const [i, payment] of payments.entries()) {
    const other = payments[(i + 1) % payments.length]!;
    const otherToken = selfServiceToken(stack.tokenSecret, stack.tenantId, other.invoice.invoiceId);
    // The right payment announced with another invoice's token; ids nobody issued; garbage.
    mollieForged.push(
      providers.mollie(`${stack.baseUrl}/webhooks/mollie?invoice=${otherToken}`, payment.id, 'cross-invoice'),
    );
    mollieForged.push(
      providers.mollie(payment.webhookUrl, `tr_forged${i}x${Math.floor(random() * 1e9)}`, 'unknown id'),
    );
    mollieForged.push(providers.mollie(payment.webhookUrl, `../${payment.id}`, 'malformed id'));
  }
  const phase2 = await storm(paymentDeliveries, [], random, findings, mollieForged);
  log(
    `phase 2: ${paymentDeliveries.length} genuine and ${mollieForged.length} forged Mollie posts; answers ${JSON.stringify(phase2.answers)}`,
  );

  await until(
    'every invoice paid',
    async () => {
      const { rows } = await stack.database.pool.query<{ n: string }>(
        `select count(*) as n from invoices where tenant_id = $1 and status = 'paid' and closed_at is not null`,
        [stack.tenantId],
      );
      return Number(rows[0]!.n) === payments.length;
    },
    120_000,
    1000,
  ).catch((error: Error) => findings.add('lost-payment', error.message));
  await waitForProcessing(stack);

  const { rows: paymentRows } = await stack.database.pool.query<{
    invoice_id: string;
    dedupe_key: string;
    amount_cents: number;
  }>(
    'select invoice_id, dedupe_key, amount_cents::float8 as amount_cents from payments where tenant_id = $1',
    [stack.tenantId],
  );
  const storedAfter = await webhookEvents(stack);
  await mapLimit(payments, 8, async ({ invoice, id }) => {
    const rows = paymentRows.filter((p) => p.invoice_id === invoice.invoiceId);
    findings.check(
      rows.length === 1 &&
        rows[0]!.dedupe_key === `psp:${id}` &&
        rows[0]!.amount_cents === invoice.amountCents,
      rows.length > 1 ? 'duplicate-payment' : 'wrong-payment',
      () =>
        `${invoice.invoiceId}: ${rows.map((r) => `${r.dedupe_key}=${r.amount_cents}`).join(', ') || 'none'}`,
    );
    // Stored under the payment id and the invoice its webhook URL names.
    const eventId = mollieWebhookEventId(id, { tenantId: stack.tenantId, invoiceId: invoice.invoiceId });
    findings.check(
      storedAfter.get(`mollie|${eventId}`) === 'processed',
      'event-unprocessed',
      () => `mollie ${id}: ${storedAfter.get(`mollie|${eventId}`)}`,
    );
    const handle = stack.client.workflow.getHandle(invoice.workflowId);
    const description = await handle.describe().catch(() => undefined);
    if (description?.status.name !== 'COMPLETED')
      return findings.add('workflow-not-completed', `${invoice.invoiceId}: ${description?.status.name}`);
    const result = (await handle.result()) as DunningStatus;
    findings.check(
      result.status === 'paid' &&
        result.payments.length === 1 &&
        result.payments[0]!.dedupeKey === `psp:${id}`,
      result.payments.length > 1 ? 'duplicate-payment' : 'wrong-payment',
      () =>
        `${invoice.invoiceId}: workflow ${result.status} with ${result.payments.map((p) => p.dedupeKey).join(', ')}`,
    );
  });
  findings.check(
    paymentRows.length === payments.length,
    'duplicate-payment',
    () => `${paymentRows.length} payment rows for ${payments.length} payments`,
  );
  for (const exit of [...stack.api.unexpectedExits, ...stack.worker.unexpectedExits])
    findings.add('process-crashed', exit);

  return {
    result: {
      invoices: count,
      repeat,
      distinctDeliveryEvents: eventIds.length,
      deliveryRequests: genuine.length,
      forgedSignedRequests: forged.length,
      deliveryAnswers: phase1.answers,
      forgedAnswers: phase1.forgedAnswers,
      paymentRequests: paymentDeliveries.length,
      forgedMollieRequests: mollieForged.length,
      paymentAnswers: phase2.answers,
      forgedMollieAnswers: phase2.forgedAnswers,
      payments: paymentRows.length,
      statusRegressions: regressions,
    },
    findings,
  };
});

/**
 * Sends genuine and forged deliveries in one shuffled stream. Forged signed ones must be answered
 * 401; `unsignedForged` (Mollie has no signature) must be answered 2xx and change nothing.
 * Genuine ones answered non-2xx are retried like a provider would.
 */
async function storm(
  genuine: Delivery[],
  forged: Delivery[],
  random: () => number,
  findings: Findings,
  unsignedForged: Delivery[] = [],
) {
  const answers: Record<string, number> = {};
  const forgedAnswers: Record<string, number> = {};
  const all = shuffle(
    [
      ...genuine.map((d) => ({ d, kind: 'genuine' as const })),
      ...forged.map((d) => ({ d, kind: 'forged' as const })),
      ...unsignedForged.map((d) => ({ d, kind: 'unsigned-forged' as const })),
    ],
    random,
  );
  const retry: Delivery[] = [];
  await mapLimit(all, 16, async ({ d, kind }) => {
    const response = await d.send().catch(() => undefined);
    const status = response?.status ?? 0;
    const text = (await response?.text().catch(() => '')) ?? '';
    const tally = kind === 'genuine' ? answers : forgedAnswers;
    tally[status] = (tally[status] ?? 0) + 1;
    if (kind === 'genuine' && !(status >= 200 && status < 300)) retry.push(d);
    if (kind === 'forged')
      findings.check(
        status === 401,
        status >= 200 && status < 300 ? 'forged-accepted' : 'forged-wrong-answer',
        () => `${d.label} (${d.forged}): ${status} ${text.slice(0, 200)}`,
      );
    if (kind === 'unsigned-forged')
      findings.check(
        status === 200,
        'forged-wrong-answer',
        () => `${d.label}: ${status} ${text.slice(0, 200)}`,
      );
  });
  if (retry.length > 0) {
    const sender = new RetryingSender(retry);
    if (!(await sender.untilAcknowledged(60_000)))
      for (const d of sender.pending) findings.add('webhook-never-acknowledged', d.label);
  }
  return { answers, forgedAnswers };
}

async function webhookEvents(stack: Awaited<ReturnType<typeof startDrillStack>>) {
  const { rows } = await stack.database.pool.query<{
    provider: string;
    provider_event_id: string;
    state: string;
  }>('select provider, provider_event_id, state from webhook_events');
  return new Map(rows.map((e) => [`${e.provider}|${e.provider_event_id}`, e.state]));
}

async function waitForProcessing(stack: Awaited<ReturnType<typeof startDrillStack>>) {
  await until(
    'every stored webhook event processed',
    async () => {
      const { rows } = await stack.database.pool.query<{ n: string }>(
        `select count(*) as n from webhook_events where state = 'received'`,
      );
      return Number(rows[0]!.n) === 0;
    },
    60_000,
    500,
  ).catch((error: Error) => log(error.message));
}
