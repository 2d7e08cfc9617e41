// /v1/policies and /v1/policy-assignments: a tenant saves its own ladder and new versions of it, assigns
// it to a segment, and invoices take the newest version at their creation and keep it — checked on the
// invoice resource and on the input the real worker's workflow was started with. Bad ladders answer 422
// by pointer; tenants never see each other's policies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NL_CONSUMER } from '../../workflows/policy/ladder.js';
import {
  type ApiHarness,
  eventually,
  invoiceBody,
  problemOf,
  startApiHarness,
  type Tenant,
  unique,
} from './harness.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

const { version: _version, ...consumerLadder } = NL_CONSUMER;
/** nl-consumer under an own id, with reminder 1 `reminderDays` after the due date. */
function draft(id: string, reminderDays = 3, overrides: Record<string, unknown> = {}) {
  return {
    ...consumerLadder,
    id,
    description: `House ladder, reminder after ${reminderDays} days`,
    steps: NL_CONSUMER.steps.map((s) =>
      s.id === 'reminder-1' ? { ...s, after: { days: reminderDays, from: 'due' } } : s,
    ),
    ...overrides,
  };
}

/** A consumer invoice on the real calendar (no policy named unless given). */
function consumerInvoice(policy?: string) {
  const { policy: _demo, ...body } = invoiceBody();
  return policy ? { ...body, policy } : body;
}

/** The policy the workflow was started with, read from its first history event. */
async function startedPolicy(workflowId: string) {
  const history = await h.temporal.workflow.getHandle(workflowId).fetchHistory();
  const payload = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads![0]!;
  const input = JSON.parse(Buffer.from(payload.data!).toString('utf8')) as { policy: typeof NL_CONSUMER };
  return { id: input.policy.id, version: input.policy.version, steps: input.policy.steps };
}

const reminderDays = (steps: typeof NL_CONSUMER.steps) =>
  steps.find((s) => s.id === 'reminder-1')!.after.days;

async function createInvoice(body: Record<string, unknown>, as?: Tenant) {
  const created = await h.call('POST', '/v1/invoices', body, as ? { as } : {});
  expect(created.statusCode, created.body).toBe(201);
  return created.json() as { invoiceId: string; policy: string; policyVersion: number; workflowId: string };
}

describe('tenant policies', () => {
  it('saves versions 1 and 2 under one id and lists the newest next to the shipped ones', async () => {
    const id = unique('house').toLowerCase();
    const first = await h.call('POST', '/v1/policies', draft(id, 3));
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers.location).toBe(`/v1/policies/${id}`);
    expect(first.json()).toMatchObject({
      id,
      version: 1,
      source: 'tenant',
      segment: 'consumer',
      respectCalendar: true,
    });
    expect(first.json().createdBy).toMatch(/^api-key:/);
    const second = await h.call('POST', '/v1/policies', draft(id, 5));
    expect(second.json()).toMatchObject({
      id,
      version: 2,
      description: 'House ladder, reminder after 5 days',
    });

    const one = (await h.call('GET', `/v1/policies/${id}`)).json();
    expect(one.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(one.versions.map((v: { steps: typeof NL_CONSUMER.steps }) => reminderDays(v.steps))).toEqual([
      5, 3,
    ]);

    const items = (await h.call('GET', '/v1/policies')).json().items as {
      id: string;
      version: number;
      source: string;
    }[];
    expect(items.filter((p) => p.source === 'shipped').map((p) => p.id)).toEqual([
      'nl-consumer',
      'nl-business',
      'demo',
    ]);
    expect(items.filter((p) => p.id === id)).toEqual([
      expect.objectContaining({ version: 2, source: 'tenant' }),
    ]);
  });

  it('an invoice keeps the version it was created with; a later one takes the newest', async () => {
    const id = unique('kept').toLowerCase();
    await h.call('POST', '/v1/policies', draft(id, 4));
    const before = await createInvoice(consumerInvoice(id));
    expect(before).toMatchObject({ policy: id, policyVersion: 1 });
    await h.call('POST', '/v1/policies', draft(id, 6));
    const after = await createInvoice(consumerInvoice(id));
    expect(after).toMatchObject({ policy: id, policyVersion: 2 });

    const readBefore = (await h.call('GET', `/v1/invoices/${before.invoiceId}`)).json();
    expect(readBefore).toMatchObject({ policy: id, policyVersion: 1 });
    const startedBefore = await startedPolicy(before.workflowId);
    expect({ ...startedBefore, reminder: reminderDays(startedBefore.steps) }).toMatchObject({
      id,
      version: 1,
      reminder: 4,
    });
    const startedAfter = await startedPolicy(after.workflowId);
    expect({ ...startedAfter, reminder: reminderDays(startedAfter.steps) }).toMatchObject({
      id,
      version: 2,
      reminder: 6,
    });
  });

  it('a segment assignment decides for creates and batch lines that name no policy', async () => {
    const tenant = await h.newTenant();
    const id = 'segment-ladder';
    expect((await h.call('POST', '/v1/policies', draft(id, 2), { as: tenant })).statusCode).toBe(201);
    const assigned = await h.call('PUT', '/v1/policy-assignments/consumer', { policy: id }, { as: tenant });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({ segment: 'consumer', policy: id, version: 1 });

    const single = await createInvoice(consumerInvoice(), tenant);
    expect(single).toMatchObject({ policy: id, policyVersion: 1 });
    expect((await startedPolicy(single.workflowId)).version).toBe(1);

    const line = consumerInvoice();
    const batch = await h.call('POST', '/v1/invoice-batches', [line], { as: tenant });
    expect(batch.statusCode, batch.body).toBe(202);
    const fromBatch = await eventually(async () => {
      const read = await h.call('GET', `/v1/invoices/${line.invoiceId}`, undefined, { as: tenant });
      return read.statusCode === 200 ? read.json() : undefined;
    }, 20_000);
    expect(fromBatch).toMatchObject({ policy: id, policyVersion: 1 });

    const listed = (await h.call('GET', '/v1/policies', undefined, { as: tenant })).json().items as {
      id: string;
      assignedTo: string[];
    }[];
    expect(listed.find((p) => p.id === id)?.assignedTo).toEqual(['consumer']);
    expect(listed.find((p) => p.id === 'nl-consumer')?.assignedTo).toEqual([]);
    expect(listed.find((p) => p.id === 'nl-business')?.assignedTo).toEqual(['business']);
  }, 60_000);

  it('tenants never see or use each other’s policies', async () => {
    const owner = await h.newTenant();
    const other = await h.newTenant();
    const id = 'private-ladder';
    await h.call('POST', '/v1/policies', draft(id, 3), { as: owner });
    await h.call('POST', '/v1/policies', draft(id, 3), { as: owner });

    const listed = (await h.call('GET', '/v1/policies', undefined, { as: other })).json().items as {
      id: string;
    }[];
    expect(listed.map((p) => p.id)).toEqual(['nl-consumer', 'nl-business', 'demo']);
    problemOf(await h.call('GET', `/v1/policies/${id}`, undefined, { as: other }), 404);
    const refused = problemOf(await h.call('POST', '/v1/invoices', consumerInvoice(id), { as: other }), 422);
    expect(refused.errors?.map((e) => e.field)).toEqual(['/policy']);
    const unassignable = problemOf(
      await h.call('PUT', '/v1/policy-assignments/consumer', { policy: id }, { as: other }),
      422,
    );
    expect(unassignable.errors?.map((e) => e.field)).toEqual(['/policy']);
    // The other tenant's own policy of the same id starts at version 1.
    const own = await h.call('POST', '/v1/policies', draft(id, 9), { as: other });
    expect(own.json()).toMatchObject({ id, version: 1 });
  });
});

describe('steps named freely', () => {
  it('saves three reminders of the tenant’s own naming and reads them back as saved', async () => {
    const id = unique('drie').toLowerCase();
    const third = {
      id: 'herinnering-3',
      kind: 'reminder',
      after: { days: 7, from: 'previous' },
      channels: ['email', 'sms'],
      template: 'reminder-2',
    };
    const steps = [...NL_CONSUMER.steps.slice(0, 3), third, ...NL_CONSUMER.steps.slice(3)];
    const saved = await h.call('POST', '/v1/policies', draft(id, 3, { steps }));
    expect(saved.statusCode, saved.body).toBe(201);
    const read = (await h.call('GET', `/v1/policies/${id}`)).json();
    expect(read.versions[0].steps.map((s: { id: string }) => s.id)).toEqual([
      'payment-request',
      'reminder-1',
      'reminder-2',
      'herinnering-3',
      'formal-notice',
      'payment-plan-offer',
      'final-notice',
      'handover',
    ]);
    expect(read.versions[0].steps[3]).toEqual(third);
  });
});

describe('refusals', () => {
  const fieldsOf = async (body: unknown, status = 422) =>
    problemOf(await h.call('POST', '/v1/policies', body), status).errors?.map((e) => e.field);

  it.each([
    ['contact hours off', { respectCalendar: false }, ['/respectCalendar']],
    ['a shipped id', { id: 'nl-consumer' }, ['/id']],
    ['commercial interest for consumers', { interest: 'commercial' }, ['/interest']],
    [
      'a 10-day letter',
      {
        steps: NL_CONSUMER.steps.map((s) =>
          s.id === 'formal-notice' ? { ...s, costDeadline: { receiptDays: 2, days: 10 } } : s,
        ),
      },
      ['/steps/3/costDeadline/days'],
    ],
    [
      'costs without the letter',
      { steps: NL_CONSUMER.steps.map(({ costDeadline: _c, ...s }) => s) },
      ['/steps'],
    ],
    [
      'a step id that is a stage of the workflow',
      { steps: NL_CONSUMER.steps.map((s) => (s.id === 'reminder-2' ? { ...s, id: 'payment-plan' } : s)) },
      ['/steps/2/id'],
    ],
    [
      'a reminder under the final notice’s built-in id',
      {
        steps: NL_CONSUMER.steps.map((s) =>
          s.id === 'reminder-2'
            ? { ...s, id: 'final-notice' }
            : s.id === 'final-notice'
              ? { ...s, id: 'laatste' }
              : s,
        ),
      },
      ['/steps/2/kind'],
    ],
    [
      '13 instalments',
      { paymentPlan: { ...NL_CONSUMER.paymentPlan, maxInstalments: 13 } },
      ['/paymentPlan/maxInstalments'],
    ],
  ])('answers 422 by pointer for %s', async (_name, overrides, fields) => {
    expect(await fieldsOf(draft(unique('bad').toLowerCase(), 3, overrides))).toEqual(fields);
  });

  it('answers 400 for what the schema says (an unknown channel, a string for days, a step id with a colon)', async () => {
    const steps = NL_CONSUMER.steps.map((s) => (s.id === 'reminder-1' ? { ...s, channels: ['fax'] } : s));
    expect(await fieldsOf(draft('bad-channel', 3, { steps }), 400)).toContain('/steps/1/channels');
    const colon = NL_CONSUMER.steps.map((s) => (s.id === 'reminder-1' ? { ...s, id: 'reminder:1' } : s));
    expect(await fieldsOf(draft('bad-step-id', 3, { steps: colon }), 400)).toContain('/steps/1/id');
    expect(await fieldsOf(draft('bad-days', 3, { maxPaydayWaitDays: 'ten' }), 400)).toContain(
      '/maxPaydayWaitDays',
    );
  });

  it('a new version keeps its segment; assignments fit the segment and never take the demo', async () => {
    const id = unique('seg').toLowerCase();
    await h.call('POST', '/v1/policies', draft(id));
    const business = draft(id, 3, { segment: 'business', costs: 'business', interest: 'commercial' });
    expect(await fieldsOf(business)).toEqual(['/segment']);
    for (const [segment, policy] of [
      ['business', id],
      ['consumer', 'demo'],
      ['consumer', 'no-such-ladder'],
    ]) {
      const refused = problemOf(await h.call('PUT', `/v1/policy-assignments/${segment}`, { policy }), 422);
      expect(refused.errors?.map((e) => e.field)).toEqual(['/policy']);
    }
  });
});
