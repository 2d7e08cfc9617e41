// A worker replaced mid-ladder loses nothing: on the real dev server, the demo ladder's next step
// is sent by a brand-new worker (empty cache), exactly once.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWorker } from '../../worker.js';
import { eventually, invoiceBody, startTestStack, type TestStack } from '../support/stack.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

interface OutboxItem {
  template: string;
}

it('a new worker carries on where the stopped one left off', async () => {
  const body = invoiceBody();
  const created = await fetch(`${stack.baseUrl}/v1/invoices`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(created.status).toBe(201);
  const outbox = async () =>
    (await (
      await fetch(`${stack.baseUrl}/sandbox/outbox.json?invoiceId=${body.invoiceId}`, {
        headers: { authorization: `Bearer ${stack.apiKey}` },
      })
    ).json()) as OutboxItem[];
  await eventually(async () => (await outbox()).length === 1);

  await stack.worker.stop();
  stack.worker = await startWorker({
    config: stack.config,
    database: stack.database,
    temporalAddress: stack.config.temporal.address!,
  });

  // Demo policy: reminder 1 follows the payment request after five policy days (ten seconds).
  const messages = await eventually(async () => {
    const items = await outbox();
    return items.some((m) => m.template === 'reminder-1') && items;
  }, 40_000);
  expect(messages.map((m) => m.template).sort()).toEqual(['payment-request', 'reminder-1']);
});
