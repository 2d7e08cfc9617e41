import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { BirdSmsSender, BirdWhatsAppSender } from '../../providers/bird/bird.js';
import { PermanentProviderError } from '../../providers/errors.js';
import type { SmsMessage, WhatsAppMessage } from '../../providers/types.js';
import { expectPermanent, expectRetryable, interceptHttp, ref } from './provider-test-support.js';

interceptHttp();

const ACCESS_KEY = 'bird_test_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
const WORKSPACE_ID = '2d7a1e03-25e4-401e-bf1e-0ace545673d7';
const SMS_CHANNEL_ID = '8e046034-bca7-5124-89d0-1a64c1cbe819';
const WHATSAPP_CHANNEL_ID = '61a8f3cc-4d1f-5a0e-9c55-3b7e2f1d9a01';
const MESSAGES_PATH = (channelId: string) => `/workspaces/${WORKSPACE_ID}/channels/${channelId}/messages`;

/** The 202 body Bird answers with: the message as accepted (it echoes the receiver's number). */
const accepted = (id: string) => ({
  id,
  channelId: SMS_CHANNEL_ID,
  receiver: { contacts: [{ identifierKey: 'phonenumber', identifierValue: '+31612345678' }] },
  reference: 'msg-1',
  status: 'accepted',
  direction: 'outgoing',
  createdAt: '2026-11-25T09:00:00.000Z',
  updatedAt: '2026-11-25T09:00:00.000Z',
});

const receiver = { contacts: [{ identifierKey: 'phonenumber', identifierValue: '+31612345678' }] };
const meta = { extraInformation: { tenantId: 'tenant-1', invoiceId: 'inv-1' } };

describe('BirdSmsSender', () => {
  const sender = new BirdSmsSender({
    accessKey: ACCESS_KEY,
    workspaceId: WORKSPACE_ID,
    channelId: SMS_CHANNEL_ID,
  });
  const sms: SmsMessage = {
    ref,
    to: '+31612345678',
    originator: 'Bakkerij',
    body: 'Herinnering: factuur 2026-0042',
  };

  const expectSend = () =>
    nock('https://api.bird.com')
      .post(MESSAGES_PATH(SMS_CHANNEL_ID), {
        receiver,
        body: { type: 'text', text: { text: 'Herinnering: factuur 2026-0042' } },
        reference: 'msg-1',
        meta,
      })
      .matchHeader('authorization', `AccessKey ${ACCESS_KEY}`)
      .matchHeader('content-type', 'application/json')
      .matchHeader('accept', 'application/json');

  it('posts the text to the channel with Settle’s message id as reference and returns Bird’s id', async () => {
    const scope = expectSend().reply(202, accepted('9b1c2f4e-0d6a-4a51-9d0c-5c6a8e4f2b10'));

    await expect(sender.sendSms(sms)).resolves.toEqual({
      providerMessageId: '9b1c2f4e-0d6a-4a51-9d0c-5c6a8e4f2b10',
    });
    // nock@14 intercepts Node 20's global fetch: the request above reached this interceptor, not the network.
    expect(scope.isDone()).toBe(true);
  });

  it('treats a malformed request (422 InvalidPayload) as permanent, without quoting the number', async () => {
    expectSend().reply(422, {
      code: 'InvalidPayload',
      message: 'One or more fields provided in the request body are malformed',
      details: { '.receiver.contacts[0].identifierValue': ['+31612345678 is not a valid phone number'] },
    });

    const error = await expectPermanent(sender.sendSms(sms), 422);
    expect(error.message).toBe(
      'bird: HTTP 422: InvalidPayload: One or more fields provided in the request body are malformed',
    );
    expect(error.message).not.toContain('31612345678');
  });

  it('treats a wrong access key (401) and a missing channel (404) as permanent', async () => {
    expectSend().reply(401, { code: 'Unauthorized', message: 'Unauthorized' });
    await expectPermanent(sender.sendSms(sms), 401);

    expectSend().reply(404, { code: 'NotFound', message: 'channel not found' });
    await expectPermanent(sender.sendSms(sms), 404);
  });

  it('treats rate limiting (429) and a request timeout (408) as retryable', async () => {
    expectSend().reply(429, { code: 'TooManyRequests', message: 'rate limit exceeded' });
    expect((await expectRetryable(sender.sendSms(sms))).message).toBe(
      'bird: HTTP 429: TooManyRequests: rate limit exceeded',
    );

    expectSend().reply(408, { code: 'RequestTimeout', message: 'request timeout' });
    await expectRetryable(sender.sendSms(sms));
  });

  it('treats a 5xx as retryable, also when the body is not JSON', async () => {
    expectSend().reply(500, { code: 'InternalServerError', message: 'internal error' });
    await expectRetryable(sender.sendSms(sms));

    expectSend().reply(502, '<html>Bad Gateway</html>');
    expect((await expectRetryable(sender.sendSms(sms))).message).toBe('bird: HTTP 502: Bad Gateway');
  });

  it('treats a network failure and a timeout as retryable', async () => {
    expectSend().replyWithError('socket hang up');
    expect((await expectRetryable(sender.sendSms(sms))).message).toBe('bird: socket hang up');

    const impatient = new BirdSmsSender({
      accessKey: ACCESS_KEY,
      workspaceId: WORKSPACE_ID,
      channelId: SMS_CHANNEL_ID,
      timeoutMs: 50,
    });
    expectSend().delay(500).reply(202, accepted('late'));
    expect((await expectRetryable(impatient.sendSms(sms))).message).toMatch(/^bird: .*timeout/);
  });

  it('treats an accepted message without an id as retryable rather than untrackable', async () => {
    expectSend().reply(202, { status: 'accepted' });

    expect((await expectRetryable(sender.sendSms(sms))).message).toBe('bird: response without a message id');
  });

  it('uses the configured endpoint and fetch', async () => {
    const calls: { url: string; init: RequestInit | undefined }[] = [];
    const recordingFetch: typeof fetch = async (url, init) => {
      calls.push({ url: String(url), init });
      return Response.json({ id: 'from-stub' }, { status: 202 });
    };
    const stubbed = new BirdSmsSender({
      accessKey: ACCESS_KEY,
      workspaceId: WORKSPACE_ID,
      channelId: SMS_CHANNEL_ID,
      apiEndpoint: 'https://bird.test/',
      fetch: recordingFetch,
    });

    await expect(stubbed.sendSms(sms)).resolves.toEqual({ providerMessageId: 'from-stub' });
    expect(calls.map((call) => call.url)).toEqual([`https://bird.test${MESSAGES_PATH(SMS_CHANNEL_ID)}`]);
    expect(calls[0]?.init?.method).toBe('POST');
  });
});

describe('BirdWhatsAppSender', () => {
  const options = {
    accessKey: ACCESS_KEY,
    workspaceId: WORKSPACE_ID,
    channelId: WHATSAPP_CHANNEL_ID,
    templateProjectIds: { settle_reminder_1_v1: 'ce6a2fd6-b2fa-4f5a-a2cd-f3bd15883318' },
  };
  const sender = new BirdWhatsAppSender(options);
  const whatsApp: WhatsAppMessage = {
    ref,
    to: '+31612345678',
    template: {
      namespace: 'unused-by-bird',
      name: 'settle_reminder_1_v1',
      language: 'nl',
      params: ['Jan', '€ 12,34'],
    },
    text: 'Beste Jan, er staat nog € 12,34 open.',
  };

  const expectSend = (version: string) =>
    nock('https://api.bird.com')
      .post(MESSAGES_PATH(WHATSAPP_CHANNEL_ID), {
        receiver,
        template: {
          projectId: 'ce6a2fd6-b2fa-4f5a-a2cd-f3bd15883318',
          version,
          locale: 'nl',
          parameters: [
            { type: 'string', key: '1', value: 'Jan' },
            { type: 'string', key: '2', value: '€ 12,34' },
          ],
        },
        reference: 'msg-1',
        meta,
      })
      .matchHeader('authorization', `AccessKey ${ACCESS_KEY}`)
      .matchHeader('content-type', 'application/json');

  it('sends the template’s Studio project with numbered parameters and returns the message id', async () => {
    expectSend('latest').reply(202, accepted('5d2a7c1e-8f3b-4e6a-b1d9-0c4f7e2a9b63'));

    await expect(sender.sendWhatsApp(whatsApp)).resolves.toEqual({
      providerMessageId: '5d2a7c1e-8f3b-4e6a-b1d9-0c4f7e2a9b63',
    });
  });

  it('pins a template version when one is configured', async () => {
    const pinned = new BirdWhatsAppSender({
      ...options,
      templateVersion: 'e0e9190c-c3e7-4026-8fc3-d28a77aa1a52',
    });
    expectSend('e0e9190c-c3e7-4026-8fc3-d28a77aa1a52').reply(202, accepted('pinned-1'));

    await expect(pinned.sendWhatsApp(whatsApp)).resolves.toEqual({ providerMessageId: 'pinned-1' });
  });

  it('refuses a template without a configured project before calling Bird', async () => {
    const unknown = { ...whatsApp, template: { ...whatsApp.template, name: 'settle_final_notice_v1' } };

    const error = await sender.sendWhatsApp(unknown).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PermanentProviderError);
    expect((error as Error).message).toBe(
      'bird: no Bird template project configured for settle_final_notice_v1',
    );
  });

  it('treats a rejected template (422) as permanent and a 5xx as retryable', async () => {
    expectSend('latest').reply(422, { code: 'InvalidPayload', message: 'template not found' });
    await expectPermanent(sender.sendWhatsApp(whatsApp), 422);

    expectSend('latest').reply(503, { code: 'ServiceUnavailable', message: 'try again later' });
    await expectRetryable(sender.sendWhatsApp(whatsApp));
  });
});
