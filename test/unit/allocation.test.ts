// Payments go to costs, then interest, then principal (art. 6:44 BW); interest runs on the unpaid
// principal and compounds on each anniversary (art. 6:119 BW). Every vector is computed by hand below,
// actual/365, with half a cent rounded up on the day of a payment.
import { describe, expect, it } from 'vitest';
import { allocatePayments, type ClaimTerms, type DatedPayment } from '../../workflows/policy/allocation.js';
import { statutoryInterest } from '../../workflows/policy/money.js';

const flat = (percent: number) => [
  { from: '2000-01-01', consumerPercent: percent, commercialPercent: percent },
];
const interest = (from: string, until: string, rates = flat(4)) => ({
  kind: 'consumer' as const,
  from,
  until,
  rates,
});

type Expected = {
  principal: [paid: number, outstanding: number];
  costs: [paid: number, outstanding: number];
  interest: [paid: number, outstanding: number];
  surplus?: number;
};

describe('allocatePayments', () => {
  it.each<[string, ClaimTerms, DatedPayment[], Expected]>([
    [
      // €1,000 at 4% from 2026-01-01; €400 paid on 2026-03-01; stated on 2026-07-01.
      //   1 Jan–1 Mar, 59 days: 100000 × 0.04 × 59/365 = 646.575 → 647 owed on the day of payment
      //   €400: 647 to interest, 39353 to principal → 60647 principal left
      //   1 Mar–1 Jul, 122 days: 60647 × 0.04 × 122/365 = 810.842 → 811
      //   (on the original principal it would be 100000 × 0.04 × 181/365 = 1983.56)
      'a part-payment first pays accrued interest, then interest runs on the reduced principal',
      { principalCents: 100_000, costs: null, interest: interest('2026-01-01', '2026-07-01') },
      [{ on: '2026-03-01', amountCents: 40_000 }],
      { principal: [39_353, 60_647], costs: [0, 0], interest: [647, 811] },
    ],
    [
      // 4% until 30 June 2026, 8% from 1 July; €1,000 from 2026-06-01; €300 paid on 2026-08-01.
      //   1 Jun–1 Jul, 30 days at 4%: 100000 × 0.04 × 30/365 = 328.767
      //   1 Jul–1 Aug, 31 days at 8%: 100000 × 0.08 × 31/365 = 679.452 → 1008.219 → 1008
      //   €300: 1008 to interest, 28992 to principal → 71008 left
      //   1 Aug–1 Sep, 31 days at 8%: 71008 × 0.08 × 31/365 = 482.465 → 482
      'a rate change within the period',
      {
        principalCents: 100_000,
        costs: null,
        interest: interest('2026-06-01', '2026-09-01', [
          { from: '2000-01-01', consumerPercent: 4, commercialPercent: 4 },
          { from: '2026-07-01', consumerPercent: 8, commercialPercent: 8 },
        ]),
      },
      [{ on: '2026-08-01', amountCents: 30_000 }],
      { principal: [28_992, 71_008], costs: [0, 0], interest: [1_008, 482] },
    ],
    [
      // 10% on €1,000 from 2025-01-01; €50 paid on 2026-03-01; stated on 2026-07-01.
      //   2025: 365 days, 10000.000 — unpaid at the anniversary 2026-01-01, so it bears interest from then
      //   1 Jan–1 Mar 2026, 59 days on 110000: 110000 × 0.10 × 59/365 = 1778.082 → owed 11778
      //   €50 pays 5000 of the capitalised 10000 (the older, interest-bearing interest goes first)
      //   1 Mar–1 Jul, 122 days on 100000 + 5000: 105000 × 0.10 × 122/365 = 3509.589
      //   interest outstanding: 5000 + 1778 + 3509.589 = 10287.589 → 10288
      'a year boundary: unpaid interest compounds on the anniversary',
      { principalCents: 100_000, costs: null, interest: interest('2025-01-01', '2026-07-01', flat(10)) },
      [{ on: '2026-03-01', amountCents: 5_000 }],
      { principal: [0, 100_000], costs: [0, 0], interest: [5_000, 10_288] },
    ],
    [
      // Costs €40 owed from 2026-02-01. €20 on 15 January goes to the principal (no costs owed yet);
      // €50 on 10 February pays the €40 costs first and €10 of the principal.
      'costs first, but only once they are owed',
      { principalCents: 10_000, costs: { cents: 4_000, owedFrom: '2026-02-01' }, interest: null },
      [
        { on: '2026-02-10', amountCents: 5_000 },
        { on: '2026-01-15', amountCents: 2_000 },
      ],
      { principal: [3_000, 7_000], costs: [4_000, 0], interest: [0, 0] },
    ],
    [
      // €140 pays €40 costs and €100 principal; €60 taken back later comes off the principal first.
      'a chargeback undoes the last part first',
      { principalCents: 10_000, costs: { cents: 4_000, owedFrom: '2026-01-01' }, interest: null },
      [
        { on: '2026-01-10', amountCents: 14_000 },
        { on: '2026-01-20', amountCents: -6_000 },
      ],
      { principal: [4_000, 6_000], costs: [4_000, 0], interest: [0, 0] },
    ],
    [
      // Interest stated up to 2026-03-01 (59 days, 646.575 → 647); a payment after that day is allocated
      // against what was stated, without accruing further until the next statement.
      'no accrual after the day the amounts were stated',
      { principalCents: 100_000, costs: null, interest: interest('2026-01-01', '2026-03-01') },
      [{ on: '2026-04-01', amountCents: 100_647 }],
      { principal: [100_000, 0], costs: [0, 0], interest: [647, 0] },
    ],
    [
      // €30 paid, €50 taken back (a reversed collection of more than was recorded): €20 owed back,
      // which the next payment of €25 settles first, leaving €5 for the principal.
      'taken back beyond what was paid, then paid again',
      { principalCents: 10_000, costs: null, interest: null },
      [
        { on: '2026-01-10', amountCents: 3_000 },
        { on: '2026-01-20', amountCents: -5_000 },
        { on: '2026-01-30', amountCents: 2_500 },
      ],
      { principal: [500, 9_500], costs: [0, 0], interest: [0, 0] },
    ],
    [
      'taken back beyond what was paid: a negative surplus',
      { principalCents: 10_000, costs: null, interest: null },
      [
        { on: '2026-01-10', amountCents: 3_000 },
        { on: '2026-01-20', amountCents: -5_000 },
      ],
      { principal: [0, 10_000], costs: [0, 0], interest: [0, 0], surplus: -2_000 },
    ],
    [
      'a stated fixed interest is owed before the principal; overpayment is surplus',
      {
        principalCents: 10_000,
        costs: { cents: 4_000, owedFrom: '2026-01-01' },
        interest: { fixedCents: 250 },
      },
      [{ on: '2026-05-01', amountCents: 15_000 }],
      { principal: [10_000, 0], costs: [4_000, 0], interest: [250, 0], surplus: 750 },
    ],
  ])('%s', (_, terms, payments, expected) => {
    const result = allocatePayments(terms, payments);
    const view = (p: { paidCents: number; outstandingCents: number }) => [p.paidCents, p.outstandingCents];
    expect({
      principal: view(result.principal),
      costs: view(result.costs),
      interest: view(result.interest),
      surplus: result.surplusCents,
    }).toEqual({ surplus: 0, ...expected });
    expect(result.principal.chargedCents).toBe(terms.principalCents);
  });

  it('without payments it is the statutory interest on the whole principal', () => {
    const terms = {
      principalCents: 100_000,
      costs: null,
      interest: { kind: 'consumer' as const, from: '2024-10-01', until: '2025-12-01' },
    };
    const result = allocatePayments(terms, []);
    // money.test.ts: 7317 for these dates on the decreed rates.
    expect(result.interest.outstandingCents).toBe(7_317);
    expect(result.interest.outstandingCents).toBe(
      statutoryInterest(100_000, '2024-10-01', '2025-12-01', 'consumer'),
    );
  });
});
