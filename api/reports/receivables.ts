// The receivables reports: DSO by countback and the Collection Effectiveness Index per period, and
// the headline DSO of the metrics. Each period is measured at its last day, or at `to` when that
// comes first (the period still running).
import type { Queryable } from '../../db/client.js';
import { receivablesOn, type SalesInPeriod, salesByPeriod } from '../../db/queries/reports.js';
import type { IsoDate } from '../../workflows/domain.js';
import { daysBetween } from '../../workflows/policy/dates.js';
import { type CountbackPeriod, countbackDso } from './countback.js';
import { type Interval, type Period, periodOf, periodsCovering, previousPeriod } from './periods.js';

export interface ReportRange {
  tenantId: string;
  from: IsoDate;
  to: IsoDate;
  interval: Interval;
}

const measuredOn = (period: Period, to: IsoDate): IsoDate => (period.end < to ? period.end : to);

/** The periods from the one holding `on` back to the first with sales, newest first. */
export function countbackPeriods(
  on: IsoDate,
  interval: Interval,
  sales: readonly SalesInPeriod[],
): CountbackPeriod[] {
  const byStart = new Map(sales.map((entry) => [entry.periodStart, entry.salesCents]));
  const earliest = sales[0]?.periodStart ?? on;
  const periods: CountbackPeriod[] = [];
  for (let period = periodOf(on, interval); period.end >= earliest; period = previousPeriod(period, interval))
    periods.push({
      days: daysBetween(period.start, period.end < on ? period.end : on) + 1,
      salesCents: byStart.get(period.start) ?? 0,
    });
  return periods;
}

export async function dsoReport(db: Queryable, range: ReportRange) {
  const periods = periodsCovering(range.from, range.to, range.interval);
  const [sales, balances] = await Promise.all([
    salesByPeriod(db, range),
    receivablesOn(
      db,
      range.tenantId,
      periods.map((period) => measuredOn(period, range.to)),
    ),
  ]);
  return periods.map((period, i) => {
    const on = measuredOn(period, range.to);
    const receivablesCents = balances[i]!.totalCents;
    return {
      periodStart: period.start,
      measuredOn: on,
      receivablesCents,
      dsoDays: countbackDso(receivablesCents, countbackPeriods(on, range.interval, sales)),
    };
  });
}

/** CEI = (beginning receivables + sales − ending total) / (beginning + sales − ending current) × 100. */
export async function ceiReport(db: Queryable, range: ReportRange) {
  const periods = periodsCovering(range.from, range.to, range.interval);
  const days = periods.flatMap((period) => [
    previousPeriod(period, range.interval).end,
    measuredOn(period, range.to),
  ]);
  const [sales, balances] = await Promise.all([
    salesByPeriod(db, range),
    receivablesOn(db, range.tenantId, [...new Set(days)].sort()),
  ]);
  const balanceOn = new Map(balances.map((balance) => [balance.date, balance]));
  const salesOf = new Map(sales.map((entry) => [entry.periodStart, entry.salesCents]));
  return periods.map((period) => {
    const beginning = balanceOn.get(previousPeriod(period, range.interval).end)!.totalCents;
    const ending = balanceOn.get(measuredOn(period, range.to))!;
    const salesCents = salesOf.get(period.start) ?? 0;
    const collectible = beginning + salesCents - ending.currentCents;
    return {
      periodStart: period.start,
      measuredOn: measuredOn(period, range.to),
      beginningReceivablesCents: beginning,
      salesCents,
      endingReceivablesCents: ending.totalCents,
      endingCurrentCents: ending.currentCents,
      cei:
        collectible === 0
          ? null
          : Math.round(((beginning + salesCents - ending.totalCents) / collectible) * 10_000) / 100,
    };
  });
}
