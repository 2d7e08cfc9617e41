import { createSecretKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  parseMessageBirdConversationEvent,
  parseMessageBirdSmsReport,
  signMessageBirdJwt,
  verifyMessageBirdJwt,
} from '../../providers/messagebird/messagebird-events.js';

const require = createRequire(import.meta.url);

interface ReferenceCase {
  name: string;
  secret?: string;
  url: string;
  timestamp: string;
  token: string;
  payload?: string;
  valid: boolean;
}
/** The vectors MessageBird ships with its SDK to test every implementation of the signature. */
const referenceCases = JSON.parse(
  readFileSync(require.resolve('messagebird/lib/testdata/webhook-signature-jwt-reference.json'), 'utf8'),
) as ReferenceCase[];

/** MessageBird's own (async, jose-based) verifier, as an independent second opinion on our signer. */
const messageBirdJwt = require('messagebird/lib/webhook-signature-jwt') as {
  verify: (url: string, payload: Buffer, jwt: string, key: KeyObject, opts: unknown) => Promise<boolean>;
  VerifyOptions: new () => { jwtVerifyOptions: { currentDate?: Date } };
};

describe('verifyMessageBirdJwt', () => {
  it.each(referenceCases.map((c) => [c.name, c] as const))('reference: %s', (_name, c) => {
    const valid = verifyMessageBirdJwt({
      signingKey: c.secret ?? '',
      token: c.token,
      url: c.url,
      rawBody: Buffer.from(c.payload ?? '', 'utf8'),
      now: new Date(c.timestamp),
    });
    expect(valid).toBe(c.valid);
  });

  const signingKey = 'PTyeY8zGbJmm9GI1SWpTPP0n9nP7fGDt';
  const url = 'https://api.settle.example/webhooks/messagebird/whatsapp?tenant=tenant-1';
  const rawBody = Buffer.from('{"type":"message.updated","message":{"id":"m1","status":"delivered"}}');
  const now = new Date('2026-11-25T09:00:00Z');
  const token = signMessageBirdJwt({ signingKey, url, rawBody, now });
  const check = { signingKey, token, url, rawBody, now };

  it('accepts its own signature', () => {
    expect(verifyMessageBirdJwt(check)).toBe(true);
  });

  it('signs tokens MessageBird’s own verifier accepts', async () => {
    const options = new messageBirdJwt.VerifyOptions();
    options.jwtVerifyOptions.currentDate = now;
    const key = createSecretKey(Buffer.from(signingKey, 'utf8'));
    await expect(messageBirdJwt.verify(url, rawBody, token, key, options)).resolves.toBe(true);
  });

  it('rejects a tampered body, a removed body and an added body', () => {
    expect(
      verifyMessageBirdJwt({
        ...check,
        rawBody: Buffer.from(rawBody.toString().replace('delivered', 'read')),
      }),
    ).toBe(false);
    expect(verifyMessageBirdJwt({ ...check, rawBody: Buffer.alloc(0) })).toBe(false);
    const bodiless = signMessageBirdJwt({ signingKey, url, rawBody: Buffer.alloc(0), now });
    expect(verifyMessageBirdJwt({ ...check, token: bodiless })).toBe(false);
    expect(verifyMessageBirdJwt({ ...check, token: bodiless, rawBody: Buffer.alloc(0) })).toBe(true);
  });

  it('rejects another URL, including a changed query string', () => {
    expect(verifyMessageBirdJwt({ ...check, url: url.replace('tenant-1', 'tenant-2') })).toBe(false);
  });

  it('rejects a wrong key', () => {
    expect(verifyMessageBirdJwt({ ...check, signingKey: 'another-key' })).toBe(false);
  });

  it('rejects an expired token and one not yet valid', () => {
    expect(verifyMessageBirdJwt({ ...check, now: new Date(now.getTime() + 66_000) })).toBe(false);
    expect(verifyMessageBirdJwt({ ...check, now: new Date(now.getTime() - 6_000) })).toBe(false);
  });

  it('rejects malformed tokens instead of throwing', () => {
    for (const bad of ['', 'a.b', 'a.b.c', `${token}.extra`, token.replace(/\.[^.]+$/, '.')]) {
      expect(verifyMessageBirdJwt({ ...check, token: bad })).toBe(false);
    }
  });
});

describe('parseMessageBirdSmsReport', () => {
  const report = {
    id: 'e8077d803532c0b5937c639b60216938',
    reference: 'msg-1',
    recipient: '31612345678',
    status: 'delivered',
    statusDatetime: '2026-11-25T09:01:00+00:00',
  };

  it.each([
    ['scheduled', 'sent'],
    ['sent', 'sent'],
    ['buffered', 'sent'],
    ['delivered', 'delivered'],
    ['expired', 'failed'],
    ['delivery_failed', 'failed'],
  ])('%s → %s', (reported, status) => {
    const event = parseMessageBirdSmsReport({ ...report, status: reported });
    expect(event).toMatchObject({
      providerMessageId: 'e8077d803532c0b5937c639b60216938',
      messageId: 'msg-1',
      status,
      occurredAt: new Date('2026-11-25T09:01:00Z'),
    });
    expect(JSON.stringify(event)).not.toContain('31612345678');
  });

  it('gives the same report the same event id, and another status another id', () => {
    const first = parseMessageBirdSmsReport(report)?.providerEventId;
    expect(first).toMatch(/^messagebird-sms:[0-9a-f]{32}$/);
    expect(parseMessageBirdSmsReport({ ...report })?.providerEventId).toBe(first);
    expect(parseMessageBirdSmsReport({ ...report, status: 'sent' })?.providerEventId).not.toBe(first);
  });

  it('keeps the failure reason as detail', () => {
    const event = parseMessageBirdSmsReport({
      ...report,
      status: 'delivery_failed',
      statusReason: 'unknown subscriber',
      statusErrorCode: '1',
    });
    expect(event?.detail).toBe('unknown subscriber, error 1');
  });

  it('skips unknown statuses and incomplete reports', () => {
    expect(parseMessageBirdSmsReport({ ...report, status: 'teleported' })).toBeUndefined();
    expect(parseMessageBirdSmsReport({ ...report, statusDatetime: 'soon' })).toBeUndefined();
    const { id: _, ...withoutId } = report;
    expect(parseMessageBirdSmsReport(withoutId)).toBeUndefined();
  });
});

describe('parseMessageBirdConversationEvent', () => {
  const event = (message: Record<string, unknown>) => ({
    type: 'message.updated',
    contact: { id: 'c1', msisdn: 31612345678, displayName: 'Jan Jansen' },
    conversation: { id: 'conv-1', status: 'active' },
    message: {
      id: '2e15efafec384e1c82e9842075e87beb',
      conversationId: 'conv-1',
      platform: 'whatsapp',
      to: '+31612345678',
      from: '619747f69cf940a98fb443140ce9aed2',
      channelId: '619747f69cf940a98fb443140ce9aed2',
      type: 'hsm',
      direction: 'sent',
      createdDatetime: '2026-11-25T09:00:00Z',
      updatedDatetime: '2026-11-25T09:02:00Z',
      ...message,
    },
  });

  it.each([
    ['sent', 'sent'],
    ['delivered', 'delivered'],
    ['read', 'opened'],
    ['failed', 'failed'],
    ['rejected', 'failed'],
  ])('%s → %s', (reported, status) => {
    const parsed = parseMessageBirdConversationEvent(event({ status: reported }));
    expect(parsed).toMatchObject({
      providerMessageId: '2e15efafec384e1c82e9842075e87beb',
      status,
      occurredAt: new Date('2026-11-25T09:02:00Z'),
    });
    expect(parsed?.providerEventId).toMatch(/^messagebird-whatsapp:[0-9a-f]{32}$/);
    expect(JSON.stringify(parsed)).not.toMatch(/31612345678|Jan Jansen/);
  });

  it('keeps the error as detail', () => {
    const parsed = parseMessageBirdConversationEvent(
      event({
        status: 'failed',
        error: { code: 470, description: 'Message failed to send because more than 24 hours have passed' },
      }),
    );
    expect(parsed?.detail).toBe('error 470: Message failed to send because more than 24 hours have passed');
  });

  it('skips accepted/pending, inbound messages and other event types', () => {
    expect(parseMessageBirdConversationEvent(event({ status: 'accepted' }))).toBeUndefined();
    expect(parseMessageBirdConversationEvent(event({ status: 'pending' }))).toBeUndefined();
    expect(
      parseMessageBirdConversationEvent(event({ status: 'delivered', direction: 'received' })),
    ).toBeUndefined();
    expect(
      parseMessageBirdConversationEvent({ type: 'conversation.updated', conversation: { id: 'conv-1' } }),
    ).toBeUndefined();
    expect(parseMessageBirdConversationEvent('nonsense')).toBeUndefined();
  });
});
