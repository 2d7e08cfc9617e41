// API key → tenant, cached to spare the database, and forgotten the moment a key is revoked: every
// API process LISTENs on PostgreSQL for revocations (sent by NOTIFY in the revoking transaction).
// Caching is only on while that subscription is up; without it every request asks the database.
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import type { DatabaseHandle } from '../db/client.js';
import {
  type ApiKeyLookup,
  hashApiKey,
  listenForRevocations,
  stopListeningForRevocations,
  tenantForApiKey,
} from '../db/queries/tenants.js';

const CACHE_MS = 30_000;
const CACHE_MAX = 10_000;
const RELISTEN_MS = 2_000;

export interface ApiKeys {
  lookup(key: string): Promise<ApiKeyLookup>;
  /** Drops a revoked key (by hash) from this process's cache; other processes hear the NOTIFY. */
  forget(keyHash: string): void;
  stop(): Promise<void>;
}

export function createApiKeys(database: DatabaseHandle, log: FastifyBaseLogger): ApiKeys {
  const cache = new Map<string, { lookup: ApiKeyLookup; until: number }>();
  /** Bumped by every revocation and every lost subscription: a lookup that raced one is not cached. */
  let generation = 0;
  let listener: pg.PoolClient | undefined;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;
  /** Warn once per outage of the subscription, not at every retry. */
  let warned = false;

  const invalidate = (keyHash?: string) => {
    generation++;
    if (keyHash) cache.delete(keyHash);
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
      await listenForRevocations(subscribed);
      if (stopped) return subscribed.release();
      listener = subscribed;
      warned = false;
    } catch (error) {
      client?.release(true);
      if (!warned)
        log.warn(
          { err: { message: (error as Error).message } },
          'API key revocations: not subscribed; not caching',
        );
      warned = true;
      schedule();
    }
  }
  void listen();

  return {
    async lookup(key) {
      const keyHash = hashApiKey(key);
      const now = Date.now();
      const cached = cache.get(keyHash);
      if (cached && cached.until > now && listener) return cached.lookup;
      const seen = generation;
      const lookup = await tenantForApiKey(database.db, key);
      if (listener && seen === generation) {
        if (cache.size >= CACHE_MAX) cache.clear();
        cache.set(keyHash, { lookup, until: now + CACHE_MS });
      }
      return lookup;
    },
    forget: (keyHash) => invalidate(keyHash),
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const client = listener;
      listener = undefined;
      if (!client) return;
      await stopListeningForRevocations(client).catch(() => {});
      client.release();
    },
  };
}
