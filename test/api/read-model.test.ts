// Reads answer from PostgreSQL, which the workflow keeps current: right while no worker runs, with
// their freshness stated; ?consistency=live asks the workflow and says when it could not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, eventually, invoiceBody, type Resource, startApiHarness } from './harness.js';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

const get = async (url: string) => {
  const response = await h.call('GET', url);
  expect(response.statusCode).toBe(200);
  return response.json() as Resource & { nextAction: string | null };
};

describe('the invoice read model', () => {
  it('answers the invoice and its timeline as last written while no worker runs', async () => {
    const body = invoiceBody();
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    const written = await eventually(async () => {
      const invoice = await get(`/v1/invoices/${body.invoiceId}`);
      return invoice.stage === 'payment-request' && invoice;
    });
    expect(written.consistency).toBe('stored');
    expect(written.nextAction).not.toBeNull();
    expect(Date.parse(written.asOf)).toBeLessThanOrEqual(Date.now());
    const live = await get(`/v1/invoices/${body.invoiceId}?consistency=live`);
    expect(live.consistency).toBe('live');
    expect({ stage: live.stage, nextAction: live.nextAction, checkoutUrl: live.checkoutUrl }).toEqual({
      stage: written.stage,
      nextAction: written.nextAction,
      checkoutUrl: written.checkoutUrl,
    });

    await h.worker!.stop();
    const stored = await get(`/v1/invoices/${body.invoiceId}`);
    expect(stored).toMatchObject({ stage: 'payment-request', status: 'open', consistency: 'stored' });
    expect(stored.checkoutUrl).toBe(written.checkoutUrl);
    const timeline = (await h.call('GET', `/v1/invoices/${body.invoiceId}/timeline`)).json() as {
      entries: { type: string }[];
    };
    expect(timeline.entries.map((e) => e.type)).toContain('message');
    // Asked for live with no worker to answer: the stored state, and it says so.
    expect((await get(`/v1/invoices/${body.invoiceId}?consistency=live`)).consistency).toBe('stored');
    const list = (await h.call('GET', `/v1/invoices?debtorId=${body.debtor.id}`)).json() as {
      items: Resource[];
    };
    expect(list.items.map((i) => [i.invoiceId, i.stage])).toEqual([[body.invoiceId, 'payment-request']]);
  });
});
