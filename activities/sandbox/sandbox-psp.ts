// A payment provider that behaves like Mollie's test mode: links open a local checkout page where
// one picks the outcome; the resulting payment is then announced to Settle's Mollie webhook with
// only its id, and Settle verifies it by fetching it back through this same interface.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { sandboxPayments } from '../../db/schema.js';
import type {
  PaymentLink,
  PaymentLinkRequest,
  PaymentProvider,
  PspPayment,
  PspPaymentStatus,
} from '../providers/types.js';

export const SANDBOX_OUTCOMES = ['paid', 'failed', 'expired', 'canceled'] as const;
export type SandboxOutcome = (typeof SANDBOX_OUTCOMES)[number];

function sandboxId(prefix: string): string {
  return `${prefix}_sandbox${randomBytes(8).toString('hex')}`;
}

export class SandboxPaymentProvider implements PaymentProvider {
  constructor(
    private readonly db: Database,
    private readonly baseUrl: string,
  ) {}

  checkoutUrl(linkId: string): string {
    return `${this.baseUrl}/sandbox/checkout/${linkId}`;
  }

  async createPaymentLink(request: PaymentLinkRequest): Promise<PaymentLink> {
    const id = sandboxId('pl');
    const [row] = await this.db
      .insert(sandboxPayments)
      .values({
        id,
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
      })
      .onConflictDoUpdate({
        target: sandboxPayments.idempotencyKey,
        set: { idempotencyKey: request.idempotencyKey },
      })
      .returning();
    return { providerLinkId: row!.id, url: this.checkoutUrl(row!.id), expiresAt: row!.expiresAt! };
  }

  async getPayment(providerPaymentId: string): Promise<PspPayment | undefined> {
    const [row] = await this.db
      .select()
      .from(sandboxPayments)
      .where(eq(sandboxPayments.id, providerPaymentId))
      .limit(1);
    if (row?.kind !== 'payment') return undefined;
    return {
      providerPaymentId: row.id,
      status: row.status as PspPaymentStatus,
      amountCents: row.amountCents,
      currency: row.currency,
      ...(row.paidAt ? { paidAt: row.paidAt } : {}),
      ...(row.linkId ? { providerLinkId: row.linkId } : {}),
      ...(row.metadata ? { metadata: row.metadata } : {}),
    };
  }

  async link(linkId: string) {
    const [row] = await this.db.select().from(sandboxPayments).where(eq(sandboxPayments.id, linkId)).limit(1);
    return row?.kind === 'link' ? row : undefined;
  }

  /** The debtor chose an outcome on the checkout page: a payment through the link with that status. */
  async settle(linkId: string, outcome: SandboxOutcome) {
    const link = await this.link(linkId);
    if (!link) return undefined;
    const [payment] = await this.db
      .insert(sandboxPayments)
      .values({
        id: sandboxId('tr'),
        kind: 'payment',
        linkId,
        amountCents: link.amountCents,
        currency: link.currency,
        description: link.description,
        status: outcome,
        redirectUrl: link.redirectUrl,
        webhookUrl: link.webhookUrl,
        metadata: link.metadata,
        paidAt: outcome === 'paid' ? new Date() : null,
      })
      .returning();
    return payment!;
  }
}
