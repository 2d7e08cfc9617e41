// Delivery facts no provider reports: the print house or credit manager tells Settle that a letter came
// back undelivered (or, with track & trace, when it was delivered). The fact is stored with the message
// and signalled to the workflow like any provider's report: a returned 14-day letter starts no cost
// clock, costs charged on it are withdrawn, and the message goes out again on the next channel.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Client } from '@temporalio/client';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/client.js';
import { getCommunication, recordCommunicationStatus } from '../../db/queries/communications.js';
import { deliverySignal } from '../../workflows/definitions.js';
import { tenantOf } from '../auth.js';
import { inDeliveryOrder } from '../delivery-history.js';
import type { InvoiceService } from '../invoice-service.js';
import { notFound, unprocessable } from '../problem.js';
import { DateTimeString, Identifier, problemResponses } from '../schemas.js';
import { isClosedWorkflow } from '../webhooks/processor.js';

interface Options {
  invoices: InvoiceService;
  db: Database;
  temporal: Client;
}

const LetterDelivery = Type.Object(
  {
    status: Type.Union([Type.Literal('returned'), Type.Literal('delivered')], {
      description: 'returned: the post brought the letter back undelivered; delivered: proven delivery',
    }),
    at: Type.Optional(DateTimeString),
  },
  { additionalProperties: false, examples: [{ status: 'returned', at: '2027-01-15T09:30:00Z' }] },
);

const MessageDelivery = Type.Object(
  {
    messageId: Type.String(),
    channel: Type.String(),
    status: Type.String(),
    statusHistory: Type.Array(Type.Object({ status: Type.String(), at: Type.String() })),
  },
  {
    examples: [
      {
        messageId: 'msg_3f9a1c0d2b7e4a5f6c8d9e0a',
        channel: 'letter',
        status: 'returned',
        statusHistory: [
          { status: 'queued', at: '2026-12-24T10:14:00.000Z' },
          { status: 'sent', at: '2026-12-24T10:14:01.000Z' },
          { status: 'returned', at: '2027-01-15T09:30:00.000Z' },
        ],
      },
    ],
  },
);

export const messageDeliveryRoutes: FastifyPluginAsync<Options> = async (
  plugin,
  { invoices, db, temporal },
) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/invoices/:invoiceId/messages/:messageId/delivery',
    {
      schema: {
        summary: 'Report what became of a letter: returned undelivered, or delivered (track & trace)',
        security: [{ apiKey: [] }],
        params: Type.Object({ invoiceId: Identifier, messageId: Identifier }),
        body: LetterDelivery,
        response: { 200: MessageDelivery, ...problemResponses },
      },
    },
    async (request) => {
      const row = await invoices.requireInvoice(tenantOf(request), request.params.invoiceId);
      const message = await getCommunication(db, request.params.messageId);
      if (!message || message.tenantId !== row.tenantId || message.invoiceId !== row.invoiceId)
        throw notFound(`message ${request.params.messageId}`);
      if (message.channel !== 'letter')
        throw unprocessable(
          'only letters are reported here; email, SMS and WhatsApp report through their providers',
          [{ field: '/status', message: `message ${message.id} is a ${message.channel} message` }],
        );
      const at = request.body.at ?? new Date().toISOString();
      const recorded = await recordCommunicationStatus(db, message.id, { status: request.body.status, at });
      // Told again on a repeat: the workflow ignores a status the message already has.
      await temporal.workflow
        .getHandle(message.workflowId)
        .signal(deliverySignal, { messageId: message.id, status: request.body.status, at })
        .catch((error: unknown) => {
          // A closed invoice has nothing left to change; the fact stays recorded with the message.
          if (!isClosedWorkflow(error)) throw error;
        });
      const current = recorded ?? (await getCommunication(db, message.id))!;
      request.log.info(
        { tenantId: row.tenantId, invoiceId: row.invoiceId, status: request.body.status },
        'letter delivery reported',
      );
      return {
        messageId: current.id,
        channel: current.channel,
        status: current.status,
        statusHistory: inDeliveryOrder(current.statusHistory).map((h) => ({ status: h.status, at: h.at })),
      };
    },
  );
};
