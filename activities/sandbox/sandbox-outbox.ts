// Sandbox channels: every message is stored (and listed at /sandbox/outbox) instead of being sent,
// and deterministic test recipients produce signed delivery events through the real webhooks:
// `@bounce.example` bounces, `@delivered.example` is delivered and opened, phone numbers ending
// in 0000 fail; anything else is delivered.
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { sandboxMessages } from '../../db/schema.js';
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
} from '../providers/types.js';
/** Produces the delivery facts of sandbox messages (signed webhooks in the running product). */
export interface DeliveryReporter {
  emailSent(sandboxId: string, ref: MessageRef, to: string): void;
  smsSent(sandboxId: string, ref: MessageRef, to: string): void;
  whatsAppSent(sandboxId: string, ref: MessageRef, to: string): void;
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
  constructor(
    private readonly db: Database,
    private readonly events: DeliveryReporter,
  ) {}

  /** Idempotent on the message's idempotency key: a retried send stores and reports nothing new. */
  private async store(message: StoredMessage): Promise<{ id: string; isNew: boolean }> {
    const id = `sbx_${message.ref.messageId}`;
    const links = [
      ...new Set([...(message.text.match(URL_PATTERN) ?? []), ...(message.html?.match(URL_PATTERN) ?? [])]),
    ];
    const inserted = await this.db
      .insert(sandboxMessages)
      .values({
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
      })
      .onConflictDoNothing()
      .returning({ id: sandboxMessages.id });
    if (inserted.length > 0) return { id, isNew: true };
    const [existing] = await this.db
      .select({ id: sandboxMessages.id })
      .from(sandboxMessages)
      .where(eq(sandboxMessages.idempotencyKey, message.ref.idempotencyKey));
    return { id: existing?.id ?? id, isNew: false };
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
    if (stored.isNew) this.events.emailSent(stored.id, message.ref, message.to);
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
    if (stored.isNew) this.events.smsSent(stored.id, message.ref, message.to);
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
    if (stored.isNew) this.events.whatsAppSent(stored.id, message.ref, message.to);
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
