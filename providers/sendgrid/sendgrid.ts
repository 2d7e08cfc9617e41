import { MailService } from '@sendgrid/mail';
import { classifiedProviderError, httpStatusOf, messageOf } from '../classify-failure.js';
import type { EmailMessage, EmailSender, SendResult } from '../types.js';

const PROVIDER = 'sendgrid';

/** Also sent as an HTTP request header: the SDK copies a message's `headers` onto the API request. */
export const SENDGRID_IDEMPOTENCY_HEADER = 'X-Settle-Idempotency-Key';

export interface SendGridEmailSenderOptions {
  apiKey: string;
  /** e.g. `https://api.eu.sendgrid.com/` for EU data residency. */
  baseUrl?: string;
  timeoutMs?: number;
}

/** The part of the SDK's HTTP client the d.ts of MailService leaves out. */
interface SendGridHttpClient {
  setDefaultRequest(key: 'baseUrl', value: string): unknown;
}

interface SendGridResponseError {
  response?: { body?: { errors?: { message?: unknown; field?: unknown }[] } };
}

/**
 * Email through SendGrid's v3 Mail Send API. SendGrid has no request idempotency: the key travels as custom_args
 * (so events carry it back) and as a header, so a duplicate caused by a retried timeout can at least be recognised.
 */
export class SendGridEmailSender implements EmailSender {
  private readonly mail = new MailService();

  constructor(options: SendGridEmailSenderOptions) {
    this.mail.setApiKey(options.apiKey);
    // setApiKey resets the base URL to the region default, so an override has to come after it.
    if (options.baseUrl) {
      (this.mail as unknown as { client: SendGridHttpClient }).client.setDefaultRequest(
        'baseUrl',
        options.baseUrl,
      );
    }
    this.mail.setTimeout(options.timeoutMs ?? 15_000);
  }

  async sendEmail(message: EmailMessage): Promise<SendResult> {
    const { ref } = message;
    try {
      const [response] = await this.mail.send({
        to: { email: message.to, name: message.toName },
        from: message.from,
        replyTo: message.replyTo,
        subject: message.subject,
        text: message.text,
        html: message.html,
        attachments: message.attachments?.map((attachment) => ({
          filename: attachment.filename,
          type: attachment.contentType,
          content: attachment.content.toString('base64'),
          disposition: 'attachment',
        })),
        customArgs: {
          tenant_id: ref.tenantId,
          invoice_id: ref.invoiceId,
          message_id: ref.messageId,
          idempotency_key: ref.idempotencyKey,
        },
        headers: { [SENDGRID_IDEMPOTENCY_HEADER]: ref.idempotencyKey },
        // Categories make SendGrid's own statistics per template; never personal data.
        categories: ref.template ? [ref.template] : undefined,
      });
      const messageId = (response.headers as Record<string, unknown>)['x-message-id'];
      // A 202 without the header still means "accepted"; failing here would make Temporal send a duplicate.
      return { providerMessageId: typeof messageId === 'string' ? messageId : ref.idempotencyKey };
    } catch (error) {
      throw sendGridFailure(error);
    }
  }
}

function sendGridFailure(error: unknown): Error {
  // SendGrid's messages name the offending field, not its value, so they are safe to keep.
  const reasons = ((error as SendGridResponseError).response?.body?.errors ?? [])
    .map(({ message, field }) => [field, message].filter((part) => typeof part === 'string').join(': '))
    .filter((reason) => reason !== '');
  return classifiedProviderError(
    PROVIDER,
    httpStatusOf(error, 'code'),
    reasons.join('; ') || messageOf(error),
  );
}
