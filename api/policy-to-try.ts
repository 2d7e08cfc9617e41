// The policy a what-if simulation or an experiment is about: a shipped one (or a simulator variant), or
// one of the caller's own tenant's at its newest version or a version it names — held to the same rules
// as when it was saved, so a ladder that no longer passes them is not tried either.
import type { Queryable } from '../db/client.js';
import { newestTenantPolicy, tenantPolicyVersion } from '../db/queries/tenant-policies.js';
import { SIMULATION_POLICY_IDS, simulationPolicy } from '../simulation/policies.js';
import type { DunningPolicy } from '../workflows/policy/ladder.js';
import { tenantPolicyProblems } from '../workflows/policy/policy-rules.js';

export type PolicyToTry = { policy: DunningPolicy } | { problem: string };

/** A shipped policy or simulator variant; undefined when `id` is none of them. */
export function shippedToTry(id: string, version?: number): PolicyToTry | undefined {
  const shipped = simulationPolicy(id);
  if (!shipped) return undefined;
  return version === undefined || version === shipped.version
    ? { policy: shipped }
    : { problem: `${id} is shipped at version ${shipped.version} only` };
}

export async function policyToTry(
  db: Queryable,
  tenantId: string,
  id: string,
  version?: number,
): Promise<PolicyToTry> {
  const shipped = shippedToTry(id, version);
  if (shipped) return shipped;
  const row =
    version === undefined
      ? await newestTenantPolicy(db, tenantId, id)
      : await tenantPolicyVersion(db, tenantId, id, version);
  if (!row)
    return {
      problem:
        version === undefined
          ? `must be one of ${SIMULATION_POLICY_IDS.join(', ')} or a policy of your own (GET /v1/policies)`
          : `${id} has no version ${version} (GET /v1/policies/${id})`,
    };
  const problems = tenantPolicyProblems(row.definition);
  return problems.length
    ? {
        problem: `${id} v${row.version} no longer passes the rules: ${problems.map((p) => p.message).join('; ')}`,
      }
    : { policy: row.definition };
}
