// An invoice's history in time order: the workflow's events (which step, channel, amounts, reasons) as
// stored while it ran — the same entries after it closed as before —, the debtor's requests, every
// message with its delivery history, and payments.
import { Type } from '@sinclair/typebox';
import type { Database } from '../db/client.js';
import { auditTrail } from '../db/queries/audit.js';
import { communicationsOfInvoice } from '../db/queries/communications.js';
import { type DebtorRequestRow, debtorRequestsOfInvoice } from '../db/queries/debtor-requests.js';
import { eventsOfInvoice, keyedEvents, type StoredEvent } from '../db/queries/invoice-events.js';
import type { InvoiceRow } from '../db/queries/invoices.js';
import { paymentsOfInvoice } from '../db/queries/payments.js';
import type { AmountPart, DunningStatus } from '../workflows/dunning-types.js';
import { formatAmount } from '../workflows/policy/money.js';
import { inDeliveryOrder } from './delivery-history.js';
import { invoiceAmounts } from './invoice-amounts.js';

const PartSchema = Type.Object({ charged: Type.String(), paid: Type.String(), outstanding: Type.String() });

export const TimelineEntrySchema = Type.Object({
  at: Type.String(),
  type: Type.Union([Type.Literal('event'), Type.Literal('message'), Type.Literal('payment')]),
  kind: Type.String(),
  detail: Type.Optional(Type.String()),
  channel: Type.Optional(Type.String()),
  template: Type.Optional(Type.String()),
  status: Type.Optional(Type.String()),
  statusHistory: Type.Optional(Type.Array(Type.Object({ status: Type.String(), at: Type.String() }))),
  amount: Type.Optional(Type.Object({ currency: Type.String(), value: Type.String() })),
});
export const TimelineSchema = Type.Object({
  invoiceId: Type.String(),
  status: Type.String(),
  amounts: Type.Object({
    principal: Type.String(),
    costs: Type.String(),
    interest: Type.String(),
    paid: Type.String(),
    due: Type.String(),
    /** Paid beyond everything charged (e.g. costs withdrawn after they were paid): to refund. */
    overpaid: Type.String(),
    /** Payments allocated to costs, then interest, then principal (art. 6:44 BW). */
    parts: Type.Object({ principal: PartSchema, costs: PartSchema, interest: PartSchema }),
  }),
  entries: Type.Array(TimelineEntrySchema),
});

/**
 * The workflow's events: those its syncs stored in PostgreSQL (so a closed invoice keeps every step's
 * detail), and while it runs the ones it holds that no sync has carried yet. An event has one key in
 * both, so it is listed once.
 */
function workflowEvents(row: InvoiceRow, stored: StoredEvent[], live: DunningStatus | undefined) {
  if (!live) return stored;
  const known = new Set(stored.map((event) => event.key));
  return [...stored, ...keyedEvents(row.workflowId, live.events).filter((event) => !known.has(event.key))];
}

/** A debtor's request on the timeline: when it was raised, and when the creditor resolved it. */
function requestEntries(requests: DebtorRequestRow[]) {
  return requests.flatMap((request) => [
    {
      at: request.createdAt.toISOString(),
      type: 'event' as const,
      kind: request.kind === 'callback' ? 'callback-requested' : 'dispute-raised',
      detail: request.id,
    },
    ...(request.resolvedAt
      ? [
          {
            at: request.resolvedAt.toISOString(),
            type: 'event' as const,
            kind: 'debtor-request-resolved',
            detail: request.id,
          },
        ]
      : []),
  ]);
}

export async function invoiceTimeline(db: Database, row: InvoiceRow, live: DunningStatus | undefined) {
  const [messages, payments, stored, requests, audit] = await Promise.all([
    communicationsOfInvoice(db, row.tenantId, row.invoiceId),
    paymentsOfInvoice(db, row.tenantId, row.invoiceId),
    eventsOfInvoice(db, row.tenantId, row.invoiceId),
    debtorRequestsOfInvoice(db, row.tenantId, row.invoiceId),
    auditTrail(db, row.tenantId, row.invoiceId),
  ]);
  // Invoices that closed before their events were stored keep the audit trail's outline of them.
  const legacy = !live && stored.length === 0;
  const events = [
    ...workflowEvents(row, stored, live).map((e) => ({
      at: e.at,
      type: 'event' as const,
      kind: e.kind,
      ...(e.detail ? { detail: e.detail } : {}),
    })),
    ...audit
      // The workflow's own snapshots only for legacy invoices; what Temporal did to a run always.
      .filter((a) => (legacy && a.actor === 'workflow') || a.actor === 'temporal')
      .map((a) => ({
        at: a.at.toISOString(),
        type: 'event' as const,
        kind: a.action,
        ...(typeof a.detail?.status === 'string' && a.actor === 'temporal'
          ? { detail: a.detail.status }
          : {}),
      })),
  ];
  const reopenings = row.reopenedCollections.map((entry) => ({
    at: entry.reopenedAt,
    type: 'event' as const,
    kind: 'collection-reopened',
    detail: entry.paymentId,
    amount: { currency: row.currency, value: formatAmount(entry.amountCents) },
  }));
  const entries = [
    ...events,
    ...reopenings,
    ...requestEntries(requests),
    ...messages.map((m) => ({
      at: m.createdAt.toISOString(),
      type: 'message' as const,
      kind: m.step,
      channel: m.channel,
      template: m.template,
      status: m.status,
      statusHistory: inDeliveryOrder(m.statusHistory).map((h) => ({ status: h.status, at: h.at })),
    })),
    ...payments.map((p) => ({
      at: p.paidAt.toISOString(),
      type: 'payment' as const,
      kind: p.source,
      amount: { currency: p.currency, value: formatAmount(p.amountCents) },
    })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  const amounts = invoiceAmounts(row, live);
  const part = (p: AmountPart) => ({
    charged: formatAmount(p.chargedCents),
    paid: formatAmount(p.paidCents),
    outstanding: formatAmount(p.outstandingCents),
  });
  return {
    invoiceId: row.invoiceId,
    status: live?.status ?? row.status,
    amounts: {
      principal: formatAmount(row.amountCents),
      costs: formatAmount(amounts.costsCents),
      interest: formatAmount(amounts.interestCents),
      paid: formatAmount(amounts.paidCents),
      due: formatAmount(amounts.dueCents),
      overpaid: formatAmount(amounts.overpaidCents ?? 0),
      parts: {
        principal: part(amounts.parts.principal),
        costs: part(amounts.parts.costs),
        interest: part(amounts.parts.interest),
      },
    },
    entries,
  };
}
