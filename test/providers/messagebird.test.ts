import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { MessageBirdSmsSender, MessageBirdWhatsAppSender } from '../../providers/messagebird/messagebird.js';
import type { SmsMessage, WhatsAppMessage } from '../../providers/types.js';
import { expectPermanent, expectRetryable, interceptHttp, ref } from './provider-test-support.js';

interceptHttp();

const ACCESS_KEY = 'test_gshuPaZoeEG6ovbc8M79w0QyM';
const mbError = (code: number, description: string, parameter: string | null) => ({
  errors: [{ code, description, parameter }],
});

describe('MessageBirdSmsSender', () => {
  const sender = new MessageBirdSmsSender({
    accessKey: ACCESS_KEY,
    reportUrl: 'https://api.settle.example/webhooks/messagebird/sms',
  });
  const sms: SmsMessage = {
    ref,
    to: '+31612345678',
    originator: 'Bakkerij',
    body: 'Herinnering: factuur 2026-0042',
  };

  const expectCreate = () =>
    nock('https://rest.messagebird.com')
      .post('/messages', {
        originator: 'Bakkerij',
        recipients: '31612345678',
        body: 'Herinnering: factuur 2026-0042',
        reference: 'msg-1',
        reportUrl: 'https://api.settle.example/webhooks/messagebird/sms',
      })
      .matchHeader('authorization', `AccessKey ${ACCESS_KEY}`)
      .matchHeader('content-type', 'application/json');

  it('sends the message with Settle’s message id as reference and returns MessageBird’s id', async () => {
    expectCreate().reply(201, {
      id: 'e8077d803532c0b5937c639b60216938',
      href: 'https://rest.messagebird.com/messages/e8077d803532c0b5937c639b60216938',
      direction: 'mt',
      type: 'sms',
      originator: 'Bakkerij',
      body: 'Herinnering: factuur 2026-0042',
      reference: 'msg-1',
      createdDatetime: '2026-11-25T09:00:00+00:00',
      recipients: {
        totalCount: 1,
        totalSentCount: 1,
        totalDeliveredCount: 0,
        totalDeliveryFailedCount: 0,
        items: [{ recipient: 31612345678, status: 'sent', statusDatetime: '2026-11-25T09:00:00+00:00' }],
      },
    });

    await expect(sender.sendSms(sms)).resolves.toEqual({
      providerMessageId: 'e8077d803532c0b5937c639b60216938',
    });
  });

  it('treats an invalid recipient (422) as permanent', async () => {
    expectCreate().reply(422, mbError(9, 'no (correct) recipients found', 'recipients'));

    await expectPermanent(sender.sendSms(sms), 422);
  });

  it('treats a wrong access key (401) as permanent', async () => {
    expectCreate().reply(401, mbError(2, 'Request not allowed (incorrect access_key)', 'access_key'));

    await expectPermanent(sender.sendSms(sms), 401);
  });

  it('treats a 5xx as retryable, also when the body is not JSON', async () => {
    expectCreate().reply(500, mbError(10, 'internal error', null));
    await expectRetryable(sender.sendSms(sms));

    expectCreate().reply(502, '<html>Bad Gateway</html>');
    await expectRetryable(sender.sendSms(sms));
  });

  it('treats a 5xx with a JSON body but no errors (the SDK reports success) as retryable', async () => {
    expectCreate().reply(503, {});

    await expectRetryable(sender.sendSms(sms));
  });

  it('treats a network failure as retryable', async () => {
    expectCreate().replyWithError('socket hang up');

    await expectRetryable(sender.sendSms(sms));
  });
});

describe('MessageBirdWhatsAppSender', () => {
  const sender = new MessageBirdWhatsAppSender({
    accessKey: ACCESS_KEY,
    channelId: '619747f69cf940a98fb443140ce9aed2',
    reportUrl: 'https://api.settle.example/webhooks/messagebird/whatsapp',
  });
  const whatsApp: WhatsAppMessage = {
    ref,
    to: '+31612345678',
    template: {
      namespace: 'a3b5e3c2_8ee1_4c4e_b4f0_3f1b0b2c9d1e',
      name: 'payment_reminder',
      language: 'nl',
      params: ['Jan', '€ 12,34'],
    },
    text: 'Beste Jan, er staat nog € 12,34 open.',
  };

  const expectSend = () =>
    nock('https://conversations.messagebird.com')
      .post('/v1/send', {
        to: '+31612345678',
        from: '619747f69cf940a98fb443140ce9aed2',
        type: 'hsm',
        content: {
          hsm: {
            namespace: 'a3b5e3c2_8ee1_4c4e_b4f0_3f1b0b2c9d1e',
            templateName: 'payment_reminder',
            language: { policy: 'deterministic', code: 'nl' },
            params: [{ default: 'Jan' }, { default: '€ 12,34' }],
          },
        },
        reportUrl: 'https://api.settle.example/webhooks/messagebird/whatsapp',
      })
      .matchHeader('authorization', `AccessKey ${ACCESS_KEY}`)
      .matchHeader('content-type', 'application/json');

  it('sends the approved template with its parameters and returns the message id', async () => {
    expectSend().reply(202, { id: '2e15efafec384e1c82e9842075e87beb', status: 'accepted', fallback: null });

    await expect(sender.sendWhatsApp(whatsApp)).resolves.toEqual({
      providerMessageId: '2e15efafec384e1c82e9842075e87beb',
    });
  });

  it('also reads the id from the response shape the SDK typings describe', async () => {
    expectSend().reply(202, { message: { id: 'b3e5a3c2', status: 'accepted' } });

    await expect(sender.sendWhatsApp(whatsApp)).resolves.toEqual({ providerMessageId: 'b3e5a3c2' });
  });

  it('treats a rejected template (400) as permanent', async () => {
    expectSend().reply(400, mbError(21, 'template not found', 'content.hsm.templateName'));

    await expectPermanent(sender.sendWhatsApp(whatsApp), 400);
  });

  it('treats a 5xx as retryable', async () => {
    expectSend().reply(500, mbError(99, 'internal error', null));

    await expectRetryable(sender.sendWhatsApp(whatsApp));
  });
});
