// The dated legal tables and their staleness. Interest vectors: the consumer rate per version of the
// Besluit vaststelling wettelijke rente (BWBR0047640; before 2023 Stb. 2014, 491) and the commercial
// rate as art. 6:119a lid 2 BW defines it, the ECB main refinancing rate on the half-year's first day
// plus 8 points. Collection cost scale: Besluit vergoeding voor buitengerechtelijke incassokosten art. 2.
import { describe, expect, it } from 'vitest';
import { COLLECTION_COST_SCALE } from '../../workflows/policy/legal/collection-costs.js';
import {
  INTEREST_RATES_VALIDITY,
  nextHalfYearStart,
  STATUTORY_INTEREST_RATES,
} from '../../workflows/policy/legal/interest-rates.js';
import { LEGAL_TABLES, staleLegalTables } from '../../workflows/policy/legal/staleness.js';

/** ECB main refinancing rate (percent) on each half-year's first day, from the ECB's published history. */
const ECB_MRO_ON: Record<string, number> = {
  '2023-01-01': 2.5,
  '2023-07-01': 4,
  '2024-01-01': 4.5,
  '2024-07-01': 4.25,
  '2025-01-01': 3.15,
  '2025-07-01': 2.15,
  '2026-01-01': 2.15,
};

describe('statutory interest rates', () => {
  it('has one row for every half-year from 2016-07-01 to 2026-01-01', () => {
    const froms = STATUTORY_INTEREST_RATES.map((rate) => rate.from);
    const expected: string[] = [];
    for (let year = 2016; year <= 2026; year++) expected.push(`${year}-01-01`, `${year}-07-01`);
    expect(froms).toEqual(expected.slice(1, -1));
  });

  it.each([
    // from, consumer (decree), commercial (ECB + 8)
    ['2016-07-01', 2, 8],
    ['2022-07-01', 2, 8],
    ['2023-01-01', 4, 10.5],
    ['2023-07-01', 6, 12],
    ['2024-01-01', 7, 12.5],
    ['2024-07-01', 7, 12.25],
    ['2025-01-01', 6, 11.15],
    ['2025-07-01', 6, 10.15],
    ['2026-01-01', 4, 10.15],
  ])('from %s: consumer %d%%, commercial %d%%', (from, consumer, commercial) => {
    expect(STATUTORY_INTEREST_RATES.find((rate) => rate.from === from)).toMatchObject({
      consumerPercent: consumer,
      commercialPercent: commercial,
    });
  });

  it('sets every commercial rate to the ECB rate + 8 points and names both sources', () => {
    for (const rate of STATUTORY_INTEREST_RATES) {
      const ecb = ECB_MRO_ON[rate.from] ?? 0; // 0.00% from March 2016 until 27 July 2022
      expect(rate.commercialPercent, rate.from).toBeCloseTo(ecb + 8, 10);
      expect(rate.commercialSource).toContain(`${rate.from} ${ecb.toFixed(2)}%`);
      expect(rate.consumerSource).toMatch(/Stb\. 2014, 491|BWBR0047640/);
    }
  });

  it.each([
    ['2026-01-01', '2026-07-01'],
    ['2026-06-30', '2026-07-01'],
    ['2026-07-01', '2027-01-01'],
    ['2026-12-31', '2027-01-01'],
  ])('the half-year after %s starts on %s', (date, expected) => {
    expect(nextHalfYearStart(date)).toBe(expected);
  });

  it('is stale once the half-year after the newest row has begun', () => {
    expect(INTEREST_RATES_VALIDITY).toMatchObject({ table: 'interest_rates', staleFrom: '2026-07-01' });
    expect(INTEREST_RATES_VALIDITY.reason).toMatch(/2026-07-01/);
  });
});

describe('collection cost scale', () => {
  it('is art. 2 of the Besluit vergoeding voor buitengerechtelijke incassokosten', () => {
    expect(COLLECTION_COST_SCALE).toMatchObject({
      from: '2012-07-01',
      brackets: [
        { sizeCents: 250_000, perMille: 150 },
        { sizeCents: 250_000, perMille: 100 },
        { sizeCents: 500_000, perMille: 50 },
        { sizeCents: 19_000_000, perMille: 10 },
        { sizeCents: Number.POSITIVE_INFINITY, perMille: 5 },
      ],
      minimumCents: 4_000,
      maximumCents: 677_500,
    });
    expect(COLLECTION_COST_SCALE.source).toMatch(/Stb\. 2012, 141/);
  });
});

describe('staleness', () => {
  it('registers holidays and interest rates', () => {
    expect(LEGAL_TABLES.map((table) => table.table)).toEqual(['holidays', 'interest_rates']);
  });

  it.each<[string, string[]]>([
    ['2026-06-30', []],
    ['2026-07-01', ['interest_rates']],
    ['2026-12-02', ['interest_rates']],
    ['2027-12-31', ['interest_rates']],
    ['2028-01-01', ['holidays', 'interest_rates']],
  ])('on %s: %j', (today, expected) => {
    expect(staleLegalTables(today).map((stale) => stale.table)).toEqual(expected);
  });

  it('says since when and why', () => {
    const tables = [{ table: 'postal_delivery', staleFrom: '2027-01-01', reason: 'new PostNL norms' }];
    expect(staleLegalTables('2026-12-31', tables)).toEqual([]);
    expect(staleLegalTables('2027-01-01', tables)).toEqual([
      { table: 'postal_delivery', staleSince: '2027-01-01', reason: 'new PostNL norms' },
    ]);
  });
});
