// The no-contact calendar's legal data: the algemeen erkende feestdagen of the Algemene termijnenwet
// art. 3 (lid 1 computed, lid 2 Goede Vrijdag) and the days equated with them by decree (lid 3):
// Stcrt. 2022, 7812 (2023–2025) and Stcrt. 2025, 24713 (2026–2028). Vectors: the decrees' own dates
// and the Atw's list applied to each year's calendar.
import { describe, expect, it } from 'vitest';
import { isBankBusinessDay, isContactDay } from '../../workflows/policy/calendar.js';
import {
  atwHolidayOn,
  atwHolidays,
  EQUATED_DAY_DECREES,
  easterSunday,
  HOLIDAYS_VALIDITY,
} from '../../workflows/policy/legal/holidays.js';

describe('Easter (computus)', () => {
  it.each([
    [2008, '2008-03-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ])('Easter %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });
});

describe('Algemene termijnenwet art. 3 holidays', () => {
  it.each<[number, [string, string][]]>([
    [
      2025,
      [
        ['2025-01-01', 'atw-3-1'], // Nieuwjaarsdag
        ['2025-04-18', 'atw-3-2'], // Goede Vrijdag
        ['2025-04-21', 'atw-3-1'], // Tweede Paasdag
        ['2025-04-26', 'atw-3-1'], // Koningsdag: the 27th is a Sunday
        ['2025-05-05', 'atw-3-1'], // vijfde mei
        ['2025-05-29', 'atw-3-1'], // Hemelvaartsdag
        ['2025-05-30', 'atw-3-3'], // Stcrt. 2022, 7812
        ['2025-06-09', 'atw-3-1'], // Tweede Pinksterdag
        ['2025-12-25', 'atw-3-1'],
        ['2025-12-26', 'atw-3-1'],
      ],
    ],
    [
      2026,
      [
        ['2026-01-01', 'atw-3-1'],
        ['2026-01-02', 'atw-3-3'], // Stcrt. 2025, 24713
        ['2026-04-03', 'atw-3-2'],
        ['2026-04-06', 'atw-3-1'],
        ['2026-04-27', 'atw-3-1'],
        ['2026-05-05', 'atw-3-1'],
        ['2026-05-14', 'atw-3-1'],
        ['2026-05-15', 'atw-3-3'], // Stcrt. 2025, 24713
        ['2026-05-25', 'atw-3-1'],
        ['2026-12-25', 'atw-3-1'],
        ['2026-12-26', 'atw-3-1'],
      ],
    ],
    [
      2027,
      [
        ['2027-01-01', 'atw-3-1'],
        ['2027-03-26', 'atw-3-2'],
        ['2027-03-29', 'atw-3-1'],
        ['2027-04-27', 'atw-3-1'],
        ['2027-05-05', 'atw-3-1'],
        ['2027-05-06', 'atw-3-1'],
        ['2027-05-07', 'atw-3-3'], // Stcrt. 2025, 24713
        ['2027-05-17', 'atw-3-1'],
        ['2027-12-25', 'atw-3-1'],
        ['2027-12-26', 'atw-3-1'],
      ],
    ],
  ])('the holidays of %i', (year, expected) => {
    expect(atwHolidays(year).map((holiday) => [holiday.date, holiday.basis])).toEqual(expected);
  });

  it('names a source for every day', () => {
    for (const year of [2025, 2026, 2027, 2028])
      for (const holiday of atwHolidays(year))
        expect(holiday.source).toMatch(/Algemene termijnenwet art\. 3/);
    expect(atwHolidayOn('2026-05-15')?.source).toMatch(/Stcrt\. 2025, 24713/);
    expect(atwHolidayOn('2024-12-27')?.source).toMatch(/Stcrt\. 2022, 7812/);
  });

  it.each([
    [2023, ['2023-04-28', '2023-05-19']],
    [2024, ['2024-05-10', '2024-12-27']],
    [2028, ['2028-04-28', '2028-05-26']],
  ])('the equated days of %i', (year, expected) => {
    expect(
      atwHolidays(year)
        .filter((h) => h.basis === 'atw-3-3')
        .map((h) => h.date),
    ).toEqual(expected);
  });

  it('has decrees that follow each other without a gap', () => {
    for (let i = 1; i < EQUATED_DAY_DECREES.length; i++)
      expect(EQUATED_DAY_DECREES[i]!.years.from).toBe(EQUATED_DAY_DECREES[i - 1]!.years.to + 1);
    for (const decree of EQUATED_DAY_DECREES)
      for (const day of decree.days) {
        const year = Number(day.slice(0, 4));
        expect(year).toBeGreaterThanOrEqual(decree.years.from);
        expect(year).toBeLessThanOrEqual(decree.years.to);
      }
  });

  it('is stale from 1 January of the last year a decree settles', () => {
    expect(HOLIDAYS_VALIDITY).toMatchObject({ table: 'holidays', staleFrom: '2028-01-01' });
    expect(HOLIDAYS_VALIDITY.reason).toMatch(/2029/);
  });
});

describe('contact days and bank business days are different calendars', () => {
  it.each([
    // date, contact day (Bki art. 4.2 lid 2), bank business day (payday roll-back, collections)
    ['2026-04-03', false, true], // Goede Vrijdag: no contact, banks pay
    ['2026-05-15', false, true], // bridge day: no contact, banks pay
    ['2026-01-02', false, true], // bridge day
    ['2027-05-07', false, true], // bridge day
    ['2026-05-14', false, false], // Hemelvaartsdag
    ['2026-04-27', false, false], // Koningsdag
    ['2026-04-04', true, false], // Saturday: contact allowed, no bank day
    ['2026-04-05', false, false], // Easter Sunday
    ['2026-05-13', true, true], // an ordinary Wednesday
  ])('%s: contact %s, bank %s', (date, contact, bank) => {
    expect(isContactDay(date)).toBe(contact);
    expect(isBankBusinessDay(date)).toBe(bank);
  });
});
