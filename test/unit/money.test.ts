import { describe, expect, it } from 'vitest';
import {
  businessCollectionCosts,
  formatAmount,
  parseAmount,
  statutoryCollectionCosts,
  statutoryInterest,
} from '../../workflows/policy/money.js';

describe('parseAmount', () => {
  it.each([
    ['123.45', 12345],
    ['123.4', 12340],
    ['123', 12300],
    ['0.01', 1],
    ['0', 0],
    ['007.50', 750],
    ['10000000000.00', 1_000_000_000_000], // exactly the 1e12-cent limit
  ])('parses %j as %i cents', (input, expected) => {
    expect(parseAmount(input)).toBe(expected);
  });

  it.each([
    '',
    '1.234',
    '-1',
    '+1',
    '1e3',
    '1E3',
    '1.',
    '.5',
    ' 1',
    '1 ',
    '1,00',
    'abc',
    'NaN',
    'Infinity',
    '0x10',
    '10000000000.01',
    '99999999999999',
  ])('rejects %j', (input) => {
    expect(parseAmount(input)).toBeUndefined();
  });
});

describe('formatting', () => {
  it.each([
    [12345, '123.45'],
    [5, '0.05'],
    [0, '0.00'],
    [100, '1.00'],
    [-150, '-1.50'],
  ])('formatAmount(%i) = %s', (cents, expected) => {
    expect(formatAmount(cents)).toBe(expected);
  });

  it('refuses fractional cents', () => {
    expect(() => formatAmount(1.5)).toThrow(RangeError);
  });
});

describe('statutory collection costs (WIK scale)', () => {
  it.each([
    // principal, costs, 21% VAT
    [10_000, 4_000, 840], // €100: 15% = €15, raised to the €40 minimum
    [26_700, 4_005, 841], // €267: 15% = €40.05; VAT €8.4105 → €8.41
    [250_000, 37_500, 7_875], // €2,500: 15%
    [300_000, 42_500, 8_925], // €3,000: €375 + 10% of €500
    [500_000, 62_500, 13_125], // €5,000: €375 + €250
    [1_000_000, 87_500, 18_375], // €10,000: + 5% of €5,000
    [20_000_000, 277_500, 58_275], // €200,000: + 1% of €190,000
    [100_000_000, 677_500, 142_275], // €1,000,000: + 0.5% of €800,000 = exactly the €6,775 maximum
    [200_000_000, 677_500, 142_275], // capped at the maximum
  ])('principal %i cents → costs %i, VAT %i', (principal, costs, vat) => {
    expect(statutoryCollectionCosts(principal)).toEqual({ costsCents: costs, vatCents: 0 });
    expect(statutoryCollectionCosts(principal, { vatRatePercent: 21 })).toEqual({
      costsCents: costs,
      vatCents: vat,
    });
  });

  it.each([
    [26_703, 4_005], // 4005.45 → down
    [26_710, 4_007], // 4006.5 → half up
    [0, 0], // nothing owed, nothing to collect
  ])('rounds half-up: principal %i → %i', (principal, costs) => {
    expect(statutoryCollectionCosts(principal).costsCents).toBe(costs);
  });

  it('applies other VAT rates with half-up rounding', () => {
    // 9% of €40.05 = €3.6045 → €3.60
    expect(statutoryCollectionCosts(26_700, { vatRatePercent: 9 }).vatCents).toBe(360);
  });

  it('rejects impossible VAT rates', () => {
    expect(() => statutoryCollectionCosts(10_000, { vatRatePercent: -1 })).toThrow(RangeError);
  });

  it.each<
    [string, number, Parameters<typeof businessCollectionCosts>[1], number | undefined, number, number]
  >([
    // The scale applies to business claims too (Besluit art. 1–2): €3,000 → 15% × 2500 + 10% × 500 = €425.
    ['the scale, not €40, for a €3,000 claim', 300_000, undefined, undefined, 42_500, 0],
    // 15% × €100 = €15, under the €40 minimum (Besluit art. 2 lid 2; art. 6:96 lid 4 BW).
    ['the €40 minimum under the scale', 10_000, undefined, undefined, 4_000, 0],
    // A creditor that cannot deduct VAT adds it to the scale (Besluit art. 2 lid 3): 21% × 425 = 89.25.
    ['VAT on the scale', 300_000, undefined, 21, 42_500, 8_925],
    // Agreed costs replace the scale (art. 6:96 lid 5 BW): 10% × €3,000 = €300.
    ['an agreed percentage', 300_000, { kind: 'percentage', percent: 10 }, undefined, 30_000, 0],
    // 12.5% × €3.33 = €0.41625 → rounds to 42 cents, but at least €40 is due (art. 6:96 lid 4 BW).
    ['an agreed percentage never under €40', 333, { kind: 'percentage', percent: 12.5 }, undefined, 4_000, 0],
    [
      'an agreed fixed amount, no VAT added to it',
      300_000,
      { kind: 'fixed', amountCents: 7_500 },
      21,
      7_500,
      0,
    ],
    ['nothing on nothing', 0, { kind: 'fixed', amountCents: 7_500 }, undefined, 0, 0],
  ])('business costs: %s', (_, principal, contract, vatRatePercent, costs, vat) => {
    const options = vatRatePercent === undefined ? {} : { vatRatePercent };
    expect(businessCollectionCosts(principal, contract, options)).toEqual({
      costsCents: costs,
      vatCents: vat,
    });
  });
});

describe('statutory interest', () => {
  it.each<[string, number, string, string, 'consumer' | 'commercial', number]>([
    // Across a rate change, €1,000 commercial:
    //   1 Jun–1 Jul 2025, 30 days at 11.15%: 100000 × 0.1115 × 30/365 = 916.438
    //   1 Jul–1 Aug 2025, 31 days at 10.15%: 100000 × 0.1015 × 31/365 = 862.055  → 1778.493
    ['rate change', 100_000, '2025-06-01', '2025-08-01', 'commercial', 1_778],
    // Across a year boundary, €1,000 consumer (6% until 2026-01-01, then 4%):
    //   1 Mar 2025–1 Jan 2026, 306 days at 6% = 5030.137; 1 Jan–1 Mar 2026, 59 days at 4% = 646.575
    //   → 5676.712, added to the principal → 105676.712
    //   1 Mar–1 Sep 2026, 184 days: 105676.712 × 0.04 × 184/365 = 2130.906  → 7807.618
    //   (without compounding it would be 7693.15)
    ['compounding after a full year', 100_000, '2025-03-01', '2026-09-01', 'consumer', 7_808],
    // Both, €1,000 consumer:
    //   year 1: 1 Oct–1 Jan, 92 days at 7% = 1764.384; 1 Jan–1 Oct, 273 days at 6% = 4487.671 → 6252.055
    //   year 2: 1 Oct–1 Dec 2025, 61 days at 6% on 106252.055 = 1065.432  → 7317.486
    [
      'rate change within the first year, then compounding',
      100_000,
      '2024-10-01',
      '2025-12-01',
      'consumer',
      7_317,
    ],
    // Actual/365 in a leap year: 7000 × 366/365 = 7019.178
    ['a leap year counts 366 days', 100_000, '2024-01-01', '2025-01-01', 'consumer', 7_019],
    ['nothing when to equals from', 100_000, '2025-06-01', '2025-06-01', 'consumer', 0],
    ['nothing when to is before from', 100_000, '2025-06-01', '2025-05-01', 'commercial', 0],
  ])('%s', (_, principal, from, to, kind, expected) => {
    expect(statutoryInterest(principal, from, to, kind)).toBe(expected);
  });

  it('compounds yearly with custom rates', () => {
    // 10% on 100000: 2001 → 10000, then 10% on 110000 in 2002 → 11000; total 21000.
    const flat = [{ from: '2000-01-01', consumerPercent: 10, commercialPercent: 10 }];
    expect(statutoryInterest(100_000, '2001-01-01', '2003-01-01', 'consumer', flat)).toBe(21_000);
  });

  it('refuses periods before the first known rate', () => {
    expect(() => statutoryInterest(100_000, '2010-01-01', '2011-01-01', 'consumer')).toThrow(RangeError);
  });
});
