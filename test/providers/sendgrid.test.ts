import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { SendGridEmailSender } from '../../providers/sendgrid/sendgrid.js';
import type { EmailMessage } from '../../providers/types.js';
import { expectPermanent, expectRetryable, interceptHttp, ref } from './provider-test-support.js';

interceptHttp();

const sender = new SendGridEmailSender({ apiKey: 'SG.settle-test' });

const message: EmailMessage = {
  ref,
  to: 'jan.jansen@example.nl',
  toName: 'Jan Jansen',
  from: { email: 'facturen@bakkerij.example', name: 'Bakkerij de Korst' },
  replyTo: 'administratie@bakkerij.example',
  subject: 'Herinnering factuur 2026-0042',
  html: '<p>Beste Jan,</p>',
  text: 'Beste Jan,',
  attachments: [
    { filename: 'factuur.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7') },
  ],
};

const expectedBody = {
  from: { email: 'facturen@bakkerij.example', name: 'Bakkerij de Korst' },
  reply_to: { email: 'administratie@bakkerij.example' },
  subject: 'Herinnering factuur 2026-0042',
  personalizations: [{ to: [{ email: 'jan.jansen@example.nl', name: 'Jan Jansen' }] }],
  // SendGrid requires text/plain before text/html.
  content: [
    { type: 'text/plain', value: 'Beste Jan,' },
    { type: 'text/html', value: '<p>Beste Jan,</p>' },
  ],
  attachments: [
    { filename: 'factuur.pdf', type: 'application/pdf', content: 'JVBERi0xLjc=', disposition: 'attachment' },
  ],
  headers: { 'X-Settle-Idempotency-Key': 'wf-inv-1:reminder-1:email' },
  custom_args: {
    tenant_id: 'tenant-1',
    invoice_id: 'inv-1',
    message_id: 'msg-1',
    idempotency_key: 'wf-inv-1:reminder-1:email',
  },
};

function expectMailSend(host = 'https://api.sendgrid.com') {
  return nock(host)
    .post('/v3/mail/send', expectedBody)
    .matchHeader('authorization', 'Bearer SG.settle-test')
    .matchHeader('content-type', 'application/json')
    .matchHeader('x-settle-idempotency-key', 'wf-inv-1:reminder-1:email');
}

describe('SendGridEmailSender', () => {
  it('sends html + text, attachments, reply-to and the Settle ids, returning X-Message-Id', async () => {
    expectMailSend().reply(202, '', { 'X-Message-Id': 'W5ZpjpQtSxCEu0A7gUpDrQ' });

    await expect(sender.sendEmail(message)).resolves.toEqual({ providerMessageId: 'W5ZpjpQtSxCEu0A7gUpDrQ' });
  });

  it('uses the configured base URL (EU data residency)', async () => {
    const euSender = new SendGridEmailSender({
      apiKey: 'SG.settle-test',
      baseUrl: 'https://api.eu.sendgrid.com/',
    });
    expectMailSend('https://api.eu.sendgrid.com').reply(202, '', { 'X-Message-Id': 'eu-1' });

    await expect(euSender.sendEmail(message)).resolves.toEqual({ providerMessageId: 'eu-1' });
  });

  it('sends the template as SendGrid category', async () => {
    nock('https://api.sendgrid.com')
      .post('/v3/mail/send', { ...expectedBody, categories: ['reminder-1'] })
      .reply(202, '', { 'X-Message-Id': 'cat-1' });

    const withTemplate = { ...message, ref: { ...ref, template: 'reminder-1' } };
    await expect(sender.sendEmail(withTemplate)).resolves.toEqual({ providerMessageId: 'cat-1' });
  });

  it('leaves out name and reply-to when there are none', async () => {
    const { toName: _, replyTo: __, attachments: ___, ...bare } = message;
    const { reply_to: _r, attachments: _a, ...body } = expectedBody;
    nock('https://api.sendgrid.com')
      .post('/v3/mail/send', { ...body, personalizations: [{ to: [{ email: 'jan.jansen@example.nl' }] }] })
      .reply(202, '', { 'X-Message-Id': 'bare-1' });

    await expect(sender.sendEmail(bare)).resolves.toEqual({ providerMessageId: 'bare-1' });
  });

  it('treats a rejected payload (400) as permanent, naming the field but not the address', async () => {
    expectMailSend().reply(400, {
      errors: [
        { message: 'Does not contain a valid address.', field: 'personalizations.0.to.0.email', help: null },
      ],
    });

    const error = await expectPermanent(sender.sendEmail(message), 400);
    expect(error.message).toContain('personalizations.0.to.0.email');
    expect(error.message).not.toContain('jan.jansen');
  });

  it('treats revoked credentials (401) as permanent', async () => {
    expectMailSend().reply(401, {
      errors: [{ message: 'The provided authorization grant is invalid.', field: null }],
    });

    await expectPermanent(sender.sendEmail(message), 401);
  });

  it('treats rate limiting (429) as retryable', async () => {
    expectMailSend().reply(429, { errors: [{ message: 'too many requests', field: null }] });

    await expectRetryable(sender.sendEmail(message));
  });

  it('treats a 5xx as retryable', async () => {
    expectMailSend().reply(503, 'upstream unavailable');

    const error = await expectRetryable(sender.sendEmail(message));
    expect(error.message).toContain('HTTP 503');
  });

  it('treats a network failure as retryable', async () => {
    expectMailSend().replyWithError('socket hang up');

    await expectRetryable(sender.sendEmail(message));
  });
});
