// Experiments, their arms and the assignment of each invoice (policy/experiments.ts decides; these
// only read and write). Every query is tenant-scoped.
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { ExperimentTarget } from '../../workflows/activity-contract.js';
import type { ArmConfig, AssignedInvoice, ExperimentGoal } from '../../workflows/policy/experiments.js';
import type { Queryable } from '../client.js';
import { experimentArms, experimentAssignments, experiments, templateOverrides } from '../schema.js';
import { notifyTenantChanged } from './tenants.js';

export type ExperimentRow = typeof experiments.$inferSelect;
export type ArmRow = typeof experimentArms.$inferSelect;
export interface ExperimentWithArms extends ExperimentRow {
  arms: ArmRow[];
}

export interface NewExperiment {
  tenantId: string;
  id: string;
  name: string;
  policyId: string | null;
  stepId: string | null;
  stepKind: string | null;
  goal: ExperimentGoal;
  holdoutShare: number;
  arms: { key: string; config: ArmConfig }[];
}

/** Stores the experiment running from now, with its arms, in one transaction; API processes hear of it. */
export async function insertExperiment(db: Queryable, values: NewExperiment): Promise<void> {
  const { arms, ...experiment } = values;
  await db.transaction(async (tx) => {
    await tx.insert(experiments).values({ ...experiment, status: 'running', startedAt: new Date() });
    await tx.insert(experimentArms).values(
      arms.map((arm) => ({
        tenantId: values.tenantId,
        experimentId: values.id,
        key: arm.key,
        kind: arm.config.kind,
        config: arm.config,
      })),
    );
    await notifyTenantChanged(tx, values.tenantId);
  });
}

async function withArms(
  db: Queryable,
  tenantId: string,
  rows: ExperimentRow[],
): Promise<ExperimentWithArms[]> {
  if (rows.length === 0) return [];
  const arms = await db
    .select()
    .from(experimentArms)
    .where(eq(experimentArms.tenantId, tenantId))
    .orderBy(asc(experimentArms.key));
  return rows.map((row) => ({ ...row, arms: arms.filter((a) => a.experimentId === row.id) }));
}

export async function listExperiments(db: Queryable, tenantId: string): Promise<ExperimentWithArms[]> {
  const rows = await db
    .select()
    .from(experiments)
    .where(eq(experiments.tenantId, tenantId))
    .orderBy(desc(experiments.createdAt), asc(experiments.id));
  return withArms(db, tenantId, rows);
}

export async function getExperiment(
  db: Queryable,
  tenantId: string,
  id: string,
): Promise<ExperimentWithArms | undefined> {
  const rows = await db
    .select()
    .from(experiments)
    .where(and(eq(experiments.tenantId, tenantId), eq(experiments.id, id)));
  return (await withArms(db, tenantId, rows))[0];
}

export async function runningExperiments(db: Queryable, tenantId: string): Promise<ExperimentWithArms[]> {
  const rows = await db
    .select()
    .from(experiments)
    .where(and(eq(experiments.tenantId, tenantId), eq(experiments.status, 'running')))
    .orderBy(asc(experiments.createdAt), asc(experiments.id));
  return withArms(db, tenantId, rows);
}

/** Which steps the tenant's running experiments cover (what a sync answers the workflow). */
export async function experimentTargetsOf(db: Queryable, tenantId: string): Promise<ExperimentTarget[]> {
  const running = await runningExperiments(db, tenantId);
  return running.map((e) => ({ policyId: e.policyId, stepId: e.stepId, stepKind: e.stepKind }));
}

/** Stops a running experiment; false when it was not running. API processes hear of it. */
export async function stopExperiment(db: Queryable, tenantId: string, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(experiments)
      .set({ status: 'stopped', stoppedAt: new Date() })
      .where(
        and(eq(experiments.tenantId, tenantId), eq(experiments.id, id), eq(experiments.status, 'running')),
      )
      .returning({ id: experiments.id });
    if (rows.length > 0) await notifyTenantChanged(tx, tenantId);
    return rows.length > 0;
  });
}

export async function assignmentOf(db: Queryable, tenantId: string, experimentId: string, invoiceId: string) {
  const rows = await db
    .select()
    .from(experimentAssignments)
    .where(
      and(
        eq(experimentAssignments.tenantId, tenantId),
        eq(experimentAssignments.experimentId, experimentId),
        eq(experimentAssignments.invoiceId, invoiceId),
      ),
    );
  return rows[0];
}

/** Records the arm unless the invoice has one already; answers the stored assignment either way. */
export async function recordAssignment(
  db: Queryable,
  values: { tenantId: string; experimentId: string; invoiceId: string; arm: string },
) {
  await db.insert(experimentAssignments).values(values).onConflictDoNothing();
  return (await assignmentOf(db, values.tenantId, values.experimentId, values.invoiceId))!;
}

/**
 * Every invoice assigned in the experiment with its outcome on the goal's window: what was collected
 * in the window (chargebacks are negative payments), and the days to pay if it was paid in full in it.
 */
export async function assignedInvoices(
  db: Queryable,
  params: { tenantId: string; experimentId: string; days: number; now: Date },
): Promise<AssignedInvoice[]> {
  const result = await db.execute<{
    arm: string;
    amount_cents: string;
    collected: string | null;
    days_to_pay: string | null;
    matured: boolean;
  }>(sql`
    with assigned as (
      select a.arm, a.invoice_id, a.assigned_at, a.assigned_at + make_interval(days => ${params.days}) as window_end,
        i.amount_cents, i.status
      from experiment_assignments a
      join invoices i on i.tenant_id = a.tenant_id and i.invoice_id = a.invoice_id
      where a.tenant_id = ${params.tenantId} and a.experiment_id = ${params.experimentId}
    ), paid as (
      select s.invoice_id,
        sum(p.amount_cents) filter (where p.paid_at <= s.window_end) as collected,
        max(p.paid_at) as last_paid_at
      from assigned s join payments p on p.tenant_id = ${params.tenantId} and p.invoice_id = s.invoice_id
      where p.paid_at >= s.assigned_at
      group by s.invoice_id
    )
    select s.arm, s.amount_cents, p.collected,
      case when s.status = 'paid' and p.last_paid_at <= s.window_end
        then extract(epoch from (p.last_paid_at - s.assigned_at)) / 86400 end as days_to_pay,
      (s.window_end <= ${params.now.toISOString()}::timestamptz
        or (s.status = 'paid' and p.last_paid_at <= s.window_end)) as matured
    from assigned s left join paid p on p.invoice_id = s.invoice_id
    order by s.assigned_at, s.invoice_id`);
  return result.rows.map((row) => ({
    arm: row.arm,
    amountCents: Number(row.amount_cents),
    collectedCents: Number(row.collected ?? 0),
    daysToPay: row.days_to_pay === null ? null : Math.round(Number(row.days_to_pay) * 10) / 10,
    matured: Boolean(row.matured),
  }));
}

/** The override versions with content (not a revert to the shipped text) a tenant saved of each template. */
export async function savedOverrideVersions(db: Queryable, tenantId: string): Promise<Map<string, number[]>> {
  const rows = await db
    .select({ templateId: templateOverrides.templateId, version: templateOverrides.version })
    .from(templateOverrides)
    .where(and(eq(templateOverrides.tenantId, tenantId), isNotNull(templateOverrides.content)));
  const versions = new Map<string, number[]>();
  for (const row of rows)
    versions.set(row.templateId, [...new Set([...(versions.get(row.templateId) ?? []), row.version])]);
  return versions;
}
