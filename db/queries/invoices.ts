import { createHash } from 'node:crypto';
import { and, asc, eq, getTableColumns, gt, isNull, lt, type SQL, sql, type Table } from 'drizzle-orm';
import type { Amounts, DunningState } from '../../workflows/dunning-types.js';
import type { Queryable } from '../client.js';
import { auditLog, debtors, invoices, type ReopenedCollection } from '../schema.js';
import type { AuditEntry } from './audit.js';
import type { DebtorValues } from './debtors.js';

export type InvoiceRow = typeof invoices.$inferSelect;
export type NewInvoice = typeof invoices.$inferInsert;

type NewInvoiceWrites = { invoice: NewInvoice; debtor: DebtorValues; audit: AuditEntry };

/** A placeholder passed to the driver as it is: NULL stays NULL (a jsonb column's encoder would store 'null'). */
const raw = (name: string) => sql`${sql.placeholder(name)}`;

/** Every key of `values` as a placeholder `<prefix><key>`. */
function placeholdersOf<T extends object>(prefix: string, values: T): Record<keyof T, SQL> {
  return Object.fromEntries(Object.keys(values).map((key) => [key, raw(`${prefix}${key}`)])) as Record<
    keyof T,
    SQL
  >;
}

/** The values that fill `placeholdersOf(prefix, values)`: jsonb as JSON text, as the column's encoder would. */
function paramsOf(table: Table, prefix: string, values: object): Record<string, unknown> {
  const columns = getTableColumns(table);
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [
      `${prefix}${key}`,
      value !== null && columns[key]?.columnType === 'PgJsonb' ? JSON.stringify(value) : value,
    ]),
  );
}

function newInvoiceStatement(db: Queryable, name: string, shape: NewInvoiceWrites) {
  const invoice = placeholdersOf('i_', shape.invoice);
  const debtor = placeholdersOf('d_', shape.debtor);
  const stored = db.$with('stored').as(db.insert(invoices).values(invoice).onConflictDoNothing().returning());
  const isNew = sql`exists (select 1 from ${stored})`;
  // A repeat's debtor exists (stored with its invoice, never deleted): the conflict leaves it as it is.
  const debtorWrite = db.$with('debtor').as(
    db
      .insert(debtors)
      .values(debtor as unknown as DebtorValues)
      .onConflictDoUpdate({
        target: [debtors.tenantId, debtors.id],
        set: { ...debtor, updatedAt: sql`now()` },
        setWhere: isNew,
      })
      .returning({ id: debtors.id }),
  );
  const audited = db.$with('audited', { id: auditLog.id }).as(sql`
    insert into ${auditLog} (tenant_id, invoice_id, actor, action, dedupe_key, detail)
    select ${raw('a_tenantId')}, ${raw('a_invoiceId')}, ${raw('a_actor')}, ${raw('a_action')},
      ${raw('a_dedupeKey')}, ${raw('a_detail')}::jsonb
    where ${isNew}
    on conflict do nothing
    returning id`);
  return db.with(stored, debtorWrite, audited).select().from(stored).prepare(name);
}

/**
 * The create statement, built once per database handle and shape (the columns a create sets) and run
 * as a named statement: building it on every create cost more CPU than running it.
 */
const newInvoiceStatements = new WeakMap<Queryable, Map<string, ReturnType<typeof newInvoiceStatement>>>();

/**
 * A create's writes in one statement (no transaction, one round trip): the invoice unless it exists,
 * and only with a new one its debtor (upserted) and its audit entry. The invoice carries its first
 * snapshot at mirror version 0: every write of the workflow has a higher one. Returns the stored row
 * either way and whether it is new.
 */
export async function insertNewInvoice(
  db: Queryable,
  values: NewInvoiceWrites,
): Promise<{ row: InvoiceRow; created: boolean }> {
  const shape = `${Object.keys(values.invoice).join()};${Object.keys(values.debtor).join()}`;
  let statements = newInvoiceStatements.get(db);
  if (!statements) {
    statements = new Map();
    newInvoiceStatements.set(db, statements);
  }
  let statement = statements.get(shape);
  if (!statement) {
    const digest = createHash('sha256').update(shape).digest('hex').slice(0, 12);
    statement = newInvoiceStatement(db, `settle_new_invoice_${digest}`, values);
    statements.set(shape, statement);
  }
  const entry = values.audit;
  const [row] = await statement.execute({
    ...paramsOf(invoices, 'i_', values.invoice),
    ...paramsOf(debtors, 'd_', values.debtor),
    a_tenantId: entry.tenantId,
    a_invoiceId: entry.invoiceId ?? null,
    a_actor: entry.actor,
    a_action: entry.action,
    a_dedupeKey: entry.dedupeKey ?? null,
    a_detail: entry.detail ? JSON.stringify(entry.detail) : null,
  });
  if (row) return { row, created: true };
  const existing = await getInvoice(db, values.invoice.tenantId, values.invoice.invoiceId);
  if (!existing) throw new Error('invoice vanished between insert and select');
  return { row: existing, created: false };
}

const invoiceByKeyQuery = (db: Queryable) =>
  db
    .select()
    .from(invoices)
    .where(
      and(
        eq(invoices.tenantId, sql.placeholder('tenantId')),
        eq(invoices.invoiceId, sql.placeholder('invoiceId')),
      ),
    )
    .limit(1)
    .prepare('settle_invoice_by_key');
/**
 * The read path's one query, built once per database handle (or transaction) and run as a named
 * statement: building a 40-column select on every GET cost more CPU than the read itself.
 */
const invoiceByKey = new WeakMap<Queryable, ReturnType<typeof invoiceByKeyQuery>>();

export async function getInvoice(
  db: Queryable,
  tenantId: string,
  invoiceId: string,
): Promise<InvoiceRow | undefined> {
  let query = invoiceByKey.get(db);
  if (!query) {
    query = invoiceByKeyQuery(db);
    invoiceByKey.set(db, query);
  }
  const rows = await query.execute({ tenantId, invoiceId });
  return rows[0];
}

export async function getInvoiceByWorkflowId(
  db: Queryable,
  workflowId: string,
): Promise<InvoiceRow | undefined> {
  const rows = await db.select().from(invoices).where(eq(invoices.workflowId, workflowId)).limit(1);
  return rows[0];
}

export interface InvoiceFilter {
  tenantId: string;
  status?: string;
  stage?: string;
  debtorId?: string;
  /** Keyset pagination: invoice ids after this one. */
  after?: string;
  limit: number;
}

export async function listInvoices(db: Queryable, filter: InvoiceFilter): Promise<InvoiceRow[]> {
  const conditions: SQL[] = [eq(invoices.tenantId, filter.tenantId)];
  if (filter.status) conditions.push(eq(invoices.status, filter.status));
  if (filter.stage) conditions.push(eq(invoices.stage, filter.stage));
  if (filter.debtorId) conditions.push(eq(invoices.debtorId, filter.debtorId));
  if (filter.after) conditions.push(gt(invoices.invoiceId, filter.after));
  return db
    .select()
    .from(invoices)
    .where(and(...conditions))
    .orderBy(asc(invoices.invoiceId))
    .limit(filter.limit);
}

export async function openInvoicesOfDebtor(
  db: Queryable,
  tenantId: string,
  debtorId: string,
): Promise<InvoiceRow[]> {
  return db
    .select()
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), eq(invoices.debtorId, debtorId), isNull(invoices.closedAt)));
}

export type InvoiceMirror = Pick<
  InvoiceRow,
  | 'status'
  | 'stage'
  | 'amountDueCents'
  | 'paidCents'
  | 'costsCents'
  | 'interestCents'
  | 'amountParts'
  | 'nextActionAt'
  | 'nextAction'
  | 'paymentUrl'
  | 'directDebit'
  | 'closedAt'
>;

/** The invoice row's mirror of a workflow state (`closedAt`: when it closed, null while open). */
export function invoiceMirrorOf(state: DunningState, due: Amounts, closedAt: Date | null): InvoiceMirror {
  return {
    status: state.status,
    stage: state.stage,
    amountDueCents: due.dueCents,
    paidCents: due.paidCents,
    costsCents: due.costsCents,
    interestCents: due.interestCents,
    amountParts: due.parts,
    nextActionAt: state.nextAction ? new Date(state.nextAction.at) : null,
    nextAction: state.nextAction?.kind ?? null,
    paymentUrl: state.paymentLink?.url ?? null,
    directDebit: state.directDebit ?? null,
    closedAt,
  };
}

/**
 * Writes the workflow's state into the invoice's row (the API's read model) unless a newer write is
 * there already: `version` grows with every write of the workflow, so a retried or delayed older
 * write changes nothing. Returns whether it was written.
 */
export async function updateInvoiceMirror(
  db: Queryable,
  workflowId: string,
  mirror: InvoiceMirror,
  version: number,
): Promise<boolean> {
  const written = await db
    .update(invoices)
    .set({ ...mirror, mirrorVersion: version, updatedAt: sql`now()` })
    .where(and(eq(invoices.workflowId, workflowId), lt(invoices.mirrorVersion, version)))
    .returning({ workflowId: invoices.workflowId });
  return written.length > 0;
}

/**
 * Closes the row of an invoice whose run ended outside its own steps (terminated, cancelled, failed
 * or timed out in Temporal): cancelled, nothing planned. Returns the invoice when it was still open.
 */
export async function closeInvoiceOfEndedRun(
  db: Queryable,
  workflowId: string,
): Promise<{ tenantId: string; invoiceId: string } | undefined> {
  const rows = await db
    .update(invoices)
    .set({ status: 'cancelled', nextActionAt: null, closedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(invoices.workflowId, workflowId), isNull(invoices.closedAt)))
    .returning({ tenantId: invoices.tenantId, invoiceId: invoices.invoiceId });
  return rows[0];
}

/** Whether a reopening for this reversed payment was already recorded (its workflow run started). */
export function isReopenedBy(row: InvoiceRow, paymentId: string): boolean {
  return row.reopenedCollections.some((entry) => entry.paymentId === paymentId);
}

/** Records a reopening once per reversed payment; returns false when it was already recorded. */
export async function recordReopenedCollection(
  db: Queryable,
  key: { tenantId: string; invoiceId: string },
  entry: ReopenedCollection,
): Promise<boolean> {
  const rows = await db
    .update(invoices)
    .set({
      reopenedCollections: sql`${invoices.reopenedCollections} || ${JSON.stringify([entry])}::jsonb`,
      // Open again until the new run's first sync writes its own state.
      status: 'open',
      closedAt: null,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(invoices.tenantId, key.tenantId),
        eq(invoices.invoiceId, key.invoiceId),
        sql`not ${invoices.reopenedCollections} @> ${JSON.stringify([{ paymentId: entry.paymentId }])}::jsonb`,
      ),
    )
    .returning({ invoiceId: invoices.invoiceId });
  return rows.length > 0;
}

export const invoiceKeyOf = (key: { tenantId: string; invoiceId: string }): string =>
  `${key.tenantId}\n${key.invoiceId}`;

/** The stages a tenant's open invoices stand at (a tenant's ladder names its own): the worklist's stage filter. */
export async function openStages(db: Queryable, tenantId: string): Promise<string[]> {
  const rows = await db
    .select({ stage: invoices.stage })
    .from(invoices)
    .where(and(eq(invoices.tenantId, tenantId), isNull(invoices.closedAt)))
    .groupBy(invoices.stage)
    .orderBy(asc(invoices.stage));
  return rows.map((row) => row.stage);
}

/** The console's worklist filters (api/console/worklist.ts parses them from the query string). */
export interface WorklistFilter {
  tenantId: string;
  /** Today (YYYY-MM-DD, the tenant's day): days overdue count from it. */
  today: string;
  status?: string;
  stage?: string;
  /** A message of the invoice went out on this channel. */
  channel?: string;
  bounced?: boolean;
  disputed?: boolean;
  minDueCents?: number;
  maxDueCents?: number;
  minDaysOverdue?: number;
  maxDaysOverdue?: number;
  /** Invoice id or debtor id (prefix, any case); with `searchNames` the debtor's name too. */
  search?: string;
  searchNames?: boolean;
  view?: 'no-channel-left' | 'dispute-long' | 'promise-broken';
  /** Disputes open since before this moment count as long (view `dispute-long`). */
  disputeOpenBefore?: Date;
  sort: 'overdue' | 'amount' | 'invoice' | 'due';
  offset: number;
  limit: number;
}

export interface WorklistRow {
  invoiceId: string;
  debtorId: string;
  debtorName: string | null;
  debtorEmail: string | null;
  status: string;
  stage: string;
  amountDueCents: number;
  currency: string;
  dueDate: string;
  daysOverdue: number;
  lastChannel: string | null;
  bounced: boolean;
  disputed: boolean;
}

const FAILED = sql`('bounced', 'failed', 'complained', 'returned')`;
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Open invoices of one tenant for the console, with what the worklist shows and filters on: the last
 * channel used, whether a message failed (bounced, failed, complained, returned) and whether a
 * dispute is open. "No channel left": something failed and every channel the debtor has contact data
 * for (email, SMS, WhatsApp with opt-in, letter) has failed at least once.
 */
export async function listWorklist(db: Queryable, filter: WorklistFilter): Promise<WorklistRow[]> {
  const failedOn = (channel: string) =>
    sql`exists (select 1 from communications f where f.tenant_id = i.tenant_id and f.invoice_id = i.invoice_id and f.channel = ${channel} and f.status in ${FAILED})`;
  const bounced = sql`exists (select 1 from communications f where f.tenant_id = i.tenant_id and f.invoice_id = i.invoice_id and f.status in ${FAILED})`;
  const disputed = sql`(i.status = 'disputed' or exists (select 1 from debtor_requests r where r.tenant_id = i.tenant_id and r.invoice_id = i.invoice_id and r.kind = 'dispute' and r.status = 'open'))`;
  const daysOverdue = sql`(${filter.today}::date - i.due_date)`;
  const where: SQL[] = [sql`i.tenant_id = ${filter.tenantId}`, sql`i.closed_at is null`];
  if (filter.status) where.push(sql`i.status = ${filter.status}`);
  if (filter.stage) where.push(sql`i.stage = ${filter.stage}`);
  if (filter.channel)
    where.push(
      sql`exists (select 1 from communications c where c.tenant_id = i.tenant_id and c.invoice_id = i.invoice_id and c.channel = ${filter.channel})`,
    );
  if (filter.bounced !== undefined) where.push(filter.bounced ? bounced : sql`not ${bounced}`);
  if (filter.disputed !== undefined) where.push(filter.disputed ? disputed : sql`not ${disputed}`);
  if (filter.minDueCents !== undefined) where.push(sql`i.amount_due_cents >= ${filter.minDueCents}`);
  if (filter.maxDueCents !== undefined) where.push(sql`i.amount_due_cents <= ${filter.maxDueCents}`);
  if (filter.minDaysOverdue !== undefined) where.push(sql`${daysOverdue} >= ${filter.minDaysOverdue}`);
  if (filter.maxDaysOverdue !== undefined) where.push(sql`${daysOverdue} <= ${filter.maxDaysOverdue}`);
  if (filter.search) {
    const prefix = likePrefix(filter.search);
    const byName = filter.searchNames
      ? sql` or d.name ilike ${`%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`
      : sql``;
    where.push(sql`(i.invoice_id ilike ${prefix} or i.debtor_id ilike ${prefix}${byName})`);
  }
  if (filter.view === 'no-channel-left')
    where.push(
      sql`${bounced} and not ((d.email is not null and not ${failedOn('email')}) or (d.phone is not null and not ${failedOn('sms')}) or (d.phone is not null and d.whatsapp_opt_in and not ${failedOn('whatsapp')}) or (d.address is not null and not ${failedOn('letter')}))`,
    );
  if (filter.view === 'dispute-long')
    where.push(
      sql`exists (select 1 from debtor_requests r where r.tenant_id = i.tenant_id and r.invoice_id = i.invoice_id and r.kind = 'dispute' and r.status = 'open' and r.created_at < ${(filter.disputeOpenBefore ?? new Date(0)).toISOString()}::timestamptz)`,
    );
  if (filter.view === 'promise-broken')
    where.push(
      sql`(exists (select 1 from invoice_events e where e.tenant_id = i.tenant_id and e.invoice_id = i.invoice_id and e.kind = 'promise-expired') or exists (select 1 from payment_plans p where p.tenant_id = i.tenant_id and p.invoice_id = i.invoice_id and p.status = 'broken'))`,
    );
  const order = {
    overdue: sql`i.due_date asc, i.invoice_id asc`,
    due: sql`i.due_date desc, i.invoice_id asc`,
    amount: sql`i.amount_due_cents desc, i.invoice_id asc`,
    invoice: sql`i.invoice_id asc`,
  }[filter.sort];
  const result = await db.execute(sql`
    select i.invoice_id, i.debtor_id, d.name as debtor_name, d.email as debtor_email, i.status, i.stage,
      i.amount_due_cents, i.currency, i.due_date::text as due_date, ${daysOverdue} as days_overdue,
      (select c.channel from communications c where c.tenant_id = i.tenant_id and c.invoice_id = i.invoice_id
        order by c.created_at desc limit 1) as last_channel,
      ${bounced} as bounced, ${disputed} as disputed
    from invoices i
    left join debtors d on d.tenant_id = i.tenant_id and d.id = i.debtor_id
    where ${sql.join(where, sql` and `)}
    order by ${order}
    limit ${filter.limit} offset ${filter.offset}`);
  return (result.rows as Record<string, unknown>[]).map((row) => ({
    invoiceId: String(row.invoice_id),
    debtorId: String(row.debtor_id),
    debtorName: (row.debtor_name as string | null) ?? null,
    debtorEmail: (row.debtor_email as string | null) ?? null,
    status: String(row.status),
    stage: String(row.stage),
    amountDueCents: Number(row.amount_due_cents),
    currency: String(row.currency),
    dueDate: String(row.due_date),
    daysOverdue: Number(row.days_overdue),
    lastChannel: (row.last_channel as string | null) ?? null,
    bounced: Boolean(row.bounced),
    disputed: Boolean(row.disputed),
  }));
}
