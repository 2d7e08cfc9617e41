// A message that names a deadline ("pay by 24 March") is followed by the next step only once that
// deadline is over: on 25 March (Europe/Amsterdam) at the earliest, never on the deadline day itself.
import type { IsoDate } from '../domain.js';
import type { DunningState, StatedDeadline } from '../dunning-types.js';
import { addDays, daysBetween, fromAmsterdamLocal, toAmsterdamParts } from './calendar.js';
import { type DunningPolicy, dayMs, type LadderStep } from './ladder.js';

/** Amsterdam midnight at the end of `date`: the first moment that day is over. */
export function endOfDay(date: IsoDate): Date {
  return fromAmsterdamLocal(addDays(date, 1), 0, 0);
}

/**
 * What a ladder message sent at `sentAt` commits to: the date it names (`statedDate`), or for the
 * 14-day letter its 14 days after receipt. Calendar policies wait for the named day to be over (the
 * 14-day letter's deadline follows its receipt, see nextStepNotBefore); compressed demo policies count
 * the same days in policy time from the send.
 */
export function statedDeadlineOf(
  policy: DunningPolicy,
  step: LadderStep,
  statedDate: IsoDate | undefined,
  sentAt: Date,
): StatedDeadline | null {
  if (policy.secondsPerDay) {
    const days = step.costDeadline
      ? step.costDeadline.days
      : statedDate
        ? daysBetween(toAmsterdamParts(sentAt).date, statedDate)
        : null;
    if (days === null) return null;
    return {
      date: statedDate ?? null,
      notBefore: new Date(sentAt.getTime() + (days + 1) * dayMs(policy)).toISOString(),
    };
  }
  if (step.costDeadline || !statedDate) return null;
  return { date: statedDate, notBefore: endOfDay(statedDate).toISOString() };
}

/** The later of two commitments: a resend that names a later day extends the wait, never shortens it. */
export function laterDeadline(a: StatedDeadline | null | undefined, b: StatedDeadline | null) {
  if (!a) return b;
  if (!b) return a;
  return Date.parse(b.notBefore) > Date.parse(a.notBefore) ? b : a;
}

/** The first moment (epoch ms) the next ladder step may go out; 0 when no deadline holds it back. */
export function nextStepNotBefore(policy: DunningPolicy, state: DunningState): number {
  const stated = state.statedDeadline ? Date.parse(state.statedDeadline.notBefore) : 0;
  const costDeadline =
    !policy.secondsPerDay && state.costDeadline ? endOfDay(state.costDeadline).getTime() : 0;
  return Math.max(stated, costDeadline);
}
