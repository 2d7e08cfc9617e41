import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../workflows/policy/dates.js';
import { learnPayday, MIN_CONFIDENCE } from '../../workflows/policy/learned-payday.js';

const paid = (...dates: string[]) => dates.map((paidOn) => ({ paidOn }));

describe('learnPayday', () => {
  it('recovers a day of month, with weekend and Christmas shifts to the business day before', () => {
    // Paydays of the 25th in 2025: 24 Jan (Sat 25th), 23 May (Sun 25th), 24 Oct, 24 Dec (Christmas).
    // Payments lie 0–2 days after them; the Monday after 24 Jan and after 23 May included.
    const history = paid(
      '2025-01-27',
      '2025-02-25',
      '2025-03-26',
      '2025-04-25',
      '2025-05-26',
      '2025-06-25',
      '2025-07-27',
      '2025-08-25',
      '2025-09-26',
      '2025-10-24',
      '2025-11-25',
      '2025-12-24',
    );
    const learned = learnPayday(history);
    expect(learned.pattern).toEqual({ dayOfMonth: 25 });
    expect(learned.confidence).toBeCloseTo(12 / 14, 2);
    expect(learned.basedOn).toBe(12);
  });

  it('recovers the last business day of the month', () => {
    const history = paid(
      '2025-01-31',
      '2025-02-28',
      '2025-03-31',
      '2025-04-30',
      '2025-05-30',
      '2025-06-30',
      '2025-07-31',
      '2025-08-29',
      '2025-09-30',
      '2025-10-31',
    );
    expect(learnPayday(history).pattern).toEqual({ rule: 'last-business-day' });
  });

  it('recovers a four-weekly cycle', () => {
    const anchor = '2025-01-09';
    const history = paid(
      ...Array.from({ length: 10 }, (_, i) => addDays(anchor, 28 * i + (i % 3 === 0 ? 1 : 0))),
    );
    const learned = learnPayday(history);
    expect(learned.pattern).toEqual({ rule: 'four-weekly', anchor });
    expect(learned.confidence).toBeCloseTo(10 / 12, 2);
  });

  it('noise lowers the confidence', () => {
    const clean = paid('2025-01-27', '2025-02-25', '2025-03-26', '2025-04-25', '2025-05-26', '2025-06-25');
    const noisy = [...clean, ...paid('2025-02-10', '2025-04-08', '2025-06-12')];
    const a = learnPayday(clean);
    const b = learnPayday(noisy);
    expect(b.pattern).toEqual({ dayOfMonth: 25 });
    expect(b.confidence).toBeLessThan(a.confidence);
    expect(b.confidence).toBeCloseTo((6 / 9) * (9 / 11), 2);
  });

  it('too few payments give no pattern', () => {
    expect(learnPayday([]).pattern).toBeNull();
    const two = learnPayday(paid('2025-01-24', '2025-02-25'));
    expect(two).toEqual({ pattern: null, confidence: 0, preferredWeekdays: [], basedOn: 2 });
    // Payments on one day are one payday event.
    expect(learnPayday(paid('2025-01-24', '2025-01-24', '2025-02-25')).basedOn).toBe(2);
  });

  it('scattered dates give no pattern', () => {
    const scattered = paid(
      '2025-01-03',
      '2025-02-17',
      '2025-03-09',
      '2025-04-21',
      '2025-05-12',
      '2025-06-02',
    );
    expect(learnPayday(scattered).pattern).toBeNull();
  });

  it('preferred weekdays: clearly above the uniform share', () => {
    // Fridays (5) mostly, one Tuesday.
    const learned = learnPayday(paid('2025-01-03', '2025-01-10', '2025-02-07', '2025-03-14', '2025-04-01'));
    expect(learned.preferredWeekdays).toEqual([5]);
  });

  it('property: random histories rarely reach a pattern; answers stay in range and are deterministic', () => {
    let patterns = 0;
    let runs = 0;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 365 }), { minLength: 6, maxLength: 24 }), (offsets) => {
        const history = paid(...offsets.map((o) => addDays('2025-01-01', o)));
        const learned = learnPayday(history);
        runs++;
        if (learned.pattern) patterns++;
        expect(learned.confidence).toBeGreaterThanOrEqual(0);
        expect(learned.confidence).toBeLessThanOrEqual(1);
        expect(learned.pattern === null || learned.confidence >= MIN_CONFIDENCE).toBe(true);
        expect(learnPayday([...history].reverse())).toEqual(learned);
      }),
      { seed: 16, numRuns: 100 },
    );
    expect(patterns / runs).toBeLessThan(0.1);
  });
});
