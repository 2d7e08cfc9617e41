import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../db/client.js';
import { type ApiKeyLookup, tenantForApiKey } from '../db/queries/tenants.js';
import { Problem } from './problem.js';

const CACHE_MS = 30_000;

/**
 * Bearer API key → tenant. Keys are looked up by hash, and briefly cached to spare the database.
 * An unknown key is 401; a key that exists but was revoked is 403.
 */
export function authenticate(db: Database) {
  const cache = new Map<string, { lookup: ApiKeyLookup; until: number }>();
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    if (!match) throw new Problem(401, 'Unauthorized', 'send Authorization: Bearer <api key>');
    const key = match[1]!;
    const now = Date.now();
    let entry = cache.get(key);
    if (!entry || entry.until < now) {
      entry = { lookup: await tenantForApiKey(db, key), until: now + CACHE_MS };
      if (cache.size > 10_000) cache.clear();
      cache.set(key, entry);
    }
    if (!entry.lookup) throw new Problem(401, 'Unauthorized', 'the API key is not valid');
    if (entry.lookup.revoked) throw new Problem(403, 'Forbidden', 'the API key has been revoked');
    request.tenantId = entry.lookup.tenantId;
  };
}

export function tenantOf(request: FastifyRequest): string {
  if (!request.tenantId) throw new Problem(401, 'Unauthorized', 'not authenticated');
  return request.tenantId;
}
