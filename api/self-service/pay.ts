// "Pay now" on the self-service page: a link for exactly what is to be paid now — the open instalment
// in a plan, else the amount due — chosen when the debtor clicks, never one that was already paid.
// The workflow's current link is used while it fits; otherwise one is minted at the PSP on demand
// (also before the first message was sent), keyed by the invoice, the payments recorded so far and the
// amount, so repeated clicks, double clicks and two tabs all get the same link.
import { ensurePaymentLink, type PaymentLinkDeps } from '../../activities/payment-links.js';
import { paymentLinkOfInvoiceByUrl, paymentsOfInvoice } from '../../db/queries/payments.js';
import { dayMs } from '../../workflows/dunning-logic.js';
import type { PageContext } from './context.js';
import { amountToPayNow } from './plan.js';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface MintedLink {
  amountCents: number;
  expiresAt: Date;
  createdAt: Date;
}

/**
 * Whether a link Settle minted can be what the debtor pays now: the right amount, not about to
 * expire, and minted after the last payment recorded — a payment through a link always comes after
 * the link, so such a link has not been paid (the PSP refuses a second payment should its report
 * still be on its way).
 */
export function linkFits(
  link: MintedLink,
  amountCents: number,
  lastPaymentAt: Date | undefined,
  now: Date,
  marginMs: number,
): boolean {
  return (
    link.amountCents === amountCents &&
    link.expiresAt.getTime() - now.getTime() > marginMs &&
    (lastPaymentAt === undefined || link.createdAt.getTime() > lastPaymentAt.getTime())
  );
}

/**
 * The key of a link minted from the page. A new payment or a new amount is a new key, so a paid link
 * is never handed out again; within a window of half the link's validity the key stays the same, so
 * the link handed out always has at least half its validity left.
 */
export function selfServiceLinkKey(
  workflowId: string,
  paymentsSoFar: number,
  amountCents: number,
  window: number,
): string {
  return `${workflowId}:self-service:${paymentsSoFar}:${amountCents}:${window}:link`;
}

/** The checkout URL for what is due now, or undefined when nothing is (the PSP's failures propagate). */
export async function payNowUrl(
  deps: PaymentLinkDeps,
  ctx: PageContext,
  now: Date,
): Promise<string | undefined> {
  const { amountCents } = amountToPayNow(ctx);
  if (amountCents <= 0) return undefined;
  const { tenantId, invoiceId, workflowId } = ctx.row;
  const ledger = await paymentsOfInvoice(deps.db, tenantId, invoiceId);
  const lastPaymentAt = ledger.reduce<Date | undefined>((latest, p) => {
    const at = Math.max(p.paidAt.getTime(), p.createdAt.getTime());
    return latest && latest.getTime() >= at ? latest : new Date(at);
  }, undefined);
  const policyDayMs = ctx.policy ? dayMs(ctx.policy) : DAY_MS;
  if (ctx.paymentUrl) {
    const current = await paymentLinkOfInvoiceByUrl(deps.db, { tenantId, invoiceId, url: ctx.paymentUrl });
    const marginMs = Math.min(policyDayMs, HOUR_MS);
    if (current && linkFits(current, amountCents, lastPaymentAt, now, marginMs)) return current.url;
  }
  const validityMs = (ctx.policy?.paymentLinkValidDays ?? 30) * policyDayMs;
  const window = Math.floor(now.getTime() / (validityMs / 2));
  const link = await ensurePaymentLink(deps, {
    tenantId,
    invoiceId,
    workflowId,
    idempotencyKey: selfServiceLinkKey(workflowId, ledger.length, amountCents, window),
    amountCents,
    expiresAt: new Date((window + 2) * (validityMs / 2)).toISOString(),
  });
  return link.url;
}
