// How a tenant collects, beyond its house style: the terms and parties that messages and the ladder
// must name truthfully. Stored per tenant; the API validates every field before it is stored.
import type { ContractualCollectionCosts } from '../workflows/policy/money.js';

/** Collection costs agreed in the tenant's terms with business debtors (art. 6:96 lid 5 BW allows other costs). */
export type { ContractualCollectionCosts };

export interface TenantSettings {
  /** SEPA creditor identifier (Incassant ID): named on every direct debit pre-notification and mandate. */
  sepaCreditorId?: string;
  /** Absent: the statutory scale (Besluit vergoeding voor buitengerechtelijke incassokosten) applies. */
  businessCollectionCosts?: ContractualCollectionCosts;
  /** Who takes over unpaid claims; absent: no handover is announced to debtors. */
  collectionAgency?: { name: string; handoverUrl?: string };
  /** Receives the debtors' call-back requests and disputes as signed webhooks (CREDITOR_WEBHOOK_SECRET). */
  creditorWebhookUrl?: string;
}
