// The template editor's preview: one message rendered with sample data in the tenant's house style
// by the API's own preview code (template-overrides.ts), as a document for the editor's sandboxed
// iframe (the consolePreview CSP family) — the version in use (GET) or the form's draft (POST, the
// Preview button and the live script) — with what the message costs and how it reads: the SMS's
// segments, the WhatsApp template's parameters, the plain-language hint, or why it cannot be sent.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { renderMessage } from '../../activities/templates/index.js';
import { type ReadabilityHint, readability } from '../../activities/templates/readability.js';
import { escapeHtml as h } from '../../activities/templates/safety.js';
import type { MessageOverrides } from '../../activities/templates/types.js';
import type { Brand } from '../../db/brand.js';
import type { Database } from '../../db/client.js';
import { templateOverrideAt } from '../../db/queries/template-overrides.js';
import { CHANNELS, LANGUAGES } from '../../workflows/domain.js';
import { type FieldError, Problem } from '../problem.js';
import {
  FORMATS_BY_CHANNEL,
  OVERRIDE_FIELDS,
  overrideKey,
  previewData,
  renderPreview,
  sanitized,
  TEMPLATE_IDS,
  type TemplateParams,
  tenantBrand,
  textPreview,
  validateOverrides,
} from '../template-overrides.js';
import { PAGE_HEADERS } from './layout.js';
import { type ConsoleAuth, consoleContext } from './session.js';
import { type DraftForm, overrideSchemaErrors, overridesOf, readableText } from './template-draft.js';
import type { ConsoleTexts } from './texts.js';

/** The path's template, channel and language, or undefined for one that does not exist. */
export function templateParamsOf(raw: Record<string, string>): TemplateParams | undefined {
  const { templateId, channel, language } = raw;
  if (!(TEMPLATE_IDS as string[]).includes(templateId ?? '')) return undefined;
  if (!(CHANNELS as readonly string[]).includes(channel ?? '')) return undefined;
  if (!(LANGUAGES as readonly string[]).includes(language ?? '')) return undefined;
  return raw as unknown as TemplateParams;
}

export const templatePath = (params: TemplateParams) =>
  `/console/templates/${params.templateId}/${params.channel}/${params.language}`;

const FRAME_CSS =
  'body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1f2937}.facts{background:#f3f4f6;border-bottom:1px solid #d1d5db;padding:.75rem 1rem}.facts p{margin:.25rem 0}.message{padding:1rem;white-space:pre-wrap}.error{color:#7f1d1d}.bubble{background:#dcf8c6;border-radius:.5rem;padding:.75rem;max-width:28rem;white-space:pre-wrap}table{border-collapse:collapse}td,th{border:1px solid #d1d5db;padding:.25rem .5rem;text-align:left}';

export function frameDocument(lang: string, title: string, body: string): string {
  return `<!doctype html><html lang="${h(lang)}"><head><meta charset="utf-8"><title>${h(title)}</title><style>${FRAME_CSS}</style></head><body>${body}</body></html>`;
}

export function hintHtml(texts: ConsoleTexts, hint: ReadabilityHint | undefined): string {
  if (!hint) return '';
  const t = texts.templateEditor.hint;
  const lines = [
    t.sentences(hint.averageSentenceLength),
    ...(hint.score !== undefined && hint.formula ? [t.score(hint.formula, hint.score)] : []),
    ...(hint.longWords.length ? [t.longWords(hint.longWords.join(', '))] : []),
    hint.meetsB1 ? t.meetsB1 : t.belowB1,
  ];
  return `<p><strong>${h(t.heading)}</strong></p>${lines.map((line) => `<p data-hint>${h(line)}</p>`).join('')}`;
}

export function errorsHtml(
  texts: ConsoleTexts,
  errors: FieldError[],
  labels: Record<string, string> = texts.templateEditor.fields,
): string {
  const label = (field: string) => labels[field.split('/')[1] ?? ''] ?? field;
  return `<div class="facts error" role="alert"><p><strong>${h(texts.templateEditor.cannotSend)}</strong></p><ul>${errors.map((e) => `<li>${h(label(e.field))}: ${h(e.message)}</li>`).join('')}</ul></div>`;
}

/** The problems that would refuse a publish of this draft, or none. */
function draftProblems(params: TemplateParams, overrides: MessageOverrides, brand: Brand) {
  const schema = overrideSchemaErrors(overrides);
  if (schema.length) return schema;
  try {
    validateOverrides(params, overrides, brand);
    return [];
  } catch (error) {
    if (error instanceof Problem)
      return error.errors ?? [{ field: '/', message: error.detail ?? error.title }];
    throw error;
  }
}

export interface FramePreview {
  contentType: string;
  body: string | Buffer;
}

/** The preview of the version in use (`overrides` from the store) or of a draft (`draft` true). */
export async function framePreview(
  db: Database,
  tenantId: string,
  { texts, lang: consoleLang }: { texts: ConsoleTexts; lang: string },
  params: TemplateParams,
  stored: MessageOverrides | undefined,
  draft: MessageOverrides | undefined,
  pdf: boolean,
): Promise<FramePreview> {
  const t = texts.templateEditor;
  const brand = await tenantBrand(db, tenantId);
  const title = t.previewFrame;
  let overrides = stored;
  if (draft) {
    const clean = sanitized(draft).overrides;
    const problems = draftProblems(params, clean, brand);
    if (problems.length)
      return {
        contentType: 'text/html; charset=utf-8',
        body: frameDocument(consoleLang, title, errorsHtml(texts, problems)),
      };
    overrides = Object.keys(clean).length ? clean : undefined;
  }
  const data = previewData(params.templateId, params.language, 'consumer', brand);
  try {
    if (pdf)
      return {
        contentType: 'application/pdf',
        body: await renderPreview(params, 'pdf', data, overrides, brand, undefined),
      };
    const hint = hintHtml(texts, readability(readableText(params, overrides ?? {}), params.language));
    const lang = params.language;
    switch (params.channel) {
      case 'email': {
        const email = renderMessage(params.templateId, 'email', lang, data, overrides);
        // Inline styles only: the email's own stylesheet must not change, nor style this block.
        const facts = `<div lang="${consoleLang}" style="font:14px/1.5 system-ui,sans-serif;background:#f3f4f6;color:#1f2937;border-bottom:1px solid #d1d5db;padding:.5rem 1rem"><p><strong>${h(t.subject)}:</strong> <span lang="${lang}">${h(email.subject)}</span></p>${hint}</div>`;
        const opening = /<body[^>]*>/i.exec(email.html);
        const body = opening
          ? email.html.replace(opening[0], `${opening[0]}${facts}`)
          : `${facts}${email.html}`;
        return { contentType: 'text/html; charset=utf-8', body };
      }
      case 'sms': {
        const sms = renderMessage(params.templateId, 'sms', lang, data, overrides);
        const facts = `<div class="facts"><p data-segments="${sms.segments}"><strong>${h(t.sms(sms.units, sms.segments, sms.encoding))}</strong></p><p>${h(t.smsCost)}</p>${hint}</div>`;
        return {
          contentType: 'text/html; charset=utf-8',
          body: frameDocument(
            consoleLang,
            title,
            `${facts}<div class="message"><p class="bubble" lang="${lang}">${h(sms.text)}</p></div>`,
          ),
        };
      }
      case 'whatsapp': {
        const message = renderMessage(params.templateId, 'whatsapp', lang, data);
        const rows = message.params
          .map((value, index) => `<tr><th scope="row">{{${index + 1}}}</th><td>${h(value)}</td></tr>`)
          .join('');
        const facts = `<div class="facts"><p><strong>${h(t.whatsappTemplate(message.templateName))}</strong></p><table><thead><tr><th scope="col">${h(t.whatsappParameter)}</th><th scope="col">${h(t.whatsappValue)}</th></tr></thead><tbody>${rows}</tbody></table>${hint}</div>`;
        return {
          contentType: 'text/html; charset=utf-8',
          body: frameDocument(
            consoleLang,
            title,
            `${facts}<div class="message"><p class="bubble" lang="${lang}">${h(message.text)}</p></div>`,
          ),
        };
      }
      case 'letter':
      case 'app':
        return {
          contentType: 'text/html; charset=utf-8',
          body: frameDocument(
            consoleLang,
            title,
            `<div class="facts">${hint}</div><div class="message" lang="${lang}">${h(textPreview(params, data, overrides))}</div>`,
          ),
        };
    }
  } catch (error) {
    if (error instanceof Problem)
      return {
        contentType: 'text/html; charset=utf-8',
        body: frameDocument(consoleLang, title, errorsHtml(texts, error.errors ?? [])),
      };
    throw error;
  }
}

const frameResponse = {
  description: 'The message preview for the editor’s iframe (HTML), or the letter’s PDF',
  content: {
    'text/html': { schema: { type: 'string' } },
    'application/pdf': { schema: { type: 'string', format: 'binary' } },
  },
};
const PARAMS = {
  type: 'object',
  required: ['templateId', 'channel', 'language'],
  properties: {
    templateId: { type: 'string', maxLength: 40 },
    channel: { type: 'string', maxLength: 20 },
    language: { type: 'string', maxLength: 10 },
  },
} as const;
export const DRAFT_BODY = {
  type: 'object',
  properties: {
    _csrf: { type: 'string', maxLength: 128 },
    ...Object.fromEntries(OVERRIDE_FIELDS.map((field) => [field, { type: 'string', maxLength: 120_000 }])),
  },
} as const;

type PreviewRequest = FastifyRequest<{
  Params: Record<string, string>;
  Querystring: { version?: string; format?: string };
  Body?: DraftForm;
}>;

export const templatePreviewRoutes: FastifyPluginAsync<{ auth: ConsoleAuth; db: Database }> = async (
  app,
  { auth, db },
) => {
  const answer = async (request: PreviewRequest, reply: FastifyReply, draft: DraftForm | undefined) => {
    const context = consoleContext(request);
    const params = templateParamsOf(request.params);
    const pdf = request.query.format === 'pdf';
    if (!params || (pdf && !FORMATS_BY_CHANNEL[params.channel].includes('pdf')))
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .headers(PAGE_HEADERS)
        .send(context.texts.templateEditor.notFound);
    const version = /^[1-9]\d{0,8}$/.test(request.query.version ?? '')
      ? Number(request.query.version)
      : undefined;
    const tenantId = context.user.tenantId;
    const row = draft ? undefined : await templateOverrideAt(db, overrideKey(tenantId, params), version);
    if (version !== undefined && !row)
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .headers(PAGE_HEADERS)
        .send(context.texts.templateEditor.notFound);
    const stored = (row?.content ?? undefined) as MessageOverrides | undefined;
    const preview = await framePreview(
      db,
      tenantId,
      context,
      params,
      stored,
      draft ? overridesOf(draft, params) : undefined,
      pdf,
    );
    return reply.type(preview.contentType).headers(PAGE_HEADERS).send(preview.body);
  };

  const path = '/console/templates/:templateId/:channel/:language/preview';
  app.get(
    path,
    {
      preHandler: auth.requireRole('viewer'),
      schema: {
        summary: 'Console template preview (the version in use, or ?version=)',
        params: PARAMS,
        querystring: {
          type: 'object',
          properties: {
            version: { type: 'string', maxLength: 10 },
            format: { type: 'string', maxLength: 10 },
          },
        },
        response: {
          200: frameResponse,
          303: { description: 'Not signed in', type: 'null' },
          404: frameResponse,
        },
      },
    },
    (request: PreviewRequest, reply) => answer(request, reply, undefined),
  );
  app.post(
    path,
    {
      preHandler: auth.requireRole('collector'),
      schema: {
        summary: 'Console template preview of the editor’s draft',
        params: PARAMS,
        querystring: { type: 'object', properties: { format: { type: 'string', maxLength: 10 } } },
        body: DRAFT_BODY,
        response: { 200: frameResponse, 401: frameResponse, 403: frameResponse, 404: frameResponse },
      },
    },
    (request: PreviewRequest, reply) => answer(request, reply, request.body ?? {}),
  );
};
