// A per-process cache that PostgreSQL keeps honest: the process LISTENs on a channel, and every
// change is announced by NOTIFY in the changing transaction (payload: the key to forget; empty:
// everything). Caching is only on while that subscription is up; without it every read asks the
// database. Used for API keys (api-keys.ts) and for what a create reads of its tenant (tenant-facts.ts).
import type { FastifyBaseLogger } from 'fastify';
import type pg from 'pg';
import type { DatabaseHandle } from '../db/client.js';

const CACHE_MAX = 10_000;
const RELISTEN_MS = 2_000;

export interface NotifiedCacheOptions {
  database: DatabaseHandle;
  log: FastifyBaseLogger;
  /** What the subscription is for, in its warning ("API key revocations"). */
  subject: string;
  /** A safety net only: a change is announced and forgotten at once. */
  ttlMs: number;
  listen(client: pg.PoolClient): Promise<void>;
  unlisten(client: pg.PoolClient): Promise<void>;
}

export interface NotifiedCache<V> {
  /** The cached value of `key`, else `read()`'s, kept when `keep` says so (default: always). */
  get(key: string, read: () => Promise<V>, keep?: (value: V) => boolean): Promise<V>;
  /** Drops the key from this process's cache (after a change here; other processes hear the NOTIFY). */
  forget(key: string): void;
  stop(): Promise<void>;
}

export function notifiedCache<V>(options: NotifiedCacheOptions): NotifiedCache<V> {
  const { database, log } = options;
  const cache = new Map<string, { value: V; until: number }>();
  /** Bumped by every change and every lost subscription: a read that raced one is not cached. */
  let generation = 0;
  let listener: pg.PoolClient | undefined;
  let retry: NodeJS.Timeout | undefined;
  let stopped = false;
  /** Warn once per outage of the subscription, not at every retry. */
  let warned = false;

  const invalidate = (key?: string) => {
    generation++;
    if (key) cache.delete(key);
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
      await options.listen(subscribed);
      if (stopped) return subscribed.release();
      listener = subscribed;
      warned = false;
    } catch (error) {
      client?.release(true);
      if (!warned)
        log.warn(
          { err: { message: (error as Error).message } },
          `${options.subject}: not subscribed; not caching`,
        );
      warned = true;
      schedule();
    }
  }
  void listen();

  return {
    async get(key, read, keep = () => true) {
      const now = Date.now();
      const cached = cache.get(key);
      if (cached && cached.until > now && listener) return cached.value;
      const seen = generation;
      const value = await read();
      if (keep(value) && listener && seen === generation) {
        if (cache.size >= CACHE_MAX) cache.clear();
        cache.set(key, { value, until: now + options.ttlMs });
      }
      return value;
    },
    forget: (key) => invalidate(key),
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const client = listener;
      listener = undefined;
      if (!client) return;
      await options.unlisten(client).catch(() => {});
      client.release();
    },
  };
}
