// A tenant's own dunning policies, their versions and the policy each debtor segment starts on. The
// rules live in workflows/policy/policy-rules.ts; these only read and write. Every query is tenant-scoped.
import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import type { Segment } from '../../workflows/domain.js';
import { type DunningPolicy, POLICIES } from '../../workflows/policy/ladder.js';
import type { Queryable } from '../client.js';
import { invoices, policyAssignments, tenantPolicies } from '../schema.js';

export type TenantPolicyRow = typeof tenantPolicies.$inferSelect;
export type PolicyAssignmentRow = typeof policyAssignments.$inferSelect;

/**
 * Stores the policy as its next version (1 for a new id) and answers the stored row. Two saves at
 * once cannot take the same number: the loser's insert conflicts on the key and takes the next one.
 */
export async function insertTenantPolicyVersion(
  db: Queryable,
  values: { tenantId: string; policy: Omit<DunningPolicy, 'version'>; createdBy: string },
): Promise<TenantPolicyRow> {
  for (;;) {
    const newest = await newestTenantPolicy(db, values.tenantId, values.policy.id);
    const version = (newest?.version ?? 0) + 1;
    const rows = await db
      .insert(tenantPolicies)
      .values({
        tenantId: values.tenantId,
        policyId: values.policy.id,
        version,
        definition: { ...values.policy, version },
        createdBy: values.createdBy,
      })
      .onConflictDoNothing()
      .returning();
    if (rows[0]) return rows[0];
  }
}

export async function newestTenantPolicy(
  db: Queryable,
  tenantId: string,
  policyId: string,
): Promise<TenantPolicyRow | undefined> {
  const rows = await db
    .select()
    .from(tenantPolicies)
    .where(and(eq(tenantPolicies.tenantId, tenantId), eq(tenantPolicies.policyId, policyId)))
    .orderBy(desc(tenantPolicies.version))
    .limit(1);
  return rows[0];
}

/** One version of one policy. */
export async function tenantPolicyVersion(
  db: Queryable,
  tenantId: string,
  policyId: string,
  version: number,
): Promise<TenantPolicyRow | undefined> {
  const rows = await db
    .select()
    .from(tenantPolicies)
    .where(
      and(
        eq(tenantPolicies.tenantId, tenantId),
        eq(tenantPolicies.policyId, policyId),
        eq(tenantPolicies.version, version),
      ),
    );
  return rows[0];
}

/** Every version of one policy, newest first. */
export async function tenantPolicyVersions(
  db: Queryable,
  tenantId: string,
  policyId: string,
): Promise<TenantPolicyRow[]> {
  return db
    .select()
    .from(tenantPolicies)
    .where(and(eq(tenantPolicies.tenantId, tenantId), eq(tenantPolicies.policyId, policyId)))
    .orderBy(desc(tenantPolicies.version));
}

/** The newest version of each of the tenant's policies, by id. */
export async function newestTenantPolicies(db: Queryable, tenantId: string): Promise<TenantPolicyRow[]> {
  const rows = await db
    .select()
    .from(tenantPolicies)
    .where(eq(tenantPolicies.tenantId, tenantId))
    .orderBy(asc(tenantPolicies.policyId), desc(tenantPolicies.version));
  // A tenant keeps a handful of policies: the first row of each id is its newest.
  return rows.filter((row, i) => i === 0 || rows[i - 1]!.policyId !== row.policyId);
}

export async function policyAssignmentsOf(db: Queryable, tenantId: string): Promise<PolicyAssignmentRow[]> {
  return db
    .select()
    .from(policyAssignments)
    .where(eq(policyAssignments.tenantId, tenantId))
    .orderBy(asc(policyAssignments.segment));
}

export async function assignedPolicyId(
  db: Queryable,
  tenantId: string,
  segment: Segment,
): Promise<string | undefined> {
  const rows = await db
    .select({ policyId: policyAssignments.policyId })
    .from(policyAssignments)
    .where(and(eq(policyAssignments.tenantId, tenantId), eq(policyAssignments.segment, segment)));
  return rows[0]?.policyId;
}

export async function assignPolicy(
  db: Queryable,
  values: { tenantId: string; segment: Segment; policyId: string; assignedBy: string },
): Promise<PolicyAssignmentRow> {
  const rows = await db
    .insert(policyAssignments)
    .values(values)
    .onConflictDoUpdate({
      target: [policyAssignments.tenantId, policyAssignments.segment],
      set: { policyId: values.policyId, assignedBy: values.assignedBy, assignedAt: sql`now()` },
    })
    .returning();
  return rows[0]!;
}

/**
 * The policy an invoice runs on, as it took it: a shipped one by id, a tenant's by the version the
 * invoice snapshotted (never the newest).
 */
export async function policyOfInvoice(
  db: Queryable,
  row: { tenantId: string; policyId: string; policyVersion: number | null },
): Promise<DunningPolicy | undefined> {
  if (row.policyVersion === null) return POLICIES[row.policyId];
  const rows = await db
    .select({ definition: tenantPolicies.definition })
    .from(tenantPolicies)
    .where(
      and(
        eq(tenantPolicies.tenantId, row.tenantId),
        eq(tenantPolicies.policyId, row.policyId),
        eq(tenantPolicies.version, row.policyVersion),
      ),
    );
  return rows[0]?.definition;
}

/** The policies of several invoices with one query, keyed `tenantId + '\n' + invoiceId`. */
export async function policiesOfInvoices(
  db: Queryable,
  keys: readonly { tenantId: string; invoiceId: string }[],
): Promise<Map<string, DunningPolicy>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({
      tenantId: invoices.tenantId,
      invoiceId: invoices.invoiceId,
      policyId: invoices.policyId,
      definition: tenantPolicies.definition,
    })
    .from(invoices)
    .leftJoin(
      tenantPolicies,
      and(
        eq(tenantPolicies.tenantId, invoices.tenantId),
        eq(tenantPolicies.policyId, invoices.policyId),
        eq(tenantPolicies.version, invoices.policyVersion),
      ),
    )
    .where(
      sql`(${invoices.tenantId}, ${invoices.invoiceId}) in (select * from unnest(${sql.param(keys.map((k) => k.tenantId))}::text[], ${sql.param(keys.map((k) => k.invoiceId))}::text[]))`,
    );
  const found = new Map<string, DunningPolicy>();
  for (const row of rows) {
    const policy = row.definition ?? POLICIES[row.policyId];
    if (policy) found.set(`${row.tenantId}\n${row.invoiceId}`, policy);
  }
  return found;
}

/** How many invoices started on each version of a tenant policy, by version. */
export async function invoicesPerVersion(
  db: Queryable,
  tenantId: string,
  policyId: string,
): Promise<Map<number, number>> {
  const rows = await db
    .select({ version: invoices.policyVersion, count: sql<number>`count(*)::int` })
    .from(invoices)
    .where(
      and(
        eq(invoices.tenantId, tenantId),
        eq(invoices.policyId, policyId),
        isNotNull(invoices.policyVersion),
      ),
    )
    .groupBy(invoices.policyVersion);
  return new Map(rows.map((row) => [row.version!, row.count]));
}
