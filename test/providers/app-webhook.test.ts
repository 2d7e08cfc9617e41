import nock from 'nock';
import { describe, expect, it } from 'vitest';
import {
  type AppWebhookPayload,
  SignedWebhookAppNotifier,
  signAppWebhook,
  verifyAppWebhook,
} from '../../providers/app-webhook/app-webhook.js';
import type { AppMessage } from '../../providers/types.js';
import { expectPermanent, expectRetryable, interceptHttp, ref } from './provider-test-support.js';

interceptHttp();

const CREDITOR = 'https://crm.bakkerij.example';
const SECRET = 'whsec_bakkerij_0123456789';
const notifier = new SignedWebhookAppNotifier({
  endpointFor: async (tenantId) => ({ url: `${CREDITOR}/settle/${tenantId}/notifications`, secret: SECRET }),
  timeoutMs: 500,
});

const message: AppMessage = {
  ref,
  debtorId: 'debtor-7',
  appUserId: 'app-user-4711',
  title: 'Factuur 2026-0042 staat open',
  text: 'Er staat nog € 12,34 open.',
  payUrl: 'https://pay.settle.example/p/abc',
  selfServiceUrl: 'https://self.settle.example/s/abc',
};

const expectedPayload: AppWebhookPayload = {
  type: 'debtor.notification',
  messageId: 'msg-1',
  tenantId: 'tenant-1',
  invoiceId: 'inv-1',
  debtorId: 'debtor-7',
  appUserId: 'app-user-4711',
  title: 'Factuur 2026-0042 staat open',
  text: 'Er staat nog € 12,34 open.',
  payUrl: 'https://pay.settle.example/p/abc',
  selfServiceUrl: 'https://self.settle.example/s/abc',
};

/** Accepts the request only if the body is exactly the payload and the signature over it verifies now. */
function expectSignedPost() {
  return nock(CREDITOR)
    .post('/settle/tenant-1/notifications', (body) => {
      expect(body).toEqual(expectedPayload);
      return true;
    })
    .matchHeader('content-type', 'application/json')
    .matchHeader('idempotency-key', 'wf-inv-1:reminder-1:email')
    .matchHeader('settle-signature', (header: string) =>
      verifyAppWebhook({ secret: SECRET, header, body: JSON.stringify(expectedPayload), now: new Date() }),
    );
}

describe('SignedWebhookAppNotifier', () => {
  it('posts the signed payload and returns the id the creditor answers with', async () => {
    expectSignedPost().reply(201, { id: 'crm-notification-9' });

    await expect(notifier.notifyApp(message)).resolves.toEqual({ providerMessageId: 'crm-notification-9' });
  });

  it('falls back to the idempotency key when the creditor answers without an id', async () => {
    expectSignedPost().reply(204);
    await expect(notifier.notifyApp(message)).resolves.toEqual({
      providerMessageId: 'wf-inv-1:reminder-1:email',
    });

    expectSignedPost().reply(200, 'ok', { 'Content-Type': 'text/plain' });
    await expect(notifier.notifyApp(message)).resolves.toEqual({
      providerMessageId: 'wf-inv-1:reminder-1:email',
    });
  });

  it.each([400, 401, 404, 410, 422])('treats %i as permanent', async (status) => {
    expectSignedPost().reply(status, { error: 'no' });

    await expectPermanent(notifier.notifyApp(message), status);
  });

  it('does not follow redirects, and treats them as permanent', async () => {
    expectSignedPost().reply(301, '', { Location: 'https://elsewhere.example/hook' });

    await expectPermanent(notifier.notifyApp(message), 301);
  });

  it.each([408, 409, 425, 429, 500, 503])('treats %i as retryable', async (status) => {
    expectSignedPost().reply(status);

    await expectRetryable(notifier.notifyApp(message));
  });

  it('treats a network failure and a timeout as retryable', async () => {
    expectSignedPost().replyWithError('connect ECONNREFUSED');
    await expectRetryable(notifier.notifyApp(message));

    expectSignedPost().delay(2_000).reply(200, { id: 'too-late' });
    const timeout = await expectRetryable(notifier.notifyApp(message));
    expect(timeout.message).toContain('timeout');
  });
});

describe('signAppWebhook / verifyAppWebhook', () => {
  const body = JSON.stringify(expectedPayload);
  const timestamp = 1795000000;
  const now = new Date(timestamp * 1000 + 10_000);
  const header = signAppWebhook({ secret: SECRET, body, timestamp });

  it('signs t=<unix>,v1=<hex hmac-sha256 of "t.body">', () => {
    expect(header).toMatch(/^t=1795000000,v1=[0-9a-f]{64}$/);
    expect(verifyAppWebhook({ secret: SECRET, header, body, now })).toBe(true);
  });

  it('rejects a tampered body, a wrong secret and a moved timestamp', () => {
    expect(verifyAppWebhook({ secret: SECRET, header, body: body.replace('12,34', '1,23'), now })).toBe(
      false,
    );
    expect(verifyAppWebhook({ secret: 'whsec_other', header, body, now })).toBe(false);
    expect(
      verifyAppWebhook({ secret: SECRET, header: header.replace('t=1795000000', 't=1795000001'), body, now }),
    ).toBe(false);
  });

  it('rejects an expired signature', () => {
    expect(
      verifyAppWebhook({ secret: SECRET, header, body, now: new Date(timestamp * 1000 + 301_000) }),
    ).toBe(false);
  });

  it('accepts any of several v1 signatures, for secret rotation', () => {
    const rotated = signAppWebhook({ secret: 'whsec_new', body, timestamp });
    const both = `${header},v1=${rotated.split('v1=')[1]}`;
    expect(verifyAppWebhook({ secret: 'whsec_new', header: both, body, now })).toBe(true);
    expect(verifyAppWebhook({ secret: SECRET, header: both, body, now })).toBe(true);
  });

  it('rejects malformed headers', () => {
    for (const bad of ['', 'v1=abc', 't=abc,v1=abc', `t=1795000000,t=1795000000,${header.split(',')[1]}`]) {
      expect(verifyAppWebhook({ secret: SECRET, header: bad, body, now })).toBe(false);
    }
  });
});
