// The periods a report is cut into: calendar days, ISO weeks (Monday to Sunday) or calendar months,
// as dates in Europe/Amsterdam. Pure date arithmetic on IsoDate.
import type { IsoDate } from '../../workflows/domain.js';
import { addDays, daysBetween, isoDateFromParts, weekdayOf } from '../../workflows/policy/dates.js';

export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

export interface Period {
  start: IsoDate;
  /** The last day of the period, inclusive. */
  end: IsoDate;
}

/** The first day of the period that holds `date`. */
export function periodStartOf(date: IsoDate, interval: Interval): IsoDate {
  if (interval === 'day') return date;
  if (interval === 'week') return addDays(date, 1 - weekdayOf(date));
  return `${date.slice(0, 7)}-01`;
}

function nextStart(start: IsoDate, interval: Interval): IsoDate {
  if (interval === 'day') return addDays(start, 1);
  if (interval === 'week') return addDays(start, 7);
  const [year, month] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
  return isoDateFromParts(year, month + 1, 1);
}

/** The period that holds `date`. */
export function periodOf(date: IsoDate, interval: Interval): Period {
  const start = periodStartOf(date, interval);
  return { start, end: addDays(nextStart(start, interval), -1) };
}

/** The period just before `period`. */
export const previousPeriod = (period: Period, interval: Interval): Period =>
  periodOf(addDays(period.start, -1), interval);

/** Every period that holds a day from `from` to `to`, oldest first. */
export function periodsCovering(from: IsoDate, to: IsoDate, interval: Interval): Period[] {
  const periods: Period[] = [];
  for (let period = periodOf(from, interval); period.start <= to; ) {
    periods.push(period);
    period = periodOf(nextStart(period.start, interval), interval);
  }
  return periods;
}

/** Days in a period, both ends included. */
export const daysIn = (period: Period): number => daysBetween(period.start, period.end) + 1;
