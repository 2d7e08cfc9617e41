// Reachability by app is per debtor: with the creditor's app channel on (as always in the sandbox), a
// debtor known only by postal address gets letters; one with an app account gets app messages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, eventually, invoiceBody, startApiHarness } from './harness.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({ appChannel: true, sandboxReports: false });
});
afterAll(async () => h?.close());

const address = { line1: 'Dorpsstraat 1', postalCode: '1234 AB', city: 'Utrecht', country: 'NL' };

interface TimelineEntry {
  type: string;
  channel?: string;
}

async function firstMessageChannel(debtor: Record<string, unknown>): Promise<string | undefined> {
  const body = {
    ...invoiceBody({ policy: 'demo' }),
    debtor: { id: `D-${Math.random()}`.slice(0, 12), type: 'consumer', name: 'Jan Jansen', ...debtor },
  };
  const created = await h.call('POST', '/v1/invoices', body);
  expect(created.statusCode).toBe(201);
  const message = await eventually(async () => {
    const timeline = (await h.call('GET', `/v1/invoices/${body.invoiceId}/timeline`)).json() as {
      entries: TimelineEntry[];
    };
    return timeline.entries.find((e) => e.type === 'message');
  });
  return message.channel;
}

describe('reachability by app', () => {
  it('a debtor known only by postal address gets a letter, not an app message', async () => {
    expect(await firstMessageChannel({ address })).toBe('letter');
  });

  it('a debtor with an app account gets app messages, also when the app is preferred over email', async () => {
    expect(await firstMessageChannel({ address, appUserId: 'app-user-4710' })).toBe('app');
    expect(
      await firstMessageChannel({
        email: 'jan@example.nl',
        appUserId: 'app-user-4711',
        preferredChannel: 'app',
      }),
    ).toBe('app');
  });

  it('accepts a debtor reachable only by app', async () => {
    expect(await firstMessageChannel({ appUserId: 'app-user-4712' })).toBe('app');
  });
});
