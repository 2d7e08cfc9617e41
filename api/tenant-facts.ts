// What every create reads of its tenant — the row (brand, settings) and the steps its running
// experiments cover — cached per API process and forgotten the moment it changes: every API process
// LISTENs on PostgreSQL for tenant changes (sent by NOTIFY in the changing transaction). As for API
// keys (api-keys.ts), caching is only on while that subscription is up; without it every create asks
// the database.
import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseHandle, Queryable } from '../db/client.js';
import { experimentTargetsOf } from '../db/queries/experiments.js';
import { getTenant, listenForTenantChanges, stopListeningForTenantChanges } from '../db/queries/tenants.js';
import type { ExperimentTarget } from '../workflows/activity-contract.js';
import { notifiedCache } from './notified-cache.js';

export type TenantRow = NonNullable<Awaited<ReturnType<typeof getTenant>>>;

export interface TenantFacts {
  tenant: TenantRow;
  /** What a sync would answer a new run: the steps the tenant's running experiments cover. */
  experimentTargets: ExperimentTarget[];
}

export interface TenantFactsSource {
  /** The tenant's facts; undefined when there is no such tenant. Shared: callers must not change them. */
  of(tenantId: string): Promise<TenantFacts | undefined>;
  /** Drops the tenant from this process's cache (after a change here; other processes hear the NOTIFY). */
  forget(tenantId: string): void;
  stop(): Promise<void>;
}

async function readTenantFacts(db: Queryable, tenantId: string): Promise<TenantFacts | undefined> {
  const tenant = await getTenant(db, tenantId);
  if (!tenant) return undefined;
  return { tenant, experimentTargets: await experimentTargetsOf(db, tenantId) };
}

/** Straight from the database every time (tools and tests that run without an API process). */
export function uncachedTenantFacts(db: Queryable): TenantFactsSource {
  return { of: (tenantId) => readTenantFacts(db, tenantId), forget: () => {}, stop: async () => {} };
}

export function createTenantFacts(database: DatabaseHandle, log: FastifyBaseLogger): TenantFactsSource {
  const cache = notifiedCache<TenantFacts | undefined>({
    database,
    log,
    subject: 'tenant changes',
    // A safety net only: a change is announced and forgotten at once.
    ttlMs: 60_000,
    listen: listenForTenantChanges,
    unlisten: stopListeningForTenantChanges,
  });
  return {
    // A tenant that does not exist (yet) is not remembered as missing.
    of: (tenantId) => cache.get(tenantId, () => readTenantFacts(database.db, tenantId), Boolean),
    forget: (tenantId) => cache.forget(tenantId),
    stop: () => cache.stop(),
  };
}
