import { and, eq } from 'drizzle-orm';
import type { Queryable } from '../client.js';
import { pspCustomers } from '../schema.js';

export interface PspCustomerKey {
  tenantId: string;
  debtorId: string;
  provider: string;
}

export async function pspCustomerId(db: Queryable, key: PspCustomerKey): Promise<string | undefined> {
  const [row] = await db
    .select({ id: pspCustomers.providerCustomerId })
    .from(pspCustomers)
    .where(
      and(
        eq(pspCustomers.tenantId, key.tenantId),
        eq(pspCustomers.debtorId, key.debtorId),
        eq(pspCustomers.provider, key.provider),
      ),
    )
    .limit(1);
  return row?.id;
}

/** Keeps the first customer recorded for a debtor; returns the one that is stored. */
export async function savePspCustomerId(
  db: Queryable,
  key: PspCustomerKey,
  providerCustomerId: string,
): Promise<string> {
  await db
    .insert(pspCustomers)
    .values({ ...key, providerCustomerId })
    .onConflictDoNothing();
  return (await pspCustomerId(db, key)) ?? providerCustomerId;
}

/** Whom Settle created a PSP customer for: the mandates of that customer are that debtor's only. */
export async function pspCustomerOwner(
  db: Queryable,
  providerCustomerId: string,
): Promise<{ tenantId: string; debtorId: string } | undefined> {
  const [row] = await db
    .select({ tenantId: pspCustomers.tenantId, debtorId: pspCustomers.debtorId })
    .from(pspCustomers)
    .where(eq(pspCustomers.providerCustomerId, providerCustomerId))
    .limit(1);
  return row;
}
