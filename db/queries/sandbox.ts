// The sandbox providers' state: its outbox (with each message's due delivery report), its PSP's
// payments, customers and mandates. Shared through PostgreSQL by the worker and the API.
import { and, asc, desc, eq, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../client.js';
import { sandboxCustomers, sandboxMandates, sandboxMessages, sandboxPayments } from '../schema.js';

export type SandboxPaymentRow = typeof sandboxPayments.$inferSelect;
export type NewSandboxPayment = typeof sandboxPayments.$inferInsert;
export type SandboxMessageRow = typeof sandboxMessages.$inferSelect;
export type NewSandboxMessage = Omit<
  typeof sandboxMessages.$inferInsert,
  'reportEndpoint' | 'reportDueAt' | 'reportAttempts' | 'reportedAt' | 'reportError' | 'createdAt'
>;

/** `now() + ms`, computed by the database so that every process shares one clock. */
const msFromNow = (ms: number) => sql`now() + ${ms}::double precision * interval '1 millisecond'`;

// --- outbox -------------------------------------------------------------------------------------

/**
 * Stores a message once per idempotency key, with its delivery report due `report.delayMs` from now
 * at `report.endpoint` when given; the id of the message stored under the key.
 */
export async function storeSandboxMessage(
  db: Queryable,
  message: NewSandboxMessage,
  report: { endpoint: string; delayMs: number } | undefined,
): Promise<string> {
  const inserted = await db
    .insert(sandboxMessages)
    .values({
      ...message,
      ...(report ? { reportEndpoint: report.endpoint, reportDueAt: msFromNow(report.delayMs) } : {}),
    })
    .onConflictDoNothing()
    .returning({ id: sandboxMessages.id });
  if (inserted.length > 0) return message.id;
  const [existing] = await db
    .select({ id: sandboxMessages.id })
    .from(sandboxMessages)
    .where(eq(sandboxMessages.idempotencyKey, message.idempotencyKey));
  return existing?.id ?? message.id;
}

export async function sandboxMessagePdf(db: Queryable, id: string): Promise<string | undefined> {
  const [row] = await db
    .select({ pdf: sandboxMessages.pdf })
    .from(sandboxMessages)
    .where(eq(sandboxMessages.id, id));
  return row?.pdf ?? undefined;
}

/** A tenant's latest messages, newest first (optionally one invoice's). */
export function recentSandboxMessages(
  db: Queryable,
  tenantId: string,
  query: { invoiceId?: string | undefined; limit: number },
): Promise<SandboxMessageRow[]> {
  return db
    .select()
    .from(sandboxMessages)
    .where(
      and(
        eq(sandboxMessages.tenantId, tenantId),
        query.invoiceId ? eq(sandboxMessages.invoiceId, query.invoiceId) : undefined,
      ),
    )
    .orderBy(desc(sandboxMessages.createdAt))
    .limit(query.limit);
}

/** One message, only if it is the tenant's. */
export async function sandboxMessageOf(
  db: Queryable,
  tenantId: string,
  id: string,
): Promise<SandboxMessageRow | undefined> {
  const [row] = await db
    .select()
    .from(sandboxMessages)
    .where(and(eq(sandboxMessages.id, id), eq(sandboxMessages.tenantId, tenantId)))
    .limit(1);
  return row;
}

// --- delivery reports ---------------------------------------------------------------------------

export interface ClaimedReport {
  id: string;
  channel: string;
  recipient: string;
  tenantId: string;
  invoiceId: string;
  messageId: string;
  createdAt: Date;
  reportAttempts: number;
}

/** Claims due reports for `endpoint` as leases of `leaseMs` (skipping those another poller holds). */
export function claimDueReports(
  db: Queryable,
  params: { endpoint: string; batchSize: number; leaseMs: number },
): Promise<ClaimedReport[]> {
  const due = db
    .select({ id: sandboxMessages.id })
    .from(sandboxMessages)
    .where(
      and(eq(sandboxMessages.reportEndpoint, params.endpoint), lte(sandboxMessages.reportDueAt, sql`now()`)),
    )
    .orderBy(asc(sandboxMessages.reportDueAt))
    .limit(params.batchSize)
    .for('update', { skipLocked: true });
  return db
    .update(sandboxMessages)
    .set({
      reportDueAt: msFromNow(params.leaseMs),
      reportAttempts: sql`${sandboxMessages.reportAttempts} + 1`,
    })
    .where(inArray(sandboxMessages.id, due))
    .returning({
      id: sandboxMessages.id,
      channel: sandboxMessages.channel,
      recipient: sandboxMessages.recipient,
      tenantId: sandboxMessages.tenantId,
      invoiceId: sandboxMessages.invoiceId,
      messageId: sandboxMessages.messageId,
      createdAt: sandboxMessages.createdAt,
      reportAttempts: sandboxMessages.reportAttempts,
    });
}

/** A message whose channel has no report: nothing will ever be due for it. */
export async function dropReport(db: Queryable, id: string, reason: string): Promise<void> {
  await db
    .update(sandboxMessages)
    .set({ reportDueAt: null, reportError: reason })
    .where(eq(sandboxMessages.id, id));
}

/** The webhook accepted the report: the message takes the status it reported. */
export async function markReported(db: Queryable, id: string, deliveryStatus: string): Promise<void> {
  await db
    .update(sandboxMessages)
    .set({ deliveryStatus, reportedAt: sql`now()`, reportDueAt: null, reportError: null })
    .where(and(eq(sandboxMessages.id, id), isNull(sandboxMessages.reportedAt)));
}

/** The report failed: due again after `retryInMs`, or never (`undefined`: given up). */
export async function rescheduleReport(
  db: Queryable,
  id: string,
  params: { retryInMs: number | undefined; error: string },
): Promise<void> {
  await db
    .update(sandboxMessages)
    .set({
      reportDueAt: params.retryInMs === undefined ? null : msFromNow(params.retryInMs),
      reportError: params.error,
    })
    .where(and(eq(sandboxMessages.id, id), isNull(sandboxMessages.reportedAt)));
}

// --- PSP ----------------------------------------------------------------------------------------

export async function sandboxPayment(db: Queryable, id: string): Promise<SandboxPaymentRow | undefined> {
  const [row] = await db.select().from(sandboxPayments).where(eq(sandboxPayments.id, id)).limit(1);
  return row;
}

/** Same idempotency key → the row the first call created, like Mollie's Idempotency-Key. */
export async function insertSandboxPaymentOnce(
  db: Queryable,
  values: NewSandboxPayment,
): Promise<SandboxPaymentRow> {
  const [row] = await db
    .insert(sandboxPayments)
    .values(values)
    .onConflictDoUpdate({
      target: sandboxPayments.idempotencyKey,
      set: { idempotencyKey: values.idempotencyKey },
    })
    .returning();
  return row!;
}

/**
 * A payment through a link. A paid one closes the link first, conditionally: of two submits at once
 * only one pays (undefined for the other), and a paid link takes no second payment.
 */
export async function payThroughSandboxLink(
  db: Database,
  linkId: string,
  payment: NewSandboxPayment,
): Promise<SandboxPaymentRow | undefined> {
  return db.transaction(async (tx) => {
    if (payment.status === 'paid') {
      const [closed] = await tx
        .update(sandboxPayments)
        .set({ status: 'paid', paidAt: payment.paidAt ?? new Date() })
        .where(and(eq(sandboxPayments.id, linkId), eq(sandboxPayments.status, 'open')))
        .returning({ id: sandboxPayments.id });
      if (!closed) return undefined;
    }
    const [row] = await tx.insert(sandboxPayments).values(payment).returning();
    return row;
  });
}

/** Conditional on the status shown: a double submit settles once (undefined for the second). */
export async function settleSandboxPayment(
  db: Queryable,
  params: { id: string; shownStatus: string } & Pick<
    NewSandboxPayment,
    'status' | 'paidAt' | 'failureReason'
  >,
): Promise<SandboxPaymentRow | undefined> {
  const [updated] = await db
    .update(sandboxPayments)
    .set({ status: params.status, paidAt: params.paidAt, failureReason: params.failureReason })
    .where(and(eq(sandboxPayments.id, params.id), eq(sandboxPayments.status, params.shownStatus)))
    .returning();
  return updated;
}

export async function setSandboxPaymentMandate(
  db: Queryable,
  id: string,
  mandateId: string,
): Promise<SandboxPaymentRow> {
  const [row] = await db
    .update(sandboxPayments)
    .set({ mandateId })
    .where(eq(sandboxPayments.id, id))
    .returning();
  return row!;
}

/** Collections pending since before `pendingSince`, with the outcome their mandate gives them. */
export async function dueSandboxCollections(
  db: Queryable,
  params: { pendingSince: Date; tenantId: string | undefined; limit: number },
): Promise<{ payment: SandboxPaymentRow; outcome: SandboxMandateRow['collectionOutcome'] }[]> {
  return db
    .select({ payment: sandboxPayments, outcome: sandboxMandates.collectionOutcome })
    .from(sandboxPayments)
    .innerJoin(sandboxMandates, eq(sandboxMandates.id, sandboxPayments.mandateId))
    .where(
      and(
        eq(sandboxPayments.sequenceType, 'recurring'),
        eq(sandboxPayments.status, 'pending'),
        lt(sandboxPayments.createdAt, params.pendingSince),
        params.tenantId === undefined
          ? undefined
          : sql`${sandboxPayments.metadata}->>'tenantId' = ${params.tenantId}`,
      ),
    )
    .limit(params.limit);
}

/** One customer per idempotency key. */
export async function insertSandboxCustomerOnce(
  db: Queryable,
  values: typeof sandboxCustomers.$inferInsert,
): Promise<string> {
  const [row] = await db
    .insert(sandboxCustomers)
    .values(values)
    .onConflictDoUpdate({
      target: sandboxCustomers.idempotencyKey,
      set: { idempotencyKey: values.idempotencyKey },
    })
    .returning({ id: sandboxCustomers.id });
  return row!.id;
}

export type SandboxMandateRow = typeof sandboxMandates.$inferSelect;

export async function sandboxMandate(db: Queryable, id: string): Promise<SandboxMandateRow | undefined> {
  const [mandate] = await db.select().from(sandboxMandates).where(eq(sandboxMandates.id, id)).limit(1);
  return mandate;
}

export async function validSandboxMandateOf(
  db: Queryable,
  customerId: string,
): Promise<SandboxMandateRow | undefined> {
  const [mandate] = await db
    .select()
    .from(sandboxMandates)
    .where(and(eq(sandboxMandates.customerId, customerId), eq(sandboxMandates.status, 'valid')))
    .limit(1);
  return mandate;
}

export async function insertSandboxMandate(
  db: Queryable,
  values: typeof sandboxMandates.$inferInsert,
): Promise<string> {
  const [mandate] = await db.insert(sandboxMandates).values(values).returning({ id: sandboxMandates.id });
  return mandate!.id;
}
