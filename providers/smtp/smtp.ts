// Email through the creditor's own SMTP relay (nodemailer). SMTP can only say whether the relay
// took the message: a permanent refusal (5xx) at send time is a failed message, anything later —
// delivery, opens, clicks, bounces, which come back as DSN mail — is not reported.
import { createHash } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { messageOf } from '../classify-failure.js';
import { withoutContactData } from '../delivery-event-support.js';
import { PermanentProviderError } from '../errors.js';
import type { EmailMessage, EmailSender, SendResult } from '../types.js';

const PROVIDER = 'smtp';
/** Settle's id of the message: kept by the relay and quoted back in DSN mail, for a later reader of it. */
export const SMTP_MESSAGE_HEADER = 'X-Settle-Message-Id';

export interface SmtpEmailSenderOptions {
  host: string;
  port: number;
  /** `tls`: implicit TLS (port 465); `starttls`: upgrade required; `off`: plain (a relay on the same host). */
  security: 'tls' | 'starttls' | 'off';
  user?: string | undefined;
  pass?: string | undefined;
  /**
   * The address the relay lets Settle send as: the From address (with the creditor's name), the
   * envelope sender, and the domain of Message-IDs. The creditor's own address becomes Reply-To.
   */
  from: string;
  timeoutMs?: number;
  /** How many accepted sends are remembered for deduplication (the oldest are forgotten first). */
  rememberSends?: number;
}

/** The same idempotency key gives the same Message-ID: a resend is recognisable as the same message. */
export function smtpMessageId(idempotencyKey: string, fromAddress: string): string {
  const domain = fromAddress.split('@')[1] ?? 'settle.invalid';
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@${domain}>`;
}

export class SmtpEmailSender implements EmailSender {
  private readonly transport: Transporter<SMTPTransport.SentMessageInfo>;
  /**
   * Sends the relay accepted (or that are under way), by idempotency key: a retried activity in this
   * worker does not hand the relay the message again. SMTP has no idempotency of its own; across
   * workers the stable Message-ID is all that marks a resend as the same message.
   */
  private readonly sends = new Map<string, Promise<SendResult>>();

  constructor(private readonly options: SmtpEmailSenderOptions) {
    const timeout = options.timeoutMs ?? 30_000;
    this.transport = nodemailer.createTransport({
      host: options.host,
      port: options.port,
      secure: options.security === 'tls',
      requireTLS: options.security === 'starttls',
      ignoreTLS: options.security === 'off',
      ...(options.user ? { auth: { user: options.user, pass: options.pass ?? '' } } : {}),
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  sendEmail(message: EmailMessage): Promise<SendResult> {
    const key = message.ref.idempotencyKey;
    const known = this.sends.get(key);
    if (known) return known;
    const send = this.send(message);
    this.sends.set(key, send);
    // A failed send may be retried; only accepted ones are remembered.
    send.catch(() => this.sends.delete(key));
    const limit = this.options.rememberSends ?? 10_000;
    if (this.sends.size > limit) this.sends.delete(this.sends.keys().next().value!);
    return send;
  }

  private async send(message: EmailMessage): Promise<SendResult> {
    const messageId = smtpMessageId(message.ref.idempotencyKey, this.options.from);
    let info: SMTPTransport.SentMessageInfo;
    try {
      info = await this.transport.sendMail({
        messageId,
        from: { name: message.from.name, address: this.options.from },
        replyTo: message.replyTo ?? message.from.email,
        to: message.toName ? { name: message.toName, address: message.to } : message.to,
        envelope: { from: this.options.from, to: message.to },
        subject: message.subject,
        text: message.text,
        html: message.html,
        headers: { [SMTP_MESSAGE_HEADER]: message.ref.messageId },
        attachments: message.attachments?.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: a.content,
        })),
      });
    } catch (error) {
      throw smtpFailure(error);
    }
    if (info.rejected.length > 0)
      throw new PermanentProviderError(PROVIDER, 'the relay refused the recipient');
    return { providerMessageId: messageId };
  }
}

/**
 * 5xx replies (unknown recipient, refused sender, failed authentication) are permanent; 4xx replies,
 * timeouts and lost connections are retried. The reply text may quote the address: it is cut out.
 */
function smtpFailure(error: unknown): Error {
  const { responseCode, code } = (error ?? {}) as { responseCode?: number; code?: string };
  const detail = withoutContactData(messageOf(error)) ?? 'send failed';
  const message = `${code ?? 'SMTP'}${responseCode ? ` ${responseCode}` : ''}: ${detail}`;
  if (typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600)
    return new PermanentProviderError(PROVIDER, message, responseCode);
  return new Error(`${PROVIDER}: ${message}`);
}
