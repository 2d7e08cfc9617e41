import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Client } from '@temporalio/client';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/client.js';
import { getDebtor, updateDebtor } from '../../db/queries/debtors.js';
import { openInvoicesOfDebtor } from '../../db/queries/invoices.js';
import { tenantOf } from '../auth.js';
import { notifyContactChange } from '../contact-change.js';
import { learnedPaydayOf } from '../learned-timing.js';
import { notFound, unprocessable } from '../problem.js';
import { DebtorContact, Identifier, problemResponses } from '../schemas.js';

export const DebtorPatch = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 140 })), ...DebtorContact },
  { additionalProperties: false, minProperties: 1 },
);

export const debtorRoutes: FastifyPluginAsync<{
  db: Database;
  temporal: Client;
  appChannelConfigured: boolean;
}> = async (plugin, { db, temporal, appChannelConfigured }) => {
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
      const { debtorId } = request.params;
      if (request.body.whatsappOptIn && !request.body.phone) {
        const current = await getDebtor(db, tenantId, debtorId);
        if (current && !current.phone)
          throw unprocessable('WhatsApp needs a phone number', [
            { field: '/phone', message: 'is required for WhatsApp' },
          ]);
      }
      const debtor = await updateDebtor(db, tenantId, debtorId, request.body);
      if (!debtor) throw notFound(`debtor ${debtorId}`);
      const open = await openInvoicesOfDebtor(db, tenantId, debtorId);
      const learned =
        debtor.payday || open.length === 0 ? undefined : await learnedPaydayOf(db, tenantId, debtorId);
      await notifyContactChange(temporal, debtor, open, appChannelConfigured, learned);
      request.log.info({ tenantId, debtorId, openInvoices: open.length }, 'debtor updated');
      return { debtorId, openInvoices: open.length, updatedFields: Object.keys(request.body) };
    },
  );
};
