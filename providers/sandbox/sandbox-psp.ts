// A payment provider that behaves like Mollie's test mode: links and first payments open a local
// checkout page where one picks the outcome; the resulting payment is then announced to Settle's
// Mollie webhook with only its id, and Settle verifies it by fetching it back through this same
// interface. Direct debit collections stay pending until the sandbox "bank" settles them.
import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/client.js';
import {
  dueSandboxCollections,
  insertSandboxCustomerOnce,
  insertSandboxMandate,
  insertSandboxPaymentOnce,
  payThroughSandboxLink,
  type SandboxPaymentRow,
  sandboxMandate,
  sandboxPayment,
  setSandboxPaymentMandate,
  settleSandboxPayment,
  validSandboxMandateOf,
} from '../../db/queries/sandbox.js';
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

export const SANDBOX_OUTCOMES = ['paid', 'failed', 'expired', 'canceled'] as const;
export type SandboxOutcome = (typeof SANDBOX_OUTCOMES)[number];
/** What a sandbox mandate's collections do: chosen when the mandate is granted. */
export const SANDBOX_COLLECTION_OUTCOMES = ['paid', 'failed'] as const;
export type SandboxCollectionOutcome = (typeof SANDBOX_COLLECTION_OUTCOMES)[number];
/** The SEPA reason code banks give for a debit refused for lack of funds. */
const INSUFFICIENT_FUNDS = 'AM04';

/** What the checkout page for an id shows and accepts. */
export type SandboxCheckout =
  | { kind: 'link' | 'first-payment'; row: SandboxPaymentRow; outcomes: readonly SandboxOutcome[] }
  /** Like Mollie's, a link is paid once: after that its checkout only says so. */
  | { kind: 'paid-link'; row: SandboxPaymentRow; outcomes: readonly [] }
  | { kind: 'collection'; row: SandboxPaymentRow; outcomes: readonly SandboxCollectionOutcome[] };

function sandboxId(prefix: string): string {
  return `${prefix}_sandbox${randomBytes(8).toString('hex')}`;
}

export class SandboxPaymentProvider implements PaymentProvider, DirectDebitProvider {
  constructor(
    private readonly db: Database,
    private readonly baseUrl: string,
  ) {}

  checkoutUrl(id: string): string {
    return `${this.baseUrl}/sandbox/checkout/${id}`;
  }

  async createPaymentLink(request: PaymentLinkRequest): Promise<PaymentLink> {
    const row = await insertSandboxPaymentOnce(this.db, {
      id: sandboxId('pl'),
      kind: 'link',
      idempotencyKey: request.idempotencyKey,
      amountCents: request.amountCents,
      currency: request.currency,
      description: request.description,
      status: 'open',
      redirectUrl: request.redirectUrl,
      webhookUrl: request.webhookUrl,
      metadata: request.metadata,
      expiresAt: request.expiresAt,
    });
    return { providerLinkId: row.id, url: this.checkoutUrl(row.id), expiresAt: row.expiresAt! };
  }

  async getPayment(providerPaymentId: string): Promise<PspPayment | undefined> {
    const row = await this.row(providerPaymentId);
    if (row?.kind !== 'payment') return undefined;
    return {
      providerPaymentId: row.id,
      status: row.status as PspPaymentStatus,
      amountCents: row.amountCents,
      currency: row.currency,
      ...(row.paidAt ? { paidAt: row.paidAt } : {}),
      ...(row.linkId ? { providerLinkId: row.linkId } : {}),
      ...(row.metadata ? { metadata: row.metadata } : {}),
      ...(row.sequenceType ? { sequenceType: row.sequenceType } : {}),
      ...(row.customerId ? { providerCustomerId: row.customerId } : {}),
      ...(row.mandateId ? { providerMandateId: row.mandateId } : {}),
      ...(row.failureReason ? { failureReason: row.failureReason } : {}),
    };
  }

  async createCustomer(request: Parameters<DirectDebitProvider['createCustomer']>[0]) {
    const id = await insertSandboxCustomerOnce(this.db, {
      id: sandboxId('cst'),
      idempotencyKey: request.idempotencyKey,
      metadata: request.metadata,
    });
    return { providerCustomerId: id };
  }

  async validMandate(providerCustomerId: string) {
    const mandate = await validSandboxMandateOf(this.db, providerCustomerId);
    return mandate ? { providerMandateId: mandate.id } : undefined;
  }

  async createFirstPayment(request: FirstPaymentRequest) {
    const row = await insertSandboxPaymentOnce(this.db, {
      id: sandboxId('tr'),
      kind: 'payment',
      sequenceType: 'first',
      customerId: request.providerCustomerId,
      idempotencyKey: request.idempotencyKey,
      amountCents: request.amountCents,
      currency: request.currency,
      description: request.description,
      status: 'open',
      redirectUrl: request.redirectUrl,
      webhookUrl: request.webhookUrl,
      metadata: request.metadata,
    });
    return { providerPaymentId: row.id, checkoutUrl: this.checkoutUrl(row.id) };
  }

  async collect(request: CollectionRequest) {
    const mandate = await sandboxMandate(this.db, request.providerMandateId);
    // Mollie answers 422 for a mandate that is not the customer's or no longer valid.
    if (mandate?.customerId !== request.providerCustomerId || mandate.status !== 'valid') {
      throw new PermanentProviderError('sandbox', 'the mandate is invalid', 422);
    }
    const row = await insertSandboxPaymentOnce(this.db, {
      id: sandboxId('tr'),
      kind: 'payment',
      sequenceType: 'recurring',
      customerId: request.providerCustomerId,
      mandateId: request.providerMandateId,
      idempotencyKey: request.idempotencyKey,
      amountCents: request.amountCents,
      currency: request.currency,
      description: request.description,
      status: 'pending',
      redirectUrl: '',
      webhookUrl: request.webhookUrl,
      metadata: request.metadata,
    });
    return { providerPaymentId: row.id, status: row.status as PspPaymentStatus };
  }

  async checkout(id: string): Promise<SandboxCheckout | undefined> {
    const row = await this.row(id);
    if (row?.kind === 'link' && row.status === 'paid') return { kind: 'paid-link', row, outcomes: [] };
    if (row?.kind === 'link') return { kind: 'link', row, outcomes: SANDBOX_OUTCOMES };
    if (row?.sequenceType === 'first' && row.status === 'open')
      return { kind: 'first-payment', row, outcomes: SANDBOX_OUTCOMES };
    if (row?.sequenceType === 'recurring' && row.status === 'pending')
      return { kind: 'collection', row, outcomes: SANDBOX_COLLECTION_OUTCOMES };
    return undefined;
  }

  /**
   * The debtor chose an outcome on the checkout page: a payment through a link, a first payment that
   * (when paid) leaves a mandate whose collections behave as `collections` says, or a collection's result.
   */
  async settle(
    id: string,
    outcome: SandboxOutcome,
    collections: SandboxCollectionOutcome = 'paid',
  ): Promise<SandboxPaymentRow | undefined> {
    const checkout = await this.checkout(id);
    if (!checkout || !(checkout.outcomes as readonly string[]).includes(outcome)) return undefined;
    const { row } = checkout;
    if (checkout.kind === 'link') {
      return payThroughSandboxLink(this.db, row.id, {
        id: sandboxId('tr'),
        kind: 'payment',
        linkId: row.id,
        amountCents: row.amountCents,
        currency: row.currency,
        description: row.description,
        status: outcome,
        redirectUrl: row.redirectUrl,
        webhookUrl: row.webhookUrl,
        // Like Mollie's: a link payment names its link, and carries no metadata of its own.
        paidAt: outcome === 'paid' ? new Date() : null,
      });
    }
    // Conditional on the status shown: a double submit settles once.
    const updated = await settleSandboxPayment(this.db, {
      id: row.id,
      shownStatus: row.status,
      status: outcome,
      paidAt: outcome === 'paid' ? new Date() : null,
      failureReason: checkout.kind === 'collection' && outcome === 'failed' ? INSUFFICIENT_FUNDS : null,
    });
    if (!updated || checkout.kind !== 'first-payment' || outcome !== 'paid') return updated;
    return setSandboxPaymentMandate(this.db, row.id, await this.grantMandate(row.customerId!, collections));
  }

  /**
   * The sandbox bank: collections pending longer than `olderThanMs` settle as their mandate says; only
   * one tenant's when `tenantId` is given (tests share one database and must not settle each other's).
   */
  async settleDueCollections(olderThanMs: number, tenantId?: string): Promise<SandboxPaymentRow[]> {
    const due = await dueSandboxCollections(this.db, {
      pendingSince: new Date(Date.now() - olderThanMs),
      tenantId,
      limit: 100,
    });
    const settled: SandboxPaymentRow[] = [];
    for (const { payment, outcome } of due) {
      const row = await this.settle(payment.id, outcome);
      if (row) settled.push(row);
    }
    return settled;
  }

  /** Tells Settle about a payment exactly as Mollie does: a form POST with only its id. */
  async announce(payment: SandboxPaymentRow): Promise<boolean> {
    const response = await fetch(payment.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ id: payment.id }).toString(),
    }).catch(() => undefined);
    return response?.ok ?? false;
  }

  private async grantMandate(customerId: string, collections: SandboxCollectionOutcome): Promise<string> {
    return insertSandboxMandate(this.db, {
      id: sandboxId('mdt'),
      customerId,
      status: 'valid',
      collectionOutcome: collections,
    });
  }

  private async row(id: string): Promise<SandboxPaymentRow | undefined> {
    return sandboxPayment(this.db, id);
  }
}
