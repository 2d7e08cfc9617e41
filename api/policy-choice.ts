// Which policy a new invoice takes: the one its create names, else the one the tenant assigned to the
// debtor's segment, else the segment's shipped default — a tenant policy at its newest version, which
// the invoice then keeps (the version is stored on its row and snapshotted into its workflow).
import type { Database } from '../db/client.js';
import { assignedPolicyId, newestTenantPolicy } from '../db/queries/tenant-policies.js';
import { type DunningPolicy, defaultPolicyId, POLICIES } from '../workflows/policy/ladder.js';
import type { CreateInvoiceRequest } from './invoice-service.js';
import { unprocessable } from './problem.js';

export interface ChosenPolicy {
  policy: DunningPolicy;
  /** The tenant policy's version; null for a shipped policy. */
  tenantVersion: number | null;
}

export async function policyForNewInvoice(
  db: Database,
  tenantId: string,
  request: Pick<CreateInvoiceRequest, 'policyId' | 'debtor'>,
): Promise<ChosenPolicy> {
  const segment = request.debtor.type;
  const id = request.policyId ?? (await assignedPolicyId(db, tenantId, segment)) ?? defaultPolicyId(segment);
  const shipped = POLICIES[id];
  const newest = shipped ? undefined : await newestTenantPolicy(db, tenantId, id);
  const chosen = shipped
    ? { policy: shipped, tenantVersion: null }
    : newest && { policy: newest.definition, tenantVersion: newest.version };
  if (!chosen)
    throw unprocessable(`unknown policy ${id}`, [
      {
        field: '/policy',
        message: `must be one of ${Object.keys(POLICIES).join(', ')} or a policy of your own (GET /v1/policies)`,
      },
    ]);
  if (chosen.policy.segment !== segment && id !== 'demo')
    throw unprocessable(`policy ${id} is for ${chosen.policy.segment} debtors`, [
      { field: '/policy', message: `does not fit debtor type ${segment}` },
    ]);
  return chosen;
}
