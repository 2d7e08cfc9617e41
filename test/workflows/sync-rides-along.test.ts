// The read model without activities of its own (issue 15 item 5, patch sync-rides-along): the API
// stores a new invoice's first snapshot, and a ladder step's send writes the records of the state
// after the step. On the time-skipping server with the real activities and PostgreSQL: what is stored
// is exactly what the workflow holds (row, timeline events once each, audit), and no sync activity runs
// until the payment changes what the step's send wrote.
import { defaultPayloadConverter } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { auditTrail } from '../../db/queries/audit.js';
import { eventsOfInvoice } from '../../db/queries/invoice-events.js';
import { getInvoice } from '../../db/queries/invoices.js';
import { DUNNING_WORKFLOW_TYPE, dunningWorkflowId } from '../../workflows/definitions.js';
import type { DunningInput, DunningStatus } from '../../workflows/dunning-types.js';
import { harnessPerFile } from './harness.js';

const h = harnessPerFile();

async function activitiesOf(id: string): Promise<string[]> {
  const history = await h.env.client.workflow.getHandle(dunningWorkflowId(h.tenantId, id)).fetchHistory();
  return (history.events ?? []).flatMap((e) => {
    const name = e.activityTaskScheduledEventAttributes?.activityType?.name;
    return name ? [name] : [];
  });
}

async function expectStored(id: string, status: DunningStatus) {
  const row = await getInvoice(h.database.db, h.tenantId, id);
  expect(row).toMatchObject({
    status: status.status,
    stage: status.stage,
    amountDueCents: status.amounts.dueCents,
    nextAction: status.nextAction?.kind ?? null,
    nextActionAt: status.nextAction ? new Date(status.nextAction.at) : null,
  });
  const stored = await eventsOfInvoice(h.database.db, h.tenantId, id);
  expect(stored.map(({ key: _key, ...event }) => event)).toEqual(status.events);
}

describe('the read model rides along', () => {
  it('a new invoice reads right at once, from the snapshot its create stored', async () => {
    const id = await h.createInvoice({});
    const row = await getInvoice(h.database.db, h.tenantId, id);
    expect(row).toMatchObject({ stage: 'created', nextAction: 'step', mirrorVersion: 0 });
    expect(row?.nextActionAt).toBeInstanceOf(Date);
    await expect.poll(async () => (await h.status(id)).nextAction).not.toBeNull();
    await expectStored(id, await h.status(id));
    expect(await activitiesOf(id)).toEqual([]);
  });

  it('each step is stored by its send: the row, its events once, an audit entry; a payment is synced', async () => {
    const id = await h.createInvoice({});
    const requested = await h.waitFor(id, (s) => s.messages.length === 1);
    await expectStored(id, requested);
    const reminded = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-1'), 40);
    await expectStored(id, reminded);
    expect(await activitiesOf(id)).toEqual(['sendMessage', 'sendMessage']);
    const trail = await auditTrail(h.database.db, h.tenantId, id);
    expect(trail.filter((entry) => entry.action === 'step')).toHaveLength(2);
    // The trail still starts with the start, which the create wrote with the first snapshot.
    expect(trail[0]).toMatchObject({ actor: 'workflow', action: 'started', detail: { stage: 'created' } });
    expect(trail.filter((entry) => entry.action === 'started')).toHaveLength(1);

    await h.pay(id, 12_345, 'full');
    const end = await h.runToEnd(id);
    expect(end.status).toBe('paid');
    expect(await activitiesOf(id)).toEqual(['sendMessage', 'sendMessage', 'syncInvoice']);
    await expectStored(id, end);
  });

  it('a run whose first snapshot differs from what the create stored writes its own, as before', async () => {
    const id = await h.createInvoice({});
    const history = await h.handle(id).fetchHistory();
    const started = history.events![0]!.workflowExecutionStartedEventAttributes!;
    const input = defaultPayloadConverter.fromPayload<DunningInput>(started.input!.payloads![0]!);
    expect(input.initialSnapshot?.digest).toEqual(expect.any(String));
    // The same invoice under another id: its decisions (spread by the id) and so its digest differ.
    const workflowId = `${h.handle(id).workflowId}:other`;
    await h.env.client.workflow.start(DUNNING_WORKFLOW_TYPE, {
      taskQueue: h.taskQueue,
      workflowId,
      args: [input],
    });
    const other = h.env.client.workflow.getHandle(workflowId);
    const scheduled = async () =>
      ((await other.fetchHistory()).events ?? []).flatMap((e) => {
        const name = e.activityTaskScheduledEventAttributes?.activityType?.name;
        return name ? [name] : [];
      });
    await expect.poll(scheduled, { timeout: 10_000 }).toEqual(['syncInvoice']);
    await other.terminate('test done');
  });
});
