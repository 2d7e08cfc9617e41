// The real stack end to end: POST /v1/invoices → workflow on a real Temporal dev server → message
// in the sandbox outbox → sandbox checkout pays → Mollie-style webhook verified by fetch-back →
// invoice paid. Also a bounced email falling back to SMS through the signed SendGrid webhook.
import { type Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followPayLink, stablePayLinkIn } from '../../devstack/pay-link.js';
import { settleClient } from '../../temporal/data-converter.js';
import { eventually, invoiceBody, startTestStack, type TestStack } from '../support/stack.js';

interface OutboxItem {
  channel: string;
  invoiceId: string;
  template: string;
  links: string[];
  deliveryStatus: string;
}

describe('end to end on the real stack', () => {
  let stack: TestStack;
  let temporal: Client;

  beforeAll(async () => {
    stack = await startTestStack();
    temporal = settleClient(
      stack.config,
      await Connection.connect({ address: stack.config.temporal.address! }),
    );
  });
  afterAll(async () => {
    await temporal?.connection.close();
    await stack?.stop();
  });

  const post = (path: string, body: unknown) =>
    fetch(`${stack.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const get = (path: string) =>
    fetch(`${stack.baseUrl}${path}`, { headers: { authorization: `Bearer ${stack.apiKey}` } });
  const outbox = async (invoiceId: string) =>
    (await (
      await fetch(`${stack.baseUrl}/sandbox/outbox.json?invoiceId=${invoiceId}`, {
        headers: { authorization: `Bearer ${stack.apiKey}` },
      })
    ).json()) as OutboxItem[];

  it('drives an invoice from POST /v1/invoices to the outbox and to paid via the sandbox PSP', async () => {
    const body = invoiceBody();
    const created = await post('/v1/invoices', body);
    expect(created.status).toBe(201);
    const resource = (await created.json()) as { workflowId: string; status: string };
    expect(resource.status).toBe('open');

    const [message] = await eventually(async () => {
      const items = await outbox(body.invoiceId);
      return items.length > 0 && items;
    });
    expect(message).toMatchObject({
      channel: 'email',
      template: 'payment-request',
      invoiceId: body.invoiceId,
    });
    // The message carries Settle's stable pay link; it leads to the sandbox checkout.
    const payLink = stablePayLinkIn(message!.links);
    expect(payLink).toBeDefined();
    expect(message!.links.some((l) => l.includes('/sandbox/checkout/'))).toBe(false);

    // The workflow is visible with Settle's search attributes.
    const listed = await eventually(async () => {
      for await (const wf of temporal.workflow.list({ query: `SettleInvoiceId = "${body.invoiceId}"` }))
        return wf;
      return undefined;
    });
    expect(listed.workflowId).toBe(resource.workflowId);

    const { checkout: checkoutUrl } = await followPayLink(payLink!);
    expect(checkoutUrl).toContain('/sandbox/checkout/');
    const checkout = await fetch(checkoutUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=paid',
      redirect: 'manual',
    });
    expect(checkout.status).toBe(303);
    const paid = await eventually(async () => {
      const invoice = (await (await get(`/v1/invoices/${body.invoiceId}`)).json()) as {
        status: string;
        amountDue: { value: string };
      };
      return invoice.status === 'paid' && invoice;
    });
    expect(paid.amountDue.value).toBe('0.00');

    // Repeating the identical request is a no-op answered 200; different content is a conflict.
    expect((await post('/v1/invoices', body)).status).toBe(200);
    expect((await post('/v1/invoices', { ...body, amount: { currency: 'EUR', value: '1.00' } })).status).toBe(
      409,
    );
  });

  it('falls back to SMS when the email bounces (signed SendGrid event through the real webhook)', async () => {
    const body = invoiceBody({}, { email: 'piet@bounce.example', phone: '+31612345678' });
    expect((await post('/v1/invoices', body)).status).toBe(201);
    const items = await eventually(async () => {
      const all = await outbox(body.invoiceId);
      return all.some((m) => m.channel === 'sms') && all;
    });
    const email = items.find((m) => m.channel === 'email');
    expect(email?.deliveryStatus).toBe('bounced');
    const timeline = (await (await get(`/v1/invoices/${body.invoiceId}/timeline`)).json()) as {
      entries: { type: string; channel?: string; status?: string }[];
    };
    expect(
      timeline.entries.filter((e) => e.type === 'message').map((e) => [e.channel, e.status]),
    ).toContainEqual(['email', 'bounced']);
  });
});
