// Algemeen erkende feestdagen of the Algemene termijnenwet (Atw, BWBR0002448), art. 3: computed days
// (lid 1 and Goede Vrijdag, lid 2) and, as explicit dated data, the days that a Royal Decree equates
// with them (lid 3; published in the Staatscourant, usually one decree for three years).
//
// Why they matter for dunning: Besluit kwaliteit incassodienstverlening (Stb. 2024, 44), art. 4.2 lid 2:
// the debtor is not approached by electronic, physical or telephone means on a Sunday or on an
// algemeen erkende feestdag as meant in the Algemene termijnenwet; this includes the equated days.
//
// To add a decree: append an entry to EQUATED_DAY_DECREES with its title, Staatscourant number and URL,
// the years it covers and its days; the staleness check then moves on by itself.

import type { IsoDate } from '../../domain.js';
import { addDays, isoDateFromParts, weekdayOf, yearOf } from '../dates.js';
import type { LegalTableValidity } from './staleness.js';

const ATW = 'Algemene termijnenwet art. 3, https://wetten.overheid.nl/BWBR0002448';

export interface EquatedDaysDecree {
  title: string;
  /** Staatscourant number and official URL. */
  source: string;
  /** Calendar years the decree settles (also years in which it equates no day). */
  years: { from: number; to: number };
  days: readonly IsoDate[];
}

/** Atw art. 3 lid 3 decrees, oldest first. */
export const EQUATED_DAY_DECREES: readonly EquatedDaysDecree[] = [
  {
    title:
      'Besluit gelijkstelling van 28 april 2023, 19 mei 2023, 10 mei 2024, 27 december 2024 en 30 mei 2025 met een algemeen erkende feestdag',
    source: 'Stcrt. 2022, 7812, https://zoek.officielebekendmakingen.nl/stcrt-2022-7812.html',
    years: { from: 2023, to: 2025 },
    days: ['2023-04-28', '2023-05-19', '2024-05-10', '2024-12-27', '2025-05-30'],
  },
  {
    title:
      'Besluit gelijkstelling van 2 januari 2026, 15 mei 2026, 7 mei 2027, 28 april 2028 en 26 mei 2028 met een algemeen erkende feestdag',
    source: 'Stcrt. 2025, 24713, https://zoek.officielebekendmakingen.nl/stcrt-2025-24713.html',
    years: { from: 2026, to: 2028 },
    days: ['2026-01-02', '2026-05-15', '2027-05-07', '2028-04-28', '2028-05-26'],
  },
];

export interface AtwHoliday {
  date: IsoDate;
  name: string;
  /** Lid 1 days are the recognised holidays proper; lid 2 and lid 3 days are equated with them. */
  basis: 'atw-3-1' | 'atw-3-2' | 'atw-3-3';
  source: string;
}

/** Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return isoDateFromParts(year, month, day);
}

/**
 * "De dag waarop de verjaardag van de Koning wordt gevierd": Koningsdag, 27 April since 2014, except
 * that a Sunday moves it to Saturday the 26th (Besluit van 30 januari 2013, Stcrt. 2013, 4075).
 */
function kingsDay(year: number): IsoDate {
  const april27 = isoDateFromParts(year, 4, 27);
  return weekdayOf(april27) === 7 ? addDays(april27, -1) : april27;
}

function computedHolidays(year: number): AtwHoliday[] {
  const easter = easterSunday(year);
  const lid1 = (date: IsoDate, name: string): AtwHoliday => ({
    date,
    name,
    basis: 'atw-3-1',
    source: `${ATW} lid 1`,
  });
  return [
    lid1(isoDateFromParts(year, 1, 1), 'Nieuwjaarsdag'),
    { date: addDays(easter, -2), name: 'Goede Vrijdag', basis: 'atw-3-2', source: `${ATW} lid 2` },
    lid1(addDays(easter, 1), 'Tweede Paasdag'),
    lid1(kingsDay(year), 'Koningsdag (Stcrt. 2013, 4075)'),
    lid1(isoDateFromParts(year, 5, 5), 'Vijfde mei'),
    lid1(addDays(easter, 39), 'Hemelvaartsdag'),
    lid1(addDays(easter, 50), 'Tweede Pinksterdag'),
    lid1(isoDateFromParts(year, 12, 25), 'Eerste Kerstdag'),
    lid1(isoDateFromParts(year, 12, 26), 'Tweede Kerstdag'),
  ];
}

function equatedDays(year: number): AtwHoliday[] {
  return EQUATED_DAY_DECREES.flatMap((decree) =>
    decree.days
      .filter((date) => yearOf(date) === year)
      .map((date) => ({
        date,
        name: decree.title,
        basis: 'atw-3-3' as const,
        source: `${ATW} lid 3; ${decree.source}`,
      })),
  );
}

/** All algemeen erkende feestdagen and equated days of a year, by date. */
export function atwHolidays(year: number): AtwHoliday[] {
  return [...computedHolidays(year), ...equatedDays(year)].sort((a, b) =>
    a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
  );
}

const holidayCache = new Map<number, ReadonlyMap<IsoDate, AtwHoliday>>();

/** The Atw holiday on `date`, if any. */
export function atwHolidayOn(date: IsoDate): AtwHoliday | undefined {
  const year = yearOf(date);
  let holidays = holidayCache.get(year);
  if (!holidays) {
    holidays = new Map(atwHolidays(year).map((holiday) => [holiday.date, holiday]));
    holidayCache.set(year, holidays);
  }
  return holidays.get(date);
}

/** The last year that a decree has settled (decrees follow each other without gaps). */
export const EQUATED_DAYS_KNOWN_THROUGH = Math.max(...EQUATED_DAY_DECREES.map((decree) => decree.years.to));

/**
 * Stale from 1 January of the last settled year: from then on the coming twelve months reach into a
 * year for which no decree is known, so a bridge day could be missed.
 */
export const HOLIDAYS_VALIDITY: LegalTableValidity = {
  table: 'holidays',
  staleFrom: isoDateFromParts(EQUATED_DAYS_KNOWN_THROUGH, 1, 1),
  reason: `no Atw art. 3 lid 3 decree (gelijkstelling van dagen met erkende feestdagen, Staatscourant) is known for ${EQUATED_DAYS_KNOWN_THROUGH + 1}: add it to workflows/policy/legal/holidays.ts`,
};
