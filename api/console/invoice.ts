// /console/invoices/{id}: the invoice as the read model has it (amounts, status, next step) — the
// first, read-only version of the invoice page; the timeline, messages and actions build on it.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { escapeHtml as h } from '../../activities/templates/safety.js';
import type { Database } from '../../db/client.js';
import { getDebtor } from '../../db/queries/debtors.js';
import { getInvoice } from '../../db/queries/invoices.js';
import { formatAmount } from '../../workflows/policy/money.js';
import { consolePage, PAGE_HEADERS } from './layout.js';
import { maskEmail, maskName, seesContactData } from './masking.js';
import { type ConsoleAuth, consoleContext } from './session.js';

const html = { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } };

export const invoicePageRoutes: FastifyPluginAsync<{ auth: ConsoleAuth; db: Database }> = async (
  app,
  { auth, db },
) => {
  app.get(
    '/console/invoices/:invoiceId',
    {
      preHandler: auth.requireRole('viewer'),
      schema: {
        summary: 'Console invoice page',
        params: {
          type: 'object',
          required: ['invoiceId'],
          properties: { invoiceId: { type: 'string', minLength: 1, maxLength: 200 } },
        },
        response: {
          200: html,
          303: { description: 'Not signed in: to the sign-in form', type: 'null' },
          404: html,
        },
      },
    },
    async (request: FastifyRequest<{ Params: { invoiceId: string } }>, reply) => {
      const context = consoleContext(request);
      const { texts, user } = context;
      const t = texts.invoice;
      const send = (status: number, title: string, main: string) =>
        reply
          .code(status)
          .type('text/html; charset=utf-8')
          .headers(PAGE_HEADERS)
          .send(consolePage(context, title, main));
      const back = `<p><a href="/console">${h(t.back)}</a></p>`;
      // The user's own tenant only: another tenant's invoice is as absent as a made-up one.
      const invoice = await getInvoice(db, user.tenantId, request.params.invoiceId);
      if (!invoice) return send(404, t.notFound, `${back}<h1>${h(t.notFound)}</h1>`);
      const debtor = await getDebtor(db, user.tenantId, invoice.debtorId);
      const sees = seesContactData(user.role);
      const name = debtor ? (sees ? debtor.name : maskName(debtor.name)) : '';
      const email = debtor?.email ? (sees ? debtor.email : maskEmail(debtor.email)) : '';
      const money = (cents: number) => h(`${invoice.currency} ${formatAmount(cents)}`);
      const status = (texts.statuses as Record<string, string>)[invoice.status] ?? invoice.status;
      const rows: [string, string][] = [
        [texts.worklist.columns.status, h(status)],
        [texts.worklist.columns.stage, h(invoice.stage)],
        [t.debtor, `${h(invoice.debtorId)}${name ? ` · ${h(name)}` : ''}${email ? ` · ${h(email)}` : ''}`],
        [t.principal, money(invoice.amountCents)],
        [t.costs, money(invoice.costsCents)],
        [t.interest, money(invoice.interestCents)],
        [t.paid, money(invoice.paidCents)],
        [t.amountDue, `<strong>${money(invoice.amountDueCents)}</strong>`],
        [
          t.nextAction,
          invoice.nextAction && invoice.nextActionAt
            ? h(`${invoice.nextAction} · ${invoice.nextActionAt.toISOString().slice(0, 10)}`)
            : '—',
        ],
      ];
      const table = `<table><tbody>${rows.map(([label, value]) => `<tr><th scope="row">${h(label)}</th><td>${value}</td></tr>`).join('')}</tbody></table>`;
      return send(
        200,
        t.title(invoice.invoiceId),
        `${back}<h1>${h(t.title(invoice.invoiceId))}</h1>${table}`,
      );
    },
  );
};
