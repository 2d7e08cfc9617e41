// /v1/experiments: create (with the guard rails answering 422 per field), list, get, stop, and the
// report per arm in JSON and CSV on assignments and payments whose answer the test knows; every
// route is tenant-scoped. Real API and PostgreSQL; no worker is needed.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveTemplateOverride } from '../../db/queries/template-overrides.js';
import { experimentAssignments, invoices, payments } from '../../db/schema.js';
import { NL_CONSUMER } from '../../workflows/policy/ladder.js';
import { type ApiHarness, invoiceBody, problemOf, startApiHarness, unique } from './harness.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({ worker: false });
});
afterAll(async () => {
  await h?.close();
});

const slotArms = [
  { key: 'morning', config: { kind: 'send-slot', hour: 8, minute: 0 } },
  { key: 'late', config: { kind: 'send-slot', hour: 22, minute: 30 } },
];
const body = (overrides: Record<string, unknown> = {}) => ({
  name: 'Reminder 2 send time',
  policyId: 'nl-consumer',
  step: { id: 'reminder-2' },
  goal: { kind: 'paid-within-days', days: 14 },
  arms: slotArms,
  ...overrides,
});

describe('experiments', () => {
  it('creates one (send slots clamped into contact hours), lists it, gets it, and stops it once', async () => {
    const created = await h.call('POST', '/v1/experiments', body());
    expect(created.statusCode).toBe(201);
    const experiment = created.json();
    expect(created.headers.location).toBe(`/v1/experiments/${experiment.id}`);
    expect(experiment).toMatchObject({
      status: 'running',
      holdoutShare: 0.1,
      step: { id: 'reminder-2' },
      arms: [
        { key: 'late', config: { kind: 'send-slot', hour: 19, minute: 59 } },
        { key: 'morning', config: { kind: 'send-slot', hour: 8, minute: 0 } },
      ],
    });
    const list = (await h.call('GET', '/v1/experiments')).json();
    expect(list.items.map((e: { id: string }) => e.id)).toContain(experiment.id);
    expect((await h.call('GET', `/v1/experiments/${experiment.id}`)).json()).toEqual(experiment);
    const stopped = await h.call('POST', `/v1/experiments/${experiment.id}/stop`);
    expect(stopped.json()).toMatchObject({ status: 'stopped', stoppedAt: expect.any(String) });
    problemOf(await h.call('POST', `/v1/experiments/${experiment.id}/stop`), 409);
  });

  it('takes a template variant only when the tenant saved that version', async () => {
    const variant = (version: number) => ({ kind: 'template-variant', version });
    const arms = [
      { key: 'v1', config: variant(1) },
      { key: 'v2', config: variant(2) },
    ];
    const tenant = await h.newTenant();
    const refused = problemOf(await h.call('POST', '/v1/experiments', body({ arms }), { as: tenant }), 422);
    expect(refused.errors?.map((e) => e.field)).toEqual(['/arms/0/config/version', '/arms/1/config/version']);
    for (const text of ['Versie een {{invoiceId}}', 'Versie twee {{invoiceId}}'])
      await saveTemplateOverride(
        h.database.db,
        { tenantId: tenant.tenantId, templateId: 'reminder-2', channel: 'sms', language: 'nl' },
        { text },
      );
    expect((await h.call('POST', '/v1/experiments', body({ arms }), { as: tenant })).statusCode).toBe(201);
  });

  it('answers 422 with field detail for what it cannot run', async () => {
    const fields = async (b: unknown) =>
      problemOf(await h.call('POST', '/v1/experiments', b), 422).errors?.map((e) => e.field);
    expect(await fields(body({ step: { id: 'reminder-9' } }))).toEqual(['/step/id']);
    // What the schema already says is refused as every schema error is (400), also per field.
    const schemaFields = async (b: unknown) =>
      problemOf(await h.call('POST', '/v1/experiments', b), 400).errors?.map((e) => e.field);
    expect(await schemaFields(body({ holdoutShare: 0.7 }))).toEqual(['/holdoutShare']);
    expect(await schemaFields(body({ arms: [slotArms[0]] }))).toEqual(['/arms']);
    expect(
      await fields(
        body({
          step: { id: 'formal-notice' },
          arms: [
            { key: 'post', config: { kind: 'channel-order', order: ['letter', 'email'] } },
            { key: 'mail', config: { kind: 'channel-order', order: ['email', 'letter'] } },
          ],
        }),
      ),
    ).toEqual(['/arms/0/config/kind', '/arms/1/config/kind']);
    // Its send time may vary: the letter keeps its channel and wording.
    expect(
      (await h.call('POST', '/v1/experiments', body({ step: { id: 'formal-notice' } }))).statusCode,
    ).toBe(201);
  });

  it('reports per arm: paid rate, euros, median days, and the uplift against the holdout (JSON and CSV)', async () => {
    const tenant = await h.newTenant();
    const experiment = (await h.call('POST', '/v1/experiments', body(), { as: tenant })).json();
    const db = h.database.db;
    const assignedAt = new Date(Date.now() - 20 * 86_400_000);
    // holdout: 4 invoices, 1 paid after 3 days; morning: 4, 3 paid (2, 4, 6 days); late: 2, 1 paid after 20 days (too late).
    const plan: [string, number | null][] = [
      ['holdout', 3],
      ['holdout', null],
      ['holdout', null],
      ['holdout', null],
      ['morning', 2],
      ['morning', 4],
      ['morning', 6],
      ['morning', null],
      ['late', 20],
      ['late', null],
    ];
    for (const [arm, days] of plan) {
      const invoice = invoiceBody({ invoiceId: unique('INV'), amount: { currency: 'EUR', value: '100.00' } });
      expect((await h.call('POST', '/v1/invoices', invoice, { as: tenant })).statusCode).toBe(201);
      await db.insert(experimentAssignments).values({
        tenantId: tenant.tenantId,
        experimentId: experiment.id,
        invoiceId: invoice.invoiceId,
        arm,
        assignedAt,
      });
      if (days === null) continue;
      await db.insert(payments).values({
        tenantId: tenant.tenantId,
        invoiceId: invoice.invoiceId,
        source: 'manual',
        dedupeKey: unique('pay'),
        amountCents: 10_000,
        currency: 'EUR',
        paidAt: new Date(assignedAt.getTime() + days * 86_400_000),
      });
      await db
        .update(invoices)
        .set({ status: 'paid' })
        .where(and(eq(invoices.tenantId, tenant.tenantId), eq(invoices.invoiceId, invoice.invoiceId)));
    }
    const report = await h.call('GET', `/v1/experiments/${experiment.id}/report`, undefined, { as: tenant });
    expect(report.statusCode).toBe(200);
    const rows = report.json().rows as Record<string, number | string | null>[];
    expect(
      rows.map((r) => [r.arm, r.invoices, r.matured, r.paidRate, r.eurosPerInvoice, r.medianDaysToPay]),
    ).toEqual([
      ['holdout', 4, 4, 0.25, 25, 3],
      ['late', 2, 2, 0, 0, null],
      ['morning', 4, 4, 0.75, 75, 4],
    ]);
    // Beta(2, 4) for the holdout, Beta(4, 2) for morning: the mean uplift is 2/3 - 1/3.
    const morning = rows.find((r) => r.arm === 'morning')!;
    expect(morning.upliftMean as number).toBeCloseTo(1 / 3, 1);
    expect(morning.upliftLow as number).toBeLessThan(morning.upliftMean as number);
    expect(morning.upliftHigh as number).toBeGreaterThan(morning.upliftMean as number);
    expect(rows[0]!.upliftMean).toBeNull();
    // Deterministic: the same data answers the same interval.
    const again = await h.call('GET', `/v1/experiments/${experiment.id}/report`, undefined, { as: tenant });
    expect(again.json().rows).toEqual(rows);

    const csv = await h.call('GET', `/v1/experiments/${experiment.id}/report?format=csv`, undefined, {
      as: tenant,
    });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'arm,invoices,matured,paidRate,eurosPerInvoice,medianDaysToPay,goalRate,upliftMean,upliftLow,upliftHigh,probabilityBetter',
    );
    expect(lines[3]).toMatch(/^morning,4,4,0.75,75,4,/);
  });

  it('keeps each tenant to its own experiments', async () => {
    const other = await h.newTenant();
    const mine = (await h.call('POST', '/v1/experiments', body())).json();
    for (const url of [`/v1/experiments/${mine.id}`, `/v1/experiments/${mine.id}/report`])
      problemOf(await h.call('GET', url, undefined, { as: other }), 404);
    problemOf(await h.call('POST', `/v1/experiments/${mine.id}/stop`, undefined, { as: other }), 404);
    const theirs = (await h.call('GET', '/v1/experiments', undefined, { as: other })).json();
    expect(theirs.items).toEqual([]);
    expect((await h.call('GET', `/v1/experiments/${mine.id}`)).statusCode).toBe(200);
  });
});

describe('experiments on a ladder of the tenant’s own', () => {
  const { version: _version, ...consumer } = NL_CONSUMER;
  const ownLadder = {
    ...consumer,
    id: 'drie-herinneringen',
    description: 'A third reminder of our own naming',
    steps: [
      ...NL_CONSUMER.steps.slice(0, 3),
      {
        id: 'herinnering-3',
        kind: 'reminder',
        after: { days: 7, from: 'previous' },
        channels: 'preferred',
        template: 'reminder-2',
      },
      ...NL_CONSUMER.steps.slice(3),
    ],
  };
  const onOwnStep = body({ policyId: 'drie-herinneringen', step: { id: 'herinnering-3' } });

  it('targets a step the tenant named itself; another tenant has no such policy', async () => {
    const tenant = await h.newTenant();
    const saved = await h.call('POST', '/v1/policies', ownLadder, { as: tenant });
    expect(saved.statusCode, saved.body).toBe(201);
    const created = await h.call('POST', '/v1/experiments', onOwnStep, { as: tenant });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ policyId: 'drie-herinneringen', step: { id: 'herinnering-3' } });

    const missing = await h.call(
      'POST',
      '/v1/experiments',
      { ...onOwnStep, step: { id: 'herinnering-4' } },
      { as: tenant },
    );
    expect(problemOf(missing, 422).errors).toEqual([
      { field: '/step/id', message: 'no such step in the policy' },
    ]);
    const elsewhere = await h.call('POST', '/v1/experiments', onOwnStep, { as: await h.newTenant() });
    expect(problemOf(elsewhere, 422).errors).toEqual([
      { field: '/policyId', message: expect.stringMatching(/^unknown policy; one of nl-consumer, /) },
    ]);
  });
});
