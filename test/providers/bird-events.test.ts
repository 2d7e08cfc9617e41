import { describe, expect, it } from 'vitest';
import {
  parseBirdChannelEvent,
  signBirdWebhook,
  verifyBirdWebhook,
} from '../../providers/bird/bird-events.js';

describe('verifyBirdWebhook', () => {
  const signingKey = 'whsk_settle_test_signing_key';
  const url = 'https://api.settle.example/webhooks/bird?tenant=tenant-1';
  const rawBody = Buffer.from(
    '{"service":"channels","event":"sms.outbound","payload":{"id":"9b1c2f4e-0d6a-4a51-9d0c-5c6a8e4f2b10","status":"delivered"}}',
  );
  const now = new Date('2026-11-25T09:00:00Z');
  const headers = signBirdWebhook({ signingKey, url, rawBody, now });
  const request = { signingKey, headers, url, rawBody, now };

  it('accepts a signature computed independently with openssl', () => {
    // printf '%s\n%s\n' 1795597200 "$url" + the raw SHA-256 of the body, piped through
    // `openssl dgst -sha256 -hmac "$key" -binary | base64`.
    const reference = {
      'messagebird-signature': 'AVsDIXKPYe+/hUnBidkAFhjyMDbCnAN8d39ZreqYblo=',
      'messagebird-request-timestamp': '1795597200',
    };
    expect(headers).toEqual(reference);
    expect(verifyBirdWebhook({ ...request, headers: reference })).toEqual({ verified: true });
  });

  it('verifies the body as a string just as well as a Buffer', () => {
    expect(verifyBirdWebhook({ ...request, rawBody: rawBody.toString('utf8') })).toEqual({ verified: true });
  });

  it('rejects a tampered body', () => {
    const tampered = Buffer.from(rawBody.toString().replace('delivered', 'delivery_failed'));
    expect(verifyBirdWebhook({ ...request, rawBody: tampered })).toEqual({
      verified: false,
      reason: 'bad-signature',
    });
  });

  it('rejects another URL, including a changed query string', () => {
    expect(verifyBirdWebhook({ ...request, url: url.replace('tenant-1', 'tenant-2') })).toEqual({
      verified: false,
      reason: 'bad-signature',
    });
  });

  it('rejects a wrong key and refuses to verify with an empty one', () => {
    expect(verifyBirdWebhook({ ...request, signingKey: 'another-key' })).toEqual({
      verified: false,
      reason: 'bad-signature',
    });
    expect(verifyBirdWebhook({ ...request, signingKey: '' })).toEqual({
      verified: false,
      reason: 'no-signing-key',
    });
  });

  it('rejects a timestamp changed after signing', () => {
    const shifted = { ...headers, 'messagebird-request-timestamp': '1795597260' };
    expect(verifyBirdWebhook({ ...request, headers: shifted })).toEqual({
      verified: false,
      reason: 'bad-signature',
    });
  });

  it('accepts a retry up to a day old and rejects an older one or one from the future', () => {
    const hours = (n: number) => new Date(now.getTime() + n * 3_600_000);
    expect(verifyBirdWebhook({ ...request, now: hours(23.9) })).toEqual({ verified: true });
    expect(verifyBirdWebhook({ ...request, now: hours(24.1) })).toEqual({
      verified: false,
      reason: 'stale-timestamp',
    });
    expect(verifyBirdWebhook({ ...request, now: hours(-0.5) })).toEqual({
      verified: false,
      reason: 'stale-timestamp',
    });
  });

  it('applies a configured maximum age', () => {
    const sixMinutesLater = new Date(now.getTime() + 6 * 60_000);
    expect(verifyBirdWebhook({ ...request, now: sixMinutesLater, maxAgeSeconds: 300 })).toEqual({
      verified: false,
      reason: 'stale-timestamp',
    });
    expect(verifyBirdWebhook({ ...request, now: sixMinutesLater, maxAgeSeconds: 600 })).toEqual({
      verified: true,
    });
  });

  it('rejects missing, repeated or malformed headers instead of throwing', () => {
    const signature = headers['messagebird-signature'] ?? '';
    const timestamp = headers['messagebird-request-timestamp'] ?? '';
    const missing = { verified: false, reason: 'missing-headers' };
    expect(verifyBirdWebhook({ ...request, headers: {} })).toEqual(missing);
    expect(verifyBirdWebhook({ ...request, headers: { 'messagebird-signature': signature } })).toEqual(
      missing,
    );
    expect(
      verifyBirdWebhook({
        ...request,
        headers: {
          'messagebird-signature': [signature, signature],
          'messagebird-request-timestamp': timestamp,
        },
      }),
    ).toEqual(missing);
    expect(
      verifyBirdWebhook({
        ...request,
        headers: { ...headers, 'messagebird-request-timestamp': '2026-11-25' },
      }),
    ).toEqual(missing);
    for (const bad of ['', 'not base64 at all', signature.slice(0, 20)]) {
      expect(
        verifyBirdWebhook({ ...request, headers: { ...headers, 'messagebird-signature': bad } }),
      ).toEqual({
        verified: false,
        reason: 'bad-signature',
      });
    }
  });
});

describe('parseBirdChannelEvent', () => {
  const event = (name: string, message: Record<string, unknown>) => ({
    service: 'channels',
    event: name,
    payload: {
      id: '9b1c2f4e-0d6a-4a51-9d0c-5c6a8e4f2b10',
      channelId: '8e046034-bca7-5124-89d0-1a64c1cbe819',
      receiver: { contacts: [{ identifierKey: 'phonenumber', identifierValue: '+31612345678' }] },
      body: { type: 'text', text: { text: 'Beste Jan Jansen, factuur 2026-0042 staat open.' } },
      reference: 'msg-1',
      direction: 'outgoing',
      status: 'delivered',
      lastStatusAt: '2026-11-25T09:01:00.000Z',
      createdAt: '2026-11-25T09:00:00.000Z',
      updatedAt: '2026-11-25T09:01:00.000Z',
      ...message,
    },
  });

  it.each([
    ['sms.outbound', 'sent', 'sent'],
    ['sms.outbound', 'delivered', 'delivered'],
    ['sms.outbound', 'sending_failed', 'failed'],
    ['sms.outbound', 'delivery_failed', 'failed'],
    ['whatsapp.outbound', 'sent', 'sent'],
    ['whatsapp.outbound', 'delivered', 'delivered'],
    ['whatsapp.outbound', 'read', 'opened'],
    ['whatsapp.outbound', 'delivery_failed', 'failed'],
  ])('%s %s → %s', (name, reported, status) => {
    const parsed = parseBirdChannelEvent(event(name, { status: reported }));
    expect(parsed).toEqual({
      providerEventId: expect.stringMatching(
        name === 'sms.outbound' ? /^bird-sms:[0-9a-f]{32}$/ : /^bird-whatsapp:[0-9a-f]{32}$/,
      ),
      providerMessageId: '9b1c2f4e-0d6a-4a51-9d0c-5c6a8e4f2b10',
      messageId: 'msg-1',
      status,
      occurredAt: new Date('2026-11-25T09:01:00Z'),
      detail: undefined,
    });
    expect(JSON.stringify(parsed)).not.toMatch(/31612345678|Jan Jansen/);
  });

  it('gives the same report the same event id, and another status or time another id', () => {
    const first = parseBirdChannelEvent(event('sms.outbound', {}))?.providerEventId;
    expect(first).toBeDefined();
    expect(parseBirdChannelEvent(event('sms.outbound', {}))?.providerEventId).toBe(first);
    expect(parseBirdChannelEvent(event('sms.outbound', { status: 'sent' }))?.providerEventId).not.toBe(first);
    expect(
      parseBirdChannelEvent(event('sms.outbound', { lastStatusAt: '2026-11-25T09:02:00.000Z' }))
        ?.providerEventId,
    ).not.toBe(first);
  });

  it('falls back to updatedAt when lastStatusAt is missing', () => {
    const parsed = parseBirdChannelEvent(
      event('sms.outbound', { lastStatusAt: undefined, updatedAt: '2026-11-25T09:03:00.000Z' }),
    );
    expect(parsed?.occurredAt).toEqual(new Date('2026-11-25T09:03:00Z'));
  });

  it('keeps the failure reason and code as detail, without contact data', () => {
    const parsed = parseBirdChannelEvent(
      event('sms.outbound', {
        status: 'delivery_failed',
        reason: 'unknown subscriber +31612345678',
        failure: { code: 15005 },
      }),
    );
    expect(parsed?.detail).toBe('unknown subscriber <number>, error 15005');
  });

  it('skips accepted/processing, unknown statuses and incomplete messages', () => {
    for (const status of ['accepted', 'processing', 'teleported']) {
      expect(parseBirdChannelEvent(event('sms.outbound', { status }))).toBeUndefined();
    }
    expect(parseBirdChannelEvent(event('sms.outbound', { id: undefined }))).toBeUndefined();
    expect(
      parseBirdChannelEvent(event('sms.outbound', { lastStatusAt: 'soon', updatedAt: undefined })),
    ).toBeUndefined();
  });

  it('ignores inbound messages and event types other than SMS and WhatsApp outbound', () => {
    expect(parseBirdChannelEvent(event('whatsapp.inbound', { direction: 'incoming' }))).toBeUndefined();
    expect(parseBirdChannelEvent(event('whatsapp.outbound', { direction: 'incoming' }))).toBeUndefined();
    expect(parseBirdChannelEvent(event('email.outbound', {}))).toBeUndefined();
    expect(parseBirdChannelEvent(event('conversation.created', {}))).toBeUndefined();
    expect(parseBirdChannelEvent({ service: 'channels', event: 'sms.outbound' })).toBeUndefined();
    expect(parseBirdChannelEvent('nonsense')).toBeUndefined();
  });
});
