// The SMTP provider against a real SMTP server in this process (smtp-server, nodemailer's sibling):
// what the relay receives, how its refusals are classified, and that a retried send is delivered once.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { createProviders } from '../../providers/runtime.js';
import { SMTP_MESSAGE_HEADER, SmtpEmailSender, smtpMessageId } from '../../providers/smtp/smtp.js';
import type { EmailMessage } from '../../providers/types.js';
import { expectPermanent, expectRetryable, ref } from './provider-test-support.js';

interface Received {
  mailFrom: string;
  rcptTo: string[];
  user: string | undefined;
  mail: ParsedMail;
}

const USER = 'settle-relay';
const PASS = 'relay-password-1';
let server: SMTPServer;
let port: number;
const received: Received[] = [];
/** Recipients the relay refuses, with the reply code. */
const refused = new Map<string, number>();

beforeAll(async () => {
  server = new SMTPServer({
    // Plain SMTP on loopback: the test relay offers neither TLS nor STARTTLS.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASS) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('invalid credentials'), { responseCode: 535 }));
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const code = refused.get(address.address);
      if (code)
        return callback(
          Object.assign(new Error(`mailbox ${address.address} unavailable`), { responseCode: code }),
        );
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            rcptTo: session.envelope.rcptTo.map((r) => r.address),
            user: session.user as string | undefined,
            mail,
          });
          callback();
        })
        .catch(callback);
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  received.length = 0;
  refused.clear();
});

const sender = (overrides: Partial<ConstructorParameters<typeof SmtpEmailSender>[0]> = {}) =>
  new SmtpEmailSender({
    host: '127.0.0.1',
    port,
    security: 'off',
    user: USER,
    pass: PASS,
    from: 'noreply@mail.energie.example',
    timeoutMs: 5000,
    ...overrides,
  });

const message: EmailMessage = {
  ref,
  to: 'jan.jansen@example.nl',
  toName: 'Jan Jansen',
  from: { email: 'debiteuren@energie.example', name: 'Energie B.V.' },
  subject: 'Herinnering: factuur 2026-001',
  html: '<p>Betaal <a href="https://pay.example/x">hier</a>.</p>',
  text: 'Betaal hier: https://pay.example/x',
};

describe('SmtpEmailSender', () => {
  it('hands the relay the message as the creditor sends it: headers, envelope, text and HTML', async () => {
    const result = await sender().sendEmail(message);

    expect(received).toHaveLength(1);
    const [{ mail, mailFrom, rcptTo, user }] = received as [Received];
    expect(user).toBe(USER);
    expect(mailFrom).toBe('noreply@mail.energie.example');
    expect(rcptTo).toEqual(['jan.jansen@example.nl']);
    expect(mail.from?.value).toEqual([{ name: 'Energie B.V.', address: 'noreply@mail.energie.example' }]);
    expect(mail.replyTo?.value).toEqual([{ name: '', address: 'debiteuren@energie.example' }]);
    expect(mail.to && !Array.isArray(mail.to) && mail.to.value).toEqual([
      { name: 'Jan Jansen', address: 'jan.jansen@example.nl' },
    ]);
    expect(mail.subject).toBe('Herinnering: factuur 2026-001');
    expect(mail.text?.trim()).toBe('Betaal hier: https://pay.example/x');
    expect(mail.html).toBe('<p>Betaal <a href="https://pay.example/x">hier</a>.</p>');
    expect(mail.headers.get(SMTP_MESSAGE_HEADER.toLowerCase())).toBe('msg-1');
    // Message-ID from the idempotency key, on the relay's domain; it is what Settle records.
    expect(mail.messageId).toBe(smtpMessageId(ref.idempotencyKey, 'noreply@mail.energie.example'));
    expect(mail.messageId).toMatch(/^<[0-9a-f]{32}@mail\.energie\.example>$/);
    expect(result).toEqual({ providerMessageId: mail.messageId });
  });

  it('delivers a retried send with the same idempotency key once, and a new key again', async () => {
    const smtp = sender();
    const [first, concurrent] = await Promise.all([smtp.sendEmail(message), smtp.sendEmail(message)]);
    const retried = await smtp.sendEmail(message);
    expect(received).toHaveLength(1);
    expect(concurrent).toEqual(first);
    expect(retried).toEqual(first);

    const next = await smtp.sendEmail({
      ...message,
      ref: { ...ref, idempotencyKey: 'wf-inv-1:reminder-2:email' },
    });
    expect(received).toHaveLength(2);
    expect(next.providerMessageId).not.toBe(first.providerMessageId);
  });

  it('treats a recipient the relay refuses for good as permanent, without the address in the error', async () => {
    refused.set('jan.jansen@example.nl', 550);
    const error = await expectPermanent(sender().sendEmail(message), 550);
    expect(error.message).not.toContain('jan.jansen');
    expect(received).toHaveLength(0);
  });

  it('retries a temporary refusal, and sends on the retry once the relay takes it', async () => {
    const smtp = sender();
    refused.set('jan.jansen@example.nl', 451);
    await expectRetryable(smtp.sendEmail(message));
    refused.clear();
    await smtp.sendEmail(message);
    expect(received).toHaveLength(1);
  });

  it('treats refused credentials as permanent and an unreachable relay as retryable', async () => {
    await expectPermanent(sender({ pass: 'wrong' }).sendEmail(message), 535);
    await expectRetryable(sender({ port: 1, timeoutMs: 1000 }).sendEmail(message));
  });
});

describe('the smtp provider plugin', () => {
  const env = {
    PROVIDERS: 'live',
    MOLLIE_API_KEY: 'test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM',
    MESSAGEBIRD_ACCESS_KEY: 'mb-key',
    MESSAGEBIRD_SIGNING_KEY: 'mb-signing',
    EMAIL_PROVIDER: 'smtp',
  };

  it('is chosen with EMAIL_PROVIDER=smtp, needs its host and sender, and no SendGrid keys', () => {
    expect(() => loadConfig(env)).toThrow(/SMTP_HOST: is required[\s\S]*SMTP_FROM: is required/);
    const config = loadConfig({ ...env, SMTP_HOST: '127.0.0.1', SMTP_FROM: 'noreply@mail.energie.example' });
    const providers = createProviders(config, undefined);
    expect(providers.email).toBeInstanceOf(SmtpEmailSender);
    expect(providers.names.email).toBe('smtp');
  });

  it('has no sandbox stand-in: the sandbox refuses it', () => {
    expect(() => loadConfig({ EMAIL_PROVIDER: 'smtp' })).toThrow(/EMAIL_PROVIDER: is smtp/);
  });
});
