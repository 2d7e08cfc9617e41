import { and, eq, sql } from 'drizzle-orm';
import type { Channel, Reachability } from '../../workflows/domain.js';
import type { Queryable } from '../client.js';
import { debtors } from '../schema.js';

export type DebtorRow = typeof debtors.$inferSelect;
export type DebtorValues = Omit<typeof debtors.$inferInsert, 'createdAt' | 'updatedAt'>;

export async function upsertDebtor(db: Queryable, values: DebtorValues): Promise<void> {
  await db
    .insert(debtors)
    .values(values)
    .onConflictDoUpdate({
      target: [debtors.tenantId, debtors.id],
      set: { ...values, updatedAt: sql`now()` },
    });
}

export async function getDebtor(db: Queryable, tenantId: string, id: string): Promise<DebtorRow | undefined> {
  const rows = await db
    .select()
    .from(debtors)
    .where(and(eq(debtors.tenantId, tenantId), eq(debtors.id, id)))
    .limit(1);
  return rows[0];
}

export async function updateDebtor(
  db: Queryable,
  tenantId: string,
  id: string,
  changes: Partial<Omit<DebtorValues, 'tenantId' | 'id'>>,
): Promise<DebtorRow | undefined> {
  const rows = await db
    .update(debtors)
    .set({ ...changes, updatedAt: sql`now()` })
    .where(and(eq(debtors.tenantId, tenantId), eq(debtors.id, id)))
    .returning();
  return rows[0];
}

/** Which channels can reach this debtor — the workflow sees only this, never the contact data. */
export function reachabilityOf(
  debtor: Pick<DebtorRow, 'email' | 'phone' | 'whatsappOptIn' | 'address' | 'appUserId'>,
  appChannelConfigured: boolean,
): Reachability {
  return {
    email: Boolean(debtor.email),
    sms: Boolean(debtor.phone),
    whatsapp: Boolean(debtor.phone) && debtor.whatsappOptIn,
    letter: Boolean(debtor.address),
    app: appChannelConfigured && Boolean(debtor.appUserId),
  } satisfies Record<Channel, boolean>;
}
