import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type pg from 'pg';
import { type Brand, defaultBrand } from '../brand.js';
import type { Queryable } from '../client.js';
import { apiKeys, tenants } from '../schema.js';
import type { TenantSettings } from '../tenant-settings.js';

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateApiKey(): string {
  return `sk_${randomBytes(24).toString('base64url').replace(/-/g, 'A')}`;
}

export async function ensureTenant(
  db: Queryable,
  params: { id: string; name: string; brand?: Brand },
): Promise<void> {
  await db
    .insert(tenants)
    .values({ id: params.id, name: params.name, brand: params.brand ?? defaultBrand(params.name) })
    .onConflictDoNothing();
}

/** Stores only the key's hash; returns nothing secret. Idempotent for the same key. */
export async function addApiKey(
  db: Queryable,
  params: { tenantId: string; key: string; label: string },
): Promise<void> {
  const keyHash = hashApiKey(params.key);
  await db
    .insert(apiKeys)
    .values({ id: keyHash.slice(0, 16), tenantId: params.tenantId, keyHash, label: params.label })
    .onConflictDoNothing();
}

/** What an API key grants: a tenant, a revoked key (403), or nothing at all (401). */
export type ApiKeyLookup = { keyId: string; tenantId: string; revoked: boolean } | undefined;

export async function tenantForApiKey(db: Queryable, key: string): Promise<ApiKeyLookup> {
  const rows = await db
    .select({ keyId: apiKeys.id, tenantId: apiKeys.tenantId, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, hashApiKey(key)))
    .limit(1);
  const row = rows[0];
  if (!row) return undefined;
  return { keyId: row.keyId, tenantId: row.tenantId, revoked: row.revokedAt !== null };
}

/** Every API process LISTENs here and forgets the revoked key (payload: its hash) at once. */
export const API_KEY_REVOKED_CHANNEL = 'settle_api_key_revoked';

/** Revokes matching active keys and tells every API process, in one transaction (NOTIFY on commit). */
async function revokeWhere(db: Queryable, where: SQL | undefined) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(apiKeys)
      .set({ revokedAt: sql`now()` })
      .where(and(where, isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, keyHash: apiKeys.keyHash, revokedAt: apiKeys.revokedAt });
    for (const row of rows)
      await tx.execute(sql`select pg_notify(${API_KEY_REVOKED_CHANNEL}, ${row.keyHash})`);
    return rows;
  });
}

/** Revokes a key from now on; returns whether a key that was still active got revoked. */
export async function revokeApiKey(db: Queryable, key: string): Promise<boolean> {
  return (await revokeWhere(db, eq(apiKeys.keyHash, hashApiKey(key)))).length > 0;
}

/** A tenant revokes one of its own keys by id; undefined when it has no such active key. */
export async function revokeTenantApiKey(db: Queryable, tenantId: string, keyId: string) {
  const [row] = await revokeWhere(db, and(eq(apiKeys.tenantId, tenantId), eq(apiKeys.id, keyId)));
  return row;
}

/** A tenant's keys, newest first: ids and labels only (the keys themselves are never stored). */
export async function tenantApiKeys(db: Queryable, tenantId: string) {
  return db
    .select({
      id: apiKeys.id,
      label: apiKeys.label,
      createdAt: apiKeys.createdAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.tenantId, tenantId))
    .orderBy(desc(apiKeys.createdAt), apiKeys.id);
}

export async function getTenant(db: Queryable, id: string) {
  const rows = await db.select().from(tenants).where(eq(tenants.id, id)).limit(1);
  return rows[0];
}

export async function getTenantSettings(
  db: Queryable,
  tenantId: string,
): Promise<TenantSettings | undefined> {
  const rows = await db
    .select({ settings: tenants.settings })
    .from(tenants)
    .where(eq(tenants.id, tenantId))
    .limit(1);
  return rows[0]?.settings;
}

/**
 * Every API process LISTENs here and forgets what it cached of the tenant (payload: its id): its row
 * and its running experiments, which every create reads.
 */
export const TENANT_CHANGED_CHANNEL = 'settle_tenant_changed';

/** Tells every API process the tenant changed, once the caller's transaction commits. */
export async function notifyTenantChanged(db: Queryable, tenantId: string): Promise<void> {
  await db.execute(sql`select pg_notify(${TENANT_CHANGED_CHANNEL}, ${tenantId})`);
}

/** Replaces the tenant's settings as a whole; undefined when there is no such tenant. */
export async function replaceTenantSettings(
  db: Queryable,
  tenantId: string,
  settings: TenantSettings,
): Promise<TenantSettings | undefined> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(tenants)
      .set({ settings })
      .where(eq(tenants.id, tenantId))
      .returning({ settings: tenants.settings });
    await notifyTenantChanged(tx, tenantId);
    return rows[0]?.settings;
  });
}

/** The brand is replaced whole; false when there is no such tenant. */
export async function replaceTenantBrand(
  db: Queryable,
  tenantId: string,
  brand: Brand,
): Promise<Brand | undefined> {
  return db.transaction(async (tx) => {
    const [updated] = await tx
      .update(tenants)
      .set({ brand })
      .where(eq(tenants.id, tenantId))
      .returning({ brand: tenants.brand });
    await notifyTenantChanged(tx, tenantId);
    return updated?.brand;
  });
}

/** Subscribes a dedicated connection to revocations (each NOTIFY carries the revoked key's hash). */
export async function listenForRevocations(client: pg.PoolClient): Promise<void> {
  await client.query(`LISTEN ${API_KEY_REVOKED_CHANNEL}`);
}

export async function stopListeningForRevocations(client: pg.PoolClient): Promise<void> {
  await client.query(`UNLISTEN ${API_KEY_REVOKED_CHANNEL}`);
}

/** Subscribes a dedicated connection to tenant changes (each NOTIFY carries the tenant's id). */
export async function listenForTenantChanges(client: pg.PoolClient): Promise<void> {
  await client.query(`LISTEN ${TENANT_CHANGED_CHANNEL}`);
}

export async function stopListeningForTenantChanges(client: pg.PoolClient): Promise<void> {
  await client.query(`UNLISTEN ${TENANT_CHANGED_CHANNEL}`);
}
