// /console/invoices/{id}: everything about one invoice — amounts, the schedule ahead (projected by the
// workflow's own decision functions), the messages as the debtor saw them with their delivery
// history, payments, the timeline from the read model, the actions the user's role may take, and a
// link to the run in the Temporal UI.
import type { Static } from '@sinclair/typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { escapeHtml as h } from '../../activities/templates/safety.js';
import type { Database } from '../../db/client.js';
import { communicationsOfInvoice } from '../../db/queries/communications.js';
import { getDebtor } from '../../db/queries/debtors.js';
import { getInvoice, type InvoiceRow } from '../../db/queries/invoices.js';
import { messageCopiesOfInvoice } from '../../db/queries/message-copies.js';
import type { PostingSchedule } from '../../workflows/policy/receipt.js';
import type { InvoiceService } from '../invoice-service.js';
import { invoiceSchedule } from '../schedule.js';
import { invoiceTimeline, type TimelineEntrySchema } from '../timeline.js';
import { moment, money } from './format.js';
import { actionsFor, CONSOLE_ACTIONS, type ConsoleAction } from './invoice-actions.js';
import { messagesSection } from './invoice-messages.js';
import { consolePage, PAGE_HEADERS } from './layout.js';
import { maskEmail, maskName, seesContactData } from './masking.js';
import { HTML_PAGE as html, SIGN_IN_REDIRECT } from './route-schemas.js';
import { type ConsoleAuth, type ConsoleRequestContext, consoleContext } from './session.js';

/** Where operators see a workflow run: the Temporal UI's page of the invoice's workflow. */
export interface TemporalUi {
  baseUrl: string;
  namespace: string;
}

type Timeline = Awaited<ReturnType<typeof invoiceTimeline>>;
type Entry = Static<typeof TimelineEntrySchema>;
type Schedule = ReturnType<typeof invoiceSchedule>;

const table = (caption: string, head: string[], rows: string[][]) =>
  `<div class="table-wrap" role="region" aria-label="${h(caption)}" tabindex="0"><table class="striped"><thead><tr>${head.map((c) => `<th scope="col">${h(c)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;

function summary(
  context: ConsoleRequestContext,
  row: InvoiceRow,
  timeline: Timeline,
  debtor: { name: string; email: string | null } | undefined,
): string {
  const { texts } = context;
  const t = texts.invoice;
  const sees = seesContactData(context.user.role);
  const name = debtor ? (sees ? debtor.name : maskName(debtor.name)) : '';
  const email = debtor?.email ? (sees ? debtor.email : maskEmail(debtor.email)) : '';
  const cents = (value: string) => h(`${row.currency} ${value}`);
  const status = (texts.statuses as Record<string, string>)[timeline.status] ?? timeline.status;
  const debtorLink = `<a href="/console/debtors/${encodeURIComponent(row.debtorId)}">${h(row.debtorId)}</a>`;
  const rows: [string, string][] = [
    [texts.worklist.columns.status, h(status)],
    [texts.worklist.columns.stage, h(row.stage)],
    [t.debtor, `${debtorLink}${name ? ` · ${h(name)}` : ''}${email ? ` · ${h(email)}` : ''}`],
    [t.principal, h(money(row.currency, row.amountCents))],
    [t.costs, cents(timeline.amounts.costs)],
    [t.interest, cents(timeline.amounts.interest)],
    [t.paid, cents(timeline.amounts.paid)],
    [t.amountDue, `<strong>${cents(timeline.amounts.due)}</strong>`],
    ...(timeline.amounts.overpaid !== '0.00'
      ? [[texts.casework.overpaid, cents(timeline.amounts.overpaid)] as [string, string]]
      : []),
    [
      t.nextAction,
      row.nextAction && row.nextActionAt
        ? `${h(row.nextAction)} · ${moment(context.lang, row.nextActionAt)}`
        : '—',
    ],
  ];
  return `<section aria-labelledby="amounts"><h2 id="amounts">${h(texts.casework.amounts)}</h2><table><tbody>${rows.map(([label, value]) => `<tr><th scope="row">${h(label)}</th><td>${value}</td></tr>`).join('')}</tbody></table></section>`;
}

function actionLinks(context: ConsoleRequestContext, row: InvoiceRow): string {
  // Viewers look only: they get no action (and the action routes refuse them).
  if (context.user.role === 'viewer') return '';
  const t = context.texts.casework.actions;
  const available = actionsFor(row);
  const body = available.length
    ? `<ul class="action-list">${available.map((action) => `<li><a role="button" class="outline" href="/console/invoices/${encodeURIComponent(row.invoiceId)}/actions/${action}">${h(t.names[action])}</a></li>`).join('')}</ul>`
    : `<p>${h(t.closed)}</p>`;
  return `<section aria-labelledby="actions"><h2 id="actions">${h(t.title)}</h2>${body}</section>`;
}

function scheduleSection(context: ConsoleRequestContext, row: InvoiceRow, schedule: Schedule): string {
  const t = context.texts.casework.schedule;
  const body = schedule.steps.length
    ? table(
        t.title,
        [t.step, t.at, t.channel, t.dueIfUnpaid],
        schedule.steps.map((step) => [
          h(step.step),
          moment(context.lang, step.at),
          h(step.channel ?? t.noChannel),
          h(`${row.currency} ${step.amountsIfUnpaid.due}`),
        ]),
      )
    : `<p>${h(t.nothing(schedule.reason ?? ''))}</p>`;
  return `<section aria-labelledby="schedule"><h2 id="schedule">${h(t.title)}</h2>${body}</section>`;
}

function paymentsSection(context: ConsoleRequestContext, timeline: Timeline): string {
  const t = context.texts.casework.payments;
  const entries: Entry[] = timeline.entries;
  const payments = entries.filter((entry) => entry.type === 'payment');
  const body = payments.length
    ? table(
        t.title,
        [t.at, t.source, t.amount],
        payments.map((p) => [
          moment(context.lang, p.at),
          h(p.kind),
          h(p.amount ? `${p.amount.currency} ${p.amount.value}` : ''),
        ]),
      )
    : `<p>${h(t.empty)}</p>`;
  return `<section aria-labelledby="payments"><h2 id="payments">${h(t.title)}</h2>${body}</section>`;
}

function timelineSection(context: ConsoleRequestContext, timeline: Timeline): string {
  const t = context.texts.casework.timeline;
  const entries: Entry[] = timeline.entries;
  const body = entries.length
    ? table(
        t.title,
        [t.at, t.what, t.detail],
        entries.map((entry) => [
          moment(context.lang, entry.at),
          h(
            entry.channel
              ? `${entry.type}: ${entry.kind} (${entry.channel})`
              : `${entry.type}: ${entry.kind}`,
          ),
          h(
            [entry.status, entry.amount ? `${entry.amount.currency} ${entry.amount.value}` : '', entry.detail]
              .filter(Boolean)
              .join(' · '),
          ),
        ]),
      )
    : `<p>${h(t.empty)}</p>`;
  return `<section aria-labelledby="timeline"><h2 id="timeline">${h(t.title)}</h2>${body}</section>`;
}

export const invoicePageRoutes: FastifyPluginAsync<{
  auth: ConsoleAuth;
  db: Database;
  invoices: InvoiceService;
  letterPosting: PostingSchedule;
  temporalUi: TemporalUi | undefined;
  now: () => Date;
}> = async (app, { auth, db, invoices, letterPosting, temporalUi, now }) => {
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
        querystring: {
          type: 'object',
          properties: { done: { type: 'string', maxLength: 20 } },
        },
        response: {
          200: html,
          303: SIGN_IN_REDIRECT,
          404: html,
        },
      },
    },
    async (
      request: FastifyRequest<{ Params: { invoiceId: string }; Querystring: { done?: string } }>,
      reply,
    ) => {
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
      const row = await getInvoice(db, user.tenantId, request.params.invoiceId);
      if (!row) return send(404, t.notFound, `${back}<h1>${h(t.notFound)}</h1>`);
      // The read model for everything but the schedule, which only the running workflow can project.
      const [debtor, timeline, messages, copies, projection] = await Promise.all([
        getDebtor(db, user.tenantId, row.debtorId),
        invoiceTimeline(db, row, undefined),
        communicationsOfInvoice(db, user.tenantId, row.invoiceId),
        messageCopiesOfInvoice(db, user.tenantId, row.invoiceId),
        invoices.liveProjection(row),
      ]);
      const schedule = invoiceSchedule(row, projection, letterPosting, now());
      const done = CONSOLE_ACTIONS.find((action) => action === request.query.done) as
        | ConsoleAction
        | undefined;
      const notice = done ? `<p role="status"><mark>${h(texts.casework.done[done])}</mark></p>` : '';
      const links = [
        `<a href="/console/debtors/${encodeURIComponent(row.debtorId)}">${h(texts.casework.debtorPage)}</a>`,
        ...(temporalUi
          ? [
              `<a href="${h(`${temporalUi.baseUrl}/namespaces/${encodeURIComponent(temporalUi.namespace)}/workflows/${encodeURIComponent(row.workflowId)}`)}" rel="noopener noreferrer" target="_blank">${h(texts.casework.temporalRun)}</a>`,
            ]
          : []),
      ];
      return send(
        200,
        t.title(row.invoiceId),
        `${back}<h1>${h(t.title(row.invoiceId))}</h1>${notice}<p class="links">${links.join(' · ')}</p>${summary(context, row, timeline, debtor)}${actionLinks(context, row)}${scheduleSection(context, row, schedule)}${messagesSection(context, messages, copies)}${paymentsSection(context, timeline)}${timelineSection(context, timeline)}`,
      );
    },
  );
};
