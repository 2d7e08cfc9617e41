// No escalation before a stated deadline is over: for every pair of consecutive steps of every shipped
// policy and many send moments (Fridays, Saturdays, days before holidays, DST changes, paydays), the
// next step is scheduled only after the day the previous message named (Europe/Amsterdam).
import { describe, expect, it } from 'vitest';
import type { Channel, PaydayPattern, Reachability } from '../../workflows/domain.js';
import { decide, initialState, noticeFacts } from '../../workflows/dunning-logic.js';
import type { DunningInput, DunningState } from '../../workflows/dunning-types.js';
import { addDays, fromAmsterdamLocal, toAmsterdamParts } from '../../workflows/policy/calendar.js';
import { type DunningPolicy, dayMs, POLICIES } from '../../workflows/policy/ladder.js';
import { DEFAULT_POSTING, postingDate, reviewCostClock } from '../../workflows/policy/receipt.js';
import { endOfDay, statedDeadlineOf } from '../../workflows/policy/stated-deadlines.js';

const all: Reachability = { email: true, sms: true, whatsapp: true, letter: true, app: false };

function inputFor(policy: DunningPolicy, payday?: PaydayPattern): DunningInput {
  return {
    tenantId: 't',
    invoiceId: 'INV-1',
    debtor: {
      id: 'D-1',
      segment: policy.segment,
      language: 'nl',
      reachability: all,
      ...(payday ? { payday } : {}),
    },
    principalCents: 12_345,
    currency: 'EUR',
    issueDate: '2026-01-01',
    dueDate: '2026-01-15',
    policy,
  };
}

/** The state right after step `index` went out at `sentAt` on `channel`, as the workflow leaves it. */
function stateAfterStep(input: DunningInput, index: number, sentAt: Date, channel: Channel): DunningState {
  const state = initialState(input);
  state.lawfulDeadlines = true;
  const step = input.policy.steps[index]!;
  const stated = step.template ? noticeFacts(input, state, step.template, sentAt).deadline : undefined;
  if (step.template) {
    state.messages.push({
      messageId: `m-${index}`,
      stepKey: step.id,
      channel,
      template: step.template,
      status: channel === 'email' ? 'delivered' : 'sent',
      history: [
        { status: 'sent', at: sentAt.toISOString() },
        // Email: delivered a minute later, possibly after midnight.
        ...(channel === 'email'
          ? [{ status: 'delivered' as const, at: new Date(sentAt.getTime() + 60_000).toISOString() }]
          : []),
      ],
      ...(channel === 'letter' ? { postedOn: postingDate(sentAt, DEFAULT_POSTING) } : {}),
    });
  }
  reviewCostClock(input, state, sentAt);
  state.statedDeadline = statedDeadlineOf(input.policy, step, stated, sentAt);
  state.nextStepIndex = index + 1;
  state.stage = step.id;
  state.lastStepAt = sentAt.toISOString();
  return state;
}

// Every day of a year and a half at two times of day, covering both DST changes and all holidays.
const SEND_MOMENTS: Date[] = [];
for (let day = '2026-03-01'; day <= '2027-08-31'; day = addDays(day, 1)) {
  SEND_MOMENTS.push(fromAmsterdamLocal(day, 9, 5), fromAmsterdamLocal(day, 19, 55));
}
const PAYDAYS: (PaydayPattern | undefined)[] = [
  undefined,
  { dayOfMonth: 25 },
  { rule: 'weekly', weekday: 5 },
];

describe.each(Object.values(POLICIES))(
  '$id: each step waits until the previous deadline is over',
  (policy) => {
    const pairs = policy.steps.slice(0, -1).map((step, i) => [step.id, policy.steps[i + 1]!.id, i] as const);
    it.each(pairs)('%s → %s', (_from, to, index) => {
      const step = policy.steps[index]!;
      const channels: Channel[] = step.costDeadline ? ['letter', 'email'] : ['email'];
      let checked = 0;
      for (const payday of PAYDAYS) {
        const input = inputFor(policy, payday);
        for (const sentAt of SEND_MOMENTS) {
          for (const channel of channels) {
            const state = stateAfterStep(input, index, sentAt, channel);
            const decision = decide(input, state, sentAt, 'wf-1');
            expect(decision.kind).toBe('step');
            if (decision.kind !== 'step') continue;
            expect(decision.step.id).toBe(to);
            const at = decision.at;
            const context = `${step.id} via ${channel} at ${sentAt.toISOString()}, next at ${at.toISOString()}`;
            if (policy.secondsPerDay) {
              if (state.statedDeadline)
                expect(at >= new Date(state.statedDeadline.notBefore), context).toBe(true);
              if (step.costDeadline) {
                const days = step.costDeadline.days + 1;
                expect(at.getTime() - sentAt.getTime(), context).toBeGreaterThanOrEqual(days * dayMs(policy));
              }
              checked++;
              continue;
            }
            const nextDay = toAmsterdamParts(at).date;
            const stated = state.statedDeadline?.date;
            if (stated) {
              // The deadline a message names is ≥ the moment the next step is scheduled…
              expect(nextDay > stated, context).toBe(true);
              expect(at >= endOfDay(stated), context).toBe(true);
            }
            if (step.costDeadline) {
              // …and after the 14-day letter, the 14 days after receipt are over first.
              expect(state.costDeadline, context).not.toBeNull();
              expect(nextDay > state.costDeadline!, context).toBe(true);
            }
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(SEND_MOMENTS.length);
    });
  },
);

describe('stated deadline vectors', () => {
  it('a final notice sent Friday 18 December names 1 January; the handover waits for 4 January', () => {
    const policy = POLICIES['nl-consumer']!;
    const input = inputFor(policy);
    const index = policy.steps.findIndex((s) => s.id === 'final-notice');
    const sentAt = fromAmsterdamLocal('2026-12-18', 10, 0);
    const state = stateAfterStep(input, index, sentAt, 'email');
    expect(state.statedDeadline?.date).toBe('2027-01-01');
    const decision = decide(input, state, sentAt, 'wf-1');
    // 1 January is over at midnight; the 2nd is a Saturday (allowed), but the handover is not
    // payday-aligned and goes out in contact hours on the first day after the deadline.
    expect(toAmsterdamParts((decision as { at: Date }).at).date).toBe('2027-01-02');
  });

  it('without the rule (runs before the patch) the next step may fall on the deadline day', () => {
    const policy = POLICIES['nl-business']!;
    const input = inputFor(policy);
    const index = policy.steps.findIndex((s) => s.id === 'formal-notice');
    const sentAt = fromAmsterdamLocal('2026-12-02', 10, 0);
    const state = stateAfterStep(input, index, sentAt, 'email');
    expect(state.statedDeadline?.date).toBe('2026-12-09');
    const lawful = decide(input, state, sentAt, 'wf-1') as { at: Date };
    expect(toAmsterdamParts(lawful.at).date).toBe('2026-12-10');
    state.lawfulDeadlines = false;
    const old = decide(input, state, sentAt, 'wf-1') as { at: Date };
    expect(toAmsterdamParts(old.at).date).toBe('2026-12-09');
  });
});
