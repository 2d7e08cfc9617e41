// What a payment reversed after close puts back on the claim: what is still paid goes to costs, then
// interest, then principal (art. 6:44 lid 1 BW), so the reversal reopens principal first, then interest,
// then costs. Every vector by hand.
import { describe, expect, it } from 'vitest';
import { allocatePayments } from '../../workflows/policy/allocation.js';
import {
  type ClosedCharges,
  type ReopenedSplit,
  reopenedSplit,
  splitCostsVat,
} from '../../workflows/policy/reopened-claim.js';

// €123.45 principal, €40 statutory costs (the WIK minimum), €1.17 interest up to close.
const charged: ClosedCharges = { principalCents: 12_345, costsCents: 4_000, interestCents: 117 };
const owing = (principal: number, costs: number, interest: number, extra = 0): ReopenedSplit => ({
  principalCents: principal,
  costsCents: costs,
  interestCents: interest,
  dueCents: principal + costs + interest + extra,
});

describe('reopenedSplit', () => {
  it.each<[string, ClosedCharges, number, ReopenedSplit]>([
    // Paid €164.62 in one go, all of it reversed: nothing is paid, everything is owed again.
    [
      'the whole payment reversed: costs, interest and principal all owed again',
      charged,
      0,
      owing(12_345, 4_000, 117),
    ],
    // €164.62 paid, €100 reversed: €64.62 still paid → €40 costs, €1.17 interest, €23.45 principal.
    ['a part reversed: the rest still pays costs and interest first', charged, 6_462, owing(10_000, 0, 0)],
    // €164.62 paid, €150 reversed: €14.62 still paid → €14.62 of the costs.
    ['more reversed than the principal: costs are owed again too', charged, 1_462, owing(12_345, 2_538, 117)],
    // €164.62 paid, €124.00 reversed: €40.62 still paid → €40 costs, €0.62 interest.
    ['the rest pays the costs and part of the interest', charged, 4_062, owing(12_345, 0, 55)],
    // Paid €170.00 (€5.38 too much), €5.38 reversed: still everything paid, nothing owed.
    ['only the overpayment reversed: nothing owed', charged, 16_462, owing(0, 0, 0)],
    ['overpaid, nothing reversed that mattered', charged, 20_000, owing(0, 0, 0)],
    // A claim without costs or interest: the reversed amount is principal.
    [
      'no costs or interest: the reversal is principal',
      { principalCents: 12_345, costsCents: 0, interestCents: 0 },
      2_345,
      owing(10_000, 0, 0),
    ],
    // More taken back than was paid (a duplicate chargeback): the excess is owed on top.
    ['more taken back than paid: the excess is owed on top', charged, -500, owing(12_345, 4_000, 117, 500)],
  ])('%s', (_case, charges, netPaid, expected) => {
    expect(reopenedSplit(charges, netPaid)).toEqual(expected);
  });

  it('matches what the workflow computes when the same ledger is allocated in the reopened run', () => {
    // The reopened run owes the carried charges from the start and allocates its ledger (the payments,
    // then the reversal) with allocatePayments: part by part the same as the split.
    const terms = {
      principalCents: charged.principalCents,
      costs: { cents: charged.costsCents, owedFrom: '0000-01-01' },
      interest: { fixedCents: charged.interestCents },
    };
    for (const [payments, reversed] of [
      [[16_462], 16_462],
      [[5_000, 11_462], 11_462],
      [[16_462], 10_000],
      [[10_000, 6_462], 2_000],
    ] as const) {
      const ledger = [
        ...payments.map((amountCents, i) => ({ on: `2026-01-0${i + 1}`, amountCents })),
        { on: '2027-02-01', amountCents: -reversed },
      ];
      const allocation = allocatePayments(terms, ledger);
      const split = reopenedSplit(charged, payments.reduce((a, b) => a + b, 0) - reversed);
      expect({
        principalCents: allocation.principal.outstandingCents,
        costsCents: allocation.costs.outstandingCents,
        interestCents: allocation.interest.outstandingCents,
      }).toEqual({
        principalCents: split.principalCents,
        costsCents: split.costsCents,
        interestCents: split.interestCents,
      });
    }
  });
});

describe('splitCostsVat', () => {
  it.each<[number, number | undefined, { costsCents: number; vatCents: number }]>([
    [4_000, undefined, { costsCents: 4_000, vatCents: 0 }],
    // €40 + 21% VAT (€8.40) = €48.40.
    [4_840, 21, { costsCents: 4_000, vatCents: 840 }],
    // €18.52 + 21% VAT (€3.89, half a cent up) = €22.41.
    [2_241, 21, { costsCents: 1_852, vatCents: 389 }],
    // €150 + 9% VAT (€13.50) = €163.50.
    [16_350, 9, { costsCents: 15_000, vatCents: 1_350 }],
  ])('%i cents at %s%%', (total, rate, expected) => {
    expect(splitCostsVat(total, rate)).toEqual(expected);
  });
});
