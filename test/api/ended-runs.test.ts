// A run that ends in Temporal rather than through Settle — cancelled or terminated from the Temporal
// UI or CLI — reaches Settle's records: the invoice reads cancelled with nothing planned, and the
// debtor's page no longer steers it. Real worker, real dev server, real PostgreSQL.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchEndedRuns } from '../../api/ended-runs.js';
import { auditTrail } from '../../db/queries/audit.js';
import { getInvoice } from '../../db/queries/invoices.js';
import { type ApiHarness, eventually, invoiceBody, type Resource, startApiHarness } from './harness.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({ sandboxReports: false });
});
afterAll(async () => h?.close());

async function startedInvoice(): Promise<Resource & { selfServiceUrl: string }> {
  const body = invoiceBody();
  const created = (await h.call('POST', '/v1/invoices', body)).json() as Resource & {
    selfServiceUrl: string;
  };
  // Running and planned: the first step is ahead.
  await eventually(
    async () => (await h.call('GET', `/v1/invoices/${body.invoiceId}?consistency=live`)).json().nextActionAt,
  );
  return created;
}

const selfServicePath = (url: string) => new URL(url).pathname;

describe('runs ended in Temporal', () => {
  it('a cancellation from the Temporal UI is recorded by the workflow before it ends', async () => {
    const invoice = await startedInvoice();
    const handle = h.temporal.workflow.getHandle(invoice.workflowId);
    await handle.cancel();
    await expect(handle.result()).rejects.toThrow();
    expect((await handle.describe()).status.name).toBe('CANCELLED');
    const row = await getInvoice(h.database.db, h.tenantId, invoice.invoiceId);
    expect(row).toMatchObject({ status: 'cancelled', nextActionAt: null });
    expect(row?.closedAt).toBeInstanceOf(Date);

    const after = (await h.call('GET', `/v1/invoices/${invoice.invoiceId}`)).json() as Resource;
    expect(after).toMatchObject({ status: 'cancelled', nextActionAt: null });
    const page = await h.app.inject({ method: 'GET', url: selfServicePath(invoice.selfServiceUrl) });
    expect(page.body).not.toContain('/sandbox/checkout/');
    // The kind "closed" page is meant to be seen: 200, no actions.
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<section class="card" id="closed" data-status="cancelled">');
  });

  it('a termination is found in Temporal and closes the invoice, once', async () => {
    const invoice = await startedInvoice();
    const handle = h.temporal.workflow.getHandle(invoice.workflowId);
    // An activity still running at termination may write the row once more; the watcher's overlapping
    // sweeps close it again. Here: terminate while the run is idle, so one sweep is all it takes.
    await eventually(async () => (await handle.describe()).raw.pendingActivities?.length === 0 || undefined);
    await handle.terminate('stopped by an operator');
    const watcher = watchEndedRuns({ db: h.database.db, temporal: h.temporal, log: h.app.log });
    // Visibility is eventually consistent: sweep until the terminated run is listed.
    await eventually(async () => (await watcher.sweep()) > 0 || undefined);
    expect(await watcher.sweep()).toBe(0);

    const after = (await h.call('GET', `/v1/invoices/${invoice.invoiceId}`)).json() as Resource;
    expect(after).toMatchObject({ status: 'cancelled', nextActionAt: null });
    const page = await h.app.inject({ method: 'GET', url: selfServicePath(invoice.selfServiceUrl) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<section class="card" id="closed" data-status="cancelled">');
    const trail = await auditTrail(h.database.db, h.tenantId, invoice.invoiceId);
    expect(trail.filter((e) => e.action === 'run-ended-in-temporal')).toHaveLength(1);
  });

  it('leaves an invoice open whose workflow runs on after an operator reset (the old run is terminated)', async () => {
    const invoice = await startedInvoice();
    const handle = h.temporal.workflow.getHandle(invoice.workflowId);
    const before = await handle.describe();
    const history = await handle.fetchHistory();
    const firstTask = history.events!.find((e) => e.workflowTaskCompletedEventAttributes)!;
    await h.temporal.workflowService.resetWorkflowExecution({
      namespace: h.temporal.options.namespace,
      workflowExecution: { workflowId: invoice.workflowId, runId: before.runId },
      workflowTaskFinishEventId: firstTask.eventId,
      reason: 'operator reset',
      requestId: randomUUID(),
    });
    const watcher = watchEndedRuns({ db: h.database.db, temporal: h.temporal, log: h.app.log });
    // The terminated base run is listed (visibility is eventually consistent), yet nothing is closed.
    await eventually(async () => {
      for await (const run of h.temporal.workflow.list({
        query: `WorkflowId = '${invoice.workflowId}' AND ExecutionStatus = 'Terminated'`,
      }))
        if (run.runId === before.runId) return true;
      return undefined;
    });
    await watcher.sweep();
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const row = await getInvoice(h.database.db, h.tenantId, invoice.invoiceId);
    expect(row?.closedAt).toBeNull();
  });
});
