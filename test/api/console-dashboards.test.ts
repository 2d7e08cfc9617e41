// The console's dashboards on a seeded history whose figures are computed by hand below, and each
// tenant sees its own. Today is 2026-04-15 (Amsterdam); "last 3 months" is 2026-02-01 to 2026-04-15.
//
//   invoice  amount  issued  due    what happened                                  on 04-15
//   P        100.00  02-01   02-15  m1 email 02-18 delivered+opened; paid 03-10    paid
//   Q        200.00  03-01   03-15  m2 sms 03-18 delivered; m3 email 03-25 bounced  31 days past due
//   R         50.00  04-01   04-20  —                                              current
//   T         30.00  03-20   04-01  —                                              14 days past due
//   S         80.00  2025-12-01 2025-12-15  —                                      121 days past due
//
// Aging: current 50, 1–30 30, 31–60 200, 61–90 0, over 90 80 → 360.00, of which 310.00 overdue.
// Funnel: email sent 2 (m1, m3), delivered 1, opened 1, paid 1 (m1: P paid after it, no later message);
// sms sent 1, delivered 1, paid 0. Recovery: email 50%, sms 0%; reminder-1 (m1, m2) 50%, reminder-2 0%.
// Cash: 100.00 in the ISO week of 2026-03-09.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rangeStart } from '../../api/console/dashboards.js';
import type { StatusChange } from '../../db/schema.js';
import { communications, debtors, invoices, payments } from '../../db/schema.js';
import { signedInConsoleUser } from '../support/console-seed.js';
import { type ApiHarness, startApiHarness, type Tenant } from './harness.js';

let h: ApiHarness;
let own: Tenant;
let other: Tenant;

function invoice(tenantId: string, id: string, cents: number, issue: string, due: string, status = 'open') {
  return {
    tenantId,
    invoiceId: id,
    debtorId: 'D1',
    workflowId: `dunning:${tenantId}:${id}`,
    requestHash: id,
    amountCents: cents,
    currency: 'EUR',
    issueDate: issue,
    dueDate: due,
    policyId: 'nl-consumer',
    status,
    amountDueCents: status === 'paid' ? 0 : cents,
  };
}

function message(
  tenantId: string,
  id: string,
  invoiceId: string,
  step: string,
  channel: string,
  sentAt: string,
  later: [string, string][],
) {
  const history: StatusChange[] = [
    { status: 'sent', at: sentAt, seq: 0 },
    ...later.map(([status, at], i) => ({ status, at, seq: i + 1 })),
  ];
  return {
    id: `${tenantId}-${id}`,
    tenantId,
    invoiceId,
    workflowId: `dunning:${tenantId}:${invoiceId}`,
    step,
    channel,
    template: step,
    language: 'nl',
    provider: 'sendgrid',
    status: history.at(-1)!.status,
    statusHistory: history,
    createdAt: new Date(sentAt),
  };
}

beforeAll(async () => {
  h = await startApiHarness({
    worker: false,
    sandboxReports: false,
    now: () => new Date('2026-04-15T10:00:00Z'),
  });
  own = await h.newTenant();
  other = await h.newTenant();
  const db = h.database.db;
  for (const tenant of [own, other])
    await db.insert(debtors).values({ tenantId: tenant.tenantId, id: 'D1', type: 'consumer', name: 'Jan' });
  const t = own.tenantId;
  await db
    .insert(invoices)
    .values([
      invoice(t, 'P', 10_000, '2026-02-01', '2026-02-15', 'paid'),
      invoice(t, 'Q', 20_000, '2026-03-01', '2026-03-15'),
      invoice(t, 'R', 5_000, '2026-04-01', '2026-04-20'),
      invoice(t, 'T', 3_000, '2026-03-20', '2026-04-01'),
      invoice(t, 'S', 8_000, '2025-12-01', '2025-12-15'),
      invoice(other.tenantId, 'Z', 999_900, '2026-02-01', '2026-02-15'),
    ]);
  await db.insert(payments).values(
    [
      [t, 'P', 10_000],
      [other.tenantId, 'Z', 500_000],
    ].map(([tenantId, invoiceId, amountCents]) => ({
      tenantId: tenantId as string,
      invoiceId: invoiceId as string,
      source: 'psp' as const,
      dedupeKey: `tr_${tenantId}_${invoiceId}`,
      amountCents: amountCents as number,
      currency: 'EUR',
      paidAt: new Date('2026-03-10T10:00:00Z'),
    })),
  );
  await db.insert(communications).values([
    message(t, 'm1', 'P', 'reminder-1', 'email', '2026-02-18T08:00:00.000Z', [
      ['delivered', '2026-02-18T08:00:05.000Z'],
      ['opened', '2026-02-18T09:00:00.000Z'],
    ]),
    message(t, 'm2', 'Q', 'reminder-1', 'sms', '2026-03-18T08:00:00.000Z', [
      ['delivered', '2026-03-18T08:00:09.000Z'],
    ]),
    message(t, 'm3', 'Q', 'reminder-2', 'email', '2026-03-25T08:00:00.000Z', [
      ['bounced', '2026-03-25T08:01:00.000Z'],
    ]),
    message(other.tenantId, 'z1', 'Z', 'reminder-1', 'whatsapp', '2026-02-20T08:00:00.000Z', []),
  ]);
}, 60_000);
afterAll(async () => {
  await h?.close();
});

async function dashboards(tenant: Tenant, query = '?months=3') {
  const { cookie } = await signedInConsoleUser(h.app, h.database.db, tenant.tenantId, 'viewer');
  const response = await h.app.inject({
    method: 'GET',
    url: `/console/dashboards${query}`,
    headers: { cookie, 'accept-language': 'en' },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.body;
}

/** The cells of a figure's table (first column its row label), and the chart's data beside it. */
function figure(html: string, id: string) {
  const section = new RegExp(`<section aria-labelledby="${id}-title">(.*?)</section>`).exec(html)?.[1];
  if (!section) throw new Error(`no figure ${id}`);
  const body = /<tbody>(.*?)<\/tbody>/.exec(section)![1]!;
  const rows = [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((cell) => cell[1]),
  );
  const spec = JSON.parse(
    /data-chart="([^"]*)"/.exec(section)![1]!.replaceAll('&quot;', '"').replaceAll('&amp;', '&'),
  );
  return { rows, spec, section };
}

describe('console dashboards', () => {
  it('start the range on the first of the month n − 1 months back, across a year end', () => {
    expect(rangeStart('2026-04-15', 3)).toBe('2026-02-01');
    expect(rangeStart('2026-04-15', 12)).toBe('2025-05-01');
    expect(rangeStart('2026-01-31', 6)).toBe('2025-08-01');
  });

  it('show the headline figures, aging, funnel, recovery and cash as computed by hand', async () => {
    const html = await dashboards(own);
    const headline = [...html.matchAll(/<p class="big">(.*?)<\/p>/g)].map((m) => m[1]);
    const dso = figure(html, 'dso');
    expect(headline).toEqual(['€ 360.00', `${dso.rows.at(-1)![1]} days`, '€ 100.00', '33.3%']);

    const aging = figure(html, 'aging');
    expect(aging.rows).toEqual([
      ['not yet due', '50.00'],
      ['1–30 days', '30.00'],
      ['31–60 days', '200.00'],
      ['61–90 days', '0.00'],
      ['over 90 days', '80.00'],
    ]);
    expect(aging.spec.datasets[0].data).toEqual([50, 30, 200, 0, 80]);
    expect(aging.section).toContain('Receivables € 360.00, of which € 310.00 overdue.');

    const funnel = figure(html, 'funnel');
    expect(funnel.rows).toEqual([
      ['email', '2', '1', '1', '0', '1'],
      ['sms', '1', '1', '0', '0', '0'],
    ]);
    expect(funnel.spec.labels).toEqual(['sent', 'delivered', 'opened', 'clicked', 'paid']);
    expect(funnel.spec.datasets).toEqual([
      { label: 'email', data: [2, 1, 1, 0, 1] },
      { label: 'sms', data: [1, 1, 0, 0, 0] },
    ]);

    expect(figure(html, 'by-channel').rows).toEqual([
      ['email', '2', '50'],
      ['sms', '1', '0'],
    ]);
    expect(figure(html, 'by-step').rows).toEqual([
      ['reminder-1', '2', '50'],
      ['reminder-2', '1', '0'],
    ]);

    // Weekly over 3 months: the ISO weeks from the one holding 02-01 (a Sunday) to the one of 04-15.
    const cash = figure(html, 'cash');
    expect(cash.rows[0]).toEqual(['2026-01-26', '0.00']);
    expect(cash.rows.at(-1)).toEqual(['2026-04-13', '0.00']);
    expect(cash.rows.filter(([, value]) => value !== '0.00')).toEqual([['2026-03-09', '100.00']]);
  });

  it('show the DSO the report API gives for each month', async () => {
    const html = await dashboards(own);
    const api = await h.call(
      'GET',
      '/v1/reports/dso?from=2026-02-01&to=2026-04-15&interval=month',
      undefined,
      {
        as: own,
      },
    );
    const rows = (api.json() as { rows: { periodStart: string; dsoDays: number }[] }).rows;
    expect(rows.length).toBe(3);
    expect(figure(html, 'dso').rows).toEqual(
      rows.map((row) => [row.periodStart.slice(0, 7), row.dsoDays.toFixed(1)]),
    );
  });

  it('show each tenant its own figures only', async () => {
    const html = await dashboards(other);
    expect(figure(html, 'funnel').rows).toEqual([['whatsapp', '1', '0', '0', '0', '0']]);
    expect(html).not.toContain('€ 360.00');
    expect(html).toContain('€ 5000.00');
  });

  it('load Chart.js and the drawing script from this origin, and fall back to 12 months', async () => {
    const html = await dashboards(own, '?months=7');
    expect(html).toContain('<option value="12" selected>');
    expect(figure(html, 'dso').rows.length).toBe(12);
    expect(html).toContain('<script src="/console/assets/chart.umd.min.js"></script>');
    for (const asset of ['chart.umd.min.js', 'dashboards.js']) {
      const response = await h.app.inject({ method: 'GET', url: `/console/assets/${asset}` });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    }
    const unsigned = await h.app.inject({ method: 'GET', url: '/console/dashboards' });
    expect(unsigned.statusCode).toBe(303);
  });
});
