// The headline figures as Prometheus metrics, per tenant: receivables, DSO (countback by month over
// the last two years) and cash collected. One set of queries per scrape serves all three.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { TenantHeadline } from '../../db/queries/reports.js';
import type { IsoDate } from '../../workflows/domain.js';
import { toAmsterdamParts } from '../../workflows/policy/calendar.js';
import { isoDateFromParts } from '../../workflows/policy/dates.js';
import { countbackDso } from './countback.js';
import { countbackPeriods } from './receivables.js';

const HISTORY_MONTHS = 24;
/** The three metrics of one scrape are collected within this; a later scrape queries afresh. */
const SCRAPE_MS = 1000;

/** The first day of the month `HISTORY_MONTHS - 1` months before `today`'s. */
export function historyStart(today: IsoDate): IsoDate {
  return isoDateFromParts(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - HISTORY_MONTHS + 1, 1);
}

export function registerHeadlineMetrics(
  registry: Registry,
  load: (since: IsoDate) => Promise<TenantHeadline[]>,
  now: () => Date,
): void {
  let last: { at: number; figures: Promise<TenantHeadline[] | undefined> } | undefined;
  const figures = () => {
    const at = Date.now();
    if (!last || at - last.at > SCRAPE_MS)
      // PostgreSQL unreachable: keep the last values rather than fail the scrape.
      last = { at, figures: load(historyStart(toAmsterdamParts(now()).date)).catch(() => undefined) };
    return last.figures;
  };
  const label = (tenant: TenantHeadline) => ({ tenant: tenant.tenantId });
  const gauge = (name: string, help: string, value: (tenant: TenantHeadline) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['tenant'],
      registers: [registry],
      async collect() {
        const tenants = await figures();
        if (!tenants) return;
        this.reset();
        for (const tenant of tenants) this.set(label(tenant), value(tenant));
      },
    });
  gauge(
    'settle_receivables_cents',
    'Principal invoiced and not yet paid (cancelled invoices left out), euro cents',
    (tenant) => tenant.receivablesCents,
  );
  gauge(
    'settle_dso_days',
    'Days sales outstanding today, countback by calendar month (README "Reports")',
    (tenant) =>
      countbackDso(
        tenant.receivablesCents,
        countbackPeriods(toAmsterdamParts(now()).date, 'month', tenant.monthlySales),
      ),
  );
  new Counter({
    name: 'settle_cash_collected_cents_total',
    help: 'Payments received, euro cents (chargebacks not taken off)',
    labelNames: ['tenant'],
    registers: [registry],
    async collect() {
      const tenants = await figures();
      if (!tenants) return;
      this.reset();
      for (const tenant of tenants) this.inc(label(tenant), tenant.cashCollectedCents);
    },
  });
}
