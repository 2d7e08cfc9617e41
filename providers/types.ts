// One interface per capability. Real adapters (Mollie, SendGrid, MessageBird, print, app webhook)
// and the sandbox providers implement these; activities depend only on the interfaces.
import type { DeliveryStatus } from '../workflows/domain.js';

/** Identifies a message towards providers and in their callbacks. Never contains personal data. */
export interface MessageRef {
  tenantId: string;
  invoiceId: string;
  /** Settle's communication id; comes back in delivery events. */
  messageId: string;
  /** workflow id + step (+ channel): the same key on every retry of the same send. */
  idempotencyKey: string;
  /** The template the message was rendered from (for outboxes and provider categories). */
  template?: string;
}

export interface SendResult {
  /** The provider's id for the message (SendGrid X-Message-Id, MessageBird message id, …). */
  providerMessageId: string;
}

export interface EmailMessage {
  ref: MessageRef;
  to: string;
  toName?: string;
  from: { email: string; name: string };
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  attachments?: { filename: string; contentType: string; content: Buffer }[];
}
export interface EmailSender {
  sendEmail(message: EmailMessage): Promise<SendResult>;
}

export interface SmsMessage {
  ref: MessageRef;
  /** E.164 */
  to: string;
  originator: string;
  body: string;
}
export interface SmsSender {
  sendSms(message: SmsMessage): Promise<SendResult>;
}

export interface WhatsAppMessage {
  ref: MessageRef;
  /** E.164 */
  to: string;
  /** Pre-approved template (business-initiated messages must use one). */
  template: { namespace: string; name: string; language: string; params: string[] };
  /** The rendered text, as the debtor will read it (kept for the outbox and audit). */
  text: string;
}
export interface WhatsAppSender {
  sendWhatsApp(message: WhatsAppMessage): Promise<SendResult>;
}

export interface PostalAddress {
  name: string;
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  country: string;
}
export interface LetterMessage {
  ref: MessageRef;
  to: PostalAddress;
  pdf: Buffer;
  /** Print day (Europe/Amsterdam), the batch the letter is spooled into. */
  batchDate: string;
}
export interface LetterPrinter {
  spoolLetter(letter: LetterMessage): Promise<SendResult>;
  /** A letter spooled before, as printed (the handover carries the 14-day letter); undefined if gone. */
  letterPdf(providerMessageId: string): Promise<Buffer | undefined>;
}

/** Push / in-app inbox: a signed webhook to the creditor's own system. */
export interface AppMessage {
  ref: MessageRef;
  debtorId: string;
  /** The debtor's account in the creditor's app. */
  appUserId: string;
  title: string;
  text: string;
  payUrl: string;
  selfServiceUrl: string;
}
export interface AppNotifier {
  notifyApp(message: AppMessage): Promise<SendResult>;
}

export interface PaymentLinkRequest {
  idempotencyKey: string;
  amountCents: number;
  currency: 'EUR';
  description: string;
  redirectUrl: string;
  webhookUrl: string;
  expiresAt: Date;
  /** tenant + invoice only, never personal data */
  metadata: { tenantId: string; invoiceId: string };
}
export interface PaymentLink {
  providerLinkId: string;
  url: string;
  expiresAt: Date;
}
export type PspPaymentStatus = 'open' | 'pending' | 'authorized' | 'paid' | 'canceled' | 'expired' | 'failed';
export interface PspPayment {
  providerPaymentId: string;
  status: PspPaymentStatus;
  amountCents: number;
  currency: string;
  paidAt?: Date;
  /** The link the payment was made through: what binds a link payment to its invoice. */
  providerLinkId?: string;
  /** What Settle wrote on a payment it created itself (direct debit); link payments carry none. */
  metadata?: { tenantId?: string; invoiceId?: string };
  /** Direct debit: `first` created a mandate, `recurring` collected on one. */
  sequenceType?: 'oneoff' | 'first' | 'recurring';
  providerCustomerId?: string;
  providerMandateId?: string;
  /** Why a collection failed, e.g. the bank's SEPA reason code `AM04` (insufficient funds). */
  failureReason?: string;
  /** Taken back after it was paid: a reversed direct debit or a card chargeback. */
  chargedBackCents?: number;
}
export interface PaymentProvider {
  createPaymentLink(request: PaymentLinkRequest): Promise<PaymentLink>;
  /** Fetch-back used to verify a webhook: `undefined` for an id the PSP does not know. */
  getPayment(providerPaymentId: string): Promise<PspPayment | undefined>;
  /** Whether the PSP lists the payment under the link: for payments whose fetch-back may not name it. */
  paymentBelongsToLink?(providerPaymentId: string, providerLinkId: string): Promise<boolean>;
}

/** A delivery fact reported by a channel provider, after signature verification. */
export interface DeliveryEvent {
  providerEventId: string;
  messageId?: string;
  providerMessageId?: string;
  tenantId?: string;
  invoiceId?: string;
  status: DeliveryStatus;
  occurredAt: Date;
  detail?: string;
}

/**
 * SEPA direct debit through an e-mandate: the debtor authorises a small first payment at their bank
 * (iDEAL for Dutch debtors), which leaves a mandate; later collections debit the account on the day the
 * debtor chose. Separate from PaymentProvider because not every PSP or account offers it.
 */
export interface DirectDebitProvider {
  /** The PSP's customer for this debtor; the same customer on every retry of the same key. */
  createCustomer(request: {
    idempotencyKey: string;
    /** tenant + debtor only, never personal data */
    metadata: { tenantId: string; debtorId: string };
  }): Promise<{ providerCustomerId: string }>;
  /** A mandate that can be collected on now, if the customer has one. */
  validMandate(providerCustomerId: string): Promise<{ providerMandateId: string } | undefined>;
  /** The first payment that creates the mandate once the debtor completes it. */
  createFirstPayment(
    request: FirstPaymentRequest,
  ): Promise<{ providerPaymentId: string; checkoutUrl: string }>;
  /** A collection on an existing mandate; its outcome arrives later through the payment webhook. */
  collect(request: CollectionRequest): Promise<{ providerPaymentId: string; status: PspPaymentStatus }>;
}
export interface FirstPaymentRequest {
  idempotencyKey: string;
  providerCustomerId: string;
  amountCents: number;
  currency: 'EUR';
  description: string;
  redirectUrl: string;
  webhookUrl: string;
  /** Bank-authenticated methods that can leave a SEPA mandate, in order of preference. */
  methods: readonly ('ideal' | 'bancontact' | 'creditcard')[];
  metadata: { tenantId: string; invoiceId: string };
}
export interface CollectionRequest {
  idempotencyKey: string;
  providerCustomerId: string;
  providerMandateId: string;
  amountCents: number;
  currency: 'EUR';
  description: string;
  webhookUrl: string;
  metadata: { tenantId: string; invoiceId: string };
}
