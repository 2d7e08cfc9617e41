// Invoices live for months: every stored history must still replay against the current workflow
// code, or a deployment would break invoices in flight.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { expect, it } from 'vitest';
import { workflowBundle } from '../../temporal/workflow-bundle.js';
import { dunningWorkflowId } from '../../workflows/definitions.js';
import type { DunningInput } from '../../workflows/dunning-types.js';
import { installQuietRuntime } from '../support/quiet-runtime.js';

const DIR = join(import.meta.dirname, '..', 'histories');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

it('has stored histories to replay', () => {
  expect(files.length).toBeGreaterThanOrEqual(3);
});

/**
 * The workflow id the history ran under, as a worker replays it: decisions spread their moments by it,
 * and since patch sync-rides-along whether a sync activity runs follows from what was decided.
 */
function workflowIdOf(history: {
  events: { workflowExecutionStartedEventAttributes?: { input: { payloads: { data: string }[] } } }[];
}): string {
  const started = history.events[0]?.workflowExecutionStartedEventAttributes;
  const data = started?.input.payloads[0]?.data;
  if (!data) throw new Error('history without a start event and its input');
  const input = JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as DunningInput;
  return dunningWorkflowId(input.tenantId, input.invoiceId);
}

it.each(files)('replays %s without nondeterminism', async (file) => {
  installQuietRuntime();
  const history = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, workflowIdOf(history));
});
