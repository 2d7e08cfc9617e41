// What every create reads of its tenant — the row (brand, settings) and the steps its running
// experiments cover — cached per API process and forgotten the moment it changes: every API process
// LISTENs on PostgreSQL for tenant changes (sent by NOTIFY in the changing transaction). As for API
// keys (api-keys.ts), caching is only on while that subscription is up; without it every create asks
// the database.
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import type { DatabaseHandle, Queryable } from '../db/client.js';
import { experimentTargetsOf } from '../db/queries/experiments.js';
import { getTenant, listenForTenantChanges, stopListeningForTenantChanges } from '../db/queries/tenants.js';
import type { ExperimentTarget } from '../workflows/activity-contract.js';

/** A safety net only: a change is announced and forgotten at once. */
const CACHE_MS = 60_000;
const CACHE_MAX = 10_000;
const RELISTEN_MS = 2_000;

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
  const cache = new Map<string, { facts: TenantFacts; until: number }>();
  /** Bumped by every change and every lost subscription: a read that raced one is not cached. */
  let generation = 0;
  let listener: pg.PoolClient | undefined;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;
  /** Warn once per outage of the subscription, not at every retry. */
  let warned = false;

  const invalidate = (tenantId?: string) => {
    generation++;
    if (tenantId) cache.delete(tenantId);
    else cache.clear();
  };

  const lost = (client: pg.PoolClient) => {
    if (listener !== client) return;
    listener = undefined;
    invalidate();
    client.release(true);
    schedule();
  };

  const schedule = () => {
    if (!stopped) retry = setTimeout(() => void listen(), RELISTEN_MS).unref();
  };

  async function listen(): Promise<void> {
    let client: pg.PoolClient | undefined;
    try {
      client = await database.pool.connect();
      const subscribed = client;
      subscribed.on('notification', (message) => invalidate(message.payload || undefined));
      subscribed.on('error', () => lost(subscribed));
      subscribed.on('end', () => lost(subscribed));
      await listenForTenantChanges(subscribed);
      if (stopped) return subscribed.release();
      listener = subscribed;
      warned = false;
    } catch (error) {
      client?.release(true);
      if (!warned)
        log.warn(
          { err: { message: (error as Error).message } },
          'tenant changes: not subscribed; not caching',
        );
      warned = true;
      schedule();
    }
  }
  void listen();

  return {
    async of(tenantId) {
      const now = Date.now();
      const cached = cache.get(tenantId);
      if (cached && cached.until > now && listener) return cached.facts;
      const seen = generation;
      const facts = await readTenantFacts(database.db, tenantId);
      if (facts && listener && seen === generation) {
        if (cache.size >= CACHE_MAX) cache.clear();
        cache.set(tenantId, { facts, until: now + CACHE_MS });
      }
      return facts;
    },
    forget: (tenantId) => invalidate(tenantId),
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const client = listener;
      listener = undefined;
      if (!client) return;
      await stopListeningForTenantChanges(client).catch(() => {});
      client.release();
    },
  };
}
