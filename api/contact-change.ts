import type { Client } from '@temporalio/client';
import type { DebtorRow } from '../db/queries/debtors.js';
import { reachabilityOf } from '../db/queries/debtors.js';
import type { InvoiceRow } from '../db/queries/invoices.js';
import { contactUpdatedSignal } from '../workflows/definitions.js';
import type { Channel, Language, PaydayPattern } from '../workflows/domain.js';

/**
 * Tells every open invoice of the debtor what changed (reachability, never the contact data itself).
 * `learnedPayday`: the payday learned from the debtor's payment history, used when the debtor has no
 * payday of its own, so a contact change does not drop the learned payday an invoice started with.
 */
export async function notifyContactChange(
  temporal: Client,
  debtor: DebtorRow,
  openInvoices: InvoiceRow[],
  appChannelConfigured: boolean,
  learnedPayday?: PaydayPattern,
): Promise<void> {
  const change = {
    language: debtor.language as Language,
    reachability: reachabilityOf(debtor, appChannelConfigured),
    preferredChannel: (debtor.preferredChannel as Channel | null) ?? null,
    payday: (debtor.payday as PaydayPattern | null) ?? learnedPayday ?? null,
  };
  await Promise.all(
    openInvoices.map(
      (invoice) =>
        temporal.workflow
          .getHandle(invoice.workflowId)
          .signal(contactUpdatedSignal, change)
          .catch(() => undefined), // closed in the meantime: nothing to tell
    ),
  );
}
