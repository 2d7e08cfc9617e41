// How much the workflow charges, to the day and to the cent: collection costs per policy and terms,
// interest on the unpaid principal only, and what the formal notice states.
import { describe, expect, it } from 'vitest';
import { amounts, initialState, noticeFacts, refreshCharges } from '../../workflows/dunning-logic.js';
import type { DunningInput, DunningState } from '../../workflows/dunning-types.js';
import { type DunningPolicy, NL_BUSINESS, NL_CONSUMER } from '../../workflows/policy/ladder.js';

const all = { email: true, sms: true, whatsapp: false, letter: true, app: false };

function input(policy: DunningPolicy, overrides: Partial<DunningInput> = {}): DunningInput {
  return {
    tenantId: 't',
    invoiceId: 'INV-1',
    debtor: { id: 'D-1', segment: policy.segment, language: 'nl', reachability: all },
    principalCents: 300_000,
    currency: 'EUR',
    issueDate: '2025-12-01',
    dueDate: '2026-01-01',
    policy,
    ...overrides,
  };
}

/** Noon in Amsterdam on a day. */
const at = (day: string) => new Date(`${day}T11:00:00Z`);

function charged(i: DunningInput, day: string, state: DunningState = initialState(i), allocated = true) {
  refreshCharges(i, state, at(day), allocated);
  return state;
}

describe('business collection costs', () => {
  it.each<[string, Partial<DunningInput>, DunningPolicy, string, number]>([
    // Due 2026-01-01: nothing on the due date itself, the costs are owed from the next day (art. 6:96 lid 4 BW).
    ['none on the due date', {}, NL_BUSINESS, '2026-01-01', 0],
    // The scale (Besluit art. 2): €3,000 → 15% × €2,500 + 10% × €500 = €425, not €40.
    ['the scale the day after', {}, NL_BUSINESS, '2026-01-02', 42_500],
    // The tenant's terms, snapshotted at creation: 10% × €3,000 = €300.
    [
      'agreed percentage',
      { businessCollectionCosts: { kind: 'percentage', percent: 10 } },
      NL_BUSINESS,
      '2026-01-02',
      30_000,
    ],
    [
      'agreed fixed amount',
      { businessCollectionCosts: { kind: 'fixed', amountCents: 7_500 } },
      NL_BUSINESS,
      '2026-01-02',
      7_500,
    ],
    // Invoices started on the old policy snapshot keep the €40 their notices named.
    [
      'old business-flat snapshot',
      {},
      { ...NL_BUSINESS, version: 1, costs: 'business-flat' },
      '2026-01-02',
      4_000,
    ],
  ])('%s', (_, overrides, policy, day, costs) => {
    expect(charged(input(policy, overrides), day).costsCents).toBe(costs);
  });

  it('the formal notice names the costs already charged, not costs still to come', () => {
    const i = input(NL_BUSINESS);
    const state = charged(i, '2026-01-02');
    expect(noticeFacts(i, state, 'formal-notice', at('2026-01-10'))).toMatchObject({
      collectionCostsCents: 42_500,
      collectionCostsVatCents: 0,
    });
  });
});

describe('consumer costs and interest after part-payments', () => {
  // €1,000; the 14-day letter's term ended on 2026-01-01: interest from then, costs owed from 2026-01-02.
  const consumer = input(NL_CONSUMER, { principalCents: 100_000 });
  const withDeadline = (payments: DunningState['payments'] = []): DunningState => ({
    ...initialState(consumer),
    costDeadline: '2026-01-01',
    payments,
  });
  const paid = (day: string, amountCents: number) => ({
    dedupeKey: `${day}:${amountCents}`,
    amountCents,
    paidAt: at(day).toISOString(),
    source: 'manual' as const,
  });

  it('no costs on the last day of the term, the scale the day after', () => {
    expect(charged(consumer, '2026-01-01', withDeadline()).costsCents).toBe(0);
    // 15% × €1,000 = €150.
    expect(charged(consumer, '2026-01-02', withDeadline()).costsCents).toBe(15_000);
  });

  it('costs are computed on the principal still unpaid when they fall due', () => {
    // €400 paid within the term: 15% × €600 = €90.
    const state = withDeadline([paid('2025-12-20', 40_000)]);
    expect(charged(consumer, '2026-01-10', state).costsCents).toBe(9_000);
  });

  it('a part-payment goes to costs, then interest, then principal; interest runs on the rest', () => {
    // Costs €150 charged on 2026-01-02. €400 paid on 2026-03-01 (consumer rate 4% from 2026-01-01):
    //   €150 to the costs;
    //   interest 1 Jan–1 Mar, 59 days at 4%: 100000 × 0.04 × 59/365 = 646.575 → €6.47;
    //   €243.53 to the principal → €756.47 left.
    // Stated on 2026-07-01: 1 Mar–1 Jul, 122 days at 4% on 75647: 75647 × 0.04 × 122/365 = 1011.390 → €10.11.
    // Due: 75647 + 1011 = €766.58 (on the original principal: 100000 × 0.04 × 181/365 = €19.84 interest).
    const state = charged(consumer, '2026-01-02', withDeadline());
    state.payments.push(paid('2026-03-01', 40_000));
    const result = amounts(consumer, charged(consumer, '2026-07-01', state));
    expect(result).toMatchObject({ costsCents: 15_000, interestCents: 647 + 1_011, paidCents: 40_000 });
    expect(result.parts).toEqual({
      principal: { chargedCents: 100_000, paidCents: 24_353, outstandingCents: 75_647 },
      costs: { chargedCents: 15_000, paidCents: 15_000, outstandingCents: 0 },
      interest: { chargedCents: 1_658, paidCents: 647, outstandingCents: 1_011 },
    });
    expect(result.dueCents).toBe(76_658);
  });

  it('runs recorded before allocation keep interest on the original principal when replayed', () => {
    const state = charged(consumer, '2026-01-02', withDeadline(), false);
    state.payments.push(paid('2026-03-01', 40_000));
    const result = amounts(consumer, charged(consumer, '2026-07-01', state, false));
    // 181 days at 4% on €1,000: 1983.562 → €19.84; due = 1000 + 150 + 19.84 − 400.
    expect(result).toMatchObject({ costsCents: 15_000, interestCents: 1_984, dueCents: 76_984 });
    expect(result.parts.costs).toEqual({ chargedCents: 15_000, paidCents: 15_000, outstandingCents: 0 });
  });
});
