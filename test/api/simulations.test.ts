// POST /v1/simulations: validated (400 for the schema, 422 for what cannot be simulated, both with the field), a result for a synthetic population the same
// as the simulator's own for that seed, and a history population fitted from the caller's history only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { communications, debtors, invoices, payments } from '../../db/schema.js';
import { simulate } from '../../simulation/engine.js';
import { NL_CONSUMER_LEAN } from '../../simulation/policies.js';
import { syntheticPopulation } from '../../simulation/population.js';
import { DEFAULT_RESPONSE_MODEL } from '../../simulation/response-model.js';
import { type LadderStep, NL_CONSUMER } from '../../workflows/policy/ladder.js';
import { type ApiHarness, problemOf, startApiHarness, type Tenant } from './harness.js';

let h: ApiHarness;
let other: Tenant;
let empty: Tenant;
const NOW = new Date('2027-01-04T09:00:00.000Z');

/** A paid invoice with one reminder before the payment (or none), in tenant `tenantId`. */
async function paidInvoice(
  tenantId: string,
  id: string,
  issueDate: string,
  paidAt: string,
  reminder?: { step: string; channel: string; sentAt: string; template?: string },
) {
  const db = h.database.db;
  await db
    .insert(debtors)
    .values({ tenantId, id: `D-${id}`, type: 'consumer', name: 'Jan Jansen' })
    .onConflictDoNothing();
  await db.insert(invoices).values({
    tenantId,
    invoiceId: id,
    debtorId: `D-${id}`,
    workflowId: `dunning:${tenantId}:${id}`,
    requestHash: id,
    amountCents: 10_000,
    currency: 'EUR',
    issueDate,
    dueDate: issueDate,
    policyId: 'nl-consumer',
    amountDueCents: 0,
    status: 'paid',
    closedAt: new Date(paidAt),
  });
  await db.insert(payments).values({
    tenantId,
    invoiceId: id,
    source: 'psp',
    dedupeKey: `tr_${tenantId}_${id}`,
    amountCents: 10_000,
    currency: 'EUR',
    paidAt: new Date(paidAt),
  });
  if (reminder)
    await db.insert(communications).values({
      id: `${tenantId}-${id}-m`,
      tenantId,
      invoiceId: id,
      workflowId: `dunning:${tenantId}:${id}`,
      step: reminder.step,
      channel: reminder.channel,
      template: reminder.template ?? reminder.step,
      language: 'nl',
      provider: 'sendgrid',
      status: 'sent',
      statusHistory: [{ status: 'sent', at: reminder.sentAt, seq: 0 }],
      createdAt: new Date(reminder.sentAt),
    });
}

beforeAll(async () => {
  h = await startApiHarness({ worker: false, now: () => NOW });
  other = await h.newTenant();
  empty = await h.newTenant();
  // The caller's history: both invoices paid after a reminder, none without one.
  await paidInvoice(h.tenantId, 'A', '2026-01-10', '2026-02-05T10:00:00Z', {
    step: 'reminder-1',
    channel: 'email',
    sentAt: '2026-01-27T08:00:00Z',
  });
  // A step of the tenant's own ladder: its template tells it is a reminder.
  await paidInvoice(h.tenantId, 'C', '2026-02-10', '2026-03-03T14:00:00Z', {
    step: 'herinnering-3',
    template: 'reminder-2',
    channel: 'sms',
    sentAt: '2026-02-26T17:30:00Z',
  });
  // Another tenant's: paid without any message, and after a 14-day letter. Must never count.
  await paidInvoice(other.tenantId, 'X', '2026-01-01', '2026-01-05T10:00:00Z');
  await paidInvoice(other.tenantId, 'Y', '2026-01-01', '2026-01-20T10:00:00Z', {
    step: 'formal-notice',
    channel: 'letter',
    sentAt: '2026-01-15T10:00:00Z',
  });
});
afterAll(() => h?.close());

describe('POST /v1/simulations', () => {
  it('refuses an invalid body with the field at fault', async () => {
    // A body the schema refuses answers 400 with the field, as every route of the API does.
    const tooMany = problemOf(
      await h.call('POST', '/v1/simulations', {
        policy: 'nl-consumer',
        population: { synthetic: { n: 5_001, seed: 1 } },
      }),
      400,
    );
    expect(tooMany.errors).toEqual([{ field: '/population/synthetic/n', message: 'must be <= 5000' }]);
    // A body the schema lets through but Settle cannot simulate answers 422 with the field.
    const unknown = problemOf(
      await h.call('POST', '/v1/simulations', {
        policy: 'nl-consumer',
        comparePolicy: 'nl-generous',
        population: { synthetic: { n: 10, seed: 1 } },
      }),
      422,
    );
    expect(unknown.errors).toEqual([
      { field: '/comparePolicy', message: expect.stringContaining('nl-consumer-lean') },
    ]);
    const noHistory = problemOf(
      await h.call(
        'POST',
        '/v1/simulations',
        { policy: 'nl-consumer', population: { history: {} } },
        { as: empty },
      ),
      422,
    );
    expect(noHistory.errors?.[0]?.field).toBe('/population/history');
  });

  it('answers two policies side by side for a synthetic population, as the simulator computes them', async () => {
    const response = await h.call('POST', '/v1/simulations', {
      policy: 'nl-consumer',
      comparePolicy: 'nl-consumer-lean',
      population: { synthetic: { n: 50, seed: 9 } },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const options = {
      start: NOW,
      horizonDays: 180,
      model: DEFAULT_RESPONSE_MODEL,
      seed: 9,
      actionPricePerMillionEur: 25,
    };
    const population = syntheticPopulation({ n: 50, seed: 9 });
    expect(body.population).toBe('synthetic');
    expect(body.model).toEqual(DEFAULT_RESPONSE_MODEL);
    expect(body.results).toEqual([
      { ...simulate(population, NL_CONSUMER, options), policyVersion: 1 },
      { ...simulate(population, NL_CONSUMER_LEAN, options), policyVersion: 1 },
    ]);
    expect(body.results[1].messagesPerInvoice).toBeLessThan(body.results[0].messagesPerInvoice);
  });

  it('fits a history population from the caller’s own history only', async () => {
    const response = await h.call('POST', '/v1/simulations', {
      policy: 'nl-consumer',
      population: { history: { n: 30, seed: 2 } },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.population).toBe('history');
    const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
    // No payment of this tenant came without a message: the base rate is 0 (the other tenant's
    // invoice X would make it positive), and no 14-day letter was ever sent here (Y's would add one).
    expect(body.model.baseDailyHazard).toBe(0);
    expect(Object.keys(body.model.lift)).toEqual(['reminder']);
    expect(body.model.lift.reminder.email).toBeCloseTo(
      1 / days('2026-01-27T08:00:00Z', '2026-02-05T10:00:00Z'),
      10,
    );
    expect(body.model.lift.reminder.sms).toBeCloseTo(
      1 / days('2026-02-26T17:30:00Z', '2026-03-03T14:00:00Z'),
      10,
    );
    expect(body.results[0].invoices).toBe(30);
    // Every simulated invoice has this tenant's amount (the other tenant's is the same, so: its channels).
    expect(body.results[0].principalCents).toBe(30 * 10_000);
  });
});

describe('POST /v1/simulations with a policy of the tenant’s own', () => {
  const { version: _version, ...consumer } = NL_CONSUMER;
  const third: LadderStep = {
    id: 'herinnering-3',
    kind: 'reminder',
    after: { days: 7, from: 'previous' },
    channels: 'preferred',
    template: 'reminder-2',
  };
  const options = {
    start: NOW,
    horizonDays: 180,
    model: DEFAULT_RESPONSE_MODEL,
    seed: 4,
    actionPricePerMillionEur: 25,
  };
  const synthetic = { synthetic: { n: 40, seed: 4 } };
  /** Version 1: nl-consumer under an own id; version 2: a third reminder after the second. */
  const versions = [
    { ...consumer, id: 'huis-ladder', description: 'nl-consumer as our own' },
    {
      ...consumer,
      id: 'huis-ladder',
      description: 'with a third reminder',
      steps: [...NL_CONSUMER.steps.slice(0, 3), third, ...NL_CONSUMER.steps.slice(3)],
    },
  ];

  beforeAll(async () => {
    for (const draft of versions) {
      const saved = await h.call('POST', '/v1/policies', draft);
      expect(saved.statusCode, saved.body).toBe(201);
    }
  });

  it('runs the newest version by default and a named version beside it', async () => {
    const response = await h.call('POST', '/v1/simulations', {
      policy: 'huis-ladder',
      comparePolicy: 'huis-ladder',
      comparePolicyVersion: 1,
      population: synthetic,
    });
    expect(response.statusCode, response.body).toBe(200);
    const population = syntheticPopulation({ n: 40, seed: 4 });
    const [newest, first] = response.json().results;
    expect(newest).toEqual({
      ...simulate(population, { ...versions[1]!, version: 2, respectCalendar: true }, options),
      policyVersion: 2,
    });
    expect(first).toEqual({
      ...simulate(population, { ...versions[0]!, version: 1, respectCalendar: true }, options),
      policyVersion: 1,
    });
    // The third reminder is sent: more messages per invoice than the same ladder without it.
    expect(newest.messagesPerInvoice).toBeGreaterThan(first.messagesPerInvoice);
  });

  it('refuses an unknown version, another tenant’s policy and a version of a shipped one', async () => {
    const refused = async (body: Record<string, unknown>, as?: Tenant) =>
      problemOf(
        await h.call('POST', '/v1/simulations', { ...body, population: synthetic }, as ? { as } : {}),
        422,
      ).errors;
    expect(await refused({ policy: 'huis-ladder', policyVersion: 3 })).toEqual([
      { field: '/policy', message: 'huis-ladder has no version 3 (GET /v1/policies/huis-ladder)' },
    ]);
    expect(await refused({ policy: 'huis-ladder' }, other)).toEqual([
      { field: '/policy', message: expect.stringContaining('or a policy of your own') },
    ]);
    expect(
      await refused({ policy: 'nl-consumer', comparePolicy: 'nl-business', comparePolicyVersion: 1 }),
    ).toEqual([{ field: '/comparePolicy', message: 'nl-business is shipped at version 2 only' }]);
    expect(await refused({ policy: 'nl-consumer', comparePolicyVersion: 1 })).toEqual([
      { field: '/comparePolicyVersion', message: 'needs comparePolicy' },
    ]);
  });
});
