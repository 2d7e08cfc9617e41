// Runs that end outside Settle's own steps — terminated or cancelled from the Temporal UI or CLI,
// failed, timed out — would leave their invoice open in PostgreSQL, with a next action and a live
// self-service page. This watcher finds them in Temporal's visibility store and closes the row.
import type { Client } from '@temporalio/client';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/client.js';
import { audit } from '../db/queries/audit.js';
import { closeInvoiceOfEndedRun } from '../db/queries/invoices.js';
import { DUNNING_WORKFLOW_TYPE } from '../workflows/definitions.js';

const ENDED_ELSEWHERE = ['Terminated', 'Canceled', 'Failed', 'TimedOut'];
/** Visibility is eventually consistent: each sweep looks back over the previous one by this much. */
const OVERLAP_MS = 60_000;
/** The first sweep after start-up looks back this far (the namespace's retention bounds it anyway). */
const FIRST_LOOK_BACK_MS = 30 * 86_400_000;

export interface EndedRunsDeps {
  db: Database;
  temporal: Client;
  log: FastifyBaseLogger;
}

export function watchEndedRuns(deps: EndedRunsDeps, intervalMs = 5000) {
  const { db, temporal, log } = deps;
  let since = new Date(Date.now() - FIRST_LOOK_BACK_MS);

  async function sweep(): Promise<number> {
    const startedAt = Date.now();
    const statuses = ENDED_ELSEWHERE.map((s) => `ExecutionStatus = '${s}'`).join(' OR ');
    const query = `WorkflowType = '${DUNNING_WORKFLOW_TYPE}' AND (${statuses}) AND CloseTime >= '${since.toISOString()}'`;
    let closed = 0;
    for await (const run of temporal.workflow.list({ query })) {
      // The same workflow id may have run on: an operator's reset, or a reversal that reopened it.
      const latest = await temporal.workflow.getHandle(run.workflowId).describe();
      if (latest.runId !== run.runId) continue;
      const invoice = await closeInvoiceOfEndedRun(db, run.workflowId);
      if (!invoice) continue;
      closed++;
      const how = run.status.name.toLowerCase();
      await audit(db, {
        ...invoice,
        actor: 'temporal',
        action: 'run-ended-in-temporal',
        dedupeKey: `${run.workflowId}:${run.runId}:ended`,
        detail: { status: how },
      });
      log.info({ ...invoice, status: how }, 'invoice closed: its run ended in Temporal');
    }
    since = new Date(startedAt - OVERLAP_MS);
    return closed;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  return {
    sweep,
    start(): void {
      timer = setInterval(() => {
        // One sweep at a time: a slow one is not overtaken by the next.
        running ??= sweep()
          .catch((error) =>
            log.warn({ err: { message: (error as Error).message } }, 'ended-run sweep failed'),
          )
          .finally(() => {
            running = undefined;
          });
      }, intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
