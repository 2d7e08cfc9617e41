// A tenant's own API keys: which exist, and revoking one (a leaked key, a rotation). Revocation
// takes effect on the next request in every API process (see api-keys.ts); new keys come from the
// tenant command (scripts/create-tenant.ts), which prints a key once.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/client.js';
import { revokeTenantApiKey, tenantApiKeys } from '../../db/queries/tenants.js';
import type { ApiKeys } from '../api-keys.js';
import { tenantOf } from '../auth.js';
import { notFound } from '../problem.js';
import { problemResponses } from '../schemas.js';

const ApiKeyView = Type.Object(
  {
    id: Type.String({ description: 'the key’s id (not the key)' }),
    label: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    current: Type.Boolean({ description: 'the key this request was sent with' }),
  },
  {
    examples: [
      {
        id: '3f1a9c0de25b7741',
        label: 'billing system',
        createdAt: '2026-11-02T09:00:00.000Z',
        revokedAt: null,
        current: true,
      },
    ],
  },
);

const KeyParams = Type.Object(
  { keyId: Type.String({ pattern: '^[0-9a-f]{16}$', examples: ['3f1a9c0de25b7741'] }) },
  { additionalProperties: false },
);

export const apiKeyRoutes: FastifyPluginAsync<{ db: Database; keys: ApiKeys }> = async (
  plugin,
  { db, keys },
) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const view = (
    row: { id: string; label: string; createdAt: Date; revokedAt: Date | null },
    current: string | undefined,
  ) => ({
    id: row.id,
    label: row.label,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    current: row.id === current,
  });

  app.get(
    '/api-keys',
    {
      schema: {
        summary: 'The tenant’s API keys (ids and labels; the keys themselves are never stored)',
        security: [{ apiKey: [] }],
        response: { 200: Type.Object({ items: Type.Array(ApiKeyView) }), ...problemResponses },
      },
    },
    async (request) => {
      const rows = await tenantApiKeys(db, tenantOf(request));
      return { items: rows.map((row) => view(row, request.apiKeyId)) };
    },
  );

  app.delete(
    '/api-keys/:keyId',
    {
      schema: {
        summary: 'Revoke one of the tenant’s API keys, from the next request on, in every API process',
        description:
          'Idempotent: revoking a revoked key answers the same. Revoking the key the request was sent with ' +
          'is allowed (a leaked key); later requests with it are 403.',
        security: [{ apiKey: [] }],
        params: KeyParams,
        response: { 200: ApiKeyView, ...problemResponses },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const revoked = await revokeTenantApiKey(db, tenantId, request.params.keyId);
      if (revoked) keys.forget(revoked.keyHash);
      const row = (await tenantApiKeys(db, tenantId)).find((key) => key.id === request.params.keyId);
      if (!row) throw notFound(`API key ${request.params.keyId}`);
      request.log.info({ tenantId, keyId: row.id }, 'API key revoked');
      return view(row, request.apiKeyId);
    },
  );
};
