// /console/invoices/{id}/actions/{action}: an invoice action as a form with an explicit confirmation,
// no script needed. The form runs the API's own action code (api/invoice-actions.ts): its schema
// errors and refusals come back as errors at their fields. Each form carries an idempotency key made
// when it was shown, so a double submit is one action (one payment, not two).
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { escapeHtml as h } from '../../activities/templates/safety.js';
import type { Database } from '../../db/client.js';
import { getInvoice, type InvoiceRow } from '../../db/queries/invoices.js';
import { formatAmount } from '../../workflows/policy/money.js';
import {
  ACTION_BODIES,
  type ActionResult,
  type ActionTarget,
  createInvoiceActions,
  type InvoiceActions,
} from '../invoice-actions.js';
import type { InvoiceService } from '../invoice-service.js';
import { lineValidator } from '../line-validator.js';
import {
  checkboxField,
  type FormErrors,
  field,
  generalErrors,
  hasErrors,
  problemErrors,
  radioGroup,
  schemaErrors,
} from './form-errors.js';
import { consolePage, csrfField, PAGE_HEADERS } from './layout.js';
import { formBody, HTML_PAGE as html, SIGN_IN_REDIRECT } from './route-schemas.js';
import { type ConsoleAuth, type ConsoleRequestContext, consoleContext } from './session.js';

export const CONSOLE_ACTIONS = [
  'pause',
  'resume',
  'cancel',
  'payment',
  'plan',
  'promise',
  'dispute',
  'resolve',
] as const;
export type ConsoleAction = (typeof CONSOLE_ACTIONS)[number];

/** The actions that suit the invoice's status, in the order offered; the workflow refuses the rest. */
export function actionsFor(row: Pick<InvoiceRow, 'status' | 'closedAt'>): ConsoleAction[] {
  if (row.closedAt) return [];
  switch (row.status) {
    case 'open':
      return ['pause', 'promise', 'plan', 'payment', 'dispute', 'cancel'];
    case 'paused':
      return ['resume', 'payment', 'cancel'];
    case 'disputed':
      return ['resolve', 'payment', 'cancel'];
    case 'in_plan':
      return ['payment', 'pause', 'cancel'];
    default:
      return [];
  }
}

type FormValues = Record<string, string>;
const KEY = /^[A-Za-z0-9-]{16,64}$/;
/** Form fields never sent empty: an empty optional field is an absent one. */
const given = (values: FormValues, name: string) => (values[name] ?? '').trim();
const only = (entries: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined && value !== ''));

interface ActionForm {
  fields: readonly string[];
  /** The API body the form's values spell. */
  body(values: FormValues): Record<string, unknown>;
  validate?: ReturnType<typeof lineValidator>;
  run(actions: InvoiceActions, target: ActionTarget, body: never): Promise<ActionResult>;
}

/** A date field as the moment the API takes: the day's start (pause) or its middle (a payment). */
const dayAt = (day: string, time: string) => (day ? `${day}T${time}Z` : undefined);

const FORMS: Record<ConsoleAction, ActionForm> = {
  pause: {
    fields: ['reason', 'until'],
    body: (v) => only({ reason: given(v, 'reason'), until: dayAt(given(v, 'until'), '00:00:00') }),
    validate: lineValidator(ACTION_BODIES.pause),
    run: (a, t, b) => a.pause(t, b),
  },
  resume: { fields: [], body: () => ({}), run: (a, t) => a.resume(t) },
  cancel: {
    fields: ['reason'],
    body: (v) => only({ reason: given(v, 'reason') }),
    validate: lineValidator(ACTION_BODIES.cancel),
    run: (a, t, b) => a.cancel(t, b),
  },
  payment: {
    fields: ['amount', 'paidAt', 'reference'],
    body: (v) =>
      only({
        // People write "12,50": the API spells it "12.50".
        amount: { currency: 'EUR', value: given(v, 'amount').replace(',', '.') },
        paidAt: dayAt(given(v, 'paidAt'), '12:00:00'),
        reference: given(v, 'reference'),
      }),
    validate: lineValidator(ACTION_BODIES.payment),
    run: (a, t, b) => a.recordPayment(t, b),
  },
  plan: {
    fields: ['instalments'],
    body: (v) => {
      const text = given(v, 'instalments');
      return only({ instalments: /^\d{1,4}$/.test(text) ? Number(text) : text });
    },
    validate: lineValidator(ACTION_BODIES.plan),
    run: (a, t, b) => a.paymentPlan(t, b),
  },
  promise: {
    fields: ['date'],
    body: (v) => only({ date: given(v, 'date') }),
    validate: lineValidator(ACTION_BODIES.promise),
    run: (a, t, b) => a.promiseToPay(t, b),
  },
  dispute: {
    fields: ['reason'],
    body: (v) => only({ reason: given(v, 'reason') }),
    validate: lineValidator(ACTION_BODIES.dispute),
    run: (a, t, b) => a.openDispute(t, b),
  },
  resolve: {
    fields: ['outcome'],
    body: (v) => only({ outcome: given(v, 'outcome') }),
    validate: lineValidator(ACTION_BODIES.resolve),
    run: (a, t, b) => a.resolveDispute(t, b),
  },
};

function fieldsHtml(
  context: ConsoleRequestContext,
  action: ConsoleAction,
  values: FormValues,
  errors: FormErrors,
): string {
  const f = context.texts.casework.actions.fields;
  const value = (name: string) => values[name] ?? '';
  const reason = field(
    {
      name: 'reason',
      label: f.reason,
      value: value('reason'),
      type: 'textarea',
      extra: ' required maxlength="500"',
    },
    errors,
  );
  switch (action) {
    case 'pause':
      return reason + field({ name: 'until', label: f.until, value: value('until'), type: 'date' }, errors);
    case 'cancel':
    case 'dispute':
      return reason;
    case 'payment':
      return [
        field(
          {
            name: 'amount',
            label: f.amount,
            value: value('amount'),
            extra: ' required inputmode="decimal" maxlength="14" autocomplete="off"',
          },
          errors,
        ),
        field({ name: 'paidAt', label: f.paidAt, value: value('paidAt'), type: 'date' }, errors),
        field(
          { name: 'reference', label: f.reference, value: value('reference'), extra: ' maxlength="140"' },
          errors,
        ),
      ].join('');
    case 'plan':
      return field(
        {
          name: 'instalments',
          label: f.instalments,
          value: value('instalments'),
          type: 'number',
          extra: ' required min="1" max="100"',
        },
        errors,
      );
    case 'promise':
      return field(
        { name: 'date', label: f.date, value: value('date'), type: 'date', extra: ' required' },
        errors,
      );
    case 'resolve':
      return radioGroup(
        {
          name: 'outcome',
          legend: f.outcome,
          value: value('outcome'),
          options: [
            ['rejected', f.rejected],
            ['upheld', f.upheld],
          ],
        },
        errors,
      );
    case 'resume':
      return '';
  }
}

export function actionPage(
  context: ConsoleRequestContext,
  row: InvoiceRow,
  action: ConsoleAction,
  values: FormValues,
  errors: FormErrors,
  key: string,
): string {
  const { texts } = context;
  const t = texts.casework.actions;
  const title = `${t.names[action]} · ${row.invoiceId}`;
  const invoiceUrl = `/console/invoices/${encodeURIComponent(row.invoiceId)}`;
  const status = (texts.statuses as Record<string, string>)[row.status] ?? row.status;
  const summary = `<p>${h(texts.worklist.columns.status)}: ${h(status)} · ${h(texts.invoice.amountDue)}: <strong>${h(`${row.currency} ${formatAmount(row.amountDueCents)}`)}</strong></p>`;
  const back = `<p><a href="${h(invoiceUrl)}">${h(t.back)}</a></p>`;
  if (row.closedAt)
    return consolePage(context, title, `${back}<h1>${h(title)}</h1><p role="alert">${h(t.closed)}</p>`);
  const form = `<form method="post" action="${h(`${invoiceUrl}/actions/${action}`)}" novalidate>${csrfField(context)}<input type="hidden" name="key" value="${h(key)}">${generalErrors(t.errors, errors)}${fieldsHtml(context, action, values, errors)}${checkboxField({ name: 'confirm', label: t.confirm, checked: false }, errors)}<button type="submit">${h(t.submit)}</button></form>`;
  return consolePage(
    context,
    title,
    `${back}<h1>${h(title)}</h1>${summary}<p>${h(t.intro[action])}</p>${form}`,
  );
}

const params = {
  type: 'object',
  required: ['invoiceId', 'action'],
  properties: {
    invoiceId: { type: 'string', minLength: 1, maxLength: 200 },
    action: { type: 'string', enum: [...CONSOLE_ACTIONS] },
  },
} as const;
const FORM_FIELDS = [
  'key',
  'confirm',
  'reason',
  'until',
  'amount',
  'paidAt',
  'reference',
  'date',
  'outcome',
  'instalments',
];

type ActionRequest = FastifyRequest<{
  Params: { invoiceId: string; action: ConsoleAction };
  Body: FormValues;
}>;

export const invoiceActionPageRoutes: FastifyPluginAsync<{
  auth: ConsoleAuth;
  db: Database;
  invoices: InvoiceService;
}> = async (app, { auth, db, invoices }) => {
  const actions = createInvoiceActions({ invoices, db });
  const send = (reply: import('fastify').FastifyReply, status: number, body: string) =>
    reply.code(status).type('text/html; charset=utf-8').headers(PAGE_HEADERS).send(body);
  const notFound = (context: ConsoleRequestContext) =>
    consolePage(
      context,
      context.texts.invoice.notFound,
      `<p><a href="/console">${h(context.texts.invoice.back)}</a></p><h1>${h(context.texts.invoice.notFound)}</h1>`,
    );

  app.get(
    '/console/invoices/:invoiceId/actions/:action',
    {
      preHandler: auth.requireRole('collector'),
      schema: {
        summary: 'Console invoice action form',
        params,
        response: {
          200: html,
          303: SIGN_IN_REDIRECT,
          403: html,
          404: html,
        },
      },
    },
    async (request: ActionRequest, reply) => {
      const context = consoleContext(request);
      const row = await getInvoice(db, context.user.tenantId, request.params.invoiceId);
      if (!row) return send(reply, 404, notFound(context));
      return send(reply, 200, actionPage(context, row, request.params.action, {}, {}, randomUUID()));
    },
  );

  app.post(
    '/console/invoices/:invoiceId/actions/:action',
    {
      preHandler: auth.requireRole('collector'),
      schema: {
        summary: 'Console invoice action (confirmed)',
        params,
        body: formBody(FORM_FIELDS),
        response: {
          303: { description: 'Done: back to the invoice page', type: 'null' },
          401: html,
          403: html,
          404: html,
          422: html,
        },
      },
    },
    async (request: ActionRequest, reply) => {
      const context = consoleContext(request);
      const { action, invoiceId } = request.params;
      const row = await getInvoice(db, context.user.tenantId, invoiceId);
      if (!row) return send(reply, 404, notFound(context));
      const values = request.body ?? {};
      const spec = FORMS[action];
      const body = spec.body(values);
      const errors: FormErrors = spec.validate
        ? (schemaErrors(spec.validate, body, spec.fields, context.texts.validation) ?? {})
        : {};
      const key = given(values, 'key');
      if (!KEY.test(key)) errors[''] = [...(errors[''] ?? []), context.texts.forbidden.csrf];
      if (values.confirm !== 'yes') errors.confirm = [context.texts.casework.actions.confirmRequired];
      const formKey = KEY.test(key) ? key : randomUUID();
      if (hasErrors(errors))
        return send(reply, 422, actionPage(context, row, action, values, errors, formKey));
      const target: ActionTarget = {
        tenantId: context.user.tenantId,
        invoiceId,
        idempotencyKey: `console:${key}`,
        requestId: request.id,
        log: request.log,
      };
      try {
        await spec.run(actions, target, body as never);
      } catch (error) {
        const refused = problemErrors(error, spec.fields, context.texts.refusals);
        return send(reply, 422, actionPage(context, row, action, values, refused, formKey));
      }
      request.log.info({ consoleUser: context.user.userId, invoiceId, action }, 'console invoice action');
      return reply.redirect(`/console/invoices/${encodeURIComponent(invoiceId)}?done=${action}`, 303);
    },
  );
};
