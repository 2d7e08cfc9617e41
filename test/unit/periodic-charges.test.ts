// What the workflow asks before it charges or states the costs of a small periodic claim, and that the
// charge and every notice follow the answer (policy/periodic-costs.ts; the activity decides the share).
import { describe, expect, it } from 'vitest';
import {
  initialState,
  noticeFacts,
  periodicCostsToCharge,
  periodicCostsToState,
  refreshCharges,
} from '../../workflows/dunning-logic.js';
import type { DunningInput } from '../../workflows/dunning-types.js';
import { addDays } from '../../workflows/policy/calendar.js';
import { type DunningPolicy, NL_BUSINESS, NL_CONSUMER } from '../../workflows/policy/ladder.js';

const all = { email: true, sms: true, whatsapp: false, letter: true, app: false };
const at = (day: string) => new Date(`${day}T11:00:00Z`);

function term(policy: DunningPolicy, overrides: Partial<DunningInput> = {}): DunningInput {
  return {
    tenantId: 't',
    invoiceId: 'INV-1',
    debtor: { id: 'D-1', segment: policy.segment, language: 'nl', reachability: all },
    principalCents: 5_000,
    currency: 'EUR',
    issueDate: '2025-12-01',
    dueDate: '2026-01-01',
    policy,
    periodic: true,
    ...overrides,
  };
}

describe('business term: costs owed from the day after the due date', () => {
  it('asks before charging, then charges and states only the share granted', () => {
    const input = term(NL_BUSINESS);
    const state = initialState(input);
    expect(periodicCostsToCharge(input, state, at('2026-01-01'))).toBeNull();
    expect(periodicCostsToCharge(input, state, at('2026-01-02'))).toEqual({
      owedOn: '2026-01-02',
      singleTermCents: 4_000,
    });
    state.periodicCosts = { owedOn: '2026-01-02', allowedCents: 0, charged: true };
    refreshCharges(input, state, at('2026-01-05'));
    expect(state.costsCents).toBe(0);
    // Decided for that day: not asked again at the next step.
    expect(periodicCostsToCharge(input, state, at('2026-01-20'))).toBeNull();
    // Nothing left to charge: the notice names no costs at all (never "€ 0,00 collection costs").
    const facts = noticeFacts(input, state, 'formal-notice', at('2026-01-20'));
    expect(facts.deadline).toBeDefined();
    expect(facts.collectionCostsCents).toBeUndefined();
  });

  it('a part of one term: VAT on what is charged only', () => {
    const input = term(NL_BUSINESS, { collectionCostsVatPercent: 21 });
    const state = initialState(input);
    state.periodicCosts = { owedOn: '2026-01-02', allowedCents: 1_500, charged: true };
    refreshCharges(input, state, at('2026-01-05'));
    expect([state.costsCents, state.costsVatCents]).toEqual([1_500, 315]);
  });

  it.each<[string, Partial<DunningInput>]>([
    ['a one-off claim', { periodic: undefined }],
    ['a term over €266.67', { principalCents: 30_000 }],
    ['costs the contract sets', { businessCollectionCosts: { kind: 'fixed', amountCents: 4_000 } }],
  ])('%s asks nothing and is not capped', (_name, overrides) => {
    const input = term(NL_BUSINESS, overrides);
    expect(periodicCostsToCharge(input, initialState(input), at('2026-01-02'))).toBeNull();
  });
});

describe('consumer term: the 14-day letter states the share', () => {
  it('asks before the 14-day letter, for the day its costs would fall due, and never charges more', () => {
    const input = term(NL_CONSUMER);
    const state = initialState(input);
    const sentOn = '2026-02-10';
    expect(periodicCostsToState(input, state, 'reminder-1', at(sentOn))).toBeNull();
    const step = NL_CONSUMER.steps.find((s) => s.template === 'formal-notice')!;
    const deadline = addDays(sentOn, step.costDeadline!.receiptDays + step.costDeadline!.days);
    expect(periodicCostsToState(input, state, 'formal-notice', at(sentOn))).toEqual({
      owedOn: addDays(deadline, 1),
      singleTermCents: 4_000,
    });
    state.periodicCosts = { owedOn: addDays(deadline, 1), allowedCents: 0, charged: false };
    expect(noticeFacts(input, state, 'formal-notice', at(sentOn)).collectionCostsCents).toBeUndefined();
    // When the costs fall due, the question carries what the letter stated as the limit.
    state.costDeadline = '2026-02-27';
    expect(periodicCostsToCharge(input, state, at('2026-03-02'))).toEqual({
      owedOn: '2026-02-28',
      singleTermCents: 4_000,
      limitCents: 0,
    });
  });
});
