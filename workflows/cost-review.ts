// The 14-day letter's cost clock follows what is known of its delivery (see policy/receipt.ts): reviewed
// after every delivery report and every resend.
import type { CommandContext, TimelineEvent } from './commands/command.js';
import { amounts } from './dunning-logic.js';
import type { MessageRecord } from './dunning-types.js';
import { reviewCostClock } from './policy/receipt.js';

export function reviewCosts(ctx: CommandContext, cause?: MessageRecord): TimelineEvent[] {
  const { input, state } = ctx;
  if (!state.lawfulDeadlines) return [];
  const events: TimelineEvent[] = reviewCostClock(input, state, ctx.now, cause);
  // Costs withdrawn after the debtor paid them leave money the creditor must refund: say so. Runs
  // recorded before this replay without it.
  if (events.some((e) => e.kind === 'costs-withdrawn') && ctx.patched('overpaid-after-withdrawn-costs')) {
    const overpaid = amounts(input, state).overpaidCents ?? 0;
    if (overpaid > 0) events.push({ kind: 'overpaid', detail: String(overpaid) });
  }
  return events;
}
