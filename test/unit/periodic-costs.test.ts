// The cap on collection costs of small periodic claims (legal/small-periodic-claims.ts), with the
// vectors of the secondary source (kantoorabri.nl): claims up to €266.67 of one debtor at one creditor,
// costs falling due within six months of each other, together at most one term's amount.
import { describe, expect, it } from 'vitest';
import { statutoryCollectionCosts } from '../../workflows/policy/money.js';
import {
  addMonths,
  type ChargedPeriodicCosts,
  isSmallPeriodicClaim,
  periodicCostsAllowance,
  periodicCostsWindow,
} from '../../workflows/policy/periodic-costs.js';

/** Charges terms in the order given, each seeing what the earlier ones were charged (as the activity does). */
function chargeInOrder(terms: { owedOn: string; principalCents: number; periodic?: boolean }[]): number[] {
  const recorded: ChargedPeriodicCosts[] = [];
  return terms.map(({ owedOn, principalCents, periodic = true }) => {
    const single = statutoryCollectionCosts(principalCents).costsCents;
    if (!isSmallPeriodicClaim({ periodic, principalCents, owedOn })) return single;
    const { allowedCents } = periodicCostsAllowance({ owedOn, singleTermCents: single }, recorded);
    recorded.push({ owedOn, cents: allowedCents });
    return allowedCents;
  });
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('small periodic claims: costs do not stack', () => {
  it('six monthly €50 terms owe €40 in total, not €240', () => {
    const charged = chargeInOrder(
      ['2025-01-02', '2025-02-02', '2025-03-02', '2025-04-02', '2025-05-02', '2025-06-02'].map((owedOn) => ({
        owedOn,
        principalCents: 5_000,
      })),
    );
    expect(charged).toEqual([4_000, 0, 0, 0, 0, 0]);
    expect(sum(charged)).toBe(4_000);
  });

  it('a €300 term is outside the rule: its own €45, and it takes nothing from the small terms', () => {
    expect(isSmallPeriodicClaim({ periodic: true, principalCents: 30_000, owedOn: '2025-01-02' })).toBe(
      false,
    );
    expect(
      chargeInOrder([
        { owedOn: '2025-01-02', principalCents: 30_000 },
        { owedOn: '2025-02-02', principalCents: 5_000 },
        { owedOn: '2025-03-02', principalCents: 5_000 },
      ]),
    ).toEqual([4_500, 4_000, 0]);
  });

  it('the threshold is €266.67 inclusive: the principal where 15% reaches the €40 minimum', () => {
    expect(statutoryCollectionCosts(26_667).costsCents).toBe(4_000);
    expect(isSmallPeriodicClaim({ periodic: true, principalCents: 26_667, owedOn: '2025-01-02' })).toBe(true);
    expect(isSmallPeriodicClaim({ periodic: true, principalCents: 26_668, owedOn: '2025-01-02' })).toBe(
      false,
    );
  });

  it('terms seven months apart each get their own €40', () => {
    expect(
      chargeInOrder([
        { owedOn: '2025-01-02', principalCents: 5_000 },
        { owedOn: '2025-08-02', principalCents: 5_000 },
        { owedOn: '2026-03-02', principalCents: 5_000 },
      ]),
    ).toEqual([4_000, 4_000, 4_000]);
  });

  it('exactly six months apart still share one term (both ends count: the protective side)', () => {
    expect(
      chargeInOrder([
        { owedOn: '2025-01-02', principalCents: 5_000 },
        { owedOn: '2025-07-02', principalCents: 5_000 },
        { owedOn: '2025-07-03', principalCents: 5_000 },
      ]),
    ).toEqual([4_000, 0, 4_000]);
  });

  it('twelve monthly terms: at most one term per six months, whatever order they are recorded in', () => {
    const months = Array.from({ length: 12 }, (_, i) => addMonths('2025-01-15', i));
    const inOrder = chargeInOrder(months.map((owedOn) => ({ owedOn, principalCents: 2_500 })));
    expect(inOrder).toEqual([4_000, 0, 0, 0, 0, 0, 0, 4_000, 0, 0, 0, 0]);
    // Recorded in reverse (a later term's workflow got there first): still no six-month window over €40.
    const reversed = [...months].reverse();
    const charged = chargeInOrder(reversed.map((owedOn) => ({ owedOn, principalCents: 2_500 })));
    const byDay = reversed.map((owedOn, i) => ({ owedOn, cents: charged[i]! }));
    for (const start of months) {
      const end = addMonths(start, 6);
      const inWindow = byDay.filter((c) => c.owedOn >= start && c.owedOn <= end);
      expect(sum(inWindow.map((c) => c.cents))).toBeLessThanOrEqual(4_000);
    }
  });

  it('before 2024-10-01 there is no cap', () => {
    expect(isSmallPeriodicClaim({ periodic: true, principalCents: 5_000, owedOn: '2024-09-30' })).toBe(false);
    expect(
      chargeInOrder([
        { owedOn: '2024-08-01', principalCents: 5_000 },
        { owedOn: '2024-09-01', principalCents: 5_000 },
        { owedOn: '2024-09-30', principalCents: 5_000 },
        { owedOn: '2024-10-01', principalCents: 5_000 },
      ]),
    ).toEqual([4_000, 4_000, 4_000, 4_000]);
  });

  it('a claim not marked periodic is not capped and does not count', () => {
    expect(
      chargeInOrder([
        { owedOn: '2025-01-02', principalCents: 5_000, periodic: false },
        { owedOn: '2025-01-03', principalCents: 5_000 },
      ]),
    ).toEqual([4_000, 4_000]);
  });

  it('never more than the 14-day letter stated', () => {
    const question = { owedOn: '2025-03-01', singleTermCents: 4_000 };
    expect(periodicCostsAllowance({ ...question, limitCents: 0 }, []).allowedCents).toBe(0);
    expect(periodicCostsAllowance({ ...question, limitCents: 4_000 }, []).allowedCents).toBe(4_000);
    expect(
      periodicCostsAllowance({ ...question, limitCents: 4_000 }, [{ owedOn: '2025-01-01', cents: 1_500 }]),
    ).toEqual({ allowedCents: 2_500, alreadyChargedCents: 1_500 });
  });

  it('months are calendar months; the 31st becomes the last day of a shorter month', () => {
    expect(periodicCostsWindow('2025-08-31')).toEqual({ from: '2025-02-28', to: '2026-02-28' });
    expect(addMonths('2024-08-31', -6)).toBe('2024-02-29');
    expect(addMonths('2025-01-15', 12)).toBe('2026-01-15');
  });
});
