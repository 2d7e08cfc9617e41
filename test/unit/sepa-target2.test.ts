// SEPA's dated rules: TARGET2 closing days (ECB long-term calendar) and the pre-notification lead time
// (EPC SDD Core Rulebook). Vectors from the sources: the six closing days besides weekends, 2026.
import { describe, expect, it } from 'vitest';
import { easterSunday } from '../../workflows/policy/legal/holidays.js';
import {
  isTimelyPreNotification,
  preNotificationDays,
  SEPA_PRE_NOTIFICATION,
} from '../../workflows/policy/legal/sepa.js';
import {
  isTarget2BusinessDay,
  nextTarget2BusinessDay,
  TARGET2_CLOSING_DAYS,
  target2ClosingDay,
} from '../../workflows/policy/legal/target2.js';

describe('TARGET2 closing days', () => {
  it.each([
    ['2026-01-01', 'New Year’s Day'],
    ['2026-04-03', 'Good Friday'],
    ['2026-04-06', 'Easter Monday'],
    ['2026-05-01', 'Labour Day'],
    ['2026-12-25', 'Christmas Day'],
    ['2026-12-26', '26 December'],
    ['2027-03-26', 'Good Friday'],
    ['2027-03-29', 'Easter Monday'],
  ])('%s is closed (%s)', (date, name) => {
    expect(target2ClosingDay(date)?.name).toBe(name);
    expect(isTarget2BusinessDay(date)).toBe(false);
  });

  it.each([
    ['2026-04-02', true], // Maundy Thursday
    ['2026-04-04', false], // Saturday
    ['2026-04-05', false], // Easter Sunday
    ['2026-04-07', true],
    ['2026-04-27', true], // King's Day: Dutch holiday only
    ['2026-05-05', true], // Liberation Day: Dutch only
    ['2026-05-14', true], // Ascension Day: Dutch only
    ['2026-05-25', true], // Whit Monday: Dutch only
    ['2026-12-24', true],
    ['2026-12-31', true],
  ])('%s open: %s', (date, open) => {
    expect(isTarget2BusinessDay(date)).toBe(open);
  });

  it.each([
    ['2026-04-03', '2026-04-07'], // Good Friday → over the weekend and Easter Monday
    ['2026-04-06', '2026-04-07'],
    ['2026-05-01', '2026-05-04'], // a Friday
    ['2026-12-25', '2026-12-28'], // Friday, Saturday 26th, Sunday
    ['2027-01-01', '2027-01-04'],
    ['2026-11-28', '2026-11-30'], // a weekend
    ['2026-11-27', '2026-11-27'], // open: itself
  ])('a collection on %s moves to %s', (date, next) => {
    expect(nextTarget2BusinessDay(date)).toBe(next);
  });

  it('Easter 2026 falls on 5 April (the rules count from it)', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
  });

  it('names its source and the date each rule applies from', () => {
    expect(TARGET2_CLOSING_DAYS).toHaveLength(6);
    for (const day of TARGET2_CLOSING_DAYS) {
      expect(day.validFrom).toBe('2002-01-01');
      expect(day.source).toContain('https://www.ecb.europa.eu/');
    }
  });
});

describe('SEPA pre-notification', () => {
  it('is 14 calendar days unless the mandate terms agree another period', () => {
    expect(SEPA_PRE_NOTIFICATION.defaultDays).toBe(14);
    expect(preNotificationDays(undefined)).toBe(14);
    expect(preNotificationDays(5)).toBe(5);
  });

  it.each([
    ['2026-11-13', '2026-11-27', undefined, true],
    ['2026-11-14', '2026-11-27', undefined, false],
    ['2026-11-22', '2026-11-27', 5, true],
    ['2026-11-23', '2026-11-27', 5, false],
  ])('notice %s for a collection on %s (agreed %s days): timely %s', (notice, collection, agreed, ok) => {
    expect(isTimelyPreNotification(notice, collection, agreed)).toBe(ok);
  });
});
