// Billed Temporal actions per invoice (issue 15 item 5), counted from the finished histories by the
// benchmark's own rules (bench/support/history.ts), on the time-skipping server with the real
// activities. Delivery reports reach the workflow only when it acts on them (policy/receipt.ts), so
// these paths, like the webhook processor, send it none. Pinned: a change that costs actions fails here.
import { describe, expect, it } from 'vitest';
import { billableActions, historyCounts } from '../../bench/support/history.js';
import { dunningWorkflowId } from '../../workflows/definitions.js';
import { harnessPerFile } from './harness.js';

const h = harnessPerFile();

const countsOf = async (invoiceId: string) =>
  historyCounts(h.env.client, dunningWorkflowId(h.tenantId, invoiceId));

describe('actions per invoice', () => {
  it('paid before due: one patch (its marker and version upsert are free), one upsert per stage or amount change, no sync of its own', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    await h.pay(id, 12_345, 'full');
    expect((await h.runToEnd(id)).status).toBe('paid');
    const counts = await countsOf(id);
    expect(counts).toMatchObject({ patchMarkers: 1, markers: 0, versionUpserts: 1 });
    // The payment request's stage; the amount due going to 0. The start's own search attributes
    // (stage 'created', the amount) are not upserted again.
    expect(counts.upserts).toBe(2);
    expect(counts.signals).toBe(0);
    // Start, 2 upserts, 2 timers, the send (it writes the records of the state after the step, and the
    // API stored the first snapshot: patch sync-rides-along), the closing sync, the payment update.
    expect(counts.activitiesScheduled).toBe(2);
    expect(billableActions(counts, 0)).toBe(8);
  });

  it('paid after reminder 1', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-1'), 40);
    await h.pay(id, 12_345, 'full');
    expect((await h.runToEnd(id)).status).toBe('paid');
    const counts = await countsOf(id);
    expect(counts.upserts).toBe(3);
    // Two sends, each writing its step's records, and the closing sync.
    expect(counts.activitiesScheduled).toBe(3);
    expect(billableActions(counts, 0)).toBe(11);
  });

  it('full ladder to handover: no more than one upsert per stage', async () => {
    const id = await h.createInvoice({});
    const end = await h.runToEnd(id, 200);
    expect(end.status).toBe('handed_over');
    const counts = await countsOf(id);
    const stages = new Set(end.events.filter((e) => e.kind === 'step').map((e) => e.detail)).size;
    expect(counts.upserts).toBeLessThanOrEqual(1 + stages);
    // Six sends, each writing its step's records; the handover's own write; a sync at the end.
    expect(billableActions(counts, 0)).toBeLessThanOrEqual(23);
  });
});
