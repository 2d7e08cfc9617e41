// What holds the ladder: a pause, a promise to pay, a dispute; and what lets it go on.
import { dayMs, today } from '../dunning-logic.js';
import type {
  DisputeInput,
  DunningInput,
  DunningState,
  PauseInput,
  PromiseInput,
  ResolveDisputeInput,
} from '../dunning-types.js';
import { addDays } from '../policy/calendar.js';
import type { Command, TimelineEvent } from './command.js';
import { invalid, notAllowed, refuseWhenClosed } from './refusal.js';

export const pause: Command<PauseInput> = {
  validate({ state, now }, { until }) {
    refuseWhenClosed(state);
    if (state.dispute) notAllowed({ code: 'disputed-pause' });
    if (until !== undefined && !(Date.parse(until) > now.getTime())) invalid({ code: 'until-not-future' });
  },
  apply({ state }, { reason, until }) {
    state.pause = { reason, until: until ?? null };
    state.status = 'paused';
    return [{ kind: 'paused', detail: reason }];
  },
};

export const resume: Command<void> = {
  validate({ state }) {
    refuseWhenClosed(state);
    if (!state.pause && !state.promise) notAllowed({ code: 'not-paused' });
  },
  apply: ({ state }) => resumeLadder(state, 'resumed'),
};

export const promiseToPay: Command<PromiseInput> = {
  validate({ input, state, now }, { date }) {
    refuseWhenClosed(state);
    if (state.dispute) notAllowed({ code: 'disputed' });
    if (state.plan?.status === 'active') notAllowed({ code: 'in-plan' });
    const day = today(now);
    const latest = addDays(day, input.policy.promiseToPay.maxDays);
    if (date < day || date > latest) invalid({ code: 'date-out-of-range', from: day, to: latest });
  },
  apply({ input, state, now }, { date }) {
    const graceMs = input.policy.promiseToPay.graceDays * dayMs(input.policy);
    state.promise = { date, resumeAt: new Date(promiseDateMs(input, date, now) + graceMs).toISOString() };
    state.status = 'paused';
    return [{ kind: 'promise-to-pay', detail: date }];
  },
};

export const openDispute: Command<DisputeInput> = {
  validate({ state }) {
    refuseWhenClosed(state);
    if (state.dispute) notAllowed({ code: 'already-disputed' });
  },
  apply({ state, now }, { reason }) {
    state.dispute = { reason, openedAt: now.toISOString() };
    state.status = 'disputed';
    return [{ kind: 'dispute-opened', detail: reason }];
  },
};

export const resolveDispute: Command<ResolveDisputeInput> = {
  validate({ state }) {
    refuseWhenClosed(state);
    if (!state.dispute) notAllowed({ code: 'no-open-dispute' });
  },
  apply({ state }, { outcome }) {
    state.dispute = null;
    if (outcome !== 'upheld') return resumeLadder(state, 'dispute-rejected');
    // The debtor was right: the claim is withdrawn (credit note upstream).
    state.status = 'cancelled';
    state.cancelReason = 'dispute upheld';
    return [{ kind: 'dispute-upheld' }];
  },
};

/** Ends a pause or promise: back to the plan if one runs, else to the ladder. `kind`: why. */
export function resumeLadder(state: DunningState, kind: string): TimelineEvent[] {
  state.pause = null;
  state.promise = null;
  state.status = state.plan?.status === 'active' ? 'in_plan' : 'open';
  return [{ kind }];
}

/** The moment a promised date is over. */
function promiseDateMs(input: DunningInput, date: string, now: Date): number {
  // Demo policies compress days: a promised date is counted in policy days from today.
  if (input.policy.secondsPerDay) {
    const days = Math.max(0, Math.round((Date.parse(date) - Date.parse(today(now))) / 86_400_000));
    return now.getTime() + days * dayMs(input.policy);
  }
  return Date.parse(`${addDays(date, 1)}T00:00:00Z`);
}
