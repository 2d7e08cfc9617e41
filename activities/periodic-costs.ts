// The activity behind the cap on small periodic claims: what one term may still be charged, decided
// under a lock on the debtor so that terms falling due together never both take the same share.
import type { Database } from '../db/client.js';
import {
  lockDebtorsPeriodicCosts,
  periodicCostsChargedBetween,
  periodicCostsOf,
  recordPeriodicCosts,
} from '../db/queries/periodic-costs.js';
import type { PeriodicCostsAllowance, PeriodicCostsInput } from '../workflows/activity-contract.js';
import { periodicCostsAllowance, periodicCostsWindow } from '../workflows/policy/periodic-costs.js';

export function createPeriodicCostsActivity(db: Database) {
  return async function periodicCosts(input: PeriodicCostsInput): Promise<PeriodicCostsAllowance> {
    const { tenantId, invoiceId, debtorId, owedOn } = input;
    return db.transaction(async (tx) => {
      await lockDebtorsPeriodicCosts(tx, tenantId, debtorId);
      const window = periodicCostsWindow(owedOn);
      const others = await periodicCostsChargedBetween(tx, {
        tenantId,
        debtorId,
        exceptInvoiceId: invoiceId,
        ...window,
      });
      const decided = periodicCostsAllowance(
        {
          owedOn,
          singleTermCents: input.singleTermCents,
          ...(input.limitCents !== undefined ? { limitCents: input.limitCents } : {}),
        },
        others,
      );
      if (!input.charge) return decided;
      // A retry (or a replayed question) for the same day gets what was granted then; a new day (the
      // 14-day letter's clock restarted) is decided anew.
      const granted = await periodicCostsOf(tx, tenantId, invoiceId);
      if (granted?.owedOn === owedOn) return { ...decided, allowedCents: granted.cents };
      await recordPeriodicCosts(tx, { tenantId, invoiceId, owedOn, cents: decided.allowedCents });
      return decided;
    });
  };
}
