// Boots the real Settle stack in-process (the dev stack's startStack) against the test run's
// Temporal dev server and PostgreSQL: worker + API with sandbox providers, on a loopback port.
import { inject } from 'vitest';
import type { RunningApi } from '../../api/server.js';
import { isolatedSettings, type Stack, startStack } from '../../devstack/stack.js';
import type { RunningWorker } from '../../worker.js';
import { invoiceBody as openInvoiceBody } from './invoice-body.js';
import { installQuietRuntime } from './quiet-runtime.js';

export { eventually } from '../../devstack/waiting.js';

export interface TestStack extends Stack {
  api: RunningApi;
  /** Replace it to simulate a redeploy: `stop()` stops the current one. */
  worker: RunningWorker;
}

export async function startTestStack(
  options: { port?: number; taskQueue?: string; env?: Record<string, string> } = {},
): Promise<TestStack> {
  installQuietRuntime();
  const settings = await isolatedSettings('e2e', options.port);
  const stack = await startStack({
    postgres: { kind: 'url', url: inject('databaseUrl'), migrate: false },
    temporal: { kind: 'existing', address: inject('temporalAddress') },
    settings: {
      ...settings,
      ...(options.taskQueue ? { TEMPORAL_TASK_QUEUE: options.taskQueue } : {}),
      ...options.env,
    },
    worker: true,
    api: true,
  });
  return stack as TestStack;
}

/** A call to the stack's API over HTTP with its tenant's key (JSON bodies). */
export function callApi(
  stack: Stack,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Response> {
  return fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${stack.apiKey}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

/** A create-invoice body long overdue (due 2026-11-15), so the demo ladder runs from its first step on. */
export function invoiceBody(overrides: Record<string, unknown> = {}, debtor: Record<string, unknown> = {}) {
  return openInvoiceBody({ issueDate: '2026-11-01', dueDate: '2026-11-15', ...overrides }, debtor);
}
