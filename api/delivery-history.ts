// A message's delivery history in the order things happened. Sources differ in precision — Settle
// records its own steps to the millisecond, SendGrid reports whole seconds — and reports arrive out of
// order (a webhook can beat the send's own result). So times are compared to the whole second; within
// a second the order a message lives through decides (sent, then delivered, then opened …), then the
// order received.
import type { StatusChange } from '../db/queries/communications.js';
import { DELIVERY_PROGRESS, type DeliveryStatus } from '../workflows/domain.js';

const wholeSecond = (iso: string) => Math.floor(Date.parse(iso) / 1000);

function lifeOrder(status: string): number {
  const index = DELIVERY_PROGRESS.indexOf(status as DeliveryStatus);
  return index === -1 ? DELIVERY_PROGRESS.length : index;
}

export function inDeliveryOrder<T extends Pick<StatusChange, 'status' | 'at' | 'seq'>>(
  history: readonly T[],
): T[] {
  return history
    .map((entry, index) => ({ entry, received: entry.seq ?? index }))
    .sort(
      (a, b) =>
        wholeSecond(a.entry.at) - wholeSecond(b.entry.at) ||
        lifeOrder(a.entry.status) - lifeOrder(b.entry.status) ||
        a.received - b.received,
    )
    .map(({ entry }) => entry);
}
