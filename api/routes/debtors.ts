import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Client } from '@temporalio/client';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/client.js';
import { tenantOf } from '../auth.js';
import { DebtorPatch, updateDebtorContact } from '../debtor-update.js';
import { Identifier, problemResponses } from '../schemas.js';

export const debtorRoutes: FastifyPluginAsync<{
  db: Database;
  temporal: Client;
  appChannelConfigured: boolean;
}> = async (plugin, deps) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  app.patch(
    '/debtors/:debtorId',
    {
      schema: {
        summary: 'Update contact data, language, preference or payday; open invoices pick it up',
        security: [{ apiKey: [] }],
        params: Type.Object({ debtorId: Identifier }, { additionalProperties: false }),
        body: DebtorPatch,
        response: {
          200: Type.Object({
            debtorId: Type.String(),
            openInvoices: Type.Integer(),
            updatedFields: Type.Array(Type.String()),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const result = await updateDebtorContact(deps, tenantId, request.params.debtorId, request.body);
      request.log.info(
        { tenantId, debtorId: result.debtorId, openInvoices: result.openInvoices },
        'debtor updated',
      );
      return result;
    },
  );
};
