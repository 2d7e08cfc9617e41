import { describe, expect, it } from 'vitest';
import type { PaydayPattern } from '../../workflows/domain.js';
import {
  type AlignOptions,
  addDays,
  alignSendTime,
  DEFAULT_PAYDAY,
  daysBetween,
  fnv1a32,
  fromAmsterdamLocal,
  isContactDay,
  isoDateOf,
  nextPayday,
  paydayOnOrBefore,
  toAmsterdamParts,
  weekdayOf,
} from '../../workflows/policy/calendar.js';

describe('date utilities', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-04-20', 0, '2026-04-20'],
  ])('addDays(%s, %i) = %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it.each([
    ['2026-01-01', '2026-01-01', 0],
    ['2026-01-01', '2027-01-01', 365],
    ['2024-01-01', '2025-01-01', 366],
    ['2026-04-25', '2026-04-20', -5],
  ])('daysBetween(%s, %s) = %i', (a, b, expected) => {
    expect(daysBetween(a, b)).toBe(expected);
  });

  it.each([
    ['1970-01-01', 4],
    ['2026-03-29', 7],
    ['2026-04-20', 1],
    ['2026-04-25', 6],
  ])('weekdayOf(%s) = %i', (date, expected) => {
    expect(weekdayOf(date)).toBe(expected);
  });

  it('isoDateOf gives the UTC date', () => {
    expect(isoDateOf(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it.each(['2026-02-30', '2026-13-01', '26-01-01', 'tomorrow'])('rejects the non-date %s', (bad) => {
    expect(() => addDays(bad, 1)).toThrow(RangeError);
  });
});

describe('Europe/Amsterdam time', () => {
  it.each([
    ['2026-01-15T12:00:00Z', { date: '2026-01-15', hour: 13, minute: 0, weekday: 4 }],
    ['2026-07-15T12:00:00Z', { date: '2026-07-15', hour: 14, minute: 0, weekday: 3 }],
    // Spring forward on Sunday 2026-03-29 at 01:00 UTC: 01:59 CET is followed by 03:00 CEST.
    ['2026-03-29T00:59:00Z', { date: '2026-03-29', hour: 1, minute: 59, weekday: 7 }],
    ['2026-03-29T01:00:00Z', { date: '2026-03-29', hour: 3, minute: 0, weekday: 7 }],
    // Fall back on Sunday 2026-10-25 at 01:00 UTC: 02:59 CEST is followed by 02:00 CET.
    ['2026-10-25T00:59:00Z', { date: '2026-10-25', hour: 2, minute: 59, weekday: 7 }],
    ['2026-10-25T01:00:00Z', { date: '2026-10-25', hour: 2, minute: 0, weekday: 7 }],
    ['2026-12-31T23:30:00Z', { date: '2027-01-01', hour: 0, minute: 30, weekday: 5 }],
  ])('toAmsterdamParts(%s)', (instant, expected) => {
    expect(toAmsterdamParts(new Date(instant))).toEqual(expected);
  });

  it.each([
    ['2026-01-15', 9, 30, '2026-01-15T08:30:00.000Z'],
    ['2026-07-15', 9, 30, '2026-07-15T07:30:00.000Z'],
    ['2026-03-29', 1, 59, '2026-03-29T00:59:00.000Z'],
    ['2026-03-29', 2, 30, '2026-03-29T01:30:00.000Z'], // in the spring gap: moved an hour forward
    ['2026-03-29', 3, 0, '2026-03-29T01:00:00.000Z'],
    ['2026-10-25', 2, 30, '2026-10-25T00:30:00.000Z'], // in the autumn overlap: the earlier instant
    ['2026-10-25', 3, 0, '2026-10-25T02:00:00.000Z'],
    ['2027-01-01', 0, 30, '2026-12-31T23:30:00.000Z'],
  ])('fromAmsterdamLocal(%s, %i, %i) = %s', (date, hour, minute, expected) => {
    expect(fromAmsterdamLocal(date, hour, minute).toISOString()).toBe(expected);
  });

  it.each(['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-25', '2026-10-26'])(
    'round-trips every quarter hour outside the gap on %s',
    (date) => {
      for (let minuteOfDay = 0; minuteOfDay < 24 * 60; minuteOfDay += 15) {
        const [hour, minute] = [Math.floor(minuteOfDay / 60), minuteOfDay % 60];
        if (date === '2026-03-29' && hour === 2) continue;
        const parts = toAmsterdamParts(fromAmsterdamLocal(date, hour, minute));
        expect([parts.date, parts.hour, parts.minute]).toEqual([date, hour, minute]);
      }
    },
  );
});

describe('paydays', () => {
  const day25: PaydayPattern = { dayOfMonth: 25 };
  const lastBusinessDay: PaydayPattern = { rule: 'last-business-day' };
  const fridays: PaydayPattern = { rule: 'weekly', weekday: 5 };
  const fourWeekly: PaydayPattern = { rule: 'four-weekly', anchor: '2026-01-09' };

  it.each<[string, PaydayPattern, string, string]>([
    ['25th on a Saturday → Friday', day25, '2026-04-01', '2026-04-24'],
    ['on the payday itself', day25, '2026-04-24', '2026-04-24'],
    ['25th on Whit Monday → Friday before Pentecost', day25, '2026-04-25', '2026-05-22'],
    ['25th on Christmas → 24th', day25, '2026-12-01', '2026-12-24'],
    ['31st clamped to 28 Feb, a Saturday', { dayOfMonth: 31 }, '2026-02-01', '2026-02-27'],
    ['1 Jan 2027 paid on 31 Dec', { dayOfMonth: 1 }, '2026-12-30', '2026-12-31'],
    ['last business day: 31 May is a Sunday', lastBusinessDay, '2026-05-01', '2026-05-29'],
    ['last business day: next month', lastBusinessDay, '2026-05-30', '2026-06-30'],
    ['last business day: 31 Jan is a Saturday', lastBusinessDay, '2026-01-05', '2026-01-30'],
    ['weekly: Monday → Friday', fridays, '2026-04-20', '2026-04-24'],
    ['weekly: on the Friday', fridays, '2026-04-24', '2026-04-24'],
    ['weekly: Saturday → next Friday', fridays, '2026-04-25', '2026-05-01'],
    ['four-weekly: on a cycle day', fourWeekly, '2026-02-06', '2026-02-06'],
    ['four-weekly: day after a cycle day', fourWeekly, '2026-02-07', '2026-03-06'],
    ['four-weekly: before the anchor', fourWeekly, '2025-12-20', '2026-01-09'],
  ])('nextPayday: %s', (_, pattern, from, expected) => {
    expect(nextPayday(pattern, from)).toBe(expected);
  });

  it.each<[string, PaydayPattern, string, string]>([
    ['25th moved to Friday 24th', day25, '2026-04-27', '2026-04-24'],
    ['previous month', day25, '2026-04-23', '2026-03-25'],
    ['1 Jan 2027 paid in 2026', { dayOfMonth: 1 }, '2027-01-02', '2026-12-31'],
    ['last business day', lastBusinessDay, '2026-06-01', '2026-05-29'],
    ['weekly', fridays, '2026-04-23', '2026-04-17'],
    ['four-weekly', fourWeekly, '2026-02-05', '2026-01-09'],
    ['four-weekly before the anchor', fourWeekly, '2025-12-20', '2025-12-12'],
  ])('paydayOnOrBefore: %s', (_, pattern, from, expected) => {
    expect(paydayOnOrBefore(pattern, from)).toBe(expected);
  });

  it.each<PaydayPattern>([{ rule: 'weekly', weekday: 0 }, { rule: 'weekly', weekday: 8 }, { dayOfMonth: 0 }])(
    'rejects the malformed pattern %j',
    (pattern) => {
      expect(() => nextPayday(pattern, '2026-04-01')).toThrow(RangeError);
    },
  );

  it('defaults: consumers on the 25th, business debtors not payday-aligned', () => {
    expect(DEFAULT_PAYDAY).toEqual({ consumer: { dayOfMonth: 25 }, business: null });
  });
});

describe('fnv1a32', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('fnv1a32(%j)', (input, expected) => {
    expect(fnv1a32(input)).toBe(expected);
  });

  it('hashes the UTF-8 bytes', () => {
    const input = 'café € 😀';
    let reference = 0x811c9dc5;
    for (const byte of Buffer.from(input, 'utf8')) reference = Math.imul(reference ^ byte, 0x01000193) >>> 0;
    expect(fnv1a32(input)).toBe(reference);
  });
});

describe('alignSendTime', () => {
  const KEY = 'invoice-42';
  const slotMinute = 9 * 60 + (fnv1a32(KEY) % (9 * 60));
  const slotOn = (date: string) => fromAmsterdamLocal(date, Math.floor(slotMinute / 60), slotMinute % 60);
  const at = (date: string, hour: number, minute: number, second = 0) =>
    new Date(fromAmsterdamLocal(date, hour, minute).getTime() + second * 1000);
  const noPayday: AlignOptions = {
    payday: null,
    maxPaydayWaitDays: 10,
    respectContactHours: true,
    spreadKey: KEY,
  };

  function expectWithinContactRules(sent: Date, earliest: Date): void {
    const local = toAmsterdamParts(sent);
    expect(sent.getTime()).toBeGreaterThanOrEqual(earliest.getTime());
    expect(isContactDay(local.date)).toBe(true);
    expect(local.hour).toBeGreaterThanOrEqual(7);
    expect(local.hour * 60 + local.minute).toBeLessThan(20 * 60);
  }

  it.each([
    ['night (Tue 03:00) → same day', at('2026-03-10', 3, 0), slotOn('2026-03-10')],
    ['just before hours (Tue 06:59) → same day', at('2026-03-10', 6, 59), slotOn('2026-03-10')],
    ['Saturday 21:30 → Monday', at('2026-03-07', 21, 30), slotOn('2026-03-09')],
    ['Sunday noon → Monday', at('2026-03-08', 12, 0), slotOn('2026-03-09')],
    ['late evening, rounded up to the minute', at('2026-03-10', 19, 58, 10), at('2026-03-10', 19, 59)],
    ['19:59 exactly is still allowed', at('2026-03-10', 19, 59), at('2026-03-10', 19, 59)],
    ['19:59:01 rounds to 20:00 → next day', at('2026-03-10', 19, 59, 1), slotOn('2026-03-11')],
    ['20:00 → next day', at('2026-03-10', 20, 0), slotOn('2026-03-11')],
    ['Christmas Eve 2025 (Wed) evening → Saturday 27th', at('2025-12-24', 20, 30), slotOn('2025-12-27')],
    ['Christmas Eve 2026 (Thu) evening → Monday 28th', at('2026-12-24', 21, 0), slotOn('2026-12-28')],
    ['New Year’s Eve → Saturday 2 January', at('2026-12-31', 22, 0), slotOn('2027-01-02')],
    ['Koningsdag (Mon) → Tuesday', at('2026-04-27', 8, 0), slotOn('2026-04-28')],
    // Goede Vrijdag is an Atw holiday (art. 3 lid 2); Easter Saturday is a contact day.
    ['Goede Vrijdag 3 April 2026 → Saturday 4th', at('2026-04-03', 8, 0), slotOn('2026-04-04')],
    ['Thursday evening before Goede Vrijdag → Saturday', at('2026-04-02', 20, 30), slotOn('2026-04-04')],
    // 15 May 2026 is equated with a holiday by decree (Stcrt. 2025, 24713).
    [
      'Hemelvaartsdag 14 May 2026 → Saturday 16th past the bridge day',
      at('2026-05-14', 9, 0),
      slotOn('2026-05-16'),
    ],
    ['bridge day 15 May 2026 → Saturday 16th', at('2026-05-15', 8, 0), slotOn('2026-05-16')],
    ['bridge day 2 January 2026 → Saturday 3rd', at('2026-01-02', 8, 0), slotOn('2026-01-03')],
    [
      'Saturday 4 April 2026 evening → Tuesday 7th past Easter',
      at('2026-04-04', 21, 0),
      slotOn('2026-04-07'),
    ],
    ['DST start (Sun 29 Mar) → Monday in CEST', at('2026-03-29', 10, 0), slotOn('2026-03-30')],
    ['Saturday before DST end, evening → Monday in CET', at('2026-10-24', 21, 0), slotOn('2026-10-26')],
  ])('%s', (_, earliest, expected) => {
    const sent = alignSendTime(earliest, noPayday);
    expect(sent.toISOString()).toBe(expected.toISOString());
    expectWithinContactRules(sent, earliest);
  });

  it('keeps the wall-clock slot across the DST change', () => {
    const summer = alignSendTime(at('2026-10-23', 3, 0), noPayday);
    const winter = alignSendTime(at('2026-10-26', 3, 0), noPayday);
    expect(toAmsterdamParts(summer).hour).toBe(toAmsterdamParts(winter).hour);
    expect(summer.getUTCHours()).toBe(winter.getUTCHours() - 1);
  });

  const consumer: AlignOptions = { ...noPayday, payday: { dayOfMonth: 25 } };
  it.each<[string, Date, AlignOptions, Date]>([
    [
      'payday 25th on Saturday is paid Friday 24th → Saturday 25th',
      at('2026-04-20', 3, 0),
      consumer,
      slotOn('2026-04-25'),
    ],
    ['payday Wed 25 Nov → Thu 26th', at('2026-11-20', 3, 0), consumer, slotOn('2026-11-26')],
    ['on payday itself → the day after', at('2026-11-25', 3, 0), consumer, slotOn('2026-11-26')],
    [
      'on payday itself, max wait 0 → the day after',
      at('2026-11-25', 3, 0),
      { ...consumer, maxPaydayWaitDays: 0 },
      slotOn('2026-11-26'),
    ],
    ['2 days after payday → keep', at('2026-11-27', 3, 0), consumer, slotOn('2026-11-27')],
    ['3 days after payday → keep', at('2026-11-28', 3, 0), consumer, slotOn('2026-11-28')],
    [
      '4 days after, next payday too far; Sunday → Monday',
      at('2026-11-29', 3, 0),
      consumer,
      slotOn('2026-11-30'),
    ],
    ['payday too far away (15 days) → keep', at('2026-11-10', 3, 0), consumer, slotOn('2026-11-10')],
    [
      'paid 24 Dec, Christmas and Sunday follow → Monday 28th',
      at('2026-12-21', 3, 0),
      consumer,
      slotOn('2026-12-28'),
    ],
    [
      'weekly Friday payday, 4 days after the last → Saturday',
      at('2026-04-21', 3, 0),
      { ...noPayday, payday: { rule: 'weekly', weekday: 5 } },
      slotOn('2026-04-25'),
    ],
    [
      'weekly Friday payday, 3 days after the last → keep',
      at('2026-04-20', 3, 0),
      { ...noPayday, payday: { rule: 'weekly', weekday: 5 } },
      slotOn('2026-04-20'),
    ],
    [
      'last business day 30 Apr 2026 → 1 May',
      at('2026-04-28', 3, 0),
      { ...noPayday, payday: { rule: 'last-business-day' } },
      slotOn('2026-05-01'),
    ],
    [
      'business debtor: no payday',
      at('2026-04-20', 3, 0),
      { ...noPayday, payday: DEFAULT_PAYDAY.business },
      slotOn('2026-04-20'),
    ],
  ])('%s', (_, earliest, opts, expected) => {
    const sent = alignSendTime(earliest, opts);
    expect(sent.toISOString()).toBe(expected.toISOString());
    expectWithinContactRules(sent, earliest);
  });

  it('returns earliest unchanged when contact hours are not respected (demo policy)', () => {
    const sundayNight = at('2026-03-08', 3, 0);
    expect(alignSendTime(sundayNight, { ...consumer, respectContactHours: false })).toBe(sundayNight);
  });

  it('spreads deterministically, differently per key, within 09:00–18:00 when earliest is early', () => {
    const earliest = at('2026-03-10', 6, 0);
    const minutes = new Set<number>();
    for (let i = 0; i < 200; i++) {
      const opts = { ...noPayday, spreadKey: `invoice-${i}` };
      const sent = alignSendTime(earliest, opts);
      expect(alignSendTime(earliest, opts).getTime()).toBe(sent.getTime());
      const local = toAmsterdamParts(sent);
      expect(local.date).toBe('2026-03-10');
      expect(local.hour).toBeGreaterThanOrEqual(9);
      expect(local.hour).toBeLessThan(18);
      minutes.add(local.hour * 60 + local.minute);
    }
    expect(minutes.size).toBeGreaterThan(100);
    expect(alignSendTime(earliest, { ...noPayday, spreadKey: 'invoice-1' })).not.toEqual(
      alignSendTime(earliest, { ...noPayday, spreadKey: 'invoice-2' }),
    );
  });
});
