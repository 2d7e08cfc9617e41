// A tenant's own ladders, for the API and the console alike: save a version (checked by the rules the
// shipped policies pass), assign a policy to a debtor segment, and list what the tenant may use.
import type { Database } from '../db/client.js';
import {
  assignPolicy,
  insertTenantPolicyVersion,
  newestTenantPolicies,
  newestTenantPolicy,
  type PolicyAssignmentRow,
  policyAssignmentsOf,
  type TenantPolicyRow,
  tenantPolicyVersions,
} from '../db/queries/tenant-policies.js';
import { SEGMENTS, type Segment } from '../workflows/domain.js';
import { type DunningPolicy, defaultPolicyId, POLICIES } from '../workflows/policy/ladder.js';
import { tenantPolicyProblems } from '../workflows/policy/policy-rules.js';
import { unprocessable } from './problem.js';

/** A policy as a tenant writes it: everything but the version, which every save assigns. */
export type PolicyDraft = Omit<DunningPolicy, 'version' | 'respectCalendar'> & { respectCalendar?: boolean };

export interface CataloguedPolicy {
  policy: DunningPolicy;
  source: 'shipped' | 'tenant';
  /** The segments whose new invoices start on it (a shipped default counts when nothing is assigned). */
  assignedTo: Segment[];
  createdBy: string | null;
  createdAt: Date | null;
}

/** Which policy each segment's new invoices start on. */
function segmentPolicies(assignments: PolicyAssignmentRow[]): Record<Segment, string> {
  const bySegment = new Map(assignments.map((a) => [a.segment, a.policyId]));
  return Object.fromEntries(
    SEGMENTS.map((segment) => [segment, bySegment.get(segment) ?? defaultPolicyId(segment)]),
  ) as Record<Segment, string>;
}

const assignedIn = (segments: Record<Segment, string>, id: string) =>
  SEGMENTS.filter((segment) => segments[segment] === id);

const catalogued = (row: TenantPolicyRow, segments: Record<Segment, string>): CataloguedPolicy => ({
  policy: row.definition,
  source: 'tenant',
  assignedTo: assignedIn(segments, row.policyId),
  createdBy: row.createdBy,
  createdAt: row.createdAt,
});

export function createTenantPolicies(db: Database) {
  return {
    /** The shipped policies, then the tenant's own at their newest version. */
    async catalogue(tenantId: string): Promise<CataloguedPolicy[]> {
      const [own, assignments] = await Promise.all([
        newestTenantPolicies(db, tenantId),
        policyAssignmentsOf(db, tenantId),
      ]);
      const segments = segmentPolicies(assignments);
      const shipped = Object.values(POLICIES).map(
        (policy): CataloguedPolicy => ({
          policy,
          source: 'shipped',
          assignedTo: assignedIn(segments, policy.id),
          createdBy: null,
          createdAt: null,
        }),
      );
      return [...shipped, ...own.map((row) => catalogued(row, segments))];
    },

    /** Every version of one policy, newest first; undefined when the tenant has no such policy. */
    async versions(tenantId: string, policyId: string): Promise<CataloguedPolicy[] | undefined> {
      const segments = segmentPolicies(await policyAssignmentsOf(db, tenantId));
      const shipped = Object.hasOwn(POLICIES, policyId) ? POLICIES[policyId] : undefined;
      if (shipped)
        return [
          {
            policy: shipped,
            source: 'shipped',
            assignedTo: assignedIn(segments, policyId),
            createdBy: null,
            createdAt: null,
          },
        ];
      const rows = await tenantPolicyVersions(db, tenantId, policyId);
      return rows.length ? rows.map((row) => catalogued(row, segments)) : undefined;
    },

    /** Saves the draft as the policy's next version; 422 with every problem by pointer. */
    async save(tenantId: string, draft: PolicyDraft, createdBy: string): Promise<CataloguedPolicy> {
      const policy = { ...draft, respectCalendar: draft.respectCalendar ?? true };
      const problems = tenantPolicyProblems({ ...policy, version: 1 });
      const newest = problems.length ? undefined : await newestTenantPolicy(db, tenantId, draft.id);
      if (newest && newest.definition.segment !== draft.segment)
        problems.push({
          field: '/segment',
          message: `${draft.id} is a ${newest.definition.segment} policy: a new version keeps its segment`,
        });
      if (problems.length) throw unprocessable('The policy cannot be used', problems);
      const row = await insertTenantPolicyVersion(db, { tenantId, policy, createdBy });
      const segments = segmentPolicies(await policyAssignmentsOf(db, tenantId));
      return catalogued(row, segments);
    },

    /** New invoices of the segment that name no policy start on this one, at its newest version. */
    async assign(tenantId: string, segment: Segment, policyId: string, assignedBy: string) {
      const shipped = Object.hasOwn(POLICIES, policyId) ? POLICIES[policyId] : undefined;
      const policy = shipped ?? (await newestTenantPolicy(db, tenantId, policyId))?.definition;
      if (!policy)
        throw unprocessable(`unknown policy ${policyId}`, [
          { field: '/policy', message: 'must be a shipped policy or one of your own (GET /v1/policies)' },
        ]);
      if (policy.secondsPerDay !== undefined)
        throw unprocessable(`policy ${policyId} compresses days`, [
          { field: '/policy', message: 'the demo policy is for watching the flow, never for a segment' },
        ]);
      if (policy.segment !== segment)
        throw unprocessable(`policy ${policyId} is for ${policy.segment} debtors`, [
          { field: '/policy', message: `does not fit segment ${segment}` },
        ]);
      const row = await assignPolicy(db, { tenantId, segment, policyId, assignedBy });
      return { segment, policy: policyId, version: policy.version, assignedAt: row.assignedAt };
    },
  };
}

export type TenantPolicies = ReturnType<typeof createTenantPolicies>;
