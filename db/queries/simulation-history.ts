// A tenant's history as the what-if simulator fits it (issue 16): its invoices' amounts and terms,
// when each was paid in full, and every ladder message (step, channel, when sent). From the analytics
// views (migration 0018): no personal data. Always for one tenant.
import { sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';

export interface HistoryInvoice {
  invoiceId: string;
  debtorType: string | null;
  amountCents: number;
  issueDate: string;
  dueDate: string;
  /** When the invoice was paid in full; null while it is not. */
  paidAt: string | null;
}

export interface HistoryMessage {
  invoiceId: string;
  step: string;
  channel: 'email' | 'sms' | 'whatsapp' | 'letter' | 'app';
  /** The template sent: it tells a ladder message's kind whatever a tenant named the step. */
  template: string;
  sentAt: string;
}

/** At most this many invoices (the most recent) are read for one fit. */
export const HISTORY_LIMIT = 20_000;

export async function simulationHistory(
  db: Queryable,
  params: { tenantId: string },
): Promise<{ invoices: HistoryInvoice[]; messages: HistoryMessage[] }> {
  const invoices = await db.execute<{
    invoice_id: string;
    debtor_type: string | null;
    amount_cents: string;
    issue_date: string;
    due_date: string;
    paid_at: Date | string | null;
  }>(sql`
    select invoice_id, debtor_type, amount_cents, issue_date::text as issue_date,
      due_date::text as due_date, paid_in_full_at as paid_at
    from analytics_invoices
    where tenant_id = ${params.tenantId} and status <> 'cancelled'
    order by issue_date desc, invoice_id limit ${HISTORY_LIMIT}`);
  const messages = await db.execute<{
    invoice_id: string;
    step: string;
    channel: HistoryMessage['channel'];
    template: string;
    sent_at: Date | string;
  }>(sql`
    select m.invoice_id, m.step, m.channel, m.template, m.sent_at from analytics_messages m
    join (
      select invoice_id from analytics_invoices
      where tenant_id = ${params.tenantId} and status <> 'cancelled'
      order by issue_date desc, invoice_id limit ${HISTORY_LIMIT}
    ) i on i.invoice_id = m.invoice_id
    where m.tenant_id = ${params.tenantId} and m.sent_at is not null
    order by m.invoice_id, m.sent_at`);
  return {
    invoices: invoices.rows.map((r) => ({
      invoiceId: r.invoice_id,
      debtorType: r.debtor_type,
      amountCents: Number(r.amount_cents),
      issueDate: r.issue_date,
      dueDate: r.due_date,
      paidAt: r.paid_at === null ? null : new Date(r.paid_at).toISOString(),
    })),
    messages: messages.rows.map((r) => ({
      invoiceId: r.invoice_id,
      step: r.step,
      channel: r.channel,
      template: r.template,
      sentAt: new Date(r.sent_at).toISOString(),
    })),
  };
}
