// Issue 16, items 1 and 2: the facts are queryable per tenant without personal data, and every report
// answers what a hand calculation over a seeded history says. The history (fixed dates, one tenant
// of its own, another tenant beside it that must never show):
//
//   invoice  debtor    amount   issued  due    what happened
//   A        consumer  1000.00  01-10   01-24  paid in full 02-05 10:00Z
//   B        business   500.00  01-20   02-03  200.00 paid 02-20 23:30Z (02-21 in Amsterdam), plan broken
//   C        consumer   300.00  02-10   02-24  paid in full 03-03 14:00Z, plan kept
//   D        business   400.00  02-15   03-01  cancelled 03-10
//   E        consumer   600.00  03-05   03-19  open, plan active
//
// Receivables at the month ends (principal unpaid, cancelled left out; "current" = not yet due):
//   01-31: A 1000 + B 500 = 1500 (current: B 500) · 02-28: B 300 + C 300 + D 400 = 1000 (current: D 400)
//   03-31: B 300 + E 600 = 900 (current: none). Sales: January 1500, February 700, March 600.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatusChange } from '../../db/schema.js';
import { communications, debtors, invoices, paymentPlans, payments } from '../../db/schema.js';
import { type ApiHarness, problemOf, startApiHarness, type Tenant } from './harness.js';

let h: ApiHarness;
let own: Tenant;
let other: Tenant;

const invoice = (
  tenantId: string,
  id: string,
  debtorId: string,
  amountCents: number,
  issue: string,
  due: string,
) => ({
  tenantId,
  invoiceId: id,
  debtorId,
  workflowId: `dunning:${tenantId}:${id}`,
  requestHash: id,
  amountCents,
  currency: 'EUR',
  issueDate: `2026-${issue}`,
  dueDate: `2026-${due}`,
  policyId: 'nl-consumer',
  amountDueCents: amountCents,
});

const payment = (tenantId: string, invoiceId: string, amountCents: number, paidAt: string) => ({
  tenantId,
  invoiceId,
  source: 'psp' as const,
  dedupeKey: `tr_${tenantId}_${invoiceId}_${paidAt}`,
  amountCents,
  currency: 'EUR',
  paidAt: new Date(paidAt),
});

/** A message queued a minute before it was sent, then the further statuses given. */
function message(
  tenantId: string,
  id: string,
  invoiceId: string,
  step: string,
  channel: string,
  language: string,
  sentAt: string,
  later: [status: string, at: string][] = [],
) {
  const sent = new Date(sentAt);
  const history: StatusChange[] = [
    { status: 'queued', at: new Date(sent.getTime() - 60_000).toISOString(), seq: 0 },
    { status: 'sent', at: sent.toISOString(), seq: 1 },
    ...later.map(([status, at], i) => ({
      status,
      at,
      seq: i + 2,
      detail: 'j.jansen@example.nl: 550 no such user',
    })),
  ];
  return {
    id: `${tenantId}-${id}`,
    tenantId,
    invoiceId,
    workflowId: `dunning:${tenantId}:${invoiceId}`,
    step,
    channel,
    template: step,
    language,
    provider: channel === 'letter' ? 'printhouse' : 'sendgrid',
    status: history.at(-1)!.status,
    statusHistory: history,
    createdAt: new Date(sent.getTime() - 60_000),
  };
}

async function seed(tenantId: string) {
  const db = h.database.db;
  await db.insert(debtors).values([
    { tenantId, id: 'D-C', type: 'consumer', name: 'Jan Jansen', email: 'j.jansen@example.nl' },
    { tenantId, id: 'D-B', type: 'business', name: 'Bakkerij B.V.', email: 'info@bakkerij.example' },
  ]);
  await db.insert(invoices).values([
    {
      ...invoice(tenantId, 'A', 'D-C', 100_000, '01-10', '01-24'),
      status: 'paid',
      closedAt: new Date('2026-02-05T10:00:00Z'),
    },
    { ...invoice(tenantId, 'B', 'D-B', 50_000, '01-20', '02-03'), status: 'open' },
    {
      ...invoice(tenantId, 'C', 'D-C', 30_000, '02-10', '02-24'),
      status: 'paid',
      closedAt: new Date('2026-03-03T14:00:00Z'),
    },
    {
      ...invoice(tenantId, 'D', 'D-B', 40_000, '02-15', '03-01'),
      status: 'cancelled',
      closedAt: new Date('2026-03-10T09:00:00Z'),
    },
    { ...invoice(tenantId, 'E', 'D-C', 60_000, '03-05', '03-19'), status: 'in_plan' },
  ]);
  await db
    .insert(payments)
    .values([
      payment(tenantId, 'A', 100_000, '2026-02-05T10:00:00Z'),
      payment(tenantId, 'B', 20_000, '2026-02-20T23:30:00Z'),
      payment(tenantId, 'C', 30_000, '2026-03-03T14:00:00Z'),
    ]);
  await db.insert(communications).values([
    message(tenantId, 'm1', 'A', 'reminder-1', 'email', 'nl', '2026-01-27T08:00:00Z', [
      ['delivered', '2026-01-27T08:00:05Z'],
      ['opened', '2026-01-27T12:00:00Z'],
      ['clicked', '2026-01-27T12:01:00Z'],
    ]),
    message(tenantId, 'm3', 'B', 'reminder-1', 'email', 'nl', '2026-02-06T08:00:00Z', [
      ['bounced', '2026-02-06T08:05:00Z'],
    ]),
    message(tenantId, 'm4', 'B', 'reminder-1', 'sms', 'nl', '2026-02-06T08:10:00Z'),
    message(tenantId, 'm5', 'B', 'reminder-2', 'letter', 'nl', '2026-02-20T12:00:00Z', [
      ['returned', '2026-02-25T10:00:00Z'],
    ]),
    message(tenantId, 'm6', 'C', 'reminder-1', 'email', 'en', '2026-02-26T17:30:00Z'),
    message(tenantId, 'm7', 'C', 'reminder-2', 'sms', 'nl', '2026-03-02T09:00:00Z'),
    message(tenantId, 'm8', 'E', 'reminder-1', 'email', 'nl', '2026-03-20T08:00:00Z'),
  ]);
  await db.insert(paymentPlans).values([
    {
      id: `${tenantId}-P1`,
      tenantId,
      invoiceId: 'B',
      instalments: 2,
      totalCents: 30_000,
      status: 'broken',
      createdAt: new Date('2026-02-21T10:00:00Z'),
    },
    {
      id: `${tenantId}-P3`,
      tenantId,
      invoiceId: 'C',
      instalments: 2,
      totalCents: 30_000,
      status: 'kept',
      createdAt: new Date('2026-02-27T10:00:00Z'),
    },
    {
      id: `${tenantId}-P2`,
      tenantId,
      invoiceId: 'E',
      instalments: 3,
      totalCents: 60_000,
      status: 'active',
      createdAt: new Date('2026-03-21T10:00:00Z'),
    },
  ]);
}

/** The other tenant: one large invoice, partly paid on a day the own tenant was paid too, part charged back. */
async function seedOther(tenantId: string) {
  const db = h.database.db;
  await db.insert(debtors).values({ tenantId, id: 'D-X', type: 'consumer', name: 'Piet Pieters' });
  await db.insert(invoices).values(invoice(tenantId, 'Z', 'D-X', 999_900, '01-15', '01-29'));
  await db
    .insert(payments)
    .values([
      payment(tenantId, 'Z', 111_100, '2026-02-05T12:00:00Z'),
      { ...payment(tenantId, 'Z', -11_100, '2026-02-06T12:00:00Z'), source: 'chargeback' as const },
    ]);
  await db
    .insert(communications)
    .values(
      message(tenantId, 'z1', 'Z', 'reminder-1', 'email', 'nl', '2026-01-30T08:00:00Z', [
        ['bounced', '2026-01-30T08:01:00Z'],
      ]),
    );
}

beforeAll(async () => {
  h = await startApiHarness({
    worker: false,
    sandboxReports: false,
    now: () => new Date('2026-04-15T10:00:00Z'),
  });
  own = await h.newTenant();
  other = await h.newTenant();
  await seed(own.tenantId);
  await seedOther(other.tenantId);
});
afterAll(async () => {
  await h?.close();
});

const report = async (path: string, as: Tenant = own) => {
  const response = await h.call('GET', `/v1/reports/${path}`, undefined, { as });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe('facts for analysis', () => {
  it('are views per tenant whose columns hold no personal data', async () => {
    const result = await h.database.pool.query<{ table_name: string; column_name: string }>(
      `select table_name, column_name from information_schema.columns
       where table_name like 'analytics\\_%' order by table_name, ordinal_position`,
    );
    const columns = new Map<string, string[]>();
    for (const row of result.rows)
      columns.set(row.table_name, [...(columns.get(row.table_name) ?? []), row.column_name]);
    expect([...columns.keys()]).toEqual([
      'analytics_invoices',
      'analytics_messages',
      'analytics_payment_plans',
      'analytics_payments',
      'analytics_state_changes',
    ]);
    for (const [table, names] of columns) {
      expect(names, table).toContain('tenant_id');
      for (const name of names)
        expect(name, table).not.toMatch(
          /name|email|phone|address|description|metadata|reference|detail|message$|debtor_id/,
        );
    }
    const messages = await h.database.pool.query(
      `select * from analytics_messages where tenant_id = $1 order by sent_at`,
      [own.tenantId],
    );
    expect(JSON.stringify(messages.rows)).not.toContain('example.nl');
    expect(messages.rows[0]).toMatchObject({
      step: 'reminder-1',
      channel: 'email',
      template: 'reminder-1',
      sent_at: new Date('2026-01-27T08:00:00Z'),
      delivered_at: new Date('2026-01-27T08:00:05Z'),
      opened_at: new Date('2026-01-27T12:00:00Z'),
      clicked_at: new Date('2026-01-27T12:01:00Z'),
      bounced_at: null,
    });
  });
});

describe('reports', () => {
  it('DSO by countback at each month end', async () => {
    // 01-31: 1500 of January's 1500 → 31 × 1500/1500 = 31.
    // 02-28: 1000 − February's 700 = 300 left (28 days), 300/1500 of January's 31 = 6.2 → 34.2.
    // 03-31: 900 − March's 600 = 300 left (31 days), 300/700 of February's 28 = 12 → 43.
    const dso = await report('dso?from=2026-01-01&to=2026-03-31&interval=month');
    expect(dso).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      interval: 'month',
      rows: [
        { periodStart: '2026-01-01', measuredOn: '2026-01-31', receivablesCents: 150_000, dsoDays: 31 },
        { periodStart: '2026-02-01', measuredOn: '2026-02-28', receivablesCents: 100_000, dsoDays: 34.2 },
        { periodStart: '2026-03-01', measuredOn: '2026-03-31', receivablesCents: 90_000, dsoDays: 43 },
      ],
    });
    // A running period is measured on `to`, counting its days so far. 03-15: B 300 + E 600 = 900 (C paid,
    // D cancelled on 03-10); March's 15 days sold 600, the 300 left are 300/700 of February's 28 = 12 → 27.
    const running = await report('dso?from=2026-03-01&to=2026-03-15');
    expect(running.rows).toEqual([
      { periodStart: '2026-03-01', measuredOn: '2026-03-15', receivablesCents: 90_000, dsoDays: 27 },
    ]);
  });

  it('CEI per month', async () => {
    // January: (0 + 1500 − 1500) / (0 + 1500 − 500) = 0. February: (1500 + 700 − 1000) / (2200 − 400) =
    // 66.67. March: (1000 + 600 − 900) / (1600 − 0) = 43.75.
    const cei = await report('cei?from=2026-01-01&to=2026-03-31');
    expect(cei.rows).toEqual([
      {
        periodStart: '2026-01-01',
        measuredOn: '2026-01-31',
        beginningReceivablesCents: 0,
        salesCents: 150_000,
        endingReceivablesCents: 150_000,
        endingCurrentCents: 50_000,
        cei: 0,
      },
      {
        periodStart: '2026-02-01',
        measuredOn: '2026-02-28',
        beginningReceivablesCents: 150_000,
        salesCents: 70_000,
        endingReceivablesCents: 100_000,
        endingCurrentCents: 40_000,
        cei: 66.67,
      },
      {
        periodStart: '2026-03-01',
        measuredOn: '2026-03-31',
        beginningReceivablesCents: 100_000,
        salesCents: 60_000,
        endingReceivablesCents: 90_000,
        endingCurrentCents: 0,
        cei: 43.75,
      },
    ]);
  });

  it('aging buckets on a day', async () => {
    // 02-28: D not yet due (400); B 25 days and C 4 days past due (300 + 300).
    expect(await report('aging?on=2026-02-28')).toEqual({
      on: '2026-02-28',
      totalCents: 100_000,
      rows: [
        { bucket: 'current', amountCents: 40_000 },
        { bucket: '1-30', amountCents: 60_000 },
        { bucket: '31-60', amountCents: 0 },
        { bucket: '61-90', amountCents: 0 },
        { bucket: 'over-90', amountCents: 0 },
      ],
    });
    // 03-31: E 12 days past due (600), B 56 days (300).
    const march = await report('aging?on=2026-03-31');
    expect(march.rows.map((row: { amountCents: number }) => row.amountCents)).toEqual([
      0, 60_000, 30_000, 0, 0,
    ]);
  });

  it('cash collected per Amsterdam day and ISO week, as JSON and CSV', async () => {
    const days = await report('cash?from=2026-02-19&to=2026-02-22&interval=day');
    expect(days.rows).toEqual([
      { periodStart: '2026-02-19', collectedCents: 0, payments: 0 },
      { periodStart: '2026-02-20', collectedCents: 0, payments: 0 },
      { periodStart: '2026-02-21', collectedCents: 20_000, payments: 1 },
      { periodStart: '2026-02-22', collectedCents: 0, payments: 0 },
    ]);
    const weekly = 'cash?from=2026-02-02&to=2026-03-08&interval=week';
    const csv = [
      'periodStart,collectedCents,payments',
      '2026-02-02,100000,1',
      '2026-02-09,0,0',
      '2026-02-16,20000,1',
      '2026-02-23,0,0',
      '2026-03-02,30000,1',
      '',
    ].join('\n');
    for (const [url, headers] of [
      [`/v1/reports/${weekly}&format=csv`, {}],
      [`/v1/reports/${weekly}`, { accept: 'text/csv' }],
    ] as const) {
      const response = await h.call('GET', url, undefined, { as: own, headers });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="cash.csv"');
      expect(response.body).toBe(csv);
    }
  });

  it('recovery rate and days to pay by the last message before payment', async () => {
    // A paid 9 d 2 h after m1 (9.08); C paid 1 d 5 h after m7 (1.21), m6 was followed by m7 first.
    const by = async (dimension: string) =>
      (await report(`recovery?from=2026-01-01&to=2026-03-31&by=${dimension}`)).rows;
    expect(await by('step')).toEqual([
      { key: 'reminder-1', messages: 5, recovered: 1, recoveryRate: 0.2, meanDaysToPay: 9.08 },
      { key: 'reminder-2', messages: 2, recovered: 1, recoveryRate: 0.5, meanDaysToPay: 1.21 },
    ]);
    expect(await by('channel')).toEqual([
      { key: 'email', messages: 4, recovered: 1, recoveryRate: 0.25, meanDaysToPay: 9.08 },
      { key: 'letter', messages: 1, recovered: 0, recoveryRate: 0, meanDaysToPay: null },
      { key: 'sms', messages: 2, recovered: 1, recoveryRate: 0.5, meanDaysToPay: 1.21 },
    ]);
    expect(await by('variant')).toEqual([
      { key: 'reminder-1/en', messages: 1, recovered: 0, recoveryRate: 0, meanDaysToPay: null },
      { key: 'reminder-1/nl', messages: 4, recovered: 1, recoveryRate: 0.25, meanDaysToPay: 9.08 },
      { key: 'reminder-2/nl', messages: 2, recovered: 1, recoveryRate: 0.5, meanDaysToPay: 1.21 },
    ]);
    // Consumers: m1, m6, m7, m8; the mean of 9 d 2 h and 1 d 5 h is 5 d 3.5 h = 5.15.
    expect(await by('segment')).toEqual([
      { key: 'business', messages: 3, recovered: 0, recoveryRate: 0, meanDaysToPay: null },
      { key: 'consumer', messages: 4, recovered: 2, recoveryRate: 0.5, meanDaysToPay: 5.15 },
    ]);
    // Amsterdam (CET): m7 Monday 10:00, m1 Tuesday 09:00, m6 Thursday 18:30, m3 m4 m5 m8 Friday.
    expect(await by('weekday')).toEqual([
      { key: '1', messages: 1, recovered: 1, recoveryRate: 1, meanDaysToPay: 1.21 },
      { key: '2', messages: 1, recovered: 1, recoveryRate: 1, meanDaysToPay: 9.08 },
      { key: '4', messages: 1, recovered: 0, recoveryRate: 0, meanDaysToPay: null },
      { key: '5', messages: 4, recovered: 0, recoveryRate: 0, meanDaysToPay: null },
    ]);
    expect(
      (await by('hour')).map((row: { key: string; messages: number }) => [row.key, row.messages]),
    ).toEqual([
      ['10', 1],
      ['13', 1],
      ['18', 1],
      ['9', 4],
    ]);
  });

  it('plans kept and broken, and bounces per channel', async () => {
    expect(await report('plans?from=2026-01-01&to=2026-03-31')).toEqual({
      from: '2026-01-01',
      to: '2026-03-31',
      keptRate: 0.5,
      rows: [
        { status: 'active', plans: 1, totalCents: 60_000 },
        { status: 'broken', plans: 1, totalCents: 30_000 },
        { status: 'kept', plans: 1, totalCents: 30_000 },
      ],
    });
    expect((await report('plans?from=2026-03-01&to=2026-03-31')).keptRate).toBeNull();
    // m3 bounced; the letter m5 came back by post.
    expect((await report('bounces?from=2026-01-01&to=2026-03-31')).rows).toEqual([
      { channel: 'email', messages: 4, bounced: 1, bounceRate: 0.25 },
      { channel: 'letter', messages: 1, bounced: 1, bounceRate: 1 },
      { channel: 'sms', messages: 2, bounced: 0, bounceRate: 0 },
    ]);
  });

  it('the message funnel per channel, paid by last touch', async () => {
    // email: m1 delivered, opened and clicked, A paid after it; m3 bounced; m6 followed by m7 before C
    // was paid; m8's invoice is open. sms: m7 recovered C. letter: m5 came back. No SMS reports delivery.
    expect((await report('funnel?from=2026-01-01&to=2026-03-31')).rows).toEqual([
      { channel: 'email', sent: 4, delivered: 1, opened: 1, clicked: 1, paid: 1 },
      { channel: 'letter', sent: 1, delivered: 0, opened: 0, clicked: 0, paid: 0 },
      { channel: 'sms', sent: 2, delivered: 0, opened: 0, clicked: 0, paid: 1 },
    ]);
    // From February: m1 (January) is out, and with it the only delivery and the email recovery.
    expect((await report('funnel?from=2026-02-01&to=2026-03-31')).rows[0]).toEqual({
      channel: 'email',
      sent: 3,
      delivered: 0,
      opened: 0,
      clicked: 0,
      paid: 0,
    });
  });

  it('shows each tenant its own facts only', async () => {
    const theirs = await report('cash?from=2026-02-05&to=2026-02-05', other);
    expect(theirs.rows).toEqual([{ periodStart: '2026-02-05', collectedCents: 111_100, payments: 1 }]);
    const mine = await report('cash?from=2026-02-05&to=2026-02-05');
    expect(mine.rows).toEqual([{ periodStart: '2026-02-05', collectedCents: 100_000, payments: 1 }]);
    // The chargeback is money taken back: off the day's cash, back on the receivables.
    const chargedBack = await report('cash?from=2026-02-06&to=2026-02-06', other);
    expect(chargedBack.rows).toEqual([{ periodStart: '2026-02-06', collectedCents: -11_100, payments: 0 }]);
    expect((await report('aging?on=2026-02-05', other)).totalCents).toBe(888_800);
    expect((await report('aging?on=2026-03-31', other)).totalCents).toBe(899_900);
  });

  it('defaults to the year up to today, and refuses a backwards or oversized range and unknown fields', async () => {
    const fallback = await report('bounces');
    expect([fallback.from, fallback.to]).toEqual(['2025-04-16', '2026-04-15']);
    const backwards = problemOf(await h.call('GET', '/v1/reports/cash?from=2026-03-02&to=2026-03-01'), 422);
    expect(backwards.errors).toEqual([{ field: 'querystring:/from', message: 'is after `to`' }]);
    const decade = problemOf(
      await h.call('GET', '/v1/reports/cash?from=2020-01-01&to=2026-01-01&interval=day'),
      422,
    );
    expect(decade.errors?.[0]?.field).toBe('querystring:/interval');
    problemOf(await h.call('GET', '/v1/reports/recovery?by=debtorName'), 400);
    problemOf(await h.call('GET', '/v1/reports/aging?on=2026-02-31'), 400);
  });
});

describe('the reports in the API document', () => {
  it('offer JSON and CSV, each with an example', async () => {
    type Media = Record<string, { example?: unknown }>;
    const doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, { get: { responses: Record<string, { content: Media }> } }>;
    };
    const reports = Object.keys(doc.paths).filter((path) => path.startsWith('/v1/reports/'));
    expect(reports.sort()).toEqual(
      ['aging', 'bounces', 'cash', 'cei', 'dso', 'funnel', 'plans', 'recovery'].map(
        (name) => `/v1/reports/${name}`,
      ),
    );
    for (const path of reports) {
      const content = doc.paths[path]!.get.responses['200']!.content;
      expect(Object.keys(content), path).toEqual(['application/json', 'text/csv']);
      expect(String(content['text/csv']!.example), path).toMatch(/^[a-zA-Z,]+\n/);
    }
  });
});

describe('headline metrics', () => {
  it('exposes receivables, DSO and cash collected per tenant', async () => {
    const text = (await h.app.inject({ method: 'GET', url: '/metrics' })).body;
    const value = (name: string, tenant: Tenant) =>
      Number(new RegExp(`^${name}\\{tenant="${tenant.tenantId}"\\} (\\S+)$`, 'm').exec(text)?.[1]);
    // Today 2026-04-15: 900 open; April so far (15 days) sold nothing, March's 600 → 31 days, 300 of
    // February's 700 → 12 days: 58.
    expect(value('settle_receivables_cents', own)).toBe(90_000);
    expect(value('settle_dso_days', own)).toBe(58);
    expect(value('settle_cash_collected_cents_total', own)).toBe(150_000);
    // The other: 8999 (the chargeback back on) of January's 9999 → 15 + 31 + 28 + 31 × 8999/9999 = 101.9;
    // its cash counter counts the payment and ignores the chargeback.
    expect(value('settle_receivables_cents', other)).toBe(899_900);
    expect(value('settle_dso_days', other)).toBe(101.9);
    expect(value('settle_cash_collected_cents_total', other)).toBe(111_100);
  });
});
