// Countback DSO and the periods it walks: hand-worked cases, including the edges (nothing owed, a
// balance older than every sale, a running period, ISO weeks across a year and months across February).
import { describe, expect, it } from 'vitest';
import { countbackDso } from '../../api/reports/countback.js';
import { periodOf, periodsCovering, previousPeriod } from '../../api/reports/periods.js';
import { countbackPeriods } from '../../api/reports/receivables.js';

describe('countbackDso', () => {
  it('counts whole periods while the balance covers their sales, then the share of the last', () => {
    // 1000 owed; 700 sold in the newest 28-day period, 1500 in the 31-day one before: 28 + 300/1500 × 31.
    expect(
      countbackDso(100_000, [
        { days: 28, salesCents: 70_000 },
        { days: 31, salesCents: 150_000 },
      ]),
    ).toBe(34.2);
  });

  it('is 0 with nothing owed, and every period walked when the balance outlives the history', () => {
    expect(countbackDso(0, [{ days: 30, salesCents: 10_000 }])).toBe(0);
    expect(
      countbackDso(50_000, [
        { days: 30, salesCents: 0 },
        { days: 31, salesCents: 10_000 },
      ]),
    ).toBe(61);
  });
});

describe('periods', () => {
  it('cuts ISO weeks (Monday first) across a new year and months across February', () => {
    expect(periodOf('2026-01-01', 'week')).toEqual({ start: '2025-12-29', end: '2026-01-04' });
    expect(previousPeriod(periodOf('2026-03-15', 'month'), 'month')).toEqual({
      start: '2026-02-01',
      end: '2026-02-28',
    });
    expect(periodsCovering('2026-01-31', '2026-03-01', 'month').map((period) => period.start)).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
    ]);
  });

  it('walks back to the first period with sales, the running one counted up to the day', () => {
    const sales = [
      { periodStart: '2026-01-01', salesCents: 150_000 },
      { periodStart: '2026-03-01', salesCents: 60_000 },
    ];
    expect(countbackPeriods('2026-04-15', 'month', sales)).toEqual([
      { days: 15, salesCents: 0 },
      { days: 31, salesCents: 60_000 },
      { days: 28, salesCents: 0 },
      { days: 31, salesCents: 150_000 },
    ]);
  });
});
