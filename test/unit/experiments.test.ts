// Experiments with a holdout (issue 16 item 4), the pure parts: on a simulated population with a
// known best arm, sequential Thompson sampling sends most traffic to it, keeps the holdout at its
// share, and the report's credible interval covers the true uplift; the guard rails refuse what the
// law does not allow, and send slots stay within contact hours.

import { describe, expect, it } from 'vitest';
import { toAmsterdamParts } from '../../workflows/policy/calendar.js';
import { channelCandidates } from '../../workflows/policy/channels.js';
import {
  type AssignedInvoice,
  chooseArm,
  clampSlot,
  type ExperimentDraft,
  experimentProblems,
  experimentReport,
  HOLDOUT,
  lawfulArmConfig,
  outcomesOf,
  sampleBeta,
  sendSlotAt,
  type ValidationContext,
} from '../../workflows/policy/experiments.js';
import { POLICIES } from '../../workflows/policy/ladder.js';
import { seededRandom } from '../../workflows/policy/random.js';

const TRUE_RATES: Record<string, number> = { a: 0.3, b: 0.4, c: 0.5, [HOLDOUT]: 0.3 };
const goal = { kind: 'paid-within-days', days: 14 } as const;

/** Each invoice assigned with the outcomes known so far, then paid or not at its arm's true rate. */
function simulate(seed: number, invoices = 2000): AssignedInvoice[] {
  const draw = seededRandom(seed);
  const world = seededRandom(seed ^ 0x5eed);
  const population: AssignedInvoice[] = [];
  for (let i = 0; i < invoices; i++) {
    const arm = chooseArm(['a', 'b', 'c'], outcomesOf(goal, population), 0.1, draw);
    const paid = world() < TRUE_RATES[arm]!;
    population.push({
      arm,
      amountCents: 10_000,
      collectedCents: paid ? 10_000 : 0,
      daysToPay: paid ? 1 + Math.floor(world() * 13) : null,
      matured: true,
    });
  }
  return population;
}

describe('Thompson sampling against a holdout', () => {
  it('sends most traffic to the best arm, keeps ~10% holdout, and the uplift interval covers the truth', () => {
    const seeds = [1, 2, 3, 4, 5];
    let covered = 0;
    for (const seed of seeds) {
      const population = simulate(seed);
      const share = (arm: string) => population.filter((p) => p.arm === arm).length / population.length;
      expect(share(HOLDOUT), `seed ${seed}`).toBeGreaterThan(0.08);
      expect(share(HOLDOUT), `seed ${seed}`).toBeLessThan(0.12);
      // The best arm takes most of the traffic that is not held out; the worst one little.
      expect(share('c'), `seed ${seed}`).toBeGreaterThan(0.6);
      expect(share('a'), `seed ${seed}`).toBeLessThan(0.1);
      const report = experimentReport(goal, ['a', 'b', 'c'], population);
      const c = report.find((r) => r.arm === 'c')!;
      const trueUplift = TRUE_RATES.c! - TRUE_RATES[HOLDOUT]!;
      if (c.uplift!.low <= trueUplift && trueUplift <= c.uplift!.high) covered++;
      // Clearly better than the holdout: the interval excludes zero.
      expect(c.uplift!.low, `seed ${seed}`).toBeGreaterThan(0);
      expect(c.paidRate!, `seed ${seed}`).toBeCloseTo(0.5, 1);
    }
    expect(covered).toBe(seeds.length);
  });

  it('reports the same figures for the same data (seeded Monte Carlo), and each arm’s plain figures', () => {
    const population = simulate(7, 400);
    const first = experimentReport(goal, ['a', 'b', 'c'], population);
    expect(experimentReport(goal, ['a', 'b', 'c'], population)).toEqual(first);
    expect(first.map((r) => r.arm)).toEqual([HOLDOUT, 'a', 'b', 'c']);
    expect(first[0]!.uplift).toBeNull();
    for (const row of first) {
      const mine = population.filter((p) => p.arm === row.arm);
      const paid = mine.filter((p) => p.daysToPay !== null);
      expect(row.invoices).toBe(mine.length);
      expect(row.paidRate).toBeCloseTo(paid.length / mine.length, 4);
      expect(row.eurosPerInvoice).toBeCloseTo((paid.length * 100) / mine.length, 2);
    }
  });

  it('counts only matured invoices, and the euros goal by the share collected', () => {
    const invoices: AssignedInvoice[] = [
      { arm: 'a', amountCents: 10_000, collectedCents: 2_500, daysToPay: null, matured: true },
      { arm: 'a', amountCents: 10_000, collectedCents: 10_000, daysToPay: 3, matured: true },
      { arm: 'a', amountCents: 10_000, collectedCents: 0, daysToPay: null, matured: false },
    ];
    expect(outcomesOf({ kind: 'euros-collected', days: 30 }, invoices)).toEqual([
      { arm: 'a', successes: 1.25, failures: 0.75 },
    ]);
    expect(outcomesOf(goal, invoices)).toEqual([{ arm: 'a', successes: 1, failures: 1 }]);
  });

  it('draws the holdout first with the fixed probability, whatever the arms’ outcomes', () => {
    const random = seededRandom(11);
    const strong = [{ arm: 'a', successes: 1000, failures: 0 }];
    const picks = Array.from({ length: 5000 }, () => chooseArm(['a', 'b'], strong, 0.25, random));
    const holdout = picks.filter((p) => p === HOLDOUT).length / picks.length;
    expect(holdout).toBeGreaterThan(0.23);
    expect(holdout).toBeLessThan(0.27);
    expect(picks.filter((p) => p === 'b').length).toBeLessThan(10);
  });

  it('samples Beta with the right mean', () => {
    const random = seededRandom(3);
    const draws = Array.from({ length: 20_000 }, () => sampleBeta(3, 7, random));
    expect(draws.reduce((s, d) => s + d, 0) / draws.length).toBeCloseTo(0.3, 2);
    const small = Array.from({ length: 20_000 }, () => sampleBeta(0.5, 0.5, random));
    expect(small.reduce((s, d) => s + d, 0) / small.length).toBeCloseTo(0.5, 1);
  });
});

describe('guard rails', () => {
  const ctx: ValidationContext = {
    policies: POLICIES,
    savedVersions: (template) => (template === 'reminder-2' ? [1, 2] : []),
  };
  const base: ExperimentDraft = {
    name: 'x',
    policyId: 'nl-consumer',
    step: { id: 'reminder-2' },
    goal,
    arms: [
      { key: 'v1', config: { kind: 'template-variant', version: 1 } },
      { key: 'v2', config: { kind: 'template-variant', version: 2 } },
    ],
  };
  const fields = (draft: ExperimentDraft) => experimentProblems(draft, ctx).map((p) => p.field);

  it('accepts saved variants on a reminder', () => {
    expect(experimentProblems(base, ctx)).toEqual([]);
  });

  it('refuses a variant the tenant never saved, one arm, a repeated key, a holdout above 50%', () => {
    expect(
      fields({
        ...base,
        arms: [base.arms[0]!, { key: 'v3', config: { kind: 'template-variant', version: 3 } }],
      }),
    ).toEqual(['/arms/1/config/version']);
    expect(fields({ ...base, arms: [base.arms[0]!] })).toEqual(['/arms']);
    expect(fields({ ...base, arms: [base.arms[0]!, base.arms[0]!] })).toEqual(['/arms/1/key']);
    expect(fields({ ...base, holdoutShare: 0.6 })).toEqual(['/holdoutShare']);
    expect(
      fields({ ...base, arms: [base.arms[0]!, { key: HOLDOUT, config: base.arms[1]!.config }] }),
    ).toEqual(['/arms/1/key']);
  });

  it('refuses a step the policy does not have, and the handover', () => {
    expect(fields({ ...base, step: { id: 'reminder-9' } })).toEqual(['/step/id']);
    expect(fields({ ...base, policyId: 'nl-nowhere' })).toEqual(['/policyId']);
    expect(fields({ ...base, step: { kind: 'handover' } })).toEqual(['/step/kind']);
  });

  it('never changes the 14-day letter’s channel or wording; only its send slot may vary', () => {
    const onNotice = { ...base, step: { id: 'formal-notice' } };
    expect(fields(onNotice)).toEqual(['/arms/0/config/kind', '/arms/1/config/kind']);
    expect(
      fields({
        ...onNotice,
        arms: [
          { key: 'post-first', config: { kind: 'channel-order', order: ['letter', 'email'] } },
          { key: 'email-first', config: { kind: 'channel-order', order: ['email', 'letter'] } },
        ],
      }),
    ).toEqual(['/arms/0/config/kind', '/arms/1/config/kind']);
    // By kind too: every formal-notice step of every policy.
    expect(fields({ ...onNotice, policyId: undefined, step: { kind: 'formal-notice' } })).toHaveLength(2);
    expect(
      fields({
        ...onNotice,
        arms: [
          { key: 'early', config: { kind: 'send-slot', hour: 8, minute: 0 } },
          { key: 'late', config: { kind: 'send-slot', hour: 17, minute: 0 } },
        ],
      }),
    ).toEqual([]);
  });

  it('clamps send slots into contact hours, never outside them', () => {
    expect(clampSlot(5, 30)).toEqual({ hour: 7, minute: 0 });
    expect(clampSlot(22, 0)).toEqual({ hour: 19, minute: 59 });
    expect(clampSlot(12, 15)).toEqual({ hour: 12, minute: 15 });
    expect(lawfulArmConfig({ kind: 'send-slot', hour: 23, minute: 0 })).toEqual({
      kind: 'send-slot',
      hour: 19,
      minute: 59,
    });
    // Saturday 2026-12-05 21:00 Amsterdam: Sunday is no contact day, so Monday 07:00.
    const at = sendSlotAt(new Date('2026-12-05T20:00:00Z'), { hour: 6, minute: 0 });
    expect(toAmsterdamParts(at)).toMatchObject({ date: '2026-12-07', hour: 7, minute: 0 });
    // Same day when the slot is still ahead.
    const later = sendSlotAt(new Date('2026-12-04T08:00:00Z'), { hour: 15, minute: 30 });
    expect(toAmsterdamParts(later)).toMatchObject({ date: '2026-12-04', hour: 15, minute: 30 });
  });
});

describe('a channel-order arm', () => {
  const reachability = { email: true, sms: true, whatsapp: false, letter: true, app: false };
  const ctx = { reachability, preferred: undefined, failed: [], engaged: 'email' as const };
  it('puts its channels first, after a channel the debtor chose, and never an unreachable or failed one', () => {
    expect(channelCandidates('preferred', ctx)).toEqual(['email', 'sms', 'letter']);
    expect(channelCandidates('preferred', { ...ctx, firstChoice: ['sms'] })).toEqual([
      'sms',
      'email',
      'letter',
    ]);
    expect(channelCandidates('preferred', { ...ctx, preferred: 'email', firstChoice: ['sms'] })).toEqual([
      'email',
      'sms',
      'letter',
    ]);
    expect(
      channelCandidates('preferred', { ...ctx, failed: ['sms'], firstChoice: ['whatsapp', 'sms'] }),
    ).toEqual(['email', 'letter']);
  });
});
