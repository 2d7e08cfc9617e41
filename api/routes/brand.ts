// The tenant's house style over the API: GET and PUT /v1/brand. Every message to the tenant's
// debtors carries it, so a new brand is rendered once (email and letter, sample data) before it is
// stored (house-style.ts, shared with the console).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/client.js';
import { getTenant, replaceTenantBrand } from '../../db/queries/tenants.js';
import { tenantOf } from '../auth.js';
import { BrandSchema, brandView, checkedBrand } from '../house-style.js';
import { notFound } from '../problem.js';
import { problemResponses } from '../schemas.js';

export const brandRoutes: FastifyPluginAsync<{
  db: Database;
  /** Forgets this process's cache of the tenant at once (other processes hear the NOTIFY). */
  tenantChanged: (tenantId: string) => void;
}> = async (plugin, { db, tenantChanged }) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/brand',
    {
      schema: {
        summary: 'The tenant’s house style',
        security: [{ apiKey: [] }],
        response: { 200: BrandSchema, ...problemResponses },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const tenant = await getTenant(db, tenantId);
      if (!tenant) throw notFound(`tenant ${tenantId}`);
      return brandView(tenant.brand);
    },
  );

  app.put(
    '/brand',
    {
      schema: {
        summary: 'Replace the tenant’s house style',
        description:
          'The whole brand is replaced; omitted optional fields are removed. The brand is rendered on a ' +
          'sample email and letter first: an invalid IBAN or a brand that does not render is a 422. ' +
          'Messages composed from now on use it, including those of running dunning workflows.',
        security: [{ apiKey: [] }],
        body: BrandSchema,
        response: { 200: BrandSchema, ...problemResponses },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const brand = await checkedBrand(request.body);
      const updated = await replaceTenantBrand(db, tenantId, brand);
      if (!updated) throw notFound(`tenant ${tenantId}`);
      tenantChanged(tenantId);
      request.log.info({ tenantId }, 'brand updated');
      return brandView(updated);
    },
  );
};
