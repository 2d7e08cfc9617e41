// Imported payment history: idempotent per payment id, isolated per tenant, and the learned payday
// fills in a new invoice's workflow input when the creditor gave none. Real API and Temporal; no
// worker is needed: the workflow's start arguments are read from its history.
import { defaultPayloadConverter } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DunningInput } from '../../workflows/dunning-types.js';
import { type ApiHarness, invoiceBody, problemOf, startApiHarness, unique } from './harness.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({ worker: false });
});
afterAll(async () => {
  await h?.close();
});

/** Payments on (or the business day after a weekend) the 25th of 2025's months. */
const monthly25 = [
  '2025-01-27',
  '2025-02-25',
  '2025-03-25',
  '2025-04-25',
  '2025-05-26',
  '2025-06-25',
  '2025-07-25',
  '2025-08-25',
].map((paidOn, i) => ({ id: `PAY-${i}`, paidOn, amount: { currency: 'EUR', value: '40.00' } }));

async function startInput(workflowId: string): Promise<DunningInput> {
  const history = await h.temporal.workflow.getHandle(workflowId).fetchHistory();
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  return defaultPayloadConverter.fromPayload(started!.input!.payloads![0]!) as DunningInput;
}

describe('payment history', () => {
  it('imports once per id and answers the learned timing', async () => {
    const debtorId = unique('D');
    const first = await h.call('POST', `/v1/debtors/${debtorId}/payment-history`, { payments: monthly25 });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      debtorId,
      received: 8,
      stored: 8,
      learnedTiming: { pattern: { dayOfMonth: 25 }, confidence: 0.8, basedOn: 8 },
    });
    const again = await h.call('POST', `/v1/debtors/${debtorId}/payment-history`, { payments: monthly25 });
    expect(again.json()).toMatchObject({ received: 8, stored: 0 });
    const timing = await h.call('GET', `/v1/debtors/${debtorId}/timing`);
    expect(timing.json()).toMatchObject({
      learnedTiming: { pattern: { dayOfMonth: 25 } },
      paydaySource: 'learned',
    });
  });

  it('bulk import stores per debtor and is idempotent', async () => {
    const [a, b] = [unique('D'), unique('D')];
    const payments = [
      ...monthly25.map((p) => ({ ...p, debtorId: a })),
      ...monthly25.slice(0, 3).map((p) => ({ ...p, debtorId: b })),
    ];
    const first = await h.call('POST', '/v1/payment-history', { payments });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ received: 11, stored: 11, debtors: 2 });
    expect((await h.call('POST', '/v1/payment-history', { payments })).json()).toEqual({
      received: 11,
      stored: 0,
      debtors: 2,
    });
    const timing = (await h.call('GET', `/v1/debtors/${a}/timing`)).json();
    expect(timing.learnedTiming.basedOn).toBe(8);
  });

  it('bulk import from CSV: the same payments as JSON, stored once, and the payday learned from them', async () => {
    const debtorId = unique('D');
    const csv = (rows: string[]) =>
      h.call('POST', '/v1/payment-history', `debtorId,id,paidOn,amount,currency\n${rows.join('\n')}\n`, {
        headers: { 'content-type': 'text/csv' },
      });
    const rows = monthly25.map((p, i) => `${debtorId},${p.id},${p.paidOn},${i % 2 ? '40.00,EUR' : ','}`);
    const first = await csv(rows);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ received: 8, stored: 8, debtors: 1 });
    // The same ids again, in JSON this time: stored once.
    const json = await h.call('POST', '/v1/payment-history', {
      payments: monthly25.map((p) => ({ ...p, debtorId })),
    });
    expect(json.json()).toEqual({ received: 8, stored: 0, debtors: 1 });
    const timing = (await h.call('GET', `/v1/debtors/${debtorId}/timing`)).json();
    expect(timing.learnedTiming).toMatchObject({ pattern: { dayOfMonth: 25 }, basedOn: 8 });
  });

  it('refuses a CSV file with bad lines whole, naming each line and column; unknown columns are 400', async () => {
    const debtorId = unique('D');
    const bad = await h.call(
      'POST',
      '/v1/payment-history',
      `debtorId,id,paidOn,amount\n${debtorId},P-1,2025-01-27,10.00\n${debtorId},P-2,27-01-2025,10.00\n${debtorId},,2025-02-25,\n${debtorId},P-4,2025-03-25,10.001\n`,
      { headers: { 'content-type': 'text/csv' } },
    );
    const problem = problemOf(bad, 400);
    expect(problem.errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining(['line:3/paidOn', 'line:4/id', 'line:5/amount/value']),
    );
    expect(problem.errors?.some((e) => e.field.startsWith('line:2'))).toBe(false);
    const timing = (await h.call('GET', `/v1/debtors/${debtorId}/timing`)).json();
    expect(timing.learnedTiming).toBeNull();
    const unknown = await h.call('POST', '/v1/payment-history', 'debtor,id,paidOn\nD-1,P-1,2025-01-27\n', {
      headers: { 'content-type': 'text/csv' },
    });
    expect(problemOf(unknown, 400).errors).toEqual([
      { field: 'header:debtor', message: 'is not one of debtorId, id, paidOn, amount, currency' },
    ]);
    const empty = await h.call('POST', '/v1/payment-history', 'debtorId,id,paidOn\n', {
      headers: { 'content-type': 'text/csv' },
    });
    expect(empty.statusCode).toBe(400);
  });

  it('takes 10,000 lines in one request', async () => {
    const prefix = unique('D');
    const payments = Array.from({ length: 10_000 }, (_, i) => ({
      debtorId: `${prefix}-${i % 500}`,
      id: `P-${i}`,
      paidOn: `2025-${String((i % 12) + 1).padStart(2, '0')}-25`,
      amount: { currency: 'EUR', value: '12.34' },
    }));
    const started = Date.now();
    const response = await h.call('POST', '/v1/payment-history', { payments });
    const ms = Date.now() - started;
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: 10_000, stored: 10_000, debtors: 500 });
    console.info(`bulk payment history: 10,000 lines in ${ms} ms`);
    const tooMany = await h.call('POST', '/v1/payment-history', {
      payments: [...payments, { ...payments[0]!, id: 'P-extra' }],
    });
    expect(tooMany.statusCode).toBe(400);
  });

  it('refuses bad lines with field detail, never a 5xx', async () => {
    const bad = await h.call('POST', '/v1/payment-history', {
      payments: [{ debtorId: 'D-1', id: 'P-1', paidOn: '2025-02-30' }],
    });
    expect(bad.statusCode).toBe(400);
    const empty = await h.call('POST', `/v1/debtors/D-1/payment-history`, { payments: [] });
    expect(empty.statusCode).toBe(400);
    const zero = await h.call('POST', '/v1/debtors/D-1/payment-history', {
      payments: [{ id: 'P-1', paidOn: '2025-02-03', amount: { currency: 'EUR', value: '0.00' } }],
    });
    expect([400, 422]).toContain(zero.statusCode);
    problemOf(zero, zero.statusCode);
  });

  it('a tenant never sees another tenant’s history', async () => {
    const other = await h.newTenant();
    const debtorId = unique('D');
    await h.call('POST', `/v1/debtors/${debtorId}/payment-history`, { payments: monthly25 });
    const theirs = await h.call('GET', `/v1/debtors/${debtorId}/timing`, undefined, { as: other });
    expect(theirs.statusCode).toBe(200);
    expect(theirs.json()).toEqual({ debtorId, learnedTiming: null, paydaySource: null });
  });

  it('a new invoice without a payday gets the learned one in its workflow input; without history none', async () => {
    const debtorId = unique('D');
    await h.call('POST', `/v1/debtors/${debtorId}/payment-history`, { payments: monthly25 });
    const learned = invoiceBody({}, { id: debtorId });
    const created = await h.call('POST', '/v1/invoices', learned);
    expect(created.statusCode).toBe(201);
    expect((await startInput(created.json().workflowId)).debtor.payday).toEqual({ dayOfMonth: 25 });

    const plain = await h.call('POST', '/v1/invoices', invoiceBody());
    expect(plain.statusCode).toBe(201);
    expect((await startInput(plain.json().workflowId)).debtor.payday).toBeUndefined();

    // The creditor's payday wins over the learned one.
    const given = await h.call(
      'POST',
      '/v1/invoices',
      invoiceBody({}, { id: unique('D'), payday: { dayOfMonth: 3 } }),
    );
    expect((await startInput(given.json().workflowId)).debtor.payday).toEqual({ dayOfMonth: 3 });
  });

  it('a contact change keeps the learned payday of the open invoices', async () => {
    const debtorId = unique('D');
    await h.call('POST', `/v1/debtors/${debtorId}/payment-history`, { payments: monthly25 });
    const created = await h.call('POST', '/v1/invoices', invoiceBody({}, { id: debtorId }));
    expect(created.statusCode).toBe(201);
    const patched = await h.call('PATCH', `/v1/debtors/${debtorId}`, { email: 'j.jansen@delivered.example' });
    expect(patched.statusCode).toBe(200);
    const history = await h.temporal.workflow.getHandle(created.json().workflowId).fetchHistory();
    const signaled = history.events?.find(
      (e) => e.workflowExecutionSignaledEventAttributes,
    )?.workflowExecutionSignaledEventAttributes;
    const change = defaultPayloadConverter.fromPayload(signaled!.input!.payloads![0]!) as { payday: unknown };
    expect(change.payday).toEqual({ dayOfMonth: 25 });
  });
});
