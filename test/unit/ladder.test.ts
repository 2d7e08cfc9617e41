// Table-driven tests of the ladder policy: shipped policies, channel choice and the pure decisions
// the workflow executes.
import { describe, expect, it } from 'vitest';
import { applyPayment } from '../../workflows/commands/payment.js';
import { planInstalments, planRefusal } from '../../workflows/commands/plan.js';
import { API_REFUSALS, refusalText } from '../../workflows/commands/refusal.js';
import type { Reachability } from '../../workflows/domain.js';
import { decide, initialState, MIN_STEP_GAP_DAYS, noticeFacts } from '../../workflows/dunning-logic.js';
import type { DunningInput } from '../../workflows/dunning-types.js';
import { addDays, toAmsterdamParts } from '../../workflows/policy/calendar.js';
import { channelCandidates } from '../../workflows/policy/channels.js';
import {
  DEMO,
  type DunningPolicy,
  isHandover,
  NL_BUSINESS,
  NL_CONSUMER,
  POLICIES,
  stepKind,
} from '../../workflows/policy/ladder.js';
import { validatePolicy } from '../../workflows/policy/policy-rules.js';

const WEEK = 7;

const all: Reachability = { email: true, sms: true, whatsapp: true, letter: true, app: false };
const NOW = new Date('2026-11-25T10:00:00Z'); // a Wednesday, no holiday

function input(policy: DunningPolicy = NL_CONSUMER, overrides: Partial<DunningInput> = {}): DunningInput {
  return {
    tenantId: 't',
    invoiceId: 'INV-1',
    debtor: { id: 'D-1', segment: policy.segment, language: 'nl', reachability: all },
    principalCents: 12_345,
    currency: 'EUR',
    issueDate: '2026-11-01',
    dueDate: '2026-12-09',
    policy,
    ...overrides,
  };
}

describe('shipped policies', () => {
  it.each(Object.values(POLICIES))('$id passes validation and ends with handover', (policy) => {
    expect(validatePolicy(policy)).toEqual([]);
    expect(policy.steps.map((s) => s.id)).toEqual([
      'payment-request',
      'reminder-1',
      'reminder-2',
      'formal-notice',
      'payment-plan-offer',
      'final-notice',
      'handover',
    ]);
  });

  it.each([
    ['duplicate step', { ...NL_CONSUMER, steps: [...NL_CONSUMER.steps, NL_CONSUMER.steps[0]!] }, 'unique'],
    ['no handover at the end', { ...NL_CONSUMER, steps: NL_CONSUMER.steps.slice(0, -1) }, 'handover'],
    [
      '13 instalments',
      { ...NL_CONSUMER, paymentPlan: { ...NL_CONSUMER.paymentPlan, maxInstalments: 13 } },
      '2–12',
    ],
  ])('rejects a policy with %s', (_name, policy, problem) => {
    expect(validatePolicy(policy).join(' ')).toContain(problem);
  });

  it('only the consumer 14-day letter starts a cost deadline, sent by post first', () => {
    const notice = NL_CONSUMER.steps.find((s) => s.id === 'formal-notice')!;
    expect(notice.costDeadline).toEqual({ receiptDays: 2, days: 14 });
    expect(notice.channels).toEqual(['letter', 'email']);
    expect(NL_BUSINESS.steps.some((s) => s.costDeadline)).toBe(false);
  });

  it.each(['2026-11-01', '2026-11-25', '2026-12-25', '2027-06-01'])(
    'the demo ladder runs from creation whatever the due date (%s)',
    (dueDate) => {
      const demo = input(DEMO, { dueDate });
      const state = initialState(demo);
      const first = decide(demo, state, NOW, 'wf');
      expect(first).toMatchObject({ kind: 'step', step: { id: 'payment-request' }, at: NOW });
      state.nextStepIndex = 1;
      state.lastStepAt = NOW.toISOString();
      const second = decide(demo, state, NOW, 'wf');
      expect(second.kind).toBe('step');
      // Reminder 1 three policy days (six seconds) after the payment request.
      expect((second as { at: Date }).at.getTime() - NOW.getTime()).toBe(3 * 2000);
    },
  );

  it('the demo ladder takes about two minutes', () => {
    const days = DEMO.steps.reduce((sum, s) => sum + s.after.days, 0);
    expect(days * (DEMO.secondsPerDay ?? 0)).toBeGreaterThanOrEqual(100);
    expect(days * (DEMO.secondsPerDay ?? 0)).toBeLessThanOrEqual(150);
  });
});

describe('step kinds', () => {
  it.each(Object.values(POLICIES))('every step of $id declares what it is', (policy) => {
    expect(policy.steps.map((s) => s.kind)).toEqual([
      'payment-request',
      'reminder',
      'reminder',
      'formal-notice',
      'plan-offer',
      'final-notice',
      'handover',
    ]);
  });

  it('a step snapshotted before kinds existed is known by its built-in id', () => {
    const snapshotted = NL_CONSUMER.steps.map(({ kind: _kind, ...step }) => step);
    expect(snapshotted.map(stepKind)).toEqual(NL_CONSUMER.steps.map((s) => s.kind));
    expect(isHandover(snapshotted.at(-1)!)).toBe(true);
  });

  it('behaviour follows the kind, not the id: a reminder declared a final notice states a deadline', () => {
    const steps = NL_CONSUMER.steps.map((s) =>
      s.id === 'reminder-2' ? { ...s, kind: 'final-notice' as const } : s,
    );
    const i = input({ ...NL_CONSUMER, steps });
    expect(noticeFacts(i, initialState(i), 'reminder-2', NOW)).toEqual({
      deadline: addDays('2026-11-25', WEEK),
    });
  });

  it('a handover is the last step only, and it alone needs no template', () => {
    const early = NL_CONSUMER.steps.map((s) =>
      s.id === 'reminder-2' ? { ...s, kind: 'handover' as const } : s,
    );
    expect(validatePolicy({ ...NL_CONSUMER, steps: early })).toContain(
      'only the last step may be a handover',
    );
    const untitled = NL_CONSUMER.steps.map((s) => (s.id === 'reminder-1' ? { ...s, template: null } : s));
    expect(validatePolicy({ ...NL_CONSUMER, steps: untitled })).toContain('reminder-1: needs a template');
  });
});

describe('channel choice', () => {
  const none: Reachability = { email: false, sms: false, whatsapp: false, letter: false, app: false };
  it.each([
    ['preferred first', 'preferred', { preferred: 'sms' }, all, [], ['sms', 'email', 'whatsapp', 'letter']],
    [
      'no preference: email first, letter last',
      'preferred',
      {},
      all,
      [],
      ['email', 'sms', 'whatsapp', 'letter'],
    ],
    ['failed channels are skipped', 'preferred', {}, all, ['email', 'sms'], ['whatsapp', 'letter']],
    [
      'WhatsApp only with opt-in',
      'preferred',
      {},
      { ...all, whatsapp: false },
      [],
      ['email', 'sms', 'letter'],
    ],
    [
      'engaged channel moves up',
      'preferred',
      { engaged: 'whatsapp' },
      all,
      [],
      ['whatsapp', 'email', 'sms', 'letter'],
    ],
    ['14-day letter by post', ['letter', 'email'], {}, all, [], ['letter']],
    [
      '14-day letter by email where agreed',
      ['letter', 'email'],
      { preferred: 'email' },
      { ...all, letter: false },
      [],
      ['email'],
    ],
    ['unreachable', 'preferred', {}, none, [], []],
  ] as const)('%s', (_name, channels, prefs, reachability, failed, expected) => {
    const ctx = { reachability, failed, preferred: undefined, engaged: undefined, ...prefs };
    expect(channelCandidates(channels as never, ctx as never)).toEqual(expected);
  });
});

describe('decisions', () => {
  it('closes a paid invoice and ignores a duplicate payment', () => {
    const i = input();
    const state = initialState(i);
    expect(
      applyPayment(i, state, {
        dedupeKey: 'p',
        amountCents: 12_345,
        paidAt: NOW.toISOString(),
        source: 'psp',
      }),
    ).toBe(true);
    expect(
      applyPayment(i, state, {
        dedupeKey: 'p',
        amountCents: 12_345,
        paidAt: NOW.toISOString(),
        source: 'psp',
      }),
    ).toBe(false);
    expect(state.status).toBe('paid');
    expect(decide(i, state, NOW, 'wf')).toEqual({ kind: 'close' });
  });

  it('waits for a signal while disputed, resumes a timed pause at its end', () => {
    const i = input();
    const disputed = { ...initialState(i), dispute: { reason: 'x', openedAt: NOW.toISOString() } };
    expect(decide(i, disputed, NOW, 'wf')).toEqual({ kind: 'wait-for-signal' });
    const paused = { ...initialState(i), pause: { reason: 'x', until: '2026-12-01T00:00:00.000Z' } };
    expect(decide(i, paused, NOW, 'wf')).toEqual({
      kind: 'resume',
      at: new Date('2026-12-01T00:00:00.000Z'),
    });
  });

  it('a pending fallback goes before the ladder, within contact hours', () => {
    const i = input();
    const state = { ...initialState(i), pendingFallbacks: ['payment-request'] };
    const night = new Date('2026-11-25T22:30:00Z');
    const decision = decide(i, state, night, 'wf');
    expect(decision.kind).toBe('fallback');
    const local = toAmsterdamParts((decision as { at: Date }).at);
    expect(local.hour).toBeGreaterThanOrEqual(7);
    expect(local.date).toBe('2026-11-26');
  });

  it('keeps at least the minimum gap between two ladder steps', () => {
    const i = input(NL_CONSUMER, { dueDate: '2026-10-01' }); // long overdue: every step is "due"
    const state = { ...initialState(i), nextStepIndex: 1, lastStepAt: NOW.toISOString() };
    const decision = decide(i, state, NOW, 'wf') as { kind: string; at: Date };
    expect(decision.kind).toBe('step');
    expect(decision.at.getTime() - NOW.getTime()).toBeGreaterThanOrEqual(MIN_STEP_GAP_DAYS * 86_400_000);
  });

  it.each([
    [
      'consumer 14-day letter',
      NL_CONSUMER,
      'formal-notice',
      {
        deadline: addDays('2026-11-25', 16),
        collectionCostsCents: 4_000,
        collectionCostsVatCents: 0,
      },
    ],
    [
      'business formal notice',
      NL_BUSINESS,
      'formal-notice',
      {
        deadline: addDays('2026-11-25', 7),
        collectionCostsCents: 4_000,
        collectionCostsVatCents: 0,
      },
    ],
    ['final notice', NL_CONSUMER, 'final-notice', { deadline: addDays('2026-11-25', 14) }],
    ['reminder', NL_CONSUMER, 'reminder-1', {}],
  ] as const)('%s states its deadline and costs', (_name, policy, template, expected) => {
    const i = input(policy);
    expect(noticeFacts(i, initialState(i), template, NOW)).toEqual(expected);
  });

  it('adds VAT to the announced costs when the creditor cannot deduct it', () => {
    const i = input(NL_CONSUMER, { collectionCostsVatPercent: 21 });
    expect(noticeFacts(i, initialState(i), 'formal-notice', NOW)).toMatchObject({
      collectionCostsCents: 4_000,
      collectionCostsVatCents: 840,
    });
  });
});

describe('payment plans', () => {
  it('splits what is due with the remainder on the first instalment, spaced by the policy', () => {
    const i = input(NL_CONSUMER, { principalCents: 10_001 });
    const plan = planInstalments(i, 10_001, 3, NOW);
    expect(plan.map((p) => p.amountCents)).toEqual([3_335, 3_333, 3_333]);
    expect(plan.map((p) => p.dueDate)).toEqual(['2026-12-02', '2027-01-01', '2027-01-31']);
  });

  it.each([
    [1, { code: 'instalments-out-of-range', min: 2, max: 12 }, 'between 2 and 12'],
    [13, { code: 'instalments-out-of-range', min: 2, max: 12 }, 'between 2 and 12'],
    [5, { code: 'instalment-too-small', minCents: 2500, maxInstalments: 4 }, 'at least 2500 cents'],
    [4, null, null],
  ])('%i instalments of €123.45: %j', (count, refusal, words) => {
    const i = input();
    const result = planRefusal(i, initialState(i), count);
    expect(result).toEqual(refusal);
    if (result && words) expect(refusalText(API_REFUSALS, result)).toContain(words);
  });
});
