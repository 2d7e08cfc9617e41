// How debtors respond, as a daily hazard: the probability of paying in full on a day, given the last
// ladder message they got (its step kind and channel) and how many days ago it came. Without any
// message, or once a message's effect has worn off, the base rate applies.
import type { Channel } from '../workflows/domain.js';
import type { StepKind } from '../workflows/policy/ladder.js';

export interface ResponseModel {
  /** Daily probability of paying with no message in effect. */
  baseDailyHazard: number;
  /**
   * Extra daily probability on the day of a message of this step kind on this channel (`'*'`: any
   * channel without an entry of its own).
   */
  lift: Partial<Record<StepKind, Partial<Record<Channel | '*', number>>>>;
  /** A message's lift halves every this many days; absent: it holds until the next message. */
  halfLifeDays?: number;
}

/** The last ladder message a debtor got: what the hazard depends on. */
export interface LastMessage {
  kind: StepKind;
  channel: Channel;
  sentAt: Date;
}

const DAY_MS = 86_400_000;

export function liftOf(model: ResponseModel, kind: StepKind, channel: Channel): number {
  const byChannel = model.lift[kind];
  return byChannel?.[channel] ?? byChannel?.['*'] ?? 0;
}

/** The probability of paying on the day that starts at `now`. */
export function dailyHazard(model: ResponseModel, last: LastMessage | null, now: Date): number {
  if (!last) return clamp(model.baseDailyHazard);
  const days = Math.max(0, (now.getTime() - last.sentAt.getTime()) / DAY_MS);
  const decay = model.halfLifeDays ? 0.5 ** (days / model.halfLifeDays) : 1;
  return clamp(model.baseDailyHazard + liftOf(model, last.kind, last.channel) * decay);
}

function clamp(p: number): number {
  return Math.min(1, Math.max(0, p));
}

/** A plausible default: reminders raise the daily chance of paying, letters more than email. */
export const DEFAULT_RESPONSE_MODEL: ResponseModel = {
  baseDailyHazard: 0.004,
  lift: {
    'payment-request': { '*': 0.03 },
    reminder: { email: 0.04, sms: 0.05, whatsapp: 0.05, '*': 0.035 },
    'formal-notice': { letter: 0.06, '*': 0.05 },
    'plan-offer': { '*': 0.03 },
    'final-notice': { letter: 0.05, '*': 0.04 },
  },
  halfLifeDays: 5,
};
