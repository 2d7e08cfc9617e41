// Debtor self-service pages (GET /p/:token). Being built out; see the self-service issue notes.
import type { Client } from '@temporalio/client';
import type { FastifyPluginAsync } from 'fastify';
import { type PublicUrls, verifySelfServiceToken } from '../../activities/self-service-link.js';
import type { Database } from '../../db/client.js';
import { invoiceResource } from '../invoice-resource.js';
import type { InvoiceService } from '../invoice-service.js';
import { notFound } from '../problem.js';

export interface SelfServiceOptions {
  db: Database;
  invoices: InvoiceService;
  temporal: Client;
  urls: PublicUrls;
}

export const selfServiceRoutes: FastifyPluginAsync<SelfServiceOptions> = async (app, { invoices, urls }) => {
  app.get('/p/:token', { schema: { hide: true } }, async (request, reply) => {
    const named = verifySelfServiceToken(urls.tokenSecret, (request.params as { token: string }).token);
    if (!named) throw notFound('page');
    const row = await invoices.requireInvoice(named.tenantId, named.invoiceId);
    const resource = invoiceResource(row, invoices.selfServiceUrl(row), await invoices.liveStatus(row));
    return reply
      .type('text/html; charset=utf-8')
      .send(
        `<!doctype html><html><body><h1>${resource.invoiceId}</h1><p>${resource.amountDue.value}</p>${resource.paymentUrl ? `<a href="${resource.paymentUrl}">Pay</a>` : ''}</body></html>`,
      );
  });
};
