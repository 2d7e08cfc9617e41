import {
  createMollieClient,
  MandateStatus,
  type MollieClient,
  type Payment,
  PaymentMethod,
  SequenceType,
} from '@mollie/api-client';
import { classifiedProviderError, httpStatusOf, messageOf } from '../classify-failure.js';
import { PermanentProviderError } from '../errors.js';
import type {
  CollectionRequest,
  DirectDebitProvider,
  FirstPaymentRequest,
  PaymentLink,
  PaymentLinkRequest,
  PaymentProvider,
  PspPayment,
  PspPaymentStatus,
} from '../types.js';

const PROVIDER = 'mollie';
const PAYMENT_ID = /^tr_[A-Za-z0-9]+$/;
const LINK_ID = /^pl_[A-Za-z0-9]+$/;
const CUSTOMER_ID = /^cst_[A-Za-z0-9]+$/;
const MANDATE_ID = /^mdt_[A-Za-z0-9]+$/;

export interface MolliePaymentProviderOptions {
  /** `live_…` or `test_…` */
  apiKey: string;
  /** Defaults to Mollie's own endpoint; the SDK only speaks HTTPS. */
  apiEndpoint?: string;
}

/**
 * Payment links through Mollie's Payment Links API. Mollie calls the link's webhookUrl with `id=tr_…` for every
 * payment made through it. Links take no metadata, so a link payment carries none: it is bound to its invoice by
 * its link — the `paymentLinkId` Mollie reports on the payment, or else Mollie's list of the link's payments
 * (`paymentBelongsToLink`) for the links Settle minted for the invoice the webhook URL names.
 *
 * SEPA direct debit through Mollie Recurring: a customer without name or e-mail, a `first` payment whose checkout
 * leaves a mandate, then `recurring` payments on it. Their outcomes arrive through the same payment webhook.
 */
export class MolliePaymentProvider implements PaymentProvider, DirectDebitProvider {
  private readonly client: MollieClient;

  constructor(options: MolliePaymentProviderOptions) {
    this.client = createMollieClient({ apiKey: options.apiKey, apiEndpoint: options.apiEndpoint });
  }

  async createPaymentLink(request: PaymentLinkRequest): Promise<PaymentLink> {
    try {
      const link = await this.client.paymentLinks.create({
        amount: { currency: request.currency, value: centsToMollieValue(request.amountCents) },
        description: request.description,
        redirectUrl: request.redirectUrl,
        webhookUrl: request.webhookUrl,
        expiresAt: mollieDateTime(request.expiresAt),
        idempotencyKey: request.idempotencyKey,
      });
      return {
        providerLinkId: link.id,
        url: link.getPaymentUrl(),
        expiresAt: link.expiresAt ? new Date(link.expiresAt) : request.expiresAt,
      };
    } catch (error) {
      throw mollieFailure(error);
    }
  }

  async getPayment(providerPaymentId: string): Promise<PspPayment | undefined> {
    // The SDK rejects malformed ids with a status-less error, which would be retried forever.
    if (!PAYMENT_ID.test(providerPaymentId)) return undefined;
    try {
      return toPspPayment(await this.client.payments.get(providerPaymentId));
    } catch (error) {
      if (httpStatusOf(error, 'statusCode') === 404) return undefined;
      throw mollieFailure(error);
    }
  }

  /** Whether Mollie lists the payment under the link: the only binding Mollie offers between the two. */
  async paymentBelongsToLink(providerPaymentId: string, providerLinkId: string): Promise<boolean> {
    if (!PAYMENT_ID.test(providerPaymentId) || !LINK_ID.test(providerLinkId)) return false;
    try {
      const link = await this.client.paymentLinks.get(providerLinkId);
      for await (const payment of link.getPayments()) {
        if (payment.id === providerPaymentId) return true;
      }
      return false;
    } catch (error) {
      if (httpStatusOf(error, 'statusCode') === 404) return false;
      throw mollieFailure(error);
    }
  }

  async createCustomer(
    request: Parameters<DirectDebitProvider['createCustomer']>[0],
  ): Promise<{ providerCustomerId: string }> {
    try {
      // No name or email: a mandate needs neither, and Settle gives the PSP no personal data it does not need.
      const customer = await this.client.customers.create({
        metadata: request.metadata,
        idempotencyKey: request.idempotencyKey,
      });
      return { providerCustomerId: customer.id };
    } catch (error) {
      throw mollieFailure(error);
    }
  }

  async validMandate(providerCustomerId: string): Promise<{ providerMandateId: string } | undefined> {
    if (!CUSTOMER_ID.test(providerCustomerId)) return undefined;
    try {
      // Newest first, so a customer who signed again is collected on the latest mandate.
      for await (const mandate of this.client.customerMandates.iterate({ customerId: providerCustomerId })) {
        if (mandate.status === MandateStatus.valid) return { providerMandateId: mandate.id };
      }
      return undefined;
    } catch (error) {
      if (httpStatusOf(error, 'statusCode') === 404) return undefined;
      throw mollieFailure(error);
    }
  }

  async createFirstPayment(
    request: FirstPaymentRequest,
  ): Promise<{ providerPaymentId: string; checkoutUrl: string }> {
    assertId(CUSTOMER_ID, request.providerCustomerId, 'customer');
    let payment: Payment;
    try {
      payment = await this.client.customerPayments.create({
        customerId: request.providerCustomerId,
        sequenceType: SequenceType.first,
        amount: { currency: request.currency, value: centsToMollieValue(request.amountCents) },
        description: request.description,
        redirectUrl: request.redirectUrl,
        webhookUrl: request.webhookUrl,
        metadata: request.metadata,
        method: request.methods.map((method) => PaymentMethod[method]),
        idempotencyKey: request.idempotencyKey,
      });
    } catch (error) {
      throw mollieFailure(error);
    }
    const checkoutUrl = payment.getCheckoutUrl();
    // A retry replays the same response for the same idempotency key, so it could not help.
    if (!checkoutUrl)
      throw new PermanentProviderError(PROVIDER, `first payment ${payment.id} has no checkout URL`);
    return { providerPaymentId: payment.id, checkoutUrl };
  }

  async collect(
    request: CollectionRequest,
  ): Promise<{ providerPaymentId: string; status: PspPaymentStatus }> {
    assertId(CUSTOMER_ID, request.providerCustomerId, 'customer');
    assertId(MANDATE_ID, request.providerMandateId, 'mandate');
    try {
      const payment = await this.client.customerPayments.create({
        customerId: request.providerCustomerId,
        mandateId: request.providerMandateId,
        sequenceType: SequenceType.recurring,
        amount: { currency: request.currency, value: centsToMollieValue(request.amountCents) },
        description: request.description,
        webhookUrl: request.webhookUrl,
        metadata: request.metadata,
        idempotencyKey: request.idempotencyKey,
      });
      return { providerPaymentId: payment.id, status: payment.status as PspPaymentStatus };
    } catch (error) {
      throw mollieFailure(error);
    }
  }
}

/** The payment id from Mollie's webhook call (`application/x-www-form-urlencoded`, a single `id` field). */
export function mollieWebhookPaymentId(
  formBody: string | URLSearchParams | Record<string, unknown>,
): string | undefined {
  const id =
    typeof formBody === 'string'
      ? new URLSearchParams(formBody).get('id')
      : formBody instanceof URLSearchParams
        ? formBody.get('id')
        : formBody.id;
  return typeof id === 'string' && PAYMENT_ID.test(id) ? id : undefined;
}

function toPspPayment(payment: Payment): PspPayment {
  return {
    providerPaymentId: payment.id,
    status: payment.status as PspPaymentStatus,
    amountCents: mollieValueToCents(payment.amount.value),
    currency: payment.amount.currency,
    paidAt: payment.paidAt ? new Date(payment.paidAt) : undefined,
    metadata: settleMetadata(payment.metadata),
    ...paymentLinkField(payment),
    ...directDebitFields(payment),
    // Mollie keeps a reversed payment `paid` and reports what was taken back next to it.
    ...(payment.amountChargedBack
      ? { chargedBackCents: mollieValueToCents(payment.amountChargedBack.value) }
      : {}),
  };
}

/** The link a payment was made through; SDK 4.x does not type the field, so it is read and checked here. */
function paymentLinkField(payment: Payment): Partial<PspPayment> {
  const { paymentLinkId } = payment as Payment & { paymentLinkId?: unknown };
  return typeof paymentLinkId === 'string' && LINK_ID.test(paymentLinkId)
    ? { providerLinkId: paymentLinkId }
    : {};
}

/**
 * Only for payments that set up or use a mandate; `oneoff`, Mollie's default for every other payment, is left out.
 * Failed SEPA debits carry the bank's reason code (`AM04`), failed card payments Mollie's `failureReason`.
 */
function directDebitFields(payment: Payment): Partial<PspPayment> {
  const fields: Partial<PspPayment> = {};
  if (payment.sequenceType === SequenceType.first || payment.sequenceType === SequenceType.recurring) {
    fields.sequenceType = payment.sequenceType;
  }
  if (payment.customerId) fields.providerCustomerId = payment.customerId;
  if (payment.mandateId) fields.providerMandateId = payment.mandateId;
  const details = (payment.details ?? {}) as { bankReasonCode?: unknown; failureReason?: unknown };
  const failureReason = details.bankReasonCode ?? details.failureReason;
  if (typeof failureReason === 'string' && failureReason !== '') fields.failureReason = failureReason;
  return fields;
}

/** Only the tenant/invoice keys Settle itself writes; anything else in Mollie metadata is ignored. */
function settleMetadata(metadata: unknown): PspPayment['metadata'] {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  const { tenantId, invoiceId } = metadata as Record<string, unknown>;
  if (typeof tenantId !== 'string' && typeof invoiceId !== 'string') return undefined;
  return {
    tenantId: typeof tenantId === 'string' ? tenantId : undefined,
    invoiceId: typeof invoiceId === 'string' ? invoiceId : undefined,
  };
}

function mollieFailure(error: unknown): Error {
  return classifiedProviderError(PROVIDER, httpStatusOf(error, 'statusCode'), messageOf(error));
}

/** The SDK rejects malformed ids with a status-less error, which would be retried forever. */
function assertId(shape: RegExp, id: string, resource: 'customer' | 'mandate'): void {
  if (!shape.test(id)) throw new PermanentProviderError(PROVIDER, `malformed ${resource} id`);
}

/** Mollie wants amounts as strings with exactly two decimals; integer arithmetic avoids float rounding. */
export function centsToMollieValue(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`invalid amount in cents: ${cents}`);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

export function mollieValueToCents(value: string): number {
  const match = /^(\d+)\.(\d{2})$/.exec(value);
  if (!match) throw new Error(`${PROVIDER}: unexpected amount value ${JSON.stringify(value)}`);
  return Number(match[1]) * 100 + Number(match[2]);
}

/** ISO 8601 without milliseconds, the format Mollie documents and echoes. */
function mollieDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}
