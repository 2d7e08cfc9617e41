// A message's delivery history in the order things happened, whatever order and precision the facts
// came in with.
import { describe, expect, it } from 'vitest';
import { inDeliveryOrder } from '../../api/delivery-history.js';

const statuses = (history: { status: string; at: string; seq?: number }[]) =>
  inDeliveryOrder(history).map((entry) => entry.status);

describe('delivery history order', () => {
  it("puts Settle's own send before the provider's reports even when it was recorded seconds later", () => {
    // A busy worker recorded 'sent' 2.4 s after the sandbox reported the delivery.
    expect(
      statuses([
        { status: 'queued', at: '2026-12-04T22:51:00.100Z', seq: 0 },
        { status: 'delivered', at: '2026-12-04T22:51:01.000Z', seq: 1 },
        { status: 'sent', at: '2026-12-04T22:51:03.400Z', seq: 2 },
        { status: 'opened', at: '2026-12-04T22:55:00.000Z', seq: 3 },
      ]),
    ).toEqual(['queued', 'sent', 'delivered', 'opened']);
  });

  it('keeps times to the whole second, then the order a message lives through, then the received order', () => {
    expect(
      statuses([
        { status: 'sent', at: '2026-12-04T12:00:00.734Z', seq: 1 },
        { status: 'opened', at: '2026-12-04T12:00:01Z', seq: 2 },
        { status: 'delivered', at: '2026-12-04T12:00:00Z', seq: 3 },
        { status: 'queued', at: '2026-12-04T12:00:00.100Z', seq: 0 },
      ]),
    ).toEqual(['queued', 'sent', 'delivered', 'opened']);
  });

  it('orders a history with no provider report by time alone', () => {
    expect(
      statuses([
        { status: 'sent', at: '2026-12-04T12:00:02Z' },
        { status: 'queued', at: '2026-12-04T12:00:00Z' },
      ]),
    ).toEqual(['queued', 'sent']);
  });
});
