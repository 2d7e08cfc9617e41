// Invoices on the `demo` policy (one day = 2 s) for the drills that fault the engine: the drill
// creates them through the API, plays every debtor (pays through the sandbox checkout after the
// message its plan waits for, or has the creditor cancel), and finally checks that every invoice
// reached its correct final state with exactly one message per (invoice, step, channel) and
// exactly one payment per paid invoice — in the sandbox providers, in Settle's tables and in the
// workflow's own record.
import { isoDay } from '../../devstack/dates.js';
import { followPayLink, stablePayLinkIn } from '../../devstack/pay-link.js';
import type { DunningStatus } from '../../workflows/dunning-types.js';
import { type Findings, log, mapLimit, QUICK, sleep } from './common.js';
import type { DrillStack } from './stack.js';

export const PLANS = [
  'pay-after-payment-request',
  'pay-after-reminder-1',
  'pay-after-reminder-2',
  'cancel-after-payment-request',
] as const;
export type Plan = (typeof PLANS)[number];
export type Contact = 'email' | 'sms' | 'whatsapp';

/** The message each plan's debtor (or creditor) waits for before acting. */
const TRIGGER: Record<Plan, string> = {
  'pay-after-payment-request': 'payment-request',
  'pay-after-reminder-1': 'reminder-1',
  'pay-after-reminder-2': 'reminder-2',
  'cancel-after-payment-request': 'payment-request',
};
const LADDER = ['payment-request', 'reminder-1', 'reminder-2', 'formal-notice', 'payment-plan-offer'];

export interface DrillInvoice {
  invoiceId: string;
  debtorId: string;
  plan: Plan;
  contact: Contact;
  amountCents: number;
  workflowId: string;
  /** What the debtor did: nothing yet, done, or gave up (a finding). */
  acted: 'no' | 'busy' | 'done' | 'failed';
  attempts: number;
}

export const expectedStatus = (plan: Plan) => (plan.startsWith('pay') ? 'paid' : 'cancelled');

/**
 * `count` invoices with plans in the given proportions (weights), spread over channels: mostly
 * email (delivered and opened in the sandbox), some SMS and some WhatsApp.
 */
export function planInvoices(
  stack: DrillStack,
  count: number,
  weights: Partial<Record<Plan, number>>,
): DrillInvoice[] {
  const cycle = PLANS.flatMap((plan) => Array.from({ length: weights[plan] ?? 0 }, () => plan));
  const contacts: Contact[] = ['email', 'email', 'sms', 'email', 'whatsapp'];
  return Array.from({ length: count }, (_, i) => {
    const invoiceId = `${stack.name}-${String(i + 1).padStart(4, '0')}`;
    return {
      invoiceId,
      debtorId: `D-${invoiceId}`,
      plan: cycle[i % cycle.length]!,
      contact: contacts[i % contacts.length]!,
      amountCents: 10_000 + i * 7,
      workflowId: `dunning:${stack.tenantId}:${invoiceId}`,
      acted: 'no',
      attempts: 0,
    };
  });
}

/** Long overdue, so the demo ladder runs at its compressed pace from the first message on. */
export function invoiceRequest(invoice: DrillInvoice) {
  const n = Number(invoice.invoiceId.replace(/\D/g, '').slice(-4)) || 1;
  const phone = `+316${String(10_000_000 + n).slice(-8)}`.replace(/0000$/, '0001');
  const debtor =
    invoice.contact === 'email'
      ? { email: `${invoice.debtorId.toLowerCase()}@delivered.example` }
      : invoice.contact === 'sms'
        ? { phone }
        : { phone, whatsappOptIn: true, preferredChannel: 'whatsapp' };
  return {
    invoiceId: invoice.invoiceId,
    policy: 'demo',
    debtor: { id: invoice.debtorId, type: 'consumer', name: `Debtor ${invoice.invoiceId}`, ...debtor },
    amount: { currency: 'EUR', value: (invoice.amountCents / 100).toFixed(2) },
    issueDate: isoDay(-34),
    dueDate: isoDay(-20),
    description: `Drill ${invoice.invoiceId}`,
  };
}

export async function api(
  stack: DrillStack,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${stack.apiKey}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(30_000),
  });
}

/** Creates the invoices through the API; a 503 or a dropped connection is retried (bounded). */
export async function createInvoices(
  stack: DrillStack,
  invoices: DrillInvoice[],
  findings: Findings,
  options: { concurrency?: number; request?: (invoice: DrillInvoice) => unknown } = {},
): Promise<void> {
  let done = 0;
  const request = options.request ?? invoiceRequest;
  await mapLimit(invoices, options.concurrency ?? 8, async (invoice) => {
    for (let attempt = 1; ; attempt++) {
      const response = await api(stack, 'POST', '/v1/invoices', request(invoice)).catch(
        (error: Error) => error,
      );
      if (response instanceof Response && (response.status === 201 || response.status === 200)) break;
      const what = response instanceof Response ? `${response.status} ${await response.text()}` : response;
      if (attempt >= 20 || (response instanceof Response && response.status !== 503)) {
        findings.add('create-failed', `${invoice.invoiceId}: ${String(what).slice(0, 300)}`);
        invoice.acted = 'failed';
        return;
      }
      await sleep(1000);
    }
    if (++done % 50 === 0) log(`created ${done}/${invoices.length} invoices`);
  });
  log(`created ${done} invoices`);
}

export interface SandboxMessageRow {
  id: string;
  idempotency_key: string;
  invoice_id: string;
  message_id: string;
  /** The ladder step (from Settle's communication record); `template` is the provider's name for it. */
  step: string;
  template: string;
  channel: string;
  links: string[];
  created_at: Date;
}

export async function sandboxMessages(stack: DrillStack): Promise<SandboxMessageRow[]> {
  const { rows } = await stack.database.pool.query<SandboxMessageRow>(
    `select s.id, s.idempotency_key, s.invoice_id, s.message_id, coalesce(c.step, '?') as step,
            s.template, s.channel, s.links, s.created_at
       from sandbox_messages s left join communications c on c.id = s.message_id
      where s.tenant_id = $1`,
    [stack.tenantId],
  );
  return rows;
}

/**
 * The debtors (and the creditor, for cancellations): each acts once the message its plan waits
 * for is in the sandbox outbox. A checkout that stored nothing (503, connection refused) is
 * retried like a person would; any other failure is a finding, never retried (it could pay twice).
 */
export class Debtors {
  paused = false;
  payments = 0;
  cancellations = 0;

  constructor(
    private readonly stack: DrillStack,
    private readonly invoices: DrillInvoice[],
    private readonly findings: Findings,
  ) {}

  get pending(): number {
    return this.invoices.filter((i) => i.acted === 'no' || i.acted === 'busy').length;
  }

  async tick(): Promise<void> {
    if (this.paused) return;
    const rows = await sandboxMessages(this.stack).catch(() => undefined);
    if (!rows) return;
    const byKey = new Map(rows.map((r) => [`${r.invoice_id}|${r.step}`, r]));
    const ready = this.invoices.filter(
      (i) => i.acted === 'no' && byKey.has(`${i.invoiceId}|${TRIGGER[i.plan]}`),
    );
    await mapLimit(ready, 6, async (invoice) => {
      if (this.paused) return;
      invoice.acted = 'busy';
      invoice.attempts++;
      const trigger = byKey.get(`${invoice.invoiceId}|${TRIGGER[invoice.plan]}`)!;
      const outcome = invoice.plan.startsWith('pay')
        ? await this.pay(invoice, trigger)
        : await this.cancel(invoice);
      if (outcome === 'retry' && invoice.attempts < 100) invoice.acted = 'no';
      else if (outcome === 'retry') {
        invoice.acted = 'failed';
        this.findings.add('debtor-gave-up', `${invoice.invoiceId}: ${invoice.attempts} attempts`);
      } else invoice.acted = outcome;
    });
  }

  private async pay(invoice: DrillInvoice, trigger: SandboxMessageRow): Promise<'done' | 'failed' | 'retry'> {
    const payLink = stablePayLinkIn(trigger.links);
    if (!payLink) {
      this.findings.add(
        'no-pay-link',
        `${invoice.invoiceId}: ${trigger.step} (${trigger.channel}) has no pay link`,
      );
      return 'failed';
    }
    const signal = AbortSignal.timeout(30_000);
    const answer = await followPayLink(payLink, signal).catch(() => undefined);
    // Not reached, or no checkout to be had right now (its database or the PSP is away): try again.
    if (!answer || answer.status === 503 || answer.location?.includes('e=unavailable')) return 'retry';
    if (!answer.checkout) {
      this.findings.add('pay-link-failed', `${invoice.invoiceId}: ${answer.status} to ${answer.location}`);
      return 'failed';
    }
    const response = await fetch(answer.checkout, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=paid',
      redirect: 'manual',
      signal,
    }).catch(() => undefined);
    if (response?.status === 303) {
      this.payments++;
      return 'done';
    }
    // Nothing was stored (the service is unreachable or its database is): safe to try again.
    if (!response || response.status === 503) return 'retry';
    this.findings.add(
      'checkout-failed',
      `${invoice.invoiceId}: ${response.status} ${(await response.text()).slice(0, 200)}`,
    );
    return 'failed';
  }

  private async cancel(invoice: DrillInvoice): Promise<'done' | 'failed' | 'retry'> {
    const response = await api(
      this.stack,
      'POST',
      `/v1/invoices/${invoice.invoiceId}/cancel`,
      { reason: 'drill: credit note issued' },
      { 'idempotency-key': `drill-cancel-${invoice.invoiceId}` },
    ).catch(() => undefined);
    if (response?.status === 200) {
      this.cancellations++;
      return 'done';
    }
    if (!response || response.status === 503) return 'retry';
    this.findings.add(
      'cancel-failed',
      `${invoice.invoiceId}: ${response.status} ${(await response.text()).slice(0, 200)}`,
    );
    return 'failed';
  }
}

/** How many invoices show their final status in Settle's invoice table (undefined: unreadable now). */
export async function finishedCount(
  stack: DrillStack,
  invoices: DrillInvoice[],
): Promise<number | undefined> {
  const expected = new Map(invoices.map((i) => [i.invoiceId, expectedStatus(i.plan)]));
  const result = await stack.database.pool
    .query<{ invoice_id: string; status: string; closed_at: Date | null }>(
      'select invoice_id, status, closed_at from invoices where tenant_id = $1',
      [stack.tenantId],
    )
    .catch(() => undefined);
  if (!result) return undefined;
  return result.rows.filter((r) => r.closed_at && expected.get(r.invoice_id) === r.status).length;
}

export interface RunOptions {
  timeoutMs: number;
  /** Called every loop (about twice a second): the fault a drill injects lives here. */
  onTick?: (progress: { finished: number; elapsedMs: number }) => Promise<void>;
}

/** Plays the debtors until every invoice shows its final status, or the time is up. */
export async function runUntilFinished(
  stack: DrillStack,
  invoices: DrillInvoice[],
  debtors: Debtors,
  options: RunOptions,
): Promise<{ finished: number; timedOut: boolean }> {
  const started = Date.now();
  let finished = 0;
  let lastReport = 0;
  while (Date.now() - started < options.timeoutMs) {
    await debtors.tick();
    finished = (await finishedCount(stack, invoices)) ?? finished;
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      log(
        `progress: ${finished}/${invoices.length} final, ${debtors.payments} paid and ${debtors.cancellations} cancelled by the drill, ${debtors.pending} debtors waiting`,
      );
    }
    if (finished === invoices.length) return { finished, timedOut: false };
    await options.onTick?.({ finished, elapsedMs: Date.now() - started });
    await sleep(500);
  }
  return { finished, timedOut: true };
}

/**
 * Finds activity attempts that a dead worker had started (Temporal retries them only after their
 * start-to-close timeout of two minutes) and records them in `seen`; with `fail`, fails them at
 * once — what that timeout would do later — so that a quick run need not wait. Only attempts whose
 * worker identity names a process this drill killed are touched.
 */
export function orphanedAttempts(
  stack: DrillStack,
  invoices: DrillInvoice[],
  deadPids: ReadonlySet<number>,
  options: { fail: boolean; seen: Set<string> },
): Promise<number> {
  return failAttempts(stack, invoices, (pending, workflowId) => {
    const pid = Number((pending.lastWorkerIdentity ?? '').split('@')[0]);
    if (!deadPids.has(pid)) return false;
    options.seen.add(`${workflowId}:${pending.activityId}:${pending.attempt}`);
    return options.fail;
  });
}

/**
 * Fails activity attempts that have been running for longer than `olderThanMs` (Settle's
 * activities take milliseconds: such an attempt's result was lost with the server or the worker),
 * instead of waiting for their start-to-close timeout. Quick runs only.
 */
export function failStuckAttempts(
  stack: DrillStack,
  invoices: DrillInvoice[],
  olderThanMs: number,
): Promise<number> {
  return failAttempts(stack, invoices, (pending) => {
    const started = pending.lastStartedTime?.seconds;
    if (pending.state !== 2 /* STARTED */ || !started) return false;
    return Date.now() - Number(started) * 1000 > olderThanMs;
  });
}

type PendingActivity = NonNullable<
  Awaited<
    ReturnType<ReturnType<DrillStack['client']['workflow']['getHandle']>['describe']>
  >['raw']['pendingActivities']
>[number];

async function failAttempts(
  stack: DrillStack,
  invoices: DrillInvoice[],
  select: (pending: PendingActivity, workflowId: string) => boolean,
): Promise<number> {
  let failed = 0;
  await mapLimit(invoices, 8, async (invoice) => {
    const handle = stack.client.workflow.getHandle(invoice.workflowId);
    const description = await handle.describe().catch(() => undefined);
    if (description?.status.name !== 'RUNNING') return;
    for (const pending of description.raw.pendingActivities ?? []) {
      if (!pending.activityId || !select(pending, invoice.workflowId)) continue;
      const ok = await stack.client.activity
        .fail(
          { workflowId: invoice.workflowId, runId: description.runId, activityId: pending.activityId },
          new Error('drill: attempt orphaned by the fault'),
        )
        .then(() => true)
        .catch(() => false);
      if (ok) failed++;
    }
  });
  return failed;
}

interface CommunicationRow {
  id: string;
  invoice_id: string;
  step: string;
  channel: string;
  status: string;
  provider_message_id: string | null;
}

/**
 * Waits (bounded) until no invoice's workflow is still running: the invoice table shows the final
 * state one step before the workflow completes, and after a fault that step can take a while.
 */
export async function awaitWorkflowsClosed(
  stack: DrillStack,
  invoices: DrillInvoice[],
  timeoutMs: number,
): Promise<number> {
  const started = Date.now();
  let running = invoices;
  while (running.length > 0 && Date.now() - started < timeoutMs) {
    const states = await mapLimit(running, 8, async (invoice) => {
      const description = await stack.client.workflow
        .getHandle(invoice.workflowId)
        .describe()
        .catch(() => undefined);
      return description?.status.name === 'RUNNING' || description === undefined;
    });
    running = running.filter((_, i) => states[i]);
    if (running.length > 0) {
      log(
        `${running.length} workflows still running (${running
          .slice(0, 3)
          .map((i) => i.invoiceId)
          .join(', ')}…); waiting`,
      );
      await sleep(2000);
    }
  }
  return Date.now() - started;
}

/** Every invariant of a finished run; violations go to `findings`. Returns summary counts. */
export async function verifyLadder(
  stack: DrillStack,
  invoices: DrillInvoice[],
  findings: Findings,
  options: { settleMs?: number } = {},
) {
  const settledAfterMs = await awaitWorkflowsClosed(
    stack,
    invoices,
    options.settleMs ?? (QUICK ? 60_000 : 180_000),
  );
  const pool = stack.database.pool;
  const tenant = [stack.tenantId];
  const sandbox = await sandboxMessages(stack);
  const { rows: communications } = await pool.query<CommunicationRow>(
    `select id, invoice_id, step, channel, status, provider_message_id from communications where tenant_id = $1`,
    tenant,
  );
  const { rows: invoiceRows } = await pool.query<{
    invoice_id: string;
    status: string;
    closed_at: Date | null;
  }>('select invoice_id, status, closed_at from invoices where tenant_id = $1', tenant);
  const { rows: paymentRows } = await pool.query<{
    invoice_id: string;
    source: string;
    dedupe_key: string;
    amount_cents: number;
  }>(
    'select invoice_id, source, dedupe_key, amount_cents::float8 as amount_cents from payments where tenant_id = $1',
    tenant,
  );
  const { rows: pspRows } = await pool.query<{ invoice_id: string; status: string; id: string }>(
    // Link payments carry no metadata (as at Mollie): their link's names the invoice.
    `select coalesce(p.metadata, l.metadata)->>'invoiceId' as invoice_id, p.status, p.id
       from sandbox_payments p left join sandbox_payments l on l.id = p.link_id
      where p.kind = 'payment' and coalesce(p.metadata, l.metadata)->>'tenantId' = $1`,
    tenant,
  );
  const { rows: unprocessed } = await pool.query<{
    provider: string;
    provider_event_id: string;
    error: string;
  }>(`select provider, provider_event_id, error from webhook_events where state = 'received'`);

  // Sandbox providers: one message per idempotency key, i.e. per (invoice, step, channel).
  const perKey = countBy(sandbox, (m) => m.idempotency_key);
  for (const [key, n] of perKey) findings.check(n === 1, 'duplicate-message', () => `${key} stored ${n}×`);
  const perStepChannel = countBy(sandbox, (m) => `${m.invoice_id}|${m.step}|${m.channel}`);
  for (const [key, n] of perStepChannel)
    findings.check(n === 1, 'duplicate-message', () => `${key} sent ${n}×`);
  const perStep = countBy(sandbox, (m) => `${m.invoice_id}|${m.step}`);
  for (const [key, n] of perStep) findings.check(n === 1, 'duplicate-step', () => `${key} on ${n} channels`);

  // Settle's communications: one per sandbox message, none left half-sent.
  const communicationById = new Map(communications.map((c) => [c.id, c]));
  for (const message of sandbox) {
    const communication = communicationById.get(message.message_id);
    findings.check(
      communication !== undefined,
      'message-without-record',
      () => `${message.invoice_id} ${message.step}: sandbox ${message.id} has no communication`,
    );
    if (communication)
      findings.check(
        communication.status !== 'queued' && communication.provider_message_id === message.id,
        'half-sent',
        () =>
          `${message.invoice_id} ${message.step}: ${communication.status} / ${communication.provider_message_id}`,
      );
  }
  const sandboxByMessage = new Set(sandbox.map((m) => m.message_id));
  for (const communication of communications)
    findings.check(
      sandboxByMessage.has(communication.id),
      'lost-message',
      () =>
        `${communication.invoice_id} ${communication.step}: recorded as ${communication.status}, never reached the provider`,
    );

  const rowsByInvoice = new Map(invoiceRows.map((r) => [r.invoice_id, r]));
  const sandboxByInvoice = groupBy(sandbox, (m) => m.invoice_id);
  const paymentsByInvoice = groupBy(paymentRows, (p) => p.invoice_id);
  const pspByInvoice = groupBy(pspRows, (p) => p.invoice_id);
  let extraSteps = 0;
  let completed = 0;

  await mapLimit(invoices, 8, async (invoice) => {
    const id = invoice.invoiceId;
    const expected = expectedStatus(invoice.plan);
    const pays = expected === 'paid';
    const row = rowsByInvoice.get(id);
    findings.check(
      row?.status === expected && row.closed_at !== null,
      'wrong-final-state',
      () =>
        `${id} (${invoice.plan}): invoice table says ${row?.status ?? 'nothing'}, closed ${row?.closed_at ?? 'no'}`,
    );

    // The workflow: completed, with the expected status, knowing exactly the messages that were sent.
    const handle = stack.client.workflow.getHandle(invoice.workflowId);
    const description = await handle.describe().catch(() => undefined);
    if (description?.status.name !== 'COMPLETED') {
      findings.add('workflow-not-completed', `${id}: ${description?.status.name ?? 'not found'}`);
      return;
    }
    completed++;
    const result = (await handle.result()) as DunningStatus;
    findings.check(result.status === expected, 'wrong-final-state', () => `${id}: workflow ${result.status}`);
    const sent = sandboxByInvoice.get(id) ?? [];
    const known = new Set(result.messages.map((m) => m.messageId));
    for (const message of sent) {
      findings.check(
        known.has(message.message_id),
        'orphan-message',
        () => `${id} ${message.step}: sent but unknown to the workflow`,
      );
      const closedAt = description.closeTime?.getTime() ?? Number.POSITIVE_INFINITY;
      findings.check(
        message.created_at.getTime() <= closedAt,
        'message-after-close',
        () => `${id} ${message.step} at ${message.created_at.toISOString()}`,
      );
    }
    const stored = new Set(sent.map((m) => m.message_id));
    for (const message of result.messages)
      findings.check(
        stored.has(message.messageId),
        'lost-message',
        () => `${id} ${message.stepKey}: the workflow recorded it, the provider never got it`,
      );

    // The ladder up to what the debtor waited for was walked; later steps only by a race.
    const steps = new Set(sent.map((m) => m.step));
    const needed = LADDER.slice(0, LADDER.indexOf(TRIGGER[invoice.plan]) + 1);
    for (const step of needed) findings.check(steps.has(step), 'missing-step', () => `${id}: no ${step}`);
    extraSteps += [...steps].filter((t) => !needed.includes(t)).length;

    // Payments: exactly one per paid invoice at the PSP, in Settle, and in the workflow.
    const payments = paymentsByInvoice.get(id) ?? [];
    const psp = (pspByInvoice.get(id) ?? []).filter((p) => p.status === 'paid');
    findings.check(
      payments.length === (pays ? 1 : 0),
      pays && payments.length === 0 ? 'lost-payment' : 'duplicate-payment',
      () => `${id}: ${payments.length} payment rows (${payments.map((p) => p.dedupe_key).join(', ')})`,
    );
    findings.check(
      psp.length === (pays ? 1 : 0),
      'psp-payments',
      () => `${id}: ${psp.length} paid sandbox payments`,
    );
    findings.check(
      result.payments.length === (pays ? 1 : 0),
      pays && result.payments.length === 0 ? 'lost-payment' : 'duplicate-payment',
      () => `${id}: the workflow recorded ${result.payments.length} payments`,
    );
    if (pays && payments[0])
      findings.check(
        payments[0].amount_cents === invoice.amountCents && payments[0].dedupe_key === `psp:${psp[0]?.id}`,
        'wrong-payment',
        () => `${id}: ${payments[0]!.amount_cents} cents, key ${payments[0]!.dedupe_key}`,
      );
  });

  for (const event of unprocessed)
    findings.add('webhook-unprocessed', `${event.provider} ${event.provider_event_id}: ${event.error}`);

  return {
    invoices: invoices.length,
    completedWorkflows: completed,
    messages: sandbox.length,
    communications: communications.length,
    payments: paymentRows.length,
    pspPayments: pspRows.filter((p) => p.status === 'paid').length,
    stepsAfterTrigger: extraSteps,
    workflowsClosedAfterMs: settledAfterMs,
  };
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}
