// The schedule projection runs the workflow's own decisions forward: its first entry is exactly what
// decide() says next, each later one follows the same rules (stated deadlines, receipt, costs).
import { describe, expect, it } from 'vitest';
import type { Reachability } from '../../workflows/domain.js';
import { decide, initialState } from '../../workflows/dunning-logic.js';
import type { DunningInput } from '../../workflows/dunning-types.js';
import { addDays, toAmsterdamParts } from '../../workflows/policy/calendar.js';
import { NL_BUSINESS, NL_CONSUMER } from '../../workflows/policy/ladder.js';
import { DEFAULT_POSTING, letterReceiptDate, postingDate } from '../../workflows/policy/receipt.js';
import { projectSchedule } from '../../workflows/schedule.js';

const all: Reachability = { email: true, sms: true, whatsapp: true, letter: true, app: false };
const NOW = new Date('2026-12-02T09:00:00Z');

function input(policy = NL_CONSUMER): DunningInput {
  return {
    tenantId: 't',
    invoiceId: 'INV-1',
    debtor: { id: 'D-1', segment: policy.segment, language: 'nl', reachability: all },
    principalCents: 12_345,
    currency: 'EUR',
    issueDate: '2026-11-20',
    dueDate: '2026-12-10',
    policy,
  };
}

describe('projectSchedule', () => {
  it('consumer: the whole ladder, costs only from the step after the 14-day letter’s deadline', () => {
    const i = input();
    const state = { ...initialState(i), lawfulDeadlines: true };
    const { steps, reason } = projectSchedule(i, state, NOW, 'wf-1', DEFAULT_POSTING);
    expect(reason).toBeNull();
    expect(steps.map((s) => s.step)).toEqual(NL_CONSUMER.steps.map((s) => s.id));
    const first = decide(i, state, NOW, 'wf-1');
    expect(first.kind === 'step' && first.at).toEqual(steps[0]!.at);
    const notice = steps.find((s) => s.step === 'formal-notice')!;
    expect(notice.channel).toBe('letter');
    const deadline = addDays(letterReceiptDate(postingDate(notice.at, DEFAULT_POSTING)), 14);
    for (const step of steps) {
      const after = toAmsterdamParts(step.at).date > deadline;
      expect(step.amountsIfUnpaid.costsCents, step.step).toBe(after ? 4_000 : 0);
    }
    expect(steps.at(-1)).toMatchObject({ step: 'handover', channel: null });
    // The state the workflow holds is not touched.
    expect(state.nextStepIndex).toBe(0);
    expect(state.messages).toEqual([]);
  });

  it('business: €40 once the due date has passed, commercial interest growing step by step', () => {
    const i = input(NL_BUSINESS);
    const { steps } = projectSchedule(i, initialState(i), NOW, 'wf-1', DEFAULT_POSTING);
    const afterDue = steps.filter((s) => toAmsterdamParts(s.at).date > i.dueDate);
    expect(afterDue.length).toBeGreaterThan(3);
    for (const step of afterDue) expect(step.amountsIfUnpaid.costsCents).toBe(4_000);
    const interest = afterDue.map((s) => s.amountsIfUnpaid.interestCents);
    expect(interest.at(-1)!).toBeGreaterThan(interest[0]!);
  });

  it.each([
    ['paused', { status: 'paused' as const, pause: { reason: 'x', until: null } }, 'paused until resumed'],
    [
      'disputed',
      { status: 'disputed' as const, dispute: { reason: 'x', openedAt: NOW.toISOString() } },
      'disputed',
    ],
    ['paid', { status: 'paid' as const }, 'the invoice is closed (paid)'],
    ['handed over', { status: 'handed_over' as const }, 'the invoice is closed (handed_over)'],
  ])('%s: no steps, and why', (_name, patch, reason) => {
    const i = input();
    const { steps, reason: why } = projectSchedule(
      i,
      { ...initialState(i), ...patch },
      NOW,
      'wf-1',
      DEFAULT_POSTING,
    );
    expect(steps).toEqual([]);
    expect(why).toContain(reason);
  });
});
