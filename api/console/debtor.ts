// /console/debtors/{id}: a debtor's contact data (masked for roles that may not see it), channel
// preferences and opt-ins, the payday the creditor gave and the one learned from payments, and all
// the debtor's invoices. Collectors and admins edit the contact data through the code of
// `PATCH /v1/debtors/{id}` (api/debtor-update.ts): its schema errors and refusals come back at the
// form's fields, and every open invoice is told of the change.
import type { Client } from '@temporalio/client';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml as h } from '../../activities/templates/safety.js';
import type { Database } from '../../db/client.js';
import { type DebtorRow, getDebtor, reachabilityOf } from '../../db/queries/debtors.js';
import { listInvoices } from '../../db/queries/invoices.js';
import { CHANNELS, LANGUAGES, type PaydayPattern } from '../../workflows/domain.js';
import { DebtorPatch, updateDebtorContact } from '../debtor-update.js';
import { learnedTimingOf } from '../learned-timing.js';
import { lineValidator } from '../line-validator.js';
import {
  checkboxField,
  choiceField,
  type FormErrors,
  field,
  generalErrors,
  hasErrors,
  problemErrors,
  schemaErrors,
} from './form-errors.js';
import { money } from './format.js';
import { consolePage, csrfField, PAGE_HEADERS } from './layout.js';
import { maskAddress, maskEmail, maskName, maskPhone, seesContactData } from './masking.js';
import { formBody, HTML_PAGE as html, SIGN_IN_REDIRECT } from './route-schemas.js';
import { type ConsoleAuth, type ConsoleRequestContext, consoleContext } from './session.js';

/** The debtor page lists this many invoices (a debtor with more is an exception worth an API call). */
export const DEBTOR_INVOICES_SHOWN = 200;

const params = {
  type: 'object',
  required: ['debtorId'],
  properties: { debtorId: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;

const TEXT_FIELDS = ['name', 'email', 'phone', 'appUserId'] as const;
const ADDRESS_FIELDS = ['line1', 'line2', 'postalCode', 'city', 'country'] as const;
export const PAYDAY_RULES = ['dayOfMonth', 'last-business-day', 'weekly', 'four-weekly'] as const;
export type PaydayRule = (typeof PAYDAY_RULES)[number];
/** Named after the PATCH's pointers (`/payday/dayOfMonth`…), so its errors land at these fields. */
const PAYDAY_FIELDS = ['payday.rule', 'payday.dayOfMonth', 'payday.weekday', 'payday.anchor'] as const;
const FORM_FIELDS = [
  ...TEXT_FIELDS,
  'language',
  'preferredChannel',
  'whatsappOptIn',
  ...ADDRESS_FIELDS.map((f) => `address.${f}`),
  ...PAYDAY_FIELDS,
];
type FormValues = Record<string, string>;

/** The payday fields' values for a stored pattern (empty: none given). */
function paydayValues(payday: PaydayPattern | null): FormValues {
  const empty = Object.fromEntries(PAYDAY_FIELDS.map((name) => [name, '']));
  if (!payday) return empty;
  if ('dayOfMonth' in payday)
    return { ...empty, 'payday.rule': 'dayOfMonth', 'payday.dayOfMonth': String(payday.dayOfMonth) };
  if (payday.rule === 'weekly')
    return { ...empty, 'payday.rule': 'weekly', 'payday.weekday': String(payday.weekday) };
  if (payday.rule === 'four-weekly')
    return { ...empty, 'payday.rule': 'four-weekly', 'payday.anchor': payday.anchor };
  return { ...empty, 'payday.rule': payday.rule };
}

/**
 * The pattern the payday fields describe, as the PATCH takes it: digits become numbers, anything
 * else stays text for the schema to refuse at its field. Undefined: no payday chosen.
 */
function paydayOf(values: FormValues): Record<string, unknown> | undefined {
  const value = (name: string) => (values[name] ?? '').trim();
  const number = (name: string) => (/^\d{1,3}$/.test(value(name)) ? Number(value(name)) : value(name));
  switch (value('payday.rule')) {
    case '':
      return undefined;
    case 'dayOfMonth':
      return { dayOfMonth: number('payday.dayOfMonth') };
    case 'weekly':
      return { rule: 'weekly', weekday: number('payday.weekday') };
    case 'four-weekly':
      return { rule: 'four-weekly', anchor: value('payday.anchor') };
    default:
      return { rule: value('payday.rule') };
  }
}

const debtorUrl = (debtorId: string) => `/console/debtors/${encodeURIComponent(debtorId)}`;

function contactRows(context: ConsoleRequestContext, debtor: DebtorRow): [string, string][] {
  const t = context.texts.casework.debtor;
  const sees = seesContactData(context.user.role);
  const masked = (value: string) =>
    `<span class="masked">${h(value)}</span><span class="visually-hidden"> (${h(context.texts.worklist.masked)})</span>`;
  const shown = (value: string | null, mask: (v: string) => string) =>
    value ? (sees ? h(value) : masked(mask(value))) : '—';
  const address = debtor.address;
  const addressText = address
    ? [address.line1, address.line2, `${address.postalCode} ${address.city}`, address.country]
        .filter(Boolean)
        .join(', ')
    : null;
  return [
    [t.name, shown(debtor.name, maskName)],
    [t.type, h(t.types[debtor.type])],
    [t.email, shown(debtor.email, maskEmail)],
    [t.phone, shown(debtor.phone, maskPhone)],
    [t.address, address ? (sees ? h(addressText ?? '') : masked(maskAddress(address))) : '—'],
    [t.appUserId, shown(debtor.appUserId, (v) => `${[...v][0] ?? ''}•••`)],
  ];
}

function rowsTable(rows: [string, string][]): string {
  return `<table><tbody>${rows.map(([label, value]) => `<tr><th scope="row">${h(label)}</th><td>${value}</td></tr>`).join('')}</tbody></table>`;
}

async function debtorPage(
  context: ConsoleRequestContext,
  db: Database,
  debtor: DebtorRow,
  appChannelConfigured: boolean,
  notice: string,
): Promise<string> {
  const { texts } = context;
  const t = texts.casework.debtor;
  const [timing, invoices] = await Promise.all([
    learnedTimingOf(db, debtor.tenantId, debtor.id),
    listInvoices(db, { tenantId: debtor.tenantId, debtorId: debtor.id, limit: DEBTOR_INVOICES_SHOWN }),
  ]);
  const reachable = Object.entries(reachabilityOf(debtor, appChannelConfigured))
    .filter(([, yes]) => yes)
    .map(([channel]) => channel);
  const learned = timing?.pattern
    ? `${h(t.pattern(timing.pattern))} (${h(t.learnedDetail(Math.round(timing.confidence * 100), timing.basedOn))})${timing.preferredWeekdays.length ? ` · ${h(timing.preferredWeekdays.map((d) => t.weekdays[d - 1] ?? String(d)).join(', '))}` : ''}`
    : h(t.learnedNone);
  const preferences = rowsTable([
    [t.language, h(debtor.language)],
    [t.preferredChannel, h(debtor.preferredChannel ?? t.noPreference)],
    [t.whatsappOptIn, h(debtor.whatsappOptIn ? t.yes : t.no)],
    [t.reachable, h(reachable.join(', ') || '—')],
    [t.payday, h(debtor.payday ? t.pattern(debtor.payday as PaydayPattern) : t.paydayNone)],
    [t.learned, learned],
  ]);
  const c = texts.worklist.columns;
  const invoiceRows = invoices
    .map((invoice) => {
      const status = (texts.statuses as Record<string, string>)[invoice.status] ?? invoice.status;
      return `<tr><th scope="row"><a href="/console/invoices/${encodeURIComponent(invoice.invoiceId)}">${h(invoice.invoiceId)}</a></th><td>${h(status)}</td><td>${h(invoice.stage)}</td><td>${h(invoice.dueDate)}</td><td class="num">${h(money(invoice.currency, invoice.amountDueCents))}</td></tr>`;
    })
    .join('');
  const invoiceTable = invoices.length
    ? `<div class="table-wrap" role="region" aria-labelledby="invoices" tabindex="0"><table class="striped"><thead><tr><th scope="col">${h(c.invoice)}</th><th scope="col">${h(c.status)}</th><th scope="col">${h(c.stage)}</th><th scope="col">${h(texts.worklist.sorts.due)}</th><th scope="col" class="num">${h(c.due)}</th></tr></thead><tbody>${invoiceRows}</tbody></table></div>`
    : `<p>${h(t.noInvoices)}</p>`;
  const edit =
    context.user.role === 'viewer'
      ? ''
      : `<p><a role="button" class="outline" href="${h(`${debtorUrl(debtor.id)}/edit`)}">${h(t.edit)}</a></p>`;
  return consolePage(
    context,
    t.title(debtor.id),
    `<p><a href="/console">${h(texts.invoice.back)}</a></p><h1>${h(t.title(debtor.id))}</h1>${notice}<section aria-labelledby="contact"><h2 id="contact">${h(t.contact)}</h2>${rowsTable(contactRows(context, debtor))}${edit}</section><section aria-labelledby="preferences"><h2 id="preferences">${h(t.preferences)}</h2>${preferences}</section><section aria-labelledby="invoices"><h2 id="invoices">${h(t.invoices)}</h2>${invoiceTable}</section>`,
  );
}

/** The form's values for the debtor as stored. */
function currentValues(debtor: DebtorRow): FormValues {
  return {
    name: debtor.name,
    email: debtor.email ?? '',
    phone: debtor.phone ?? '',
    appUserId: debtor.appUserId ?? '',
    language: debtor.language,
    preferredChannel: debtor.preferredChannel ?? '',
    whatsappOptIn: debtor.whatsappOptIn ? 'yes' : '',
    ...Object.fromEntries(ADDRESS_FIELDS.map((f) => [`address.${f}`, debtor.address?.[f] ?? ''])),
    ...paydayValues(debtor.payday as PaydayPattern | null),
  };
}

/**
 * The PATCH the form asks for: only what changed. The API can replace a value, not remove one, so a
 * cleared field is an error rather than a silent no-op.
 */
export function patchOf(
  debtor: DebtorRow,
  values: FormValues,
  cannotRemove: string,
): { patch: Record<string, unknown>; errors: FormErrors } {
  const before = currentValues(debtor);
  const value = (name: string) => (values[name] ?? '').trim();
  const patch: Record<string, unknown> = {};
  const errors: FormErrors = {};
  for (const name of [...TEXT_FIELDS, 'language', 'preferredChannel']) {
    if (value(name) === before[name]) continue;
    if (!value(name)) errors[name] = [cannotRemove];
    else patch[name] = value(name);
  }
  const optIn = values.whatsappOptIn === 'yes';
  if (optIn !== debtor.whatsappOptIn) patch.whatsappOptIn = optIn;
  const address = Object.fromEntries(ADDRESS_FIELDS.map((f) => [f, value(`address.${f}`)]));
  if (ADDRESS_FIELDS.some((f) => address[f] !== before[`address.${f}`])) {
    if (ADDRESS_FIELDS.every((f) => !address[f])) errors['address.line1'] = [cannotRemove];
    else patch.address = Object.fromEntries(Object.entries(address).filter(([, v]) => v !== ''));
  }
  const payday = paydayOf(values);
  if (JSON.stringify(payday) !== JSON.stringify(paydayOf(before))) {
    if (!payday) errors['payday.rule'] = [cannotRemove];
    else patch.payday = payday;
  }
  return { patch, errors };
}

function editPage(
  context: ConsoleRequestContext,
  debtor: DebtorRow,
  values: FormValues,
  errors: FormErrors,
): string {
  const { texts } = context;
  const t = texts.casework.debtor;
  const v = (name: string) => values[name] ?? '';
  const text = (name: string, label: string, type: 'text' | 'email' | 'tel' = 'text', extra = '') =>
    field({ name, label, value: v(name), type, extra }, errors);
  const form = `<form method="post" action="${h(`${debtorUrl(debtor.id)}/edit`)}" novalidate>${csrfField(context)}${generalErrors(texts.casework.actions.errors, errors)}
${text('name', t.name, 'text', ' maxlength="140" autocomplete="off"')}
${text('email', t.email, 'email', ' maxlength="254" autocomplete="off"')}
${text('phone', t.phone, 'tel', ' maxlength="16" autocomplete="off"')}
${checkboxField({ name: 'whatsappOptIn', label: t.whatsappOptIn, checked: v('whatsappOptIn') === 'yes' }, errors)}
${choiceField({ name: 'language', label: t.language, value: v('language'), options: LANGUAGES.map((l): [string, string] => [l, l]) }, errors)}
${choiceField({ name: 'preferredChannel', label: t.preferredChannel, value: v('preferredChannel'), options: [['', t.noPreference], ...CHANNELS.map((c): [string, string] => [c, c])] }, errors)}
<fieldset><legend>${h(t.address)}</legend>
${text('address.line1', t.addressLine1, 'text', ' maxlength="200"')}
${text('address.line2', t.addressLine2, 'text', ' maxlength="200"')}
${text('address.postalCode', t.postalCode, 'text', ' maxlength="20"')}
${text('address.city', t.city, 'text', ' maxlength="100"')}
${text('address.country', t.country, 'text', ' maxlength="2"')}
</fieldset>
${text('appUserId', t.appUserId, 'text', ' maxlength="128" autocomplete="off"')}
<fieldset><legend>${h(t.payday)}</legend><p><small>${h(t.paydayHint)}</small></p>
${choiceField({ name: 'payday.rule', label: t.paydayRule, value: v('payday.rule'), options: [['', t.paydayNone], ...PAYDAY_RULES.map((rule): [string, string] => [rule, t.paydayRules[rule]])] }, errors)}
${text('payday.dayOfMonth', t.paydayDayOfMonth, 'text', ' inputmode="numeric" maxlength="2"')}
${choiceField({ name: 'payday.weekday', label: t.paydayWeekday, value: v('payday.weekday'), options: [['', '—'], ...t.weekdays.map((day, index): [string, string] => [String(index + 1), day])] }, errors)}
${text('payday.anchor', t.paydayAnchor, 'text', ' placeholder="2026-01-23" maxlength="10"')}
</fieldset>
<button type="submit">${h(t.save)}</button></form>`;
  return consolePage(
    context,
    t.editTitle(debtor.id),
    `<p><a href="${h(debtorUrl(debtor.id))}">${h(t.title(debtor.id))}</a></p><h1>${h(t.editTitle(debtor.id))}</h1>${form}`,
  );
}

const validatePatch = lineValidator(DebtorPatch);

export const debtorPageRoutes: FastifyPluginAsync<{
  auth: ConsoleAuth;
  db: Database;
  temporal: Client;
  appChannelConfigured: boolean;
}> = async (app, deps) => {
  const { auth, db, appChannelConfigured } = deps;
  const send = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).type('text/html; charset=utf-8').headers(PAGE_HEADERS).send(body);
  const notFound = (context: ConsoleRequestContext) =>
    consolePage(
      context,
      context.texts.casework.debtor.notFound,
      `<p><a href="/console">${h(context.texts.invoice.back)}</a></p><h1>${h(context.texts.casework.debtor.notFound)}</h1>`,
    );
  type DebtorRequest = FastifyRequest<{
    Params: { debtorId: string };
    Querystring: { saved?: string };
    Body: FormValues;
  }>;

  app.get(
    '/console/debtors/:debtorId',
    {
      preHandler: auth.requireRole('viewer'),
      schema: {
        summary: 'Console debtor page',
        params,
        querystring: {
          type: 'object',
          properties: { saved: { type: 'string', pattern: '^\\d{1,6}$', examples: ['1'] } },
        },
        response: {
          200: html,
          303: SIGN_IN_REDIRECT,
          404: html,
        },
      },
    },
    async (request: DebtorRequest, reply) => {
      const context = consoleContext(request);
      // The user's own tenant only: another tenant's debtor is as absent as a made-up one.
      const debtor = await getDebtor(db, context.user.tenantId, request.params.debtorId);
      if (!debtor) return send(reply, 404, notFound(context));
      const saved = request.query.saved;
      const notice =
        saved === undefined
          ? ''
          : `<p role="status"><mark>${h(context.texts.casework.debtor.saved(Number(saved)))}</mark></p>`;
      return send(reply, 200, await debtorPage(context, db, debtor, appChannelConfigured, notice));
    },
  );

  app.get(
    '/console/debtors/:debtorId/edit',
    {
      preHandler: auth.requireRole('collector'),
      schema: {
        summary: 'Console form to edit a debtor’s contact data',
        params,
        response: {
          200: html,
          303: SIGN_IN_REDIRECT,
          403: html,
          404: html,
        },
      },
    },
    async (request: DebtorRequest, reply) => {
      const context = consoleContext(request);
      const debtor = await getDebtor(db, context.user.tenantId, request.params.debtorId);
      if (!debtor) return send(reply, 404, notFound(context));
      return send(reply, 200, editPage(context, debtor, currentValues(debtor), {}));
    },
  );

  app.post(
    '/console/debtors/:debtorId/edit',
    {
      preHandler: auth.requireRole('collector'),
      schema: {
        summary: 'Console: change a debtor’s contact data',
        params,
        body: formBody(FORM_FIELDS),
        response: {
          303: { description: 'Saved: back to the debtor page', type: 'null' },
          401: html,
          403: html,
          404: html,
          422: html,
        },
      },
    },
    async (request: DebtorRequest, reply) => {
      const context = consoleContext(request);
      const t = context.texts.casework.debtor;
      const { tenantId } = context.user;
      const debtor = await getDebtor(db, tenantId, request.params.debtorId);
      if (!debtor) return send(reply, 404, notFound(context));
      const values = request.body ?? {};
      const { patch, errors } = patchOf(debtor, values, t.cannotRemove);
      if (!hasErrors(errors) && Object.keys(patch).length === 0) errors[''] = [t.nothingChanged];
      const invalid = hasErrors(errors)
        ? undefined
        : schemaErrors(validatePatch, patch, FORM_FIELDS, context.texts.validation);
      if (hasErrors(errors) || invalid)
        return send(reply, 422, editPage(context, debtor, values, invalid ?? errors));
      try {
        const result = await updateDebtorContact(deps, tenantId, debtor.id, patch as never);
        request.log.info(
          { consoleUser: context.user.userId, debtorId: debtor.id, openInvoices: result.openInvoices },
          'console debtor updated',
        );
        return reply.redirect(`${debtorUrl(debtor.id)}?saved=${result.openInvoices}`, 303);
      } catch (error) {
        return send(
          reply,
          422,
          editPage(context, debtor, values, problemErrors(error, FORM_FIELDS, context.texts.refusals)),
        );
      }
    },
  );
};
