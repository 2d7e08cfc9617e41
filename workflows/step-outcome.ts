// What a ladder step leaves behind once executed: the 14-day letter's cost clock, the deadline its
// message named, and the ladder's position. Shared by the workflow and the schedule projection, so the
// schedule ahead follows exactly the rules the workflow applies.
import type { TimelineEvent } from './commands/command.js';
import type { Channel } from './domain.js';
import { costDeadline } from './dunning-logic.js';
import type { DunningInput, DunningState } from './dunning-types.js';
import type { LadderStep } from './policy/ladder.js';
import { reviewCostClock } from './policy/receipt.js';
import { statedDeadlineOf } from './policy/stated-deadlines.js';

/**
 * Records that `step` went out at `now` on `channel` (null: no channel reached the debtor) with a
 * message naming `statedDate`; returns what the timeline should say about the cost clock.
 */
export function recordStepOutcome(
  input: DunningInput,
  state: DunningState,
  step: LadderStep,
  channel: Channel | null,
  statedDate: string | undefined,
  now: Date,
): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  if (state.lawfulDeadlines) {
    if (step.costDeadline && !channel)
      events.push({ kind: 'cost-clock-not-started', detail: `${step.id}: not sent` });
    events.push(...reviewCostClock(input, state, now));
    state.statedDeadline = channel ? statedDeadlineOf(input.policy, step, statedDate, now) : null;
  } else if (channel && step.costDeadline) {
    state.costDeadline = costDeadline(step.costDeadline, now);
  }
  state.nextStepIndex++;
  state.lastStepAt = now.toISOString();
  return events;
}
