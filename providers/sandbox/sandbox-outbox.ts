// Sandbox channels: every message is stored (and listed at /sandbox/outbox) instead of being sent,
// and deterministic test recipients produce signed delivery events through the real webhooks:
// `@bounce.example` bounces, `@delivered.example` is delivered and opened, phone numbers ending
// in 0000 fail; anything else is delivered. The report is due with the message: the same INSERT
// records where and when it is to be sent (see sandbox-events.ts, whose poller sends it).
import type { Database } from '../../db/client.js';
import { sandboxMessagePdf, storeSandboxMessage } from '../../db/queries/sandbox.js';
import type {
  AppMessage,
  AppNotifier,
  EmailMessage,
  EmailSender,
  LetterMessage,
  LetterPrinter,
  MessageRef,
  SendResult,
  SmsMessage,
  SmsSender,
  WhatsAppMessage,
  WhatsAppSender,
} from '../types.js';
import { REPORTING_CHANNELS } from './sandbox-events.js';

/** Where the delivery reports of stored messages go, and how long after the send they are due. */
export interface DeliveryReportSchedule {
  /** Base URL of the Settle instance whose webhooks receive the reports. */
  endpoint: string;
  /** Like a provider's delay; also lets the send's own bookkeeping finish (default 300 ms). */
  delayMs?: number;
}

interface StoredMessage {
  ref: MessageRef;
  channel: 'email' | 'sms' | 'whatsapp' | 'letter' | 'app';
  recipient: string;
  template: string;
  subject?: string;
  text: string;
  html?: string;
  pdf?: Buffer;
}

const URL_PATTERN = /https?:\/\/[^\s"'<>)]+/g;

export class SandboxOutbox implements EmailSender, SmsSender, WhatsAppSender, LetterPrinter, AppNotifier {
  /** Without a schedule, messages are stored and never reported (workflow tests feed deliveries). */
  constructor(
    private readonly db: Database,
    private readonly reports?: DeliveryReportSchedule,
  ) {}

  /** Idempotent on the message's idempotency key: a retried send stores and reports nothing new. */
  private async store(message: StoredMessage): Promise<{ id: string }> {
    const id = `sbx_${message.ref.messageId}`;
    const links = [
      ...new Set([...(message.text.match(URL_PATTERN) ?? []), ...(message.html?.match(URL_PATTERN) ?? [])]),
    ];
    const reportsDelivery = this.reports && REPORTING_CHANNELS.includes(message.channel);
    const stored = await storeSandboxMessage(
      this.db,
      {
        id,
        idempotencyKey: message.ref.idempotencyKey,
        channel: message.channel,
        recipient: message.recipient,
        tenantId: message.ref.tenantId,
        invoiceId: message.ref.invoiceId,
        messageId: message.ref.messageId,
        template: message.template,
        subject: message.subject ?? null,
        text: message.text,
        html: message.html ?? null,
        pdf: message.pdf?.toString('base64') ?? null,
        links,
        deliveryStatus: 'sent',
      },
      reportsDelivery
        ? { endpoint: this.reports!.endpoint, delayMs: this.reports!.delayMs ?? 300 }
        : undefined,
    );
    return { id: stored };
  }

  async sendEmail(message: EmailMessage): Promise<SendResult> {
    const stored = await this.store({
      ref: message.ref,
      channel: 'email',
      recipient: message.to,
      template: message.ref.template ?? 'message',
      subject: message.subject,
      text: message.text,
      html: message.html,
    });
    return { providerMessageId: stored.id };
  }

  async sendSms(message: SmsMessage): Promise<SendResult> {
    const stored = await this.store({
      ref: message.ref,
      channel: 'sms',
      recipient: message.to,
      template: message.ref.template ?? 'message',
      text: message.body,
    });
    return { providerMessageId: stored.id };
  }

  async sendWhatsApp(message: WhatsAppMessage): Promise<SendResult> {
    const stored = await this.store({
      ref: message.ref,
      channel: 'whatsapp',
      recipient: message.to,
      template: message.template.name,
      text: message.text,
    });
    return { providerMessageId: stored.id };
  }

  async spoolLetter(letter: LetterMessage): Promise<SendResult> {
    const stored = await this.store({
      ref: letter.ref,
      channel: 'letter',
      recipient: `${letter.to.postalCode} ${letter.to.city}`,
      template: letter.ref.template ?? 'message',
      text: `Letter for print batch ${letter.batchDate}`,
      pdf: letter.pdf,
    });
    return { providerMessageId: stored.id };
  }

  async letterPdf(providerMessageId: string): Promise<Buffer | undefined> {
    const pdf = await sandboxMessagePdf(this.db, providerMessageId);
    return pdf ? Buffer.from(pdf, 'base64') : undefined;
  }

  async notifyApp(message: AppMessage): Promise<SendResult> {
    const stored = await this.store({
      ref: message.ref,
      channel: 'app',
      recipient: `debtor ${message.debtorId}`,
      template: message.ref.template ?? 'message',
      subject: message.title,
      text: `${message.text}\n${message.payUrl}\n${message.selfServiceUrl}`,
    });
    return { providerMessageId: stored.id };
  }
}
