// /console/templates: the catalogue of every template per channel and language with the tenant's
// versions, and the editor of one — its text fields with the placeholders that have a value, a live
// preview (template-preview.ts), the plain-language hint, the versions with their changes and
// rollback, and publish. Publishing and restoring run the API's own code (template-overrides.ts):
// what PUT would refuse is refused here, with the API's errors shown on the form. Viewers read;
// collectors and admins edit (templates are the credit manager's, not IT's).
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { PLACEHOLDERS } from '../../activities/templates/index.js';
import { placeholdersAlwaysAvailable } from '../../activities/templates/overrides.js';
import { escapeHtml as h } from '../../activities/templates/safety.js';
import type { MessageOverrides } from '../../activities/templates/types.js';
import type { Database } from '../../db/client.js';
import { latestTemplateVersions, templateOverrideVersions } from '../../db/queries/template-overrides.js';
import { CHANNELS, LANGUAGES } from '../../workflows/domain.js';
import { type FieldError, Problem } from '../problem.js';
import {
  FIELDS_BY_CHANNEL,
  FORMATS_BY_CHANNEL,
  type OverrideField,
  overrideKey,
  publishOverride,
  restoreOverride,
  revertToShipped,
  TEMPLATE_IDS,
  type TemplateParams,
  tenantBrand,
} from '../template-overrides.js';
import { consolePage, csrfField, PAGE_HEADERS } from './layout.js';
import { HTML_PAGE as html, SIGN_IN_REDIRECT } from './route-schemas.js';
import { type ConsoleAuth, type ConsoleRequestContext, consoleContext } from './session.js';
import {
  type DraftForm,
  formOf,
  overrideSchemaErrors,
  overridesOf,
  shippedField,
  versionDiff,
} from './template-draft.js';
import { DRAFT_BODY, templateParamsOf, templatePath } from './template-preview.js';

const MAX_LENGTH: Record<OverrideField, number> = {
  subject: 300,
  title: 300,
  paragraphs: 100_000,
  text: 5000,
  html: 100_000,
};

const canEdit = (context: ConsoleRequestContext) => context.user.role !== 'viewer';

const dateTime = (context: ConsoleRequestContext, at: Date) =>
  new Intl.DateTimeFormat(context.lang === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }).format(at);

function cataloguePage(
  context: ConsoleRequestContext,
  latest: Map<string, { version: number; shipped: boolean }>,
): string {
  const t = context.texts.templateEditor;
  const tables = TEMPLATE_IDS.map((templateId) => {
    const rows = CHANNELS.map((channel) => {
      const cells = LANGUAGES.map((language) => {
        const row = latest.get(`${templateId}/${channel}/${language}`);
        const own = row && !row.shipped;
        const label = own ? t.own(row.version) : t.shipped;
        return `<td><a href="${templatePath({ templateId, channel, language })}"${own ? ' class="own"' : ''}>${h(label)}<span class="visually-hidden"> · ${h(t.editTitle(templateId, channel, language))}</span></a></td>`;
      }).join('');
      return `<tr><th scope="row">${h(channel)}</th>${cells}</tr>`;
    }).join('');
    const head = LANGUAGES.map((language) => `<th scope="col">${h(language)}</th>`).join('');
    return `<h2 id="t-${templateId}">${h(templateId)}</h2><div class="table-wrap" role="region" aria-labelledby="t-${templateId}" tabindex="0"><table class="catalogue"><thead><tr><th scope="col">${h(t.channel)}</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>`;
  }).join('');
  return consolePage(
    context,
    t.title,
    `<h1>${h(t.title)}</h1><p>${h(t.intro)}</p><p><a href="/console/house-style">${h(t.houseStyle.title)}</a></p>${tables}`,
    'templates',
  );
}

type VersionRow = Awaited<ReturnType<typeof templateOverrideVersions>>[number];

interface EditState {
  form: DraftForm;
  versions: VersionRow[];
  errors?: FieldError[];
  warnings?: FieldError[];
  notice?: string;
}

function fieldInput(
  context: ConsoleRequestContext,
  params: TemplateParams,
  field: OverrideField,
  value: string,
  invalid: boolean,
): string {
  const t = context.texts.templateEditor;
  const id = `f-${field}`;
  const shipped = shippedField(params, field);
  const describedBy = `${id}-hint`;
  const attributes = `id="${id}" name="${field}" maxlength="${MAX_LENGTH[field]}" aria-describedby="${describedBy}"${invalid ? ' aria-invalid="true"' : ''}`;
  const control =
    field === 'subject' || field === 'title'
      ? `<input type="text" ${attributes} value="${h(value)}">`
      : `<textarea ${attributes} rows="${field === 'paragraphs' ? 12 : field === 'html' ? 10 : 5}" spellcheck="true" lang="${params.language}">${h(value)}</textarea>`;
  const shippedHint = shipped
    ? `<details class="shipped"><summary>${h(t.shippedText)}</summary><p lang="${params.language}">${h(shipped)}</p></details>`
    : '';
  return `<label for="${id}">${h(t.fields[field])}</label>${control}<small id="${describedBy}">${h(t.fieldHints[field])}</small>${shippedHint}`;
}

function messagesHtml(context: ConsoleRequestContext, state: EditState): string {
  const t = context.texts.templateEditor;
  const labels = t.fields as Record<string, string>;
  const list = (items: FieldError[]) =>
    `<ul>${items
      .map((e) => {
        const field = e.field.split('/')[1] ?? '';
        const label = labels[field];
        return `<li>${label ? `<a href="#f-${field}">${h(label)}</a>: ` : ''}${h(e.message)}</li>`;
      })
      .join('')}</ul>`;
  let out = '';
  if (state.notice) out += `<p role="status" class="notice">${h(state.notice)}</p>`;
  if (state.errors?.length)
    out += `<div role="alert" class="form-errors" id="form-errors"><p><strong>${h(t.refused)}</strong></p>${list(state.errors)}</div>`;
  if (state.warnings?.length)
    out += `<div role="status" class="notice"><p>${h(t.warnings)}</p>${list(state.warnings)}</div>`;
  return out;
}

function versionsHtml(
  context: ConsoleRequestContext,
  params: TemplateParams,
  versions: VersionRow[],
): string {
  const t = context.texts.templateEditor;
  if (versions.length === 0) return `<h2 id="versions">${h(t.versions)}</h2><p>${h(t.noVersions)}</p>`;
  const rows = versions
    .map((row, index) => {
      const previous = versions[index + 1];
      const content = (row.content ?? null) as MessageOverrides | null;
      const change = !content
        ? t.backToShipped
        : row.restoredFrom
          ? t.copyOf(row.restoredFrom)
          : previous
            ? ''
            : t.firstVersion;
      const diff = versionDiff(
        (previous?.content ?? null) as MessageOverrides | null,
        content,
        t.fields,
        t.shipped,
      );
      const restore = !canEdit(context)
        ? ''
        : index > 0
          ? `<form method="post" action="${templatePath(params)}/versions/${row.version}/restore" class="inline">${csrfField(context)}<button type="submit" class="secondary outline">${h(t.restore(row.version))}</button></form>`
          : content
            ? `<form method="post" action="${templatePath(params)}/shipped" class="inline">${csrfField(context)}<button type="submit" class="secondary outline">${h(t.useShipped)}</button></form>`
            : '';
      return `<tr><th scope="row">${row.version}${index === 0 ? ` <span class="flag current">${h(t.inUse)}</span>` : ''}</th><td>${h(dateTime(context, row.createdAt))}</td><td>${change ? `${h(change)}` : ''}<details><summary>${h(t.changes(row.version))}</summary><pre class="diff" lang="${params.language}">${diff}</pre></details></td><td>${restore}</td></tr>`;
    })
    .join('');
  return `<h2 id="versions">${h(t.versions)}</h2><div class="table-wrap" role="region" aria-labelledby="versions" tabindex="0"><table><thead><tr><th scope="col">${h(t.version)}</th><th scope="col">${h(t.date)}</th><th scope="col">${h(t.change)}</th><th scope="col">${h(t.actions)}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

async function editPage(
  db: Database,
  context: ConsoleRequestContext,
  params: TemplateParams,
  state: EditState,
): Promise<string> {
  const t = context.texts.templateEditor;
  const path = templatePath(params);
  const title = t.editTitle(params.templateId, params.channel, params.language);
  const [current] = state.versions;
  const status =
    current?.content != null
      ? t.current(current.version, dateTime(context, current.createdAt))
      : t.shippedInUse;
  const fields = FIELDS_BY_CHANNEL[params.channel];
  const invalid = new Set((state.errors ?? []).map((e) => e.field.split('/')[1]));
  const brand = await tenantBrand(db, context.user.tenantId);
  const available = placeholdersAlwaysAvailable(params.templateId, brand);
  const placeholders = PLACEHOLDERS.filter((name) => available.has(name))
    .map((name) => `<li><code>{{${name}}}</code></li>`)
    .join('');
  const hasPdf = FORMATS_BY_CHANNEL[params.channel].includes('pdf');
  let editor: string;
  if (fields.length === 0) editor = `<p>${h(t.whatsappFixed)}</p>`;
  else if (!canEdit(context)) editor = `<p>${h(t.readOnly)}</p>`;
  else
    editor = `<form method="post" action="${path}" id="template-form" data-preview="${path}/preview">${csrfField(context)}${fields
      .map((field) => fieldInput(context, params, field, state.form[field] ?? '', invalid.has(field)))
      .join(
        '',
      )}<details class="placeholders"><summary>${h(t.placeholders)}</summary><p>${h(t.placeholdersHint)}</p><ul>${placeholders}</ul></details><div class="actions"><button type="submit" formaction="${path}/preview" formtarget="preview" class="secondary" id="preview-button">${h(t.previewButton)}</button>${hasPdf ? `<button type="submit" formaction="${path}/preview?format=pdf" formtarget="_blank" class="secondary outline">${h(t.pdfDraft)}</button>` : ''}<button type="submit" id="publish-button">${h(t.publish)}</button></div></form>`;
  const pdfLink = hasPdf
    ? `<p><a href="${path}/preview?format=pdf" target="_blank" rel="noopener">${h(t.pdfCurrent)}</a></p>`
    : '';
  const main = `<p><a href="/console/templates">${h(t.back)}</a></p><h1>${h(title)}</h1><p>${h(status)}</p>${messagesHtml(context, state)}<div class="editor"><section aria-labelledby="edit-heading"><h2 id="edit-heading" class="visually-hidden">${h(t.fields.text)}</h2>${editor}</section><section aria-labelledby="preview-heading"><h2 id="preview-heading">${h(t.previewHeading)}</h2><iframe name="preview" id="preview-frame" class="preview" sandbox="" title="${h(t.previewFrame)}" src="${path}/preview"></iframe>${pdfLink}</section></div>${versionsHtml(context, params, state.versions)}<script src="/console/assets/template-preview.js" defer></script>`;
  return consolePage(context, title, main, 'templates');
}

type EditRequest = FastifyRequest<{
  Params: Record<string, string>;
  Querystring: Record<string, string | undefined>;
  Body?: DraftForm;
}>;

const PARAMS = {
  type: 'object',
  required: ['templateId', 'channel', 'language'],
  properties: {
    templateId: { type: 'string', maxLength: 40 },
    channel: { type: 'string', maxLength: 20 },
    language: { type: 'string', maxLength: 10 },
  },
} as const;

export const templatePageRoutes: FastifyPluginAsync<{ auth: ConsoleAuth; db: Database }> = async (
  app,
  { auth, db },
) => {
  const send = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).type('text/html; charset=utf-8').headers(PAGE_HEADERS).send(body);
  const notFound = (reply: FastifyReply, context: ConsoleRequestContext) =>
    send(
      reply,
      404,
      consolePage(
        context,
        context.texts.templateEditor.notFound,
        `<p><a href="/console/templates">${h(context.texts.templateEditor.back)}</a></p><h1>${h(context.texts.templateEditor.notFound)}</h1>`,
        'templates',
      ),
    );
  const versionsOf = (context: ConsoleRequestContext, params: TemplateParams) =>
    templateOverrideVersions(db, overrideKey(context.user.tenantId, params));

  app.get(
    '/console/templates',
    {
      preHandler: auth.requireRole('viewer'),
      schema: {
        summary: 'Console template catalogue',
        response: { 200: html, 303: SIGN_IN_REDIRECT },
      },
    },
    async (request, reply) => {
      const context = consoleContext(request);
      const latest = new Map(
        (await latestTemplateVersions(db, context.user.tenantId)).map((row) => [
          `${row.templateId}/${row.channel}/${row.language}`,
          row,
        ]),
      );
      return send(reply, 200, cataloguePage(context, latest));
    },
  );

  app.get(
    '/console/templates/:templateId/:channel/:language',
    {
      preHandler: auth.requireRole('viewer'),
      schema: {
        summary: 'Console template editor',
        params: PARAMS,
        querystring: {
          type: 'object',
          properties: {
            published: { type: 'string', maxLength: 10 },
            shipped: { type: 'string', maxLength: 10 },
            restored: { type: 'string', maxLength: 10 },
            from: { type: 'string', maxLength: 10 },
          },
        },
        response: {
          200: html,
          303: SIGN_IN_REDIRECT,
          404: html,
        },
      },
    },
    async (request: EditRequest, reply) => {
      const context = consoleContext(request);
      const params = templateParamsOf(request.params);
      if (!params) return notFound(reply, context);
      const versions = await versionsOf(context, params);
      const t = context.texts.templateEditor;
      const number = (value: string | undefined) =>
        /^\d{1,9}$/.test(value ?? '') ? Number(value) : undefined;
      const published = number(request.query.published);
      const shipped = number(request.query.shipped);
      const restored = number(request.query.restored);
      const from = number(request.query.from);
      const notice =
        published !== undefined
          ? t.published(published)
          : shipped !== undefined
            ? t.shippedNotice(shipped)
            : restored !== undefined && from !== undefined
              ? t.restoredNotice(restored, from)
              : undefined;
      const form = formOf((versions[0]?.content ?? null) as MessageOverrides | null);
      return send(
        reply,
        200,
        await editPage(db, context, params, { form, versions, ...(notice ? { notice } : {}) }),
      );
    },
  );

  app.post(
    '/console/templates/:templateId/:channel/:language',
    {
      preHandler: auth.requireRole('collector'),
      schema: {
        summary: 'Console: publish a new version of a template',
        params: PARAMS,
        body: DRAFT_BODY,
        response: {
          303: { description: 'Published: back to the editor', type: 'null' },
          401: html,
          403: html,
          404: html,
          422: html,
        },
      },
    },
    async (request: EditRequest, reply) => {
      const context = consoleContext(request);
      const params = templateParamsOf(request.params);
      if (!params || FIELDS_BY_CHANNEL[params.channel].length === 0) return notFound(reply, context);
      const form = request.body ?? {};
      const overrides = overridesOf(form, params);
      const refuse = async (errors: FieldError[]) =>
        send(
          reply,
          422,
          await editPage(db, context, params, { form, versions: await versionsOf(context, params), errors }),
        );
      if (Object.keys(overrides).length === 0)
        return refuse([{ field: '/', message: context.texts.templateEditor.empty }]);
      const schemaErrors = overrideSchemaErrors(overrides);
      if (schemaErrors.length) return refuse(schemaErrors);
      try {
        const { row, warnings } = await publishOverride(db, context.user.tenantId, params, overrides);
        request.log.info(
          {
            tenantId: context.user.tenantId,
            consoleUser: context.user.userId,
            ...params,
            version: row.version,
          },
          'template override published from the console',
        );
        if (warnings.length)
          return send(
            reply,
            200,
            await editPage(db, context, params, {
              form: formOf(row.content as MessageOverrides),
              versions: await versionsOf(context, params),
              notice: context.texts.templateEditor.published(row.version),
              warnings,
            }),
          );
        return reply.redirect(`${templatePath(params)}?published=${row.version}`, 303);
      } catch (error) {
        if (error instanceof Problem && error.status === 422) return refuse(error.errors ?? []);
        throw error;
      }
    },
  );

  app.post(
    '/console/templates/:templateId/:channel/:language/shipped',
    {
      preHandler: auth.requireRole('collector'),
      schema: {
        summary: 'Console: use the shipped text of a template again',
        params: PARAMS,
        body: { type: 'object', properties: { _csrf: { type: 'string', maxLength: 128 } } },
        response: {
          303: { description: 'Back to the editor', type: 'null' },
          401: html,
          403: html,
          404: html,
        },
      },
    },
    async (request: EditRequest, reply) => {
      const context = consoleContext(request);
      const params = templateParamsOf(request.params);
      if (!params) return notFound(reply, context);
      try {
        const row = await revertToShipped(db, context.user.tenantId, params);
        request.log.info(
          {
            tenantId: context.user.tenantId,
            consoleUser: context.user.userId,
            ...params,
            version: row.version,
          },
          'template back to the shipped text from the console',
        );
        return reply.redirect(`${templatePath(params)}?shipped=${row.version}`, 303);
      } catch (error) {
        // Already the shipped text (a second click): the editor shows it as it is.
        if (error instanceof Problem && error.status === 404)
          return reply.redirect(templatePath(params), 303);
        throw error;
      }
    },
  );

  app.post(
    '/console/templates/:templateId/:channel/:language/versions/:version/restore',
    {
      preHandler: auth.requireRole('collector'),
      schema: {
        summary: 'Console: make an earlier version of a template current again',
        params: {
          ...PARAMS,
          required: [...PARAMS.required, 'version'],
          properties: { ...PARAMS.properties, version: { type: 'string', maxLength: 10 } },
        },
        body: { type: 'object', properties: { _csrf: { type: 'string', maxLength: 128 } } },
        response: {
          303: { description: 'Restored: back to the editor', type: 'null' },
          401: html,
          403: html,
          404: html,
          422: html,
        },
      },
    },
    async (request: EditRequest, reply) => {
      const context = consoleContext(request);
      const params = templateParamsOf(request.params);
      const version = /^[1-9]\d{0,8}$/.test(request.params.version ?? '')
        ? Number(request.params.version)
        : undefined;
      if (!params || version === undefined) return notFound(reply, context);
      try {
        const { row } = await restoreOverride(db, context.user.tenantId, params, version);
        request.log.info(
          {
            tenantId: context.user.tenantId,
            consoleUser: context.user.userId,
            ...params,
            version: row.version,
            restoredFrom: version,
          },
          'template override restored from the console',
        );
        return reply.redirect(`${templatePath(params)}?restored=${row.version}&from=${version}`, 303);
      } catch (error) {
        if (error instanceof Problem && error.status === 404) return notFound(reply, context);
        if (error instanceof Problem && error.status === 422) {
          const versions = await versionsOf(context, params);
          return send(
            reply,
            422,
            await editPage(db, context, params, {
              form: formOf((versions[0]?.content ?? null) as MessageOverrides | null),
              versions,
              errors: error.errors ?? [],
            }),
          );
        }
        throw error;
      }
    },
  );
};
