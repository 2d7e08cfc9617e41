import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { type Brand, defaultBrand } from '../brand.js';
import type { Queryable } from '../client.js';
import { apiKeys, tenants } from '../schema.js';

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

export async function tenantForApiKey(db: Queryable, key: string): Promise<string | undefined> {
  const rows = await db
    .select({ tenantId: apiKeys.tenantId })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  return rows[0]?.tenantId;
}

export async function getTenant(db: Queryable, id: string) {
  const rows = await db.select().from(tenants).where(eq(tenants.id, id)).limit(1);
  return rows[0];
}
