// TARGET2 (since March 2023: T2) closing days: SEPA direct debits settle only on TARGET2 business days,
// so a collection is never due on one of these days. Dated, sourced data; pure (runs in the workflow).
import type { IsoDate } from '../../domain.js';
import { addDays, weekdayOf } from '../calendar.js';
import { easterSunday } from './holidays.js';

/** A closing day recurs every year: on a fixed date, or a number of days from Easter Sunday. */
export type ClosingDayRule = { fixed: { month: number; day: number } } | { easterOffsetDays: number };

export interface Target2ClosingDay {
  name: string;
  rule: ClosingDayRule;
  /** The first day the rule applies. */
  validFrom: IsoDate;
  source: string;
}

const LONG_TERM_CALENDAR =
  'ECB Governing Council, long-term calendar for TARGET closing days (press release 14 December 2000), ' +
  'https://www.ecb.europa.eu/press/pr/date/2000/html/pr001214_4.en.html; unchanged on the ECB’s ' +
  'TARGET2 calendar page, https://www.ecb.europa.eu/paym/target/target2/profuse/calendar/html/index.en.html';

/** Besides Saturdays and Sundays, TARGET2 is closed on these days "from 2002 until further notice". */
export const TARGET2_CLOSING_DAYS: readonly Target2ClosingDay[] = [
  {
    name: 'New Year’s Day',
    rule: { fixed: { month: 1, day: 1 } },
    validFrom: '2002-01-01',
    source: LONG_TERM_CALENDAR,
  },
  {
    name: 'Good Friday',
    rule: { easterOffsetDays: -2 },
    validFrom: '2002-01-01',
    source: LONG_TERM_CALENDAR,
  },
  {
    name: 'Easter Monday',
    rule: { easterOffsetDays: 1 },
    validFrom: '2002-01-01',
    source: LONG_TERM_CALENDAR,
  },
  {
    name: 'Labour Day',
    rule: { fixed: { month: 5, day: 1 } },
    validFrom: '2002-01-01',
    source: LONG_TERM_CALENDAR,
  },
  {
    name: 'Christmas Day',
    rule: { fixed: { month: 12, day: 25 } },
    validFrom: '2002-01-01',
    source: LONG_TERM_CALENDAR,
  },
  {
    name: '26 December',
    rule: { fixed: { month: 12, day: 26 } },
    validFrom: '2002-01-01',
    source: LONG_TERM_CALENDAR,
  },
];

function dateOf(rule: ClosingDayRule, year: number): IsoDate {
  if ('fixed' in rule)
    return `${year}-${String(rule.fixed.month).padStart(2, '0')}-${String(rule.fixed.day).padStart(2, '0')}`;
  return addDays(easterSunday(year), rule.easterOffsetDays);
}

/** The closing day falling on `date`, if any (weekends aside). */
export function target2ClosingDay(date: IsoDate): Target2ClosingDay | undefined {
  const year = Number(date.slice(0, 4));
  return TARGET2_CLOSING_DAYS.find((day) => date >= day.validFrom && dateOf(day.rule, year) === date);
}

export function isTarget2BusinessDay(date: IsoDate): boolean {
  return weekdayOf(date) <= 5 && target2ClosingDay(date) === undefined;
}

/** `date` itself when TARGET2 is open, else the next day it is. */
export function nextTarget2BusinessDay(date: IsoDate): IsoDate {
  let day = date;
  while (!isTarget2BusinessDay(day)) day = addDays(day, 1);
  return day;
}
