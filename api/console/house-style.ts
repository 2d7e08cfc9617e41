// /console/house-style: the tenant's logo, colours and sender, edited with a preview of a sample
// email (and the sample letter's PDF) in the draft. Saved by the same schema and check as PUT
// /v1/brand (house-style.ts). Admins edit: the brand carries the IBAN printed on every letter, so
// where debtors transfer money is an admin's decision; viewers and collectors read it.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml as h } from '../../activities/templates/safety.js';
import type { Brand } from '../../db/brand.js';
import type { Database } from '../../db/client.js';
import { getTenant, replaceTenantBrand } from '../../db/queries/tenants.js';
import { type BrandBody, BrandSchema, brandView, checkedBrand } from '../house-style.js';
import { lineValidator } from '../line-validator.js';
import { type FieldError, Problem } from '../problem.js';
import { previewData, renderPreview, type TemplateParams } from '../template-overrides.js';
import { validationFieldErrors } from '../validation-errors.js';
import { consolePage, csrfField, PAGE_HEADERS } from './layout.js';
import { HTML_PAGE as html, SIGN_IN_REDIRECT } from './route-schemas.js';
import { type ConsoleAuth, type ConsoleRequestContext, consoleContext } from './session.js';
import { errorsHtml, frameDocument } from './template-preview.js';

const BRAND_FIELDS = [
  'name',
  'senderName',
  'email',
  'addressLines',
  'phone',
  'website',
  'logoUrl',
  'logoSvg',
  'primaryColor',
  'accentColor',
  'footer',
  'iban',
  'bic',
  'collectionCostsVatPercent',
] as const;
type BrandField = (typeof BRAND_FIELDS)[number];
type BrandForm = Partial<Record<BrandField, string>>;
const REQUIRED: readonly BrandField[] = [
  'name',
  'senderName',
  'email',
  'primaryColor',
  'accentColor',
  'footer',
];

const FORM_BODY = {
  type: 'object',
  properties: {
    _csrf: { type: 'string', maxLength: 128 },
    ...Object.fromEntries(BRAND_FIELDS.map((field) => [field, { type: 'string', maxLength: 160_000 }])),
  },
} as const;

/** The form as PUT /v1/brand's body: empty optional fields are left out, one address line a line. */
export function brandBodyOf(form: BrandForm): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of BRAND_FIELDS) {
    const value = (form[field] ?? '').replace(/\r\n/g, '\n').trim();
    if (field === 'addressLines')
      body.addressLines = value
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean);
    else if (field === 'collectionCostsVatPercent') {
      if (value)
        body[field] = /^\d{1,2}([.,]\d{1,2})?$/.test(value) ? Number(value.replace(',', '.')) : value;
    } else if (value || REQUIRED.includes(field)) body[field] = value;
  }
  return body;
}

function formOfBrand(brand: Brand): BrandForm {
  const form: BrandForm = {};
  const view = brandView(brand) as unknown as Record<string, unknown>;
  for (const field of BRAND_FIELDS) {
    const value = view[field];
    if (value === undefined) continue;
    form[field] = Array.isArray(value) ? value.join('\n') : String(value);
  }
  return form;
}

const validBrandBody = lineValidator<BrandBody>(BrandSchema);

/** The same refusals as PUT /v1/brand: its schema, then its check (IBAN, rendering). */
async function checkBrandForm(form: BrandForm): Promise<{ brand?: Brand; errors: FieldError[] }> {
  const body = brandBodyOf(form);
  if (!validBrandBody(body)) return { errors: validationFieldErrors(validBrandBody.errors ?? []) };
  try {
    return { brand: await checkedBrand(body), errors: [] };
  } catch (error) {
    if (error instanceof Problem) return { errors: error.errors ?? [] };
    throw error;
  }
}

function field(
  context: ConsoleRequestContext,
  name: BrandField,
  value: string,
  invalid: boolean,
  readOnly: boolean,
): string {
  const t = context.texts.templateEditor.houseStyle;
  const id = `b-${name}`;
  const common = `id="${id}" name="${name}"${invalid ? ' aria-invalid="true"' : ''}${readOnly ? ' readonly' : ''}${REQUIRED.includes(name) ? ' required' : ''}`;
  const hint = name === 'addressLines' ? t.addressHint : name === 'logoUrl' ? t.logoHint : undefined;
  const described = hint ? ` aria-describedby="${id}-hint"` : '';
  const control =
    name === 'addressLines' || name === 'logoSvg' || name === 'footer'
      ? `<textarea ${common}${described} rows="${name === 'logoSvg' ? 4 : 3}">${h(value)}</textarea>`
      : name === 'primaryColor' || name === 'accentColor'
        ? `<input type="color" ${common} value="${h(value || '#000000')}">`
        : `<input type="${name === 'email' ? 'email' : 'text'}" ${common}${described} value="${h(value)}"${name === 'collectionCostsVatPercent' ? ' inputmode="decimal"' : ''}>`;
  return `<label for="${id}">${h(t.fields[name])}</label>${control}${hint ? `<small id="${id}-hint">${h(hint)}</small>` : ''}`;
}

function houseStylePage(
  context: ConsoleRequestContext,
  form: BrandForm,
  state: { errors?: FieldError[]; notice?: string },
): string {
  const t = context.texts.templateEditor.houseStyle;
  const admin = context.user.role === 'admin';
  const invalid = new Set((state.errors ?? []).map((e) => e.field.split('/')[1]));
  const labels = t.fields as Record<string, string>;
  const errors = state.errors?.length
    ? `<div role="alert" class="form-errors"><p><strong>${h(t.refused)}</strong></p><ul>${state.errors
        .map((e) => {
          const name = e.field.split('/')[1] ?? '';
          return `<li>${labels[name] ? `<a href="#b-${name}">${h(labels[name])}</a>: ` : ''}${h(e.message)}</li>`;
        })
        .join('')}</ul></div>`
    : '';
  const notice = state.notice ? `<p role="status" class="notice">${h(state.notice)}</p>` : '';
  const fields = BRAND_FIELDS.map((name) =>
    field(context, name, form[name] ?? '', invalid.has(name), !admin),
  ).join('');
  const buttons = admin
    ? `<div class="actions"><button type="submit" formaction="/console/house-style/preview" formtarget="preview" class="secondary">${h(context.texts.templateEditor.previewButton)}</button><button type="submit" formaction="/console/house-style/preview?format=pdf" formtarget="_blank" class="secondary outline">${h(t.pdf)}</button><button type="submit">${h(t.save)}</button></div>`
    : `<p>${h(t.readOnly)}</p>`;
  const formHtml = admin
    ? `<form method="post" action="/console/house-style" id="house-style-form">${csrfField(context)}${fields}${buttons}</form>`
    : `<form id="house-style-form">${fields}${buttons}</form>`;
  const main = `<p><a href="/console/templates">${h(context.texts.templateEditor.back)}</a></p><h1>${h(t.title)}</h1><p>${h(t.intro)}</p>${notice}${errors}<div class="editor"><section aria-label="${h(t.title)}">${formHtml}</section><section aria-labelledby="preview-heading"><h2 id="preview-heading">${h(context.texts.templateEditor.previewHeading)}</h2><iframe name="preview" class="preview" sandbox="" title="${h(t.previewFrame)}" src="/console/house-style/preview"></iframe><p><a href="/console/house-style/preview?format=pdf" target="_blank" rel="noopener">${h(t.pdf)}</a></p></section></div>`;
  return consolePage(context, t.title, main, 'templates');
}

type HouseStyleRequest = FastifyRequest<{
  Querystring: { saved?: string; format?: string };
  Body?: BrandForm;
}>;

export const houseStyleRoutes: FastifyPluginAsync<{
  auth: ConsoleAuth;
  db: Database;
  /** Forgets this process's cache of the tenant at once (other processes hear the NOTIFY). */
  tenantChanged: (tenantId: string) => void;
}> = async (app, { auth, db, tenantChanged }) => {
  const send = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).type('text/html; charset=utf-8').headers(PAGE_HEADERS).send(body);
  const storedBrand = async (tenantId: string) => {
    const tenant = await getTenant(db, tenantId);
    if (!tenant) throw new Problem(404, 'Not Found', `tenant ${tenantId} does not exist`);
    return tenant.brand;
  };

  app.get(
    '/console/house-style',
    {
      preHandler: auth.requireRole('viewer'),
      schema: {
        summary: 'Console house style',
        querystring: { type: 'object', properties: { saved: { type: 'string', maxLength: 4 } } },
        response: { 200: html, 303: SIGN_IN_REDIRECT },
      },
    },
    async (request: HouseStyleRequest, reply) => {
      const context = consoleContext(request);
      const form = formOfBrand(await storedBrand(context.user.tenantId));
      const notice = request.query.saved ? context.texts.templateEditor.houseStyle.saved : undefined;
      return send(reply, 200, houseStylePage(context, form, notice ? { notice } : {}));
    },
  );

  app.post(
    '/console/house-style',
    {
      preHandler: auth.requireRole('admin'),
      schema: {
        summary: 'Console: save the house style',
        body: FORM_BODY,
        response: {
          303: { description: 'Saved: back to the page', type: 'null' },
          401: html,
          403: html,
          422: html,
        },
      },
    },
    async (request: HouseStyleRequest, reply) => {
      const context = consoleContext(request);
      const form = request.body ?? {};
      const { brand, errors } = await checkBrandForm(form);
      if (!brand) return send(reply, 422, houseStylePage(context, form, { errors }));
      await replaceTenantBrand(db, context.user.tenantId, brand);
      tenantChanged(context.user.tenantId);
      request.log.info(
        { tenantId: context.user.tenantId, consoleUser: context.user.userId },
        'brand updated from the console',
      );
      return reply.redirect('/console/house-style?saved=1', 303);
    },
  );

  /** A sample reminder in the brand: the email for the frame, or the letter's PDF. */
  const preview = async (
    request: HouseStyleRequest,
    reply: FastifyReply,
    brand: Brand | undefined,
    errors: FieldError[],
  ) => {
    const context = consoleContext(request);
    const { texts, lang } = context;
    const title = texts.templateEditor.houseStyle.previewFrame;
    if (!brand)
      return reply
        .type('text/html; charset=utf-8')
        .headers(PAGE_HEADERS)
        .send(frameDocument(lang, title, errorsHtml(texts, errors, texts.templateEditor.houseStyle.fields)));
    const pdf = request.query.format === 'pdf';
    const params: TemplateParams = {
      templateId: 'reminder-1',
      channel: pdf ? 'letter' : 'email',
      language: lang,
    };
    const data = previewData(params.templateId, lang, 'consumer', brand);
    const body = await renderPreview(params, pdf ? 'pdf' : 'html', data, undefined, brand, undefined);
    return reply
      .type(pdf ? 'application/pdf' : 'text/html; charset=utf-8')
      .headers(PAGE_HEADERS)
      .send(body);
  };
  const previewResponse = {
    description: 'A sample email (HTML) or letter (PDF) in the house style',
    content: {
      'text/html': { schema: { type: 'string' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  };
  const formatQuery = { type: 'object', properties: { format: { type: 'string', maxLength: 10 } } };

  app.get(
    '/console/house-style/preview',
    {
      preHandler: auth.requireRole('viewer'),
      schema: {
        summary: 'Console house-style preview of the stored brand',
        querystring: formatQuery,
        response: { 200: previewResponse, 303: { description: 'Not signed in', type: 'null' } },
      },
    },
    async (request: HouseStyleRequest, reply) =>
      preview(request, reply, await storedBrand(consoleContext(request).user.tenantId), []),
  );
  app.post(
    '/console/house-style/preview',
    {
      preHandler: auth.requireRole('admin'),
      schema: {
        summary: 'Console house-style preview of the form’s draft',
        querystring: formatQuery,
        body: FORM_BODY,
        response: { 200: previewResponse, 401: html, 403: html },
      },
    },
    async (request: HouseStyleRequest, reply) => {
      const { brand, errors } = await checkBrandForm(request.body ?? {});
      return preview(request, reply, brand, errors);
    },
  );
};
