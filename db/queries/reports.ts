// Reports over the analytics views (migration 0018): the facts per tenant with no personal data.
// Money is euro cents; days, weeks and months are Europe/Amsterdam calendar periods. A receivable is
// an invoice's principal not yet paid (payments and chargebacks up to the day), from its issue date
// until it is paid or cancelled; costs and interest are not sales and are left out.
import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../client.js';

const ZONE = sql.raw(`'Europe/Amsterdam'`);
const localDate = (column: SQL) => sql`(${column} at time zone ${ZONE})::date`;
const truncated = (interval: string, day: SQL) => sql`date_trunc(${interval}, ${day}::timestamp)::date::text`;
const dateList = (dates: readonly string[]) =>
  sql`unnest(array[${sql.join(
    dates.map((date) => sql`${date}::date`),
    sql`, `,
  )}])`;

export interface ReceivablesOnDay {
  date: string;
  totalCents: number;
  /** Not yet due on the day. */
  currentCents: number;
  days1To30Cents: number;
  days31To60Cents: number;
  days61To90Cents: number;
  over90Cents: number;
  invoices: number;
}

/** The receivables at the end of each day given, split by how many days past due. */
export async function receivablesOn(
  db: Queryable,
  tenantId: string,
  dates: readonly string[],
): Promise<ReceivablesOnDay[]> {
  if (dates.length === 0) return [];
  const result = await db.execute<Record<string, string>>(sql`
    with days as (select ${dateList(dates)} as day),
    owed as (
      select days.day, i.due_date, greatest(0, i.amount_cents - coalesce((
        select sum(p.amount_cents) from analytics_payments p
        where p.tenant_id = i.tenant_id and p.invoice_id = i.invoice_id
          and ${localDate(sql`p.paid_at`)} <= days.day), 0)) as cents
      from days join analytics_invoices i on i.tenant_id = ${tenantId} and i.issue_date <= days.day
      where not (i.status = 'cancelled' and ${localDate(sql`i.closed_at`)} <= days.day)
    )
    select days.day::text as date,
      coalesce(sum(cents), 0) as total,
      coalesce(sum(cents) filter (where due_date >= days.day), 0) as current,
      coalesce(sum(cents) filter (where days.day - due_date between 1 and 30), 0) as d30,
      coalesce(sum(cents) filter (where days.day - due_date between 31 and 60), 0) as d60,
      coalesce(sum(cents) filter (where days.day - due_date between 61 and 90), 0) as d90,
      coalesce(sum(cents) filter (where days.day - due_date > 90), 0) as over90,
      count(*) filter (where cents > 0) as invoices
    from days left join owed on owed.day = days.day
    group by days.day order by days.day`);
  return result.rows.map((row) => ({
    date: row.date!,
    totalCents: Number(row.total),
    currentCents: Number(row.current),
    days1To30Cents: Number(row.d30),
    days31To60Cents: Number(row.d60),
    days61To90Cents: Number(row.d90),
    over90Cents: Number(row.over90),
    invoices: Number(row.invoices),
  }));
}

export interface SalesInPeriod {
  periodStart: string;
  salesCents: number;
}

/** Invoiced principal per period (by issue date), for every period with sales up to `to`. */
export async function salesByPeriod(
  db: Queryable,
  params: { tenantId: string; interval: 'day' | 'week' | 'month'; to: string },
): Promise<SalesInPeriod[]> {
  const result = await db.execute<{ period: string; sales: string }>(sql`
    select ${truncated(params.interval, sql`issue_date`)} as period, sum(amount_cents) as sales
    from analytics_invoices where tenant_id = ${params.tenantId} and issue_date <= ${params.to}::date
    group by 1 order by 1`);
  return result.rows.map((row) => ({ periodStart: row.period, salesCents: Number(row.sales) }));
}

export interface CashInPeriod {
  periodStart: string;
  /** Net of chargebacks. */
  collectedCents: number;
  payments: number;
}

/** Money received per period from `from` to `to` (Amsterdam days), chargebacks taken off. */
export async function cashCollected(
  db: Queryable,
  params: { tenantId: string; interval: 'day' | 'week' | 'month'; from: string; to: string },
): Promise<CashInPeriod[]> {
  const day = localDate(sql`paid_at`);
  const result = await db.execute<{ period: string; collected: string; payments: string }>(sql`
    select ${truncated(params.interval, day)} as period, sum(amount_cents) as collected,
      count(*) filter (where amount_cents > 0) as payments
    from analytics_payments
    where tenant_id = ${params.tenantId} and ${day} between ${params.from}::date and ${params.to}::date
    group by 1 order by 1`);
  return result.rows.map((row) => ({
    periodStart: row.period,
    collectedCents: Number(row.collected),
    payments: Number(row.payments),
  }));
}

/** What recovery is broken down by: a message's own facts, its invoice's segment, its send time. */
const DIMENSIONS = {
  step: sql`m.step`,
  channel: sql`m.channel`,
  template: sql`m.template`,
  variant: sql`m.template || '/' || m.language`,
  segment: sql`coalesce(i.debtor_type, 'unknown')`,
  policy: sql`i.policy_id`,
  weekday: sql`extract(isodow from m.sent_at at time zone ${ZONE})::int::text`,
  hour: sql`extract(hour from m.sent_at at time zone ${ZONE})::int::text`,
} as const;
export type RecoveryDimension = keyof typeof DIMENSIONS;
export const RECOVERY_DIMENSIONS = Object.keys(DIMENSIONS) as RecoveryDimension[];

/**
 * Messages sent from `from` to `to` (Amsterdam days), each with `recovered`: its invoice was paid in
 * full after it was sent and before the invoice's next message (last touch), and `days` to that payment.
 */
function touchesSent(params: { tenantId: string; from: string; to: string }, columns: SQL) {
  return sql`
    with m as (
      select *, lead(sent_at) over (partition by invoice_id order by sent_at, message_id) as next_sent_at
      from analytics_messages where tenant_id = ${params.tenantId}
    )
    select ${columns},
      i.paid_in_full_at >= m.sent_at and (m.next_sent_at is null or i.paid_in_full_at < m.next_sent_at)
        as recovered,
      extract(epoch from i.paid_in_full_at - m.sent_at) / 86400 as days
    from m join analytics_invoices i on i.tenant_id = m.tenant_id and i.invoice_id = m.invoice_id
    where ${localDate(sql`m.sent_at`)} between ${params.from}::date and ${params.to}::date`;
}

export interface RecoveryGroup {
  key: string;
  messages: number;
  recovered: number;
  /** Mean days from the recovering message to full payment; null when none recovered. */
  meanDaysToPay: number | null;
}

/**
 * Recovery by the last message before payment: a message recovered its invoice when the invoice was
 * paid in full after it was sent and before the invoice's next message. Messages sent from `from`
 * to `to` (Amsterdam days).
 */
export async function recoveryBy(
  db: Queryable,
  params: { tenantId: string; by: RecoveryDimension; from: string; to: string },
): Promise<RecoveryGroup[]> {
  const result = await db.execute<{ key: string; messages: string; recovered: string; days: string | null }>(
    sql`
    with touches as (${touchesSent(params, sql`${DIMENSIONS[params.by]} as key`)})
    select key, count(*) as messages, count(*) filter (where recovered) as recovered,
      round(avg(days) filter (where recovered), 2)::text as days
    from touches group by key order by key`,
  );
  return result.rows.map((row) => ({
    key: row.key,
    messages: Number(row.messages),
    recovered: Number(row.recovered),
    meanDaysToPay: row.days === null ? null : Number(row.days),
  }));
}

export interface PlanOutcome {
  status: 'active' | 'kept' | 'broken';
  plans: number;
  totalCents: number;
}

/** Payment plans agreed from `from` to `to` (Amsterdam days) by how they went. */
export async function planOutcomes(
  db: Queryable,
  params: { tenantId: string; from: string; to: string },
): Promise<PlanOutcome[]> {
  const result = await db.execute<{ status: PlanOutcome['status']; plans: string; total: string }>(sql`
    select status, count(*) as plans, sum(total_cents) as total from analytics_payment_plans
    where tenant_id = ${params.tenantId}
      and ${localDate(sql`created_at`)} between ${params.from}::date and ${params.to}::date
    group by status order by status`);
  return result.rows.map((row) => ({
    status: row.status,
    plans: Number(row.plans),
    totalCents: Number(row.total),
  }));
}

export interface ChannelFunnel {
  channel: string;
  sent: number;
  /** Reported delivered, or opened or clicked (which a message can only be once delivered). */
  delivered: number;
  /** Opened, or clicked (a click opens). */
  opened: number;
  clicked: number;
  /** Paid in full after the message and before the invoice's next one (last touch, as recovery). */
  paid: number;
}

/** The message funnel per channel: sent → delivered → opened → clicked → paid. */
export async function messageFunnel(
  db: Queryable,
  params: { tenantId: string; from: string; to: string },
): Promise<ChannelFunnel[]> {
  const result = await db.execute<Record<keyof ChannelFunnel, string>>(sql`
    with touches as (${touchesSent(params, sql`m.channel, m.delivered_at, m.opened_at, m.clicked_at`)})
    select channel, count(*) as sent,
      count(coalesce(delivered_at, opened_at, clicked_at)) as delivered,
      count(coalesce(opened_at, clicked_at)) as opened, count(clicked_at) as clicked,
      count(*) filter (where recovered) as paid
    from touches group by channel order by channel`);
  return result.rows.map((row) => ({
    channel: row.channel,
    sent: Number(row.sent),
    delivered: Number(row.delivered),
    opened: Number(row.opened),
    clicked: Number(row.clicked),
    paid: Number(row.paid),
  }));
}

export interface ChannelBounces {
  channel: string;
  messages: number;
  bounced: number;
}

/** Messages sent from `from` to `to` (Amsterdam days) per channel, and how many bounced. */
export async function bouncesByChannel(
  db: Queryable,
  params: { tenantId: string; from: string; to: string },
): Promise<ChannelBounces[]> {
  const result = await db.execute<{ channel: string; messages: string; bounced: string }>(sql`
    select channel, count(*) as messages, count(bounced_at) as bounced from analytics_messages
    where tenant_id = ${params.tenantId}
      and ${localDate(sql`sent_at`)} between ${params.from}::date and ${params.to}::date
    group by channel order by channel`);
  return result.rows.map((row) => ({
    channel: row.channel,
    messages: Number(row.messages),
    bounced: Number(row.bounced),
  }));
}

export interface TenantHeadline {
  tenantId: string;
  receivablesCents: number;
  /** Every payment received (chargebacks not taken off: a total that only grows). */
  cashCollectedCents: number;
  /** Sales per calendar month from `since`, oldest first. */
  monthlySales: SalesInPeriod[];
}

/** Every tenant's headline figures now, for the metrics scrape: one pass over each table. */
export async function headlineFigures(db: Queryable, since: string): Promise<TenantHeadline[]> {
  const [owed, cash, sales] = await Promise.all([
    db.execute<{ tenant_id: string; cents: string }>(sql`
      select i.tenant_id, sum(greatest(0, i.amount_cents - coalesce(p.paid, 0))) as cents
      from analytics_invoices i left join (
        select tenant_id, invoice_id, sum(amount_cents) as paid from analytics_payments group by 1, 2
      ) p on p.tenant_id = i.tenant_id and p.invoice_id = i.invoice_id
      where i.status <> 'cancelled' group by 1`),
    db.execute<{ tenant_id: string; cents: string }>(sql`
      select tenant_id, sum(amount_cents) as cents from analytics_payments where amount_cents > 0
      group by 1`),
    db.execute<{ tenant_id: string; period: string; sales: string }>(sql`
      select tenant_id, ${truncated('month', sql`issue_date`)} as period, sum(amount_cents) as sales
      from analytics_invoices where issue_date >= ${since}::date group by 1, 2 order by 1, 2`),
  ]);
  const figures = new Map<string, TenantHeadline>();
  const of = (tenantId: string) => {
    const known = figures.get(tenantId);
    if (known) return known;
    const fresh = { tenantId, receivablesCents: 0, cashCollectedCents: 0, monthlySales: [] };
    figures.set(tenantId, fresh);
    return fresh;
  };
  for (const row of owed.rows) of(row.tenant_id).receivablesCents = Number(row.cents);
  for (const row of cash.rows) of(row.tenant_id).cashCollectedCents = Number(row.cents);
  for (const row of sales.rows)
    of(row.tenant_id).monthlySales.push({ periodStart: row.period, salesCents: Number(row.sales) });
  return [...figures.values()];
}
