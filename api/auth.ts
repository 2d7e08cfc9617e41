// Who is calling: a Bearer API key (the scheme in any letter case) names a tenant. `identify` runs
// for every request before the rate limit, so the limit counts the verified tenant — never the raw
// header, which a caller can vary at will — and everyone else by client address. Routes that need a
// tenant refuse afterwards, so failed attempts use up the address's budget too.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeys } from './api-keys.js';
import { Problem } from './problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    tenantId?: string;
    /** The id of the API key the tenant authenticated with. */
    apiKeyId?: string;
    /** Why the request is not authenticated, for the routes that require it. */
    authFailure?: Problem;
  }
}

const BEARER = /^bearer[ \t]+([^\s,]+)[ \t]*$/i;

export const MISSING_KEY = new Problem(401, 'Unauthorized', 'send Authorization: Bearer <api key>');

/** The API key of an `Authorization: Bearer <key>` header, or undefined. */
export function bearerKey(header: string | undefined): string | undefined {
  return header ? BEARER.exec(header)?.[1] : undefined;
}

/** Looks the key up and records the tenant or the failure; a key that exists but was revoked is 403. */
export async function authenticateKey(request: FastifyRequest, keys: ApiKeys, key: string): Promise<void> {
  const lookup = await keys.lookup(key);
  if (!lookup) request.authFailure = new Problem(401, 'Unauthorized', 'the API key is not valid');
  else if (lookup.revoked)
    request.authFailure = new Problem(403, 'Forbidden', 'the API key has been revoked');
  else {
    request.tenantId = lookup.tenantId;
    request.apiKeyId = lookup.keyId;
  }
}

export function identify(keys: ApiKeys) {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const header = request.headers.authorization;
    if (header === undefined) return;
    const key = bearerKey(header);
    if (!key) {
      request.authFailure = MISSING_KEY;
      return;
    }
    await authenticateKey(request, keys, key);
  };
}

/** The rate limit's bucket: the verified tenant, else the client address. */
export const rateLimitKey = (request: FastifyRequest) =>
  request.tenantId ? `tenant:${request.tenantId}` : `ip:${request.ip}`;

/** onRequest hook for routes that need a tenant. */
export async function requireTenant(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  if (!request.tenantId) throw request.authFailure ?? MISSING_KEY;
}

export function tenantOf(request: FastifyRequest): string {
  if (!request.tenantId) throw MISSING_KEY;
  return request.tenantId;
}
