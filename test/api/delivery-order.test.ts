// Delivery facts in the order they happened, whatever their precision and arrival order: SendGrid
// reports whole seconds (its "delivered" at 12:00:00 may follow Settle's "sent" at 12:00:00.734), and a
// webhook can be processed before the send's own result is recorded. Stored with their received
// order, shown in the timeline as queued → sent → delivered → opened.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  getCommunication,
  insertQueuedCommunication,
  recordCommunicationStatus,
} from '../../db/queries/communications.js';
import { type ApiHarness, eventually, invoiceBody, startApiHarness } from './harness.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

interface TimelineEntry {
  type: string;
  kind: string;
  statusHistory?: { status: string; at: string }[];
}

describe('delivery history order', () => {
  it('keeps milliseconds, stores the received order, and orders by the provider sequence within a second', async () => {
    const body = invoiceBody();
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    const resource = await eventually(async () => {
      const invoice = (await h.call('GET', `/v1/invoices/${body.invoiceId}`)).json() as {
        workflowId?: string;
      };
      return invoice.workflowId ? invoice : undefined;
    });
    const id = `msg_test${randomBytes(8).toString('hex')}`;
    await insertQueuedCommunication(h.database.db, {
      id,
      tenantId: h.tenantId,
      invoiceId: body.invoiceId,
      workflowId: resource.workflowId!,
      step: 'order-test',
      channel: 'email',
      template: 'payment-request',
      language: 'nl',
      provider: 'sendgrid-sandbox',
    });
    // Received in this order: SendGrid's open (next second) and delivered (whole second) before the
    // send's own result (the same second as delivered, to the millisecond).
    const second = Math.floor(Date.now() / 1000) + 5;
    const iso = (ms: number) => new Date(ms).toISOString();
    for (const [status, at] of [
      ['opened', iso((second + 1) * 1000)],
      ['delivered', iso(second * 1000)],
      ['sent', iso(second * 1000 + 734)],
    ] as const)
      await recordCommunicationStatus(h.database.db, id, { status, at });

    const stored = (await getCommunication(h.database.db, id))!.statusHistory;
    expect(stored.map((s) => [s.status, s.seq])).toEqual([
      ['queued', 0],
      ['opened', 1],
      ['delivered', 2],
      ['sent', 3],
    ]);
    expect(stored.find((s) => s.status === 'sent')?.at).toBe(iso(second * 1000 + 734));

    const timeline = (await h.call('GET', `/v1/invoices/${body.invoiceId}/timeline`)).json() as {
      entries: TimelineEntry[];
    };
    const message = timeline.entries.find((e) => e.type === 'message' && e.kind === 'order-test');
    expect(message?.statusHistory?.map((s) => s.status)).toEqual(['queued', 'sent', 'delivered', 'opened']);
    expect(message?.statusHistory?.find((s) => s.status === 'sent')?.at).toBe(iso(second * 1000 + 734));
  });
});
