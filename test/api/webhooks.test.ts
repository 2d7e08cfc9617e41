// Provider webhooks with real signatures (the sandbox's SendGrid ECDSA key and MessageBird JWT
// key, which the app verifies with): valid events are stored and processed, tampered, replayed,
// expired or misaddressed ones are 401 and change nothing, duplicates are stored and processed
// once; Mollie events are verified by fetching the payment; an event that cannot be stored is 503.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../db/client.js';
import { communicationsOfInvoice } from '../../db/queries/communications.js';
import { paymentLinkByProviderId } from '../../db/queries/payments.js';
import {
  markWebhookEvent,
  storeWebhookEvents,
  WEBHOOK_STORE_CHUNK,
} from '../../db/queries/webhook-events.js';
import { payments, webhookEvents } from '../../db/schema.js';
import { checkoutBehind, sandboxCheckoutId } from '../../devstack/pay-link.js';
import { signBirdWebhook } from '../../providers/bird/bird-events.js';
import {
  MESSAGEBIRD_SIGNATURE_HEADER,
  signMessageBirdJwt,
} from '../../providers/messagebird/messagebird-events.js';
import { mollieWebhookEvent } from '../../providers/mollie/mollie-webhook.js';
import {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  signSendGridPayload,
} from '../../providers/sendgrid/sendgrid-events.js';
import { deliverySignal, statusQuery } from '../../workflows/definitions.js';
import {
  type ApiHarness,
  eventually,
  invoiceBody,
  problemOf,
  type Resource,
  startApiHarness,
  unique,
} from './harness.js';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

const storedEvents = (provider: string, providerEventId: string) =>
  h.database.db
    .select()
    .from(webhookEvents)
    .where(and(eq(webhookEvents.provider, provider), eq(webhookEvents.providerEventId, providerEventId)));

/** An invoice whose first message went out; returns it with that message's ids. */
async function invoiceWithMessage(debtor: Record<string, unknown> = {}) {
  const body = invoiceBody({}, debtor);
  expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
  const message = await eventually(async () => {
    const [first] = await communicationsOfInvoice(h.database.db, h.tenantId, body.invoiceId);
    return first?.providerMessageId ? first : undefined;
  });
  return { invoiceId: body.invoiceId, message };
}

const historyOf = async (invoiceId: string, messageId: string) => {
  const rows = await communicationsOfInvoice(h.database.db, h.tenantId, invoiceId);
  return rows.find((r) => r.id === messageId)!.statusHistory.map((s) => s.status);
};

describe('POST /webhooks/sendgrid', () => {
  const now = () => String(Math.floor(Date.now() / 1000));
  const sign = (timestamp: string, body: string) =>
    signSendGridPayload(h.sandbox.keys.sendgridPrivateKey, timestamp, Buffer.from(body));
  const post = (body: string, headers: Record<string, string>) =>
    h.app.inject({
      method: 'POST',
      url: '/webhooks/sendgrid',
      headers: { 'content-type': 'application/json', ...headers },
      payload: body,
    });
  const signed = (body: string, timestamp = now()) => ({
    [SENDGRID_SIGNATURE_HEADER]: sign(timestamp, body),
    [SENDGRID_TIMESTAMP_HEADER]: timestamp,
  });
  const clickEvent = (messageId: string, providerMessageId: string, eventId = unique('sg')) => ({
    email: 'jan@delivered.example',
    timestamp: Math.floor(Date.now() / 1000),
    event: 'click',
    sg_event_id: eventId,
    sg_message_id: `${providerMessageId}.filter0001`,
    message_id: messageId,
  });

  it('stores and processes a validly signed event', async () => {
    const { invoiceId, message } = await invoiceWithMessage();
    const event = clickEvent(message.id, message.providerMessageId!);
    const body = JSON.stringify([event]);
    const response = await post(body, signed(body));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: 1 });
    const [row] = await eventually(async () => {
      const rows = await storedEvents('sendgrid', event.sg_event_id);
      return rows[0]?.state === 'processed' && rows;
    });
    expect(JSON.parse(row!.rawBody)).toEqual(event);
    await eventually(async () => (await historyOf(invoiceId, message.id)).includes('clicked'));
  });

  it('tells the workflow a status once: a provider repeating it under a new event id costs no signal', async () => {
    const { invoiceId, message } = await invoiceWithMessage({ email: 'jan@quiet.example' });
    const signalsOf = async () => {
      const history = await h.temporal.workflow.getHandle(message.workflowId).fetchHistory();
      return (history.events ?? []).filter(
        (e) => e.workflowExecutionSignaledEventAttributes?.signalName === deliverySignal.name,
      ).length;
    };
    // The sandbox reports the email delivered on its own: once that is recorded, it was told.
    await eventually(async () => (await historyOf(invoiceId, message.id)).includes('delivered'));
    const before = await signalsOf();
    for (const eventId of [unique('sg'), unique('sg'), unique('sg')]) {
      const body = JSON.stringify([clickEvent(message.id, message.providerMessageId!, eventId)]);
      expect((await post(body, signed(body))).statusCode).toBe(200);
      await eventually(async () => (await storedEvents('sendgrid', eventId))[0]?.state === 'processed');
    }
    expect(await signalsOf()).toBe(before + 1);
    expect((await historyOf(invoiceId, message.id)).filter((s) => s === 'clicked')).toHaveLength(1);
    const heard = await h.temporal.workflow.getHandle(message.workflowId).query(statusQuery);
    expect(heard.messages.find((m) => m.messageId === message.id)?.status).toBe('clicked');
  });

  it('answers 401 to a tampered body and stores nothing', async () => {
    const { invoiceId, message } = await invoiceWithMessage();
    const event = clickEvent(message.id, message.providerMessageId!);
    const original = JSON.stringify([event]);
    const headers = signed(original);
    const tampered = JSON.stringify([{ ...event, event: 'bounce' }]);
    expect(problemOf(await post(tampered, headers), 401).title).toBe('Unauthorized');
    // Same bytes but one added space: the signature covers the raw body, not its meaning.
    problemOf(await post(`${original} `, headers), 401);
    // A signature made with another key.
    const otherKey = (await import('../../providers/sandbox/sandbox-keys.js')).sandboxKeys(
      randomBytes(32).toString('hex'),
    );
    const timestamp = now();
    problemOf(
      await post(original, {
        [SENDGRID_SIGNATURE_HEADER]: signSendGridPayload(
          otherKey.sendgridPrivateKey,
          timestamp,
          Buffer.from(original),
        ),
        [SENDGRID_TIMESTAMP_HEADER]: timestamp,
      }),
      401,
    );
    // No signature at all.
    problemOf(await post(original, {}), 401);
    problemOf(await post(original, { [SENDGRID_TIMESTAMP_HEADER]: timestamp }), 401);
    expect(await storedEvents('sendgrid', event.sg_event_id)).toHaveLength(0);
    expect(await historyOf(invoiceId, message.id)).not.toContain('bounced');
  });

  it('answers 401 to a replayed request whose timestamp has expired', async () => {
    const { message } = await invoiceWithMessage();
    const event = clickEvent(message.id, message.providerMessageId!);
    const body = JSON.stringify([event]);
    const anHourAgo = String(Math.floor(Date.now() / 1000) - 3600);
    problemOf(await post(body, signed(body, anHourAgo)), 401);
    const inAnHour = String(Math.floor(Date.now() / 1000) + 3600);
    problemOf(await post(body, signed(body, inAnHour)), 401);
    expect(await storedEvents('sendgrid', event.sg_event_id)).toHaveLength(0);
  });

  it('stores and processes a duplicate delivery once', async () => {
    const { invoiceId, message } = await invoiceWithMessage();
    const event = clickEvent(message.id, message.providerMessageId!);
    const body = JSON.stringify([event]);
    const headers = signed(body);
    expect((await post(body, headers)).json()).toEqual({ received: 1 });
    expect((await post(body, headers)).json()).toEqual({ received: 0 });
    // The same event in a later batch, freshly signed, is still a duplicate.
    const batch = JSON.stringify([event, clickEvent(message.id, message.providerMessageId!)]);
    expect((await post(batch, signed(batch))).json()).toEqual({ received: 1 });
    const rows = await eventually(async () => {
      const stored = await storedEvents('sendgrid', event.sg_event_id);
      return stored[0]?.state === 'processed' && stored;
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.attempts).toBe(1);
    await h.app.webhooks.drain();
    expect((await historyOf(invoiceId, message.id)).filter((s) => s === 'clicked')).toHaveLength(1);
  });

  it('stores a batch with one insert: duplicates within the request count once', async () => {
    const { invoiceId, message } = await invoiceWithMessage();
    const a = clickEvent(message.id, message.providerMessageId!);
    const b = clickEvent(message.id, message.providerMessageId!);
    const batch = JSON.stringify([a, b, a, { ...a }, b]);
    expect((await post(batch, signed(batch))).json()).toEqual({ received: 2 });
    // Again, with one new event among the known ones.
    const c = clickEvent(message.id, message.providerMessageId!);
    const again = JSON.stringify([b, c, c, a]);
    expect((await post(again, signed(again))).json()).toEqual({ received: 1 });
    await eventually(async () => {
      const rows = await Promise.all([a, b, c].map((e) => storedEvents('sendgrid', e.sg_event_id)));
      return rows.every((r) => r.length === 1 && r[0]!.state === 'processed' && r[0]!.attempts === 1);
    });
    await h.app.webhooks.drain();
    expect(await historyOf(invoiceId, message.id)).toContain('clicked');
  });

  it('takes a batch as large as SendGrid sends (768 KB, thousands of events) in one request', async () => {
    // About messages Settle does not know: stored, then set aside quickly (the size is what counts here).
    const events: ReturnType<typeof clickEvent>[] = [];
    let bytes = 2;
    while (bytes < 768 * 1024) {
      const event = clickEvent(unique('msg'), unique('sg'));
      events.push(event);
      bytes += JSON.stringify(event).length + 1;
    }
    const batch = JSON.stringify(events);
    expect(events.length).toBeGreaterThan(2000);
    const response = await post(batch, signed(batch));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: events.length });
    await h.app.webhooks.drain();
    // Beyond SendGrid's batches: refused as too large, for a smaller retry.
    const huge = JSON.stringify(
      [...events, ...events].map((e, i) => ({ ...e, sg_event_id: `${e.sg_event_id}-${i}` })),
    );
    problemOf(await post(huge, signed(huge)), 413);
  });

  it('verifies the signature before it parses the body: an unsigned body is never read', async () => {
    // Not JSON at all: a 400 would mean it was parsed before its signature was checked.
    problemOf(await post('{"not json', {}), 401);
    problemOf(await post('[{"event": "click"}', signed('[{"event": "click"}]')), 401);
  });

  it('answers 400 to a signed body that is not an event array', async () => {
    const body = JSON.stringify({ event: 'click' });
    problemOf(await post(body, signed(body)), 400);
  });
});

describe('GET|POST /webhooks/messagebird', () => {
  const jwt = (url: string, body = '', now = new Date()) =>
    signMessageBirdJwt({
      signingKey: h.sandbox.keys.messagebirdSigningKey,
      url,
      rawBody: Buffer.from(body),
      now,
    });

  it('stores and processes a signed SMS status report; tampered, misaddressed or expired ones are 401', async () => {
    const { invoiceId, message } = await invoiceWithMessage({ email: undefined, phone: '+31612345678' });
    expect(message.channel).toBe('sms');
    const statusDatetime = new Date(Date.now() + 1000).toISOString();
    const query = new URLSearchParams({
      id: message.providerMessageId!,
      reference: message.id,
      recipient: '31612345678',
      status: 'delivery_failed',
      statusDatetime,
      statusErrorCode: '20',
    }).toString();
    const path = `/webhooks/messagebird?${query}`;
    const get = (url: string, token?: string) =>
      h.app.inject({
        method: 'GET',
        url,
        headers: token ? { [MESSAGEBIRD_SIGNATURE_HEADER]: token } : {},
      });

    problemOf(await get(path), 401);
    problemOf(await get(path, jwt(`https://attacker.example${path}`)), 401);
    problemOf(await get(path, jwt(`${h.baseUrl}/webhooks/messagebird`)), 401);
    problemOf(await get(path.replace('delivery_failed', 'delivered'), jwt(`${h.baseUrl}${path}`)), 401);
    problemOf(await get(path, jwt(`${h.baseUrl}${path}`, '', new Date(Date.now() - 3_600_000))), 401);
    problemOf(await get(path, `${jwt(`${h.baseUrl}${path}`)}x`), 401);
    await h.app.webhooks.drain();
    expect(await historyOf(invoiceId, message.id)).not.toContain('failed');

    const valid = await get(path, jwt(`${h.baseUrl}${path}`));
    expect(valid.statusCode).toBe(200);
    expect(valid.json()).toEqual({ received: 1 });
    await eventually(async () => (await historyOf(invoiceId, message.id)).includes('failed'));
    // The same report again: stored once.
    expect((await get(path, jwt(`${h.baseUrl}${path}`))).json()).toEqual({ received: 0 });
  });

  it('stores a signed conversation (WhatsApp) event; tampered or misaddressed ones are 401', async () => {
    const id = unique('wamid');
    const body = JSON.stringify({
      type: 'message.updated',
      message: { id, status: 'delivered', updatedDatetime: new Date().toISOString(), platform: 'whatsapp' },
    });
    const url = `${h.baseUrl}/webhooks/messagebird`;
    const post = (payload: string, token?: string) =>
      h.app.inject({
        method: 'POST',
        url: '/webhooks/messagebird',
        headers: {
          'content-type': 'application/json',
          ...(token ? { [MESSAGEBIRD_SIGNATURE_HEADER]: token } : {}),
        },
        payload,
      });
    const stored = async () =>
      (
        await h.database.db
          .select()
          .from(webhookEvents)
          .where(eq(webhookEvents.provider, 'messagebird-conversations'))
      ).filter((row) => row.rawBody.includes(id));

    problemOf(await post(body), 401);
    problemOf(await post(body.replace('delivered', 'failed'), jwt(url, body)), 401);
    problemOf(await post(body, jwt(`${url}?extra=1`, body)), 401);
    problemOf(await post(body, jwt('https://attacker.example/webhooks/messagebird', body)), 401);
    problemOf(await post(body, jwt(url)), 401); // signed without the body
    expect(await stored()).toHaveLength(0);

    const response = await post(body, jwt(url, body));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: 1 });
    expect((await post(body, jwt(url, body))).json()).toEqual({ received: 0 });
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.rawBody).toBe(body);
  });
});

describe('POST /webhooks/bird', () => {
  const post = (payload: string, headers: Record<string, string> = {}) =>
    h.app.inject({
      method: 'POST',
      url: '/webhooks/bird',
      headers: { 'content-type': 'application/json', ...headers },
      payload,
    });
  const sign = (body: string, url = `${h.baseUrl}/webhooks/bird`, now = new Date()) =>
    signBirdWebhook({ signingKey: h.sandbox.keys.birdSigningKey, url, rawBody: body, now });

  it('verifies the signature, stores the status once and marks the message; forged ones are 401', async () => {
    const { invoiceId, message } = await invoiceWithMessage({ email: undefined, phone: '+31612345678' });
    expect(message.channel).toBe('sms');
    const body = JSON.stringify({
      service: 'channels',
      event: 'sms.outbound',
      payload: {
        id: unique('bird-msg'),
        reference: message.id,
        status: 'delivery_failed',
        reason: 'unreachable handset',
        lastStatusAt: new Date(Date.now() + 1000).toISOString(),
      },
    });

    problemOf(await post(body), 401);
    problemOf(await post(body.replace('delivery_failed', 'delivered'), sign(body)), 401);
    problemOf(await post(body, sign(body, 'https://attacker.example/webhooks/bird')), 401);
    problemOf(await post(body, sign(body, undefined, new Date(Date.now() - 2 * 86_400_000))), 401);
    await h.app.webhooks.drain();
    expect(await historyOf(invoiceId, message.id)).not.toContain('failed');

    const response = await post(body, sign(body));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: 1 });
    expect((await post(body, sign(body))).json()).toEqual({ received: 0 });
    await eventually(async () => (await historyOf(invoiceId, message.id)).includes('failed'));
  });

  it('answers 200 with nothing stored for events Settle does not act on', async () => {
    const body = JSON.stringify({
      service: 'channels',
      event: 'sms.inbound',
      payload: { id: unique('bird-in'), status: 'delivered', lastStatusAt: new Date().toISOString() },
    });
    const response = await post(body, sign(body));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: 0 });
  });
});

describe('POST /webhooks/mollie', () => {
  const mollie = (form: string, query = '') =>
    h.app.inject({
      method: 'POST',
      url: `/webhooks/mollie${query}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form,
    });

  it('answers 200 and stores nothing for unknown and malformed payment ids', async () => {
    const unknownId = `tr_${randomBytes(6).toString('hex')}`;
    const response = await mollie(`id=${unknownId}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: 0 });
    expect(await storedEvents('mollie', unknownId)).toHaveLength(0);

    for (const form of ['id=not-a-payment', 'id=tr_..%2F..%2Fetc', 'id=', 'foo=bar', ''])
      expect((await mollie(form)).json()).toEqual({ received: 0 });
    for (const id of ['not-a-payment', 'tr_..%2F..%2Fetc'])
      expect(await storedEvents('mollie', decodeURIComponent(id))).toHaveLength(0);
  });

  it('pays the invoice for a real (sandbox) payment, verified by fetching it back, once', async () => {
    const body = invoiceBody();
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    const resource = await eventually(async () => {
      const invoice = (await h.call('GET', `/v1/invoices/${body.invoiceId}`)).json() as Resource;
      return invoice.stage === 'payment-request' && invoice;
    });
    // The debtor follows the message's pay link: Settle mints the checkout then, for this invoice.
    const linkId = sandboxCheckoutId(await checkoutBehind(resource.paymentUrl!));
    expect(await paymentLinkByProviderId(h.database.db, linkId)).toBeDefined();

    // A failed attempt first: processed, but nothing is paid.
    const failed = await h.sandbox.psp.settle(linkId, 'failed');
    const webhookQuery = new URL(failed!.webhookUrl!).search;
    expect((await mollie(`id=${failed!.id}`, webhookQuery)).statusCode).toBe(200);
    const token = new URLSearchParams(webhookQuery).get('invoice')!;
    const { providerEventId } = mollieWebhookEvent(failed!.id, token, {
      tenantId: h.tenantId,
      invoiceId: body.invoiceId,
    });
    await eventually(async () => (await storedEvents('mollie', providerEventId))[0]?.state === 'processed');
    expect(
      ((await h.call('GET', `/v1/invoices/${body.invoiceId}?consistency=live`)).json() as Resource).status,
    ).toBe('open');

    const paid = await h.sandbox.psp.settle(linkId, 'paid');
    expect((await mollie(`id=${paid!.id}`, webhookQuery)).statusCode).toBe(200);
    const settled = await eventually(async () => {
      const invoice = (await h.call('GET', `/v1/invoices/${body.invoiceId}`)).json() as Resource;
      return invoice.status === 'paid' && invoice;
    });
    expect(settled.amountDue.value).toBe('0.00');

    // Mollie calls again (it does on every status change): no second payment.
    expect((await mollie(`id=${paid!.id}`, webhookQuery)).statusCode).toBe(200);
    await h.app.webhooks.drain();
    const rows = await h.database.db
      .select()
      .from(payments)
      .where(and(eq(payments.tenantId, h.tenantId), eq(payments.invoiceId, body.invoiceId)));
    expect(rows.map((p) => [p.source, p.amountCents])).toEqual([['psp', 12345]]);
  });
});

describe('storeWebhookEvents', () => {
  const events = (ids: string[], body = 'b') =>
    ids.map((id) => ({ providerEventId: id, rawBody: `${body}:${id}` }));

  it('stores large batches in chunks, in request order, each distinct event once', async () => {
    const provider = unique('test-provider');
    const ids = Array.from({ length: WEBHOOK_STORE_CHUNK * 2 + 5 }, (_, i) => `e${i}`);
    const stored = await storeWebhookEvents(h.database.db, {
      provider,
      events: [...events(ids), ...events(ids.slice(0, 10), 'dup')],
    });
    expect(stored.map((row) => row.providerEventId)).toEqual(ids);
    expect(
      stored.every((row) => row.rawBody === `b:${row.providerEventId}` && row.state === 'received'),
    ).toBe(true);
    const again = await storeWebhookEvents(h.database.db, { provider, events: events(['e3', 'new', 'e4']) });
    expect(again.map((row) => row.providerEventId)).toEqual(['new']);
  });

  it('reopens known events when asked to (Mollie re-notifications), new ones stored alongside', async () => {
    const provider = unique('test-provider');
    const [first] = await storeWebhookEvents(h.database.db, { provider, events: events(['tr_1']) });
    await markWebhookEvent(h.database.db, first!.id, { state: 'processed' });
    expect(await storeWebhookEvents(h.database.db, { provider, events: events(['tr_1']) })).toEqual([]);
    const reopened = await storeWebhookEvents(h.database.db, {
      provider,
      events: events(['tr_2', 'tr_1', 'tr_2'], 'again'),
      reopen: true,
    });
    expect(
      reopened.map((row) => [row.id === first!.id, row.providerEventId, row.state, row.rawBody]),
    ).toEqual([
      [false, 'tr_2', 'received', 'again:tr_2'],
      [true, 'tr_1', 'received', 'again:tr_1'],
    ]);
  });
});

describe('a webhook that cannot be stored', () => {
  it('is answered 503 so that the provider retries', async () => {
    const unreachable = connectDatabase('postgres://postgres@127.0.0.1:1/nothing', { max: 1 });
    const broken = await startApiHarness({ worker: false, appDatabase: unreachable });
    try {
      const body = JSON.stringify([{ event: 'delivered', timestamp: 1, sg_event_id: unique('sg') }]);
      const timestamp = String(Math.floor(Date.now() / 1000));
      const sendgrid = await broken.app.inject({
        method: 'POST',
        url: '/webhooks/sendgrid',
        headers: {
          'content-type': 'application/json',
          [SENDGRID_SIGNATURE_HEADER]: signSendGridPayload(
            broken.sandbox.keys.sendgridPrivateKey,
            timestamp,
            Buffer.from(body),
          ),
          [SENDGRID_TIMESTAMP_HEADER]: timestamp,
        },
        payload: body,
      });
      expect(problemOf(sendgrid, 503).title).toBe('Service Unavailable');

      // A payment the PSP confirms (the sandbox PSP keeps its state in the reachable database).
      const link = await broken.sandbox.psp.createPaymentLink({
        idempotencyKey: unique('link'),
        amountCents: 100,
        currency: 'EUR',
        description: 'link',
        redirectUrl: 'https://settle.example/return',
        webhookUrl: 'https://settle.example/webhooks/mollie',
        expiresAt: new Date(Date.now() + 86_400_000),
        metadata: { tenantId: 't', invoiceId: 'i' },
      });
      const paid = await broken.sandbox.psp.settle(link.providerLinkId, 'paid');
      const mollie = await broken.app.inject({
        method: 'POST',
        url: '/webhooks/mollie',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `id=${paid!.id}`,
      });
      problemOf(mollie, 503);

      // Forged events are still refused before any storage is attempted.
      problemOf(
        await broken.app.inject({
          method: 'POST',
          url: '/webhooks/sendgrid',
          headers: { 'content-type': 'application/json' },
          payload: body,
        }),
        401,
      );
    } finally {
      await broken.close();
      await unreachable.close();
    }
  });
});
