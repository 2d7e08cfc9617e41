import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
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
export type ApiKeyLookup = { tenantId: string; revoked: boolean } | undefined;

export async function tenantForApiKey(db: Queryable, key: string): Promise<ApiKeyLookup> {
  const rows = await db
    .select({ tenantId: apiKeys.tenantId, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, hashApiKey(key)))
    .limit(1);
  const row = rows[0];
  if (!row) return undefined;
  return { tenantId: row.tenantId, revoked: row.revokedAt !== null };
}

/** Revokes a key from now on; returns whether a key that was still active got revoked. */
export async function revokeApiKey(db: Queryable, key: string): Promise<boolean> {
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
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

/** Replaces the tenant's settings as a whole; undefined when there is no such tenant. */
export async function replaceTenantSettings(
  db: Queryable,
  tenantId: string,
  settings: TenantSettings,
): Promise<TenantSettings | undefined> {
  const rows = await db
    .update(tenants)
    .set({ settings })
    .where(eq(tenants.id, tenantId))
    .returning({ settings: tenants.settings });
  return rows[0]?.settings;
}
