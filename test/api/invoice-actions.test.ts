// Every action route on a running invoice, through a real worker on the demo policy: payments
// (partial, full, overpayment, idempotent repeats), pause/resume, cancel, promise-to-pay, disputes
// and their resolution, payment plans; the resource live from the workflow and from the database
// once it closed; the timeline; and PATCH /v1/debtors reaching the open invoice's workflow.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communicationsOfInvoice } from '../../db/queries/communications.js';
import { getDebtor } from '../../db/queries/debtors.js';
import { getInvoice } from '../../db/queries/invoices.js';
import { payments } from '../../db/schema.js';
import {
  type ApiHarness,
  eventually,
  invoiceBody,
  isoDay,
  problemOf,
  type Resource,
  startApiHarness,
  unique,
} from './harness.js';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

const eur = (value: string) => ({ amount: { currency: 'EUR', value } });

/** A new invoice whose workflow has sent its payment request and now waits for the next step. */
async function runningInvoice(debtor: Record<string, unknown> = {}): Promise<string> {
  const body = invoiceBody({}, debtor);
  expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
  // The step is recorded once its message went out.
  await eventually(async () =>
    (await timeline(body.invoiceId)).entries.some((e) => e.kind === 'step' && e.detail === 'payment-request'),
  );
  return body.invoiceId;
}

async function act(
  invoiceId: string,
  action: string,
  body?: unknown,
  headers?: Record<string, string>,
): Promise<{ statusCode: number; resource: Resource & Record<string, unknown>; raw: string }> {
  const response = await h.call(
    'POST',
    `/v1/invoices/${invoiceId}/${action}`,
    body,
    headers ? { headers } : {},
  );
  return { statusCode: response.statusCode, resource: response.json(), raw: response.body };
}

async function expectAction(invoiceId: string, action: string, body?: unknown, status = 200) {
  const result = await act(invoiceId, action, body);
  if (result.statusCode !== status)
    throw new Error(`${action}: expected ${status}, got ${result.statusCode}: ${result.raw}`);
  return result.resource;
}

async function refused(invoiceId: string, action: string, body?: unknown) {
  return problemOf(await h.call('POST', `/v1/invoices/${invoiceId}/${action}`, body), 422);
}

/** The invoice as its workflow holds it right after an action (the read model follows a moment later). */
const get = async (invoiceId: string) =>
  (await h.call('GET', `/v1/invoices/${invoiceId}?consistency=live`)).json() as Resource &
    Record<string, unknown>;

const paymentRows = (invoiceId: string) =>
  h.database.db
    .select()
    .from(payments)
    .where(and(eq(payments.tenantId, h.tenantId), eq(payments.invoiceId, invoiceId)));

interface Timeline {
  invoiceId: string;
  status: string;
  amounts: Record<string, string>;
  entries: {
    at: string;
    type: string;
    kind: string;
    channel?: string;
    template?: string;
    status?: string;
    statusHistory?: { status: string }[];
    amount?: { value: string };
    detail?: string;
  }[];
}
const timeline = async (invoiceId: string) =>
  (await h.call('GET', `/v1/invoices/${invoiceId}/timeline`)).json() as Timeline;

describe('payments', () => {
  it('takes partial payments, refuses overpayment with 422 and is paid when nothing is due', async () => {
    const invoiceId = await runningInvoice();
    const over = await refused(invoiceId, 'payments', eur('200.00'));
    expect(over.detail).toMatch(/overpayment/);
    expect(await paymentRows(invoiceId)).toHaveLength(0); // refused: no payment row either

    const partial = await expectAction(invoiceId, 'payments', { ...eur('23.45'), reference: 'bank-1' });
    expect(partial).toMatchObject({
      status: 'open',
      amountPaid: { value: '23.45' },
      amountDue: { value: '100.00' },
    });
    expect((await refused(invoiceId, 'payments', eur('100.01'))).detail).toMatch(/overpayment/);

    const full = await expectAction(invoiceId, 'payments', {
      ...eur('100.00'),
      paidAt: new Date().toISOString(),
      reference: 'bank-2',
    });
    expect(full).toMatchObject({
      status: 'paid',
      amountDue: { value: '0.00' },
      amountPaid: { value: '123.45' },
    });
    expect((await paymentRows(invoiceId)).map((p) => p.amountCents).sort((a, b) => a - b)).toEqual([
      2345, 10000,
    ]);

    // The workflow closes; the resource then comes from the database mirror.
    await eventually(async () => (await getInvoice(h.database.db, h.tenantId, invoiceId))?.closedAt);
    expect(await get(invoiceId)).toMatchObject({
      status: 'paid',
      amountDue: { value: '0.00' },
      nextActionAt: null,
    });
    // Nothing more can happen to a paid invoice.
    await refused(invoiceId, 'payments', eur('1.00'));
    await refused(invoiceId, 'pause', { reason: 'too late' });

    const entries = (await timeline(invoiceId)).entries;
    expect(entries.filter((e) => e.type === 'payment').map((e) => e.amount?.value)).toEqual([
      '23.45',
      '100.00',
    ]);
  });

  it('refuses non-positive and malformed amounts with 400', async () => {
    const invoiceId = await runningInvoice();
    for (const body of [
      eur('0'),
      eur('0.00'),
      eur('-1.00'),
      eur('1.234'),
      { amount: { currency: 'EUR', value: 5 } },
      { ...eur('1.00'), paidAt: 'yesterday' },
      { ...eur('1.00'), paidAt: '0000-01-01T00:00:00Z' },
      {},
    ])
      problemOf(await h.call('POST', `/v1/invoices/${invoiceId}/payments`, body), 400);
    expect((await get(invoiceId)).amountPaid.value).toBe('0.00');
  });

  it('records a payment repeated with the same Idempotency-Key once', async () => {
    const invoiceId = await runningInvoice();
    const key = { 'idempotency-key': unique('pay') };
    const first = await act(invoiceId, 'payments', eur('10.00'), key);
    const second = await act(invoiceId, 'payments', eur('10.00'), key);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(second.resource.amountPaid.value).toBe('10.00');
    expect((await get(invoiceId)).amountPaid.value).toBe('10.00');
    expect(await paymentRows(invoiceId)).toHaveLength(1);

    // Without a key, the same body is a second payment.
    await expectAction(invoiceId, 'payments', eur('10.00'));
    expect((await get(invoiceId)).amountPaid.value).toBe('20.00');

    // A full payment retried with its key pays once, also when the retry comes after the close.
    const fullKey = { 'idempotency-key': unique('full') };
    const full = await act(invoiceId, 'payments', eur('103.45'), fullKey);
    expect(full.resource.status).toBe('paid');
    await eventually(async () => (await getInvoice(h.database.db, h.tenantId, invoiceId))?.closedAt);
    const retry = await act(invoiceId, 'payments', eur('103.45'), fullKey);
    expect(retry.statusCode).toBe(200);
    expect(retry.resource).toMatchObject({ status: 'paid', amountPaid: { value: '123.45' } });
    expect(await paymentRows(invoiceId)).toHaveLength(3);
  });
});

describe('pause, resume, cancel', () => {
  it('pauses and resumes; resuming what is not paused is 422', async () => {
    const invoiceId = await runningInvoice();
    expect((await refused(invoiceId, 'resume')).detail).toMatch(/not paused/);
    expect(await expectAction(invoiceId, 'pause', { reason: 'customer on holiday' })).toMatchObject({
      status: 'paused',
      nextActionAt: null,
    });
    expect((await expectAction(invoiceId, 'resume')).status).toBe('open');
    await refused(invoiceId, 'resume');

    const until = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const timed = await expectAction(invoiceId, 'pause', { reason: 'awaiting credit check', until });
    expect(timed).toMatchObject({ status: 'paused', nextAction: 'resume', nextActionAt: until });
    expect((await expectAction(invoiceId, 'resume')).status).toBe('open');

    // A moment in the past is refused; a body without reason is malformed.
    const past = await refused(invoiceId, 'pause', { reason: 'x', until: '2020-01-01T00:00:00Z' });
    expect(past.detail).toMatch(/future/);
    problemOf(await h.call('POST', `/v1/invoices/${invoiceId}/pause`, {}), 400);
    problemOf(await h.call('POST', `/v1/invoices/${invoiceId}/pause`, { reason: '' }), 400);

    // The timeline reads what the workflow stored, which may trail the update's answer.
    const count = async (kind: string) =>
      (await timeline(invoiceId)).entries.filter((e) => e.kind === kind).length;
    await eventually(async () => (await count('resumed')) === 2);
    expect(await count('paused')).toBe(2);
  });

  it('applies an action repeated with the same Idempotency-Key once', async () => {
    const invoiceId = await runningInvoice();
    const key = { 'idempotency-key': unique('pause') };
    const first = await act(invoiceId, 'pause', { reason: 'once' }, key);
    const second = await act(invoiceId, 'pause', { reason: 'once' }, key);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(second.resource.status).toBe('paused');
    // The stored timeline follows the workflow's next write of its records.
    const pausedEntries = async () =>
      (await timeline(invoiceId)).entries.filter((e) => e.kind === 'paused').length;
    await eventually(async () => (await pausedEntries()) > 0);
    expect(await pausedEntries()).toBe(1);
  });

  it('cancels; the closed invoice then refuses every action and reads from the database', async () => {
    const invoiceId = await runningInvoice();
    expect((await expectAction(invoiceId, 'cancel', { reason: 'credit note CN-1' })).status).toBe(
      'cancelled',
    );
    await eventually(async () => (await getInvoice(h.database.db, h.tenantId, invoiceId))?.closedAt);
    expect(await get(invoiceId)).toMatchObject({ status: 'cancelled', nextActionAt: null });
    for (const [action, body] of [
      ['cancel', { reason: 'again' }],
      ['pause', { reason: 'x' }],
      ['resume', undefined],
      ['promise-to-pay', { date: isoDay(3) }],
      ['disputes', { reason: 'x' }],
      ['payment-plan', { instalments: 3 }],
      ['payments', eur('1.00')],
    ] as const)
      expect((await refused(invoiceId, action, body)).status).toBe(422);
    // The timeline of a closed invoice comes from PostgreSQL alone, with every step's detail.
    const closed = await timeline(invoiceId);
    expect(closed.status).toBe('cancelled');
    expect(closed.entries.some((e) => e.type === 'message' && e.template === 'payment-request')).toBe(true);
    expect(closed.entries).toContainEqual(
      expect.objectContaining({ type: 'event', kind: 'step', detail: 'payment-request' }),
    );
    expect(closed.entries).toContainEqual(
      expect.objectContaining({ type: 'event', kind: 'cancelled', detail: 'credit note CN-1' }),
    );
  });
});

describe('promise to pay', () => {
  it('pauses until the promised date; dates outside the policy window are 422', async () => {
    const invoiceId = await runningInvoice();
    await refused(invoiceId, 'promise-to-pay', { date: isoDay(-2) });
    await refused(invoiceId, 'promise-to-pay', { date: isoDay(45) });
    problemOf(await h.call('POST', `/v1/invoices/${invoiceId}/promise-to-pay`, { date: 'next week' }), 400);
    const promised = await expectAction(invoiceId, 'promise-to-pay', { date: isoDay(5) });
    expect(promised).toMatchObject({ status: 'paused', nextAction: 'resume' });
    expect(promised.nextActionAt).not.toBeNull();
    // Resuming ends the promise early.
    expect((await expectAction(invoiceId, 'resume')).status).toBe('open');
  });
});

describe('disputes', () => {
  it('opens a dispute that pauses the ladder; rejected resumes it, upheld cancels', async () => {
    const invoiceId = await runningInvoice();
    await refused(invoiceId, 'disputes/resolve', { outcome: 'rejected' });
    expect((await expectAction(invoiceId, 'disputes', { reason: 'goods not received' })).status).toBe(
      'disputed',
    );
    expect((await refused(invoiceId, 'disputes', { reason: 'again' })).detail).toMatch(/already disputed/);
    await refused(invoiceId, 'pause', { reason: 'x' });
    await refused(invoiceId, 'payment-plan', { instalments: 3 });
    await refused(invoiceId, 'promise-to-pay', { date: isoDay(3) });
    problemOf(await h.call('POST', `/v1/invoices/${invoiceId}/disputes/resolve`, { outcome: 'maybe' }), 400);

    expect((await expectAction(invoiceId, 'disputes/resolve', { outcome: 'rejected' })).status).toBe('open');
    await refused(invoiceId, 'disputes/resolve', { outcome: 'rejected' });

    await expectAction(invoiceId, 'disputes', { reason: 'wrong amount' });
    expect((await expectAction(invoiceId, 'disputes/resolve', { outcome: 'upheld' })).status).toBe(
      'cancelled',
    );
    // The timeline is read from the events the workflow stored: they follow the action a moment later.
    await eventually(async () => {
      const kinds = (await timeline(invoiceId)).entries.map((e) => e.kind);
      return ['dispute-opened', 'dispute-rejected', 'dispute-upheld'].every((k) => kinds.includes(k));
    });
  });
});

describe('payment plans', () => {
  it('agrees a plan within the policy limits; outside them is 422', async () => {
    const invoiceId = await runningInvoice();
    // The demo policy allows 2–12 instalments of at least €25: at most 4 for €123.45.
    for (const instalments of [1, 13, 5])
      expect((await refused(invoiceId, 'payment-plan', { instalments })).detail).toMatch(/instalment/);
    for (const body of [{ instalments: '3' }, { instalments: 2.5 }, { instalments: 0 }, {}])
      problemOf(await h.call('POST', `/v1/invoices/${invoiceId}/payment-plan`, body), 400);

    const planned = await expectAction(invoiceId, 'payment-plan', { instalments: 3 });
    // First the debtor gets the plan in writing, then a reminder before each instalment.
    expect(planned).toMatchObject({ status: 'in_plan', stage: 'payment-plan' });
    // The confirmation may already be out by the time the answer is read.
    expect(['plan-confirmation', 'instalment-reminder']).toContain(planned.nextAction);
    await eventually(async () =>
      (await communicationsOfInvoice(h.database.db, h.tenantId, invoiceId)).some(
        (m) => m.template === 'plan-confirmation',
      ),
    );
    await eventually(async () => (await get(invoiceId)).nextAction === 'instalment-reminder');
    expect((await refused(invoiceId, 'payment-plan', { instalments: 2 })).detail).toMatch(/already/);
    // Paying the whole remainder keeps the plan and pays the invoice.
    expect((await expectAction(invoiceId, 'payments', eur('123.45'))).status).toBe('paid');
  });
});

describe('timeline', () => {
  it('lists steps, messages with their delivery history, and payments in time order', async () => {
    const invoiceId = await runningInvoice();
    await expectAction(invoiceId, 'payments', eur('20.00'));
    // The sandbox reports delivery and opening through the real, signed SendGrid webhook.
    const result = await eventually(async () => {
      const t = await timeline(invoiceId);
      const message = t.entries.find((e) => e.type === 'message');
      // And the payment: the stored amounts follow the workflow's next write of its records.
      const paid = (t as { amounts?: { paid?: string } }).amounts?.paid === '20.00';
      return message?.statusHistory?.some((s) => s.status === 'opened') && paid && t;
    });
    expect(result).toMatchObject({
      invoiceId,
      status: 'open',
      amounts: { principal: '123.45', paid: '20.00', due: '103.45', costs: '0.00', interest: '0.00' },
    });
    const message = result.entries.find((e) => e.type === 'message')!;
    expect(message).toMatchObject({ kind: 'payment-request', channel: 'email', template: 'payment-request' });
    expect(message.statusHistory!.map((s) => s.status)).toEqual(
      expect.arrayContaining(['sent', 'delivered', 'opened']),
    );
    expect(result.entries.filter((e) => e.type === 'payment').map((e) => e.amount?.value)).toEqual(['20.00']);
    expect(result.entries).toContainEqual(
      expect.objectContaining({ type: 'event', kind: 'step', detail: 'payment-request' }),
    );
    const times = result.entries.map((e) => e.at);
    expect(times).toEqual([...times].sort());
  });
});

describe('PATCH /v1/debtors/{debtorId}', () => {
  it("updates the debtor and tells the open invoice's workflow", async () => {
    const debtorId = unique('D');
    const invoiceId = await runningInvoice({ id: debtorId });
    const response = await h.call('PATCH', `/v1/debtors/${debtorId}`, {
      phone: '+31612345678',
      language: 'en',
      preferredChannel: 'sms',
      payday: { dayOfMonth: 25 },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      debtorId,
      openInvoices: 1,
      updatedFields: ['phone', 'language', 'preferredChannel', 'payday'],
    });
    expect(await getDebtor(h.database.db, h.tenantId, debtorId)).toMatchObject({
      phone: '+31612345678',
      language: 'en',
      preferredChannel: 'sms',
      payday: { dayOfMonth: 25 },
      email: 'jan@delivered.example',
    });
    // The workflow received the change (it records it as an event)…
    await eventually(async () =>
      (await timeline(invoiceId)).entries.some((e) => e.kind === 'contact-updated'),
    );
    // …and acts on it: the first message after it (the reminder of a payment plan's first
    // instalment) goes by SMS, which the debtor could not be reached on before, in English.
    await expectAction(invoiceId, 'payment-plan', { instalments: 3 });
    const reminder = await eventually(async () => {
      const sent = await communicationsOfInvoice(h.database.db, h.tenantId, invoiceId);
      return sent.find((m) => m.template === 'instalment-due');
    });
    expect(reminder).toMatchObject({ channel: 'sms', language: 'en' });
    const [first] = await communicationsOfInvoice(h.database.db, h.tenantId, invoiceId);
    expect(first).toMatchObject({ template: 'payment-request', channel: 'email', language: 'nl' });
  });

  it("answers 404 for unknown debtors and another tenant's, 400/422 for bad changes", async () => {
    const debtorId = unique('D');
    await runningInvoice({ id: debtorId });
    const other = await h.newTenant();
    problemOf(await h.call('PATCH', `/v1/debtors/${unique('D')}`, { language: 'en' }), 404);
    problemOf(await h.call('PATCH', `/v1/debtors/${debtorId}`, { language: 'en' }, { as: other }), 404);
    expect((await getDebtor(h.database.db, h.tenantId, debtorId))?.language).toBe('nl');

    problemOf(await h.call('PATCH', `/v1/debtors/${debtorId}`, {}), 400);
    const bad = problemOf(
      await h.call('PATCH', `/v1/debtors/${debtorId}`, { email: 'nope', phone: '12', id: 'x' }),
      400,
    );
    expect(bad.errors!.map((e) => e.field)).toEqual(expect.arrayContaining(['/email', '/phone', '/']));
    const whatsapp = problemOf(
      await h.call('PATCH', `/v1/debtors/${debtorId}`, { whatsappOptIn: true }),
      422,
    );
    expect(whatsapp.errors![0]!.field).toBe('/phone');
  });
});
