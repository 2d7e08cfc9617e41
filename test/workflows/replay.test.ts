// Invoices live for months: every stored history must still replay against the current workflow
// code, or a deployment would break invoices in flight.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { expect, it } from 'vitest';
import { workflowBundle } from '../../temporal/workflow-bundle.js';
import { installQuietRuntime } from '../support/quiet-runtime.js';

const DIR = join(import.meta.dirname, '..', 'histories');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

it('has stored histories to replay', () => {
  expect(files.length).toBeGreaterThanOrEqual(3);
});

it.each(files)('replays %s without nondeterminism', async (file) => {
  installQuietRuntime();
  const history = JSON.parse(readFileSync(join(DIR, file), 'utf8'));
  await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, `replay-${file}`);
});
