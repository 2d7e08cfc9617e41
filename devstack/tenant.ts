// A creditor to run invoices for: the tenant row, its API key and (optionally) its settings — as
// `npm start` makes the dev tenant, and as tests, benchmarks and drills make tenants of their own.
import { randomBytes } from 'node:crypto';
import type { Database } from '../db/client.js';
import { addApiKey, ensureTenant, generateApiKey, replaceTenantSettings } from '../db/queries/tenants.js';
import type { TenantSettings } from '../db/tenant-settings.js';

export interface Tenant {
  tenantId: string;
  apiKey: string;
}

export interface TenantOptions {
  /** Omitted → `t-<random>`, so runs on one database never share a tenant. */
  id?: string;
  name?: string;
  /** Omitted → a new key. */
  apiKey?: string;
  keyLabel?: string;
  settings?: TenantSettings;
}

/** Creates the tenant (or finds it) with its API key; idempotent for a given id and key. */
export async function createTenant(db: Database, options: TenantOptions = {}): Promise<Tenant> {
  const tenantId = options.id ?? `t-${randomBytes(5).toString('hex')}`;
  const apiKey = options.apiKey ?? generateApiKey();
  await ensureTenant(db, { id: tenantId, name: options.name ?? 'Test Creditor B.V.' });
  await addApiKey(db, { tenantId, key: apiKey, label: options.keyLabel ?? 'test' });
  if (options.settings) await replaceTenantSettings(db, tenantId, options.settings);
  return { tenantId, apiKey };
}
