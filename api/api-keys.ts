// API key → tenant, cached to spare the database, and forgotten the moment a key is revoked: every
// API process LISTENs on PostgreSQL for revocations (sent by NOTIFY in the revoking transaction).
// Caching is only on while that subscription is up; without it every request asks the database.
import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseHandle } from '../db/client.js';
import {
  type ApiKeyLookup,
  hashApiKey,
  listenForRevocations,
  stopListeningForRevocations,
  tenantForApiKey,
} from '../db/queries/tenants.js';
import { notifiedCache } from './notified-cache.js';

export interface ApiKeys {
  lookup(key: string): Promise<ApiKeyLookup>;
  /** Drops a revoked key (by hash) from this process's cache; other processes hear the NOTIFY. */
  forget(keyHash: string): void;
  stop(): Promise<void>;
}

export function createApiKeys(database: DatabaseHandle, log: FastifyBaseLogger): ApiKeys {
  const cache = notifiedCache<ApiKeyLookup>({
    database,
    log,
    subject: 'API key revocations',
    ttlMs: 30_000,
    listen: listenForRevocations,
    unlisten: stopListeningForRevocations,
  });
  return {
    lookup: (key) => cache.get(hashApiKey(key), () => tenantForApiKey(database.db, key)),
    forget: (keyHash) => cache.forget(keyHash),
    stop: () => cache.stop(),
  };
}
