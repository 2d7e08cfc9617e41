// A message's delivery history in the order things happened. Sources differ in precision — Settle
// records its own steps to the millisecond, SendGrid reports whole seconds — and reports arrive out of
// order (a webhook can beat the send's own result). So times are compared to the whole second; within
// a second the order a message lives through decides (sent, then delivered, then opened …), then the
// order received. Settle's own steps (queued, sent) are recorded once the provider answered, which on
// a busy worker can be seconds after the provider's first report: whatever the provider reports
// happened after the handover, so those steps count no later than its earliest report.
import type { StatusChange } from '../db/queries/communications.js';
import { DELIVERY_PROGRESS, type DeliveryStatus } from '../workflows/domain.js';

const wholeSecond = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function lifeOrder(status: string): number {
  const index = DELIVERY_PROGRESS.indexOf(status as DeliveryStatus);
  return index === -1 ? DELIVERY_PROGRESS.length : index;
}

const SETTLE_STEPS: ReadonlySet<string> = new Set(['queued', 'sent']);

export function inDeliveryOrder<T extends Pick<StatusChange, 'status' | 'at' | 'seq'>>(
  history: readonly T[],
): T[] {
  const reported = history.filter((entry) => !SETTLE_STEPS.has(entry.status)).map((e) => wholeSecond(e.at));
  const firstReport = Math.min(...reported);
  const second = (entry: T) =>
    SETTLE_STEPS.has(entry.status) ? Math.min(wholeSecond(entry.at), firstReport) : wholeSecond(entry.at);
  return history
    .map((entry, index) => ({ entry, received: entry.seq ?? index }))
    .sort(
      (a, b) =>
        second(a.entry) - second(b.entry) ||
        lifeOrder(a.entry.status) - lifeOrder(b.entry.status) ||
        a.received - b.received,
    )
    .map(({ entry }) => entry);
}
