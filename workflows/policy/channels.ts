// Which channel carries a message: the debtor's preference first, only reachable channels, never
// one that already failed, letter as the last resort.
import type { Channel, Reachability } from '../domain.js';
import type { LadderStep } from './ladder.js';

const DIGITAL_DEFAULT_ORDER: readonly Channel[] = ['email', 'sms', 'whatsapp', 'app'];

export interface ChannelContext {
  reachability: Reachability;
  preferred: Channel | undefined;
  failed: readonly Channel[];
  /** The channel the debtor last opened or clicked a message on. */
  engaged: Channel | undefined;
  /** An experiment's channel order: after the debtor's own choice, before the learned and default order. */
  firstChoice?: readonly Channel[];
}

function unique(channels: Channel[]): Channel[] {
  return [...new Set(channels)];
}

export function preferenceOrder(
  ctx: Pick<ChannelContext, 'preferred' | 'engaged' | 'firstChoice'>,
): Channel[] {
  const head = [ctx.preferred, ...(ctx.firstChoice ?? []), ctx.engaged].filter(
    (c): c is Channel => c !== undefined && c !== 'letter',
  );
  return unique([...head, ...DIGITAL_DEFAULT_ORDER, 'letter']);
}

/** Candidate channels for a step, best first; empty when the debtor cannot be reached at all. */
export function channelCandidates(channels: LadderStep['channels'], ctx: ChannelContext): Channel[] {
  const order =
    channels === 'preferred'
      ? preferenceOrder(ctx)
      : // A required email (e.g. the 14-day letter) is only valid where the debtor chose email.
        channels.filter((c) => c !== 'email' || ctx.preferred === 'email');
  return order.filter((c) => ctx.reachability[c] && !ctx.failed.includes(c));
}
