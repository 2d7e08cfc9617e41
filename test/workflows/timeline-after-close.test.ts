// The timeline of a closed invoice is exactly as rich as while it ran (issue 13 item 5): on the
// time-skipping server with the real activities and PostgreSQL, an invoice walks its ladder with a
// bounce and a part payment, its timeline is read while it runs (from the workflow and the stored
// events) and after it closed (from PostgreSQL alone), and every entry of the first is in the second
// with the same detail — the bounce once.
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { invoiceTimeline } from '../../api/timeline.js';
import { getInvoice } from '../../db/queries/invoices.js';
import { deliverySignal } from '../../workflows/definitions.js';
import { directDebitSteps } from './direct-debit-steps.js';
import { harnessPerFile } from './harness.js';

const h = harnessPerFile();
const { grantMandate, collect } = directDebitSteps(h);

type Entry = Awaited<ReturnType<typeof invoiceTimeline>>['entries'][number];
const bounces = (entries: Entry[]) =>
  entries.filter((e) => e.type === 'event' && e.kind === 'delivery-failed' && e.detail === 'email:bounced');

async function timelineOf(id: string, live: 'live' | 'closed') {
  const row = await getInvoice(h.database.db, h.tenantId, id);
  if (!row) throw new Error(`no invoice ${id}`);
  return invoiceTimeline(h.database.db, row, live === 'live' ? await h.status(id) : undefined);
}

describe('the timeline of a closed invoice', () => {
  it('has every entry it had while the workflow ran, with the same detail, and the bounce once', async () => {
    const id = await h.createInvoice({});
    const requested = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'payment-request'));
    const email = requested.messages.find((m) => m.stepKey === 'payment-request')!;
    await h.handle(id).signal(deliverySignal, {
      messageId: email.messageId,
      status: 'bounced',
      at: (await h.now()).toISOString(),
    });
    // The fallback by SMS with a request for correct contact details, then reminder 1 by SMS.
    await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'payment-request:contact-update'), 2);
    await h.pay(id, 2_345, 'part-1');
    await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-1'), 30);

    const running = await timelineOf(id, 'live');
    expect(running.status).toBe('open');
    expect(bounces(running.entries)).toHaveLength(1);
    const stepDetails = running.entries.flatMap((e) =>
      e.type === 'event' && e.kind === 'step' ? [e.detail] : [],
    );
    expect(stepDetails).toEqual(['payment-request', 'reminder-1']);
    expect(running.entries).toContainEqual(
      expect.objectContaining({ type: 'event', kind: 'payment', detail: 'manual:2345' }),
    );

    await h.pay(id, 10_000, 'rest');
    expect((await h.runToEnd(id, 10)).status).toBe('paid');
    await expect.poll(async () => (await getInvoice(h.database.db, h.tenantId, id))?.closedAt).not.toBeNull();

    const closed = await timelineOf(id, 'closed');
    expect(closed.status).toBe('paid');
    // Entry for entry, in the same order, each with the detail it had…
    const kept = closed.entries.filter((entry) => running.entries.some((r) => isDeepStrictEqual(r, entry)));
    expect(kept).toEqual(running.entries);
    // …and listed once: the bounce too.
    expect(bounces(closed.entries)).toHaveLength(1);
    // What only happened after the first read: the final payment and its event.
    const added = closed.entries.filter((entry) => !running.entries.some((r) => isDeepStrictEqual(r, entry)));
    expect(added).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'event', kind: 'payment', detail: 'manual:10000' }),
      ]),
    );
    expect(added.every((entry) => entry.kind !== 'step')).toBe(true);
  });

  it('keeps an event that came after the last sync: a bounce in the reversal window of a debit-paid invoice', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    await grantMandate(id);
    const paid = await collect(id, 1);
    expect(paid.status).toBe('paid');
    // Paid: the workflow only waits out SEPA's 8-week reversal window now. A late bounce of the
    // pre-notification changes nothing it would sync…
    const notice = paid.messages.find((m) => m.stepKey === 'direct-debit-1')!;
    await h.handle(id).signal(deliverySignal, {
      messageId: notice.messageId,
      status: 'bounced',
      at: (await h.now()).toISOString(),
    });
    await h.waitFor(id, (s) => s.events.some((e) => e.kind === 'delivery-failed'), 1);
    expect((await h.runToEnd(id, 70)).status).toBe('paid');
    // …yet the closed invoice's timeline has it, once.
    const closed = await timelineOf(id, 'closed');
    expect(bounces(closed.entries)).toHaveLength(1);
  });
});
