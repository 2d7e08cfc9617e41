// Tenant text overrides for the message templates: the catalogue, new versions (validated by
// rendering them with sample data before they are stored), the version history, and previews in the
// tenant's house style as HTML, text or the printed letter's PDF.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { renderLetterPdf, SAMPLE_EPC_PAYLOAD, sampleLetterInput } from '../../activities/letters/index.js';
import { sanitizeEmailHtml } from '../../activities/templates/email-sanitizer.js';
import { placeholdersIn } from '../../activities/templates/fill.js';
import {
  type MessageOverrides,
  PLACEHOLDERS,
  type PlaceholderName,
  renderMessage,
  sampleTemplateData,
  type TemplateData,
  TemplateError,
} from '../../activities/templates/index.js';
import { checkOverrides } from '../../activities/templates/overrides.js';
import { type Paragraph, textKey } from '../../activities/templates/text-schema.js';
import { languageTexts } from '../../activities/templates/texts.js';
import type { Brand } from '../../db/brand.js';
import type { Database } from '../../db/client.js';
import {
  latestTemplateVersions,
  type OverrideKey,
  saveTemplateOverride,
  templateOverrideAt,
  templateOverrideVersions,
} from '../../db/queries/template-overrides.js';
import { getTenant } from '../../db/queries/tenants.js';
import {
  CHANNELS,
  type Channel,
  LANGUAGES,
  type Language,
  SEGMENTS,
  type Segment,
  type TemplateId,
} from '../../workflows/domain.js';
import { epcQrPayload } from '../../workflows/policy/references.js';
import { tenantOf } from '../auth.js';
import { type FieldError, notFound, type Problem, unprocessable } from '../problem.js';
import { problemResponses } from '../schemas.js';

// ---------------------------------------------------------------------------------------------------
// The catalogue, derived from the shipped texts so it cannot drift from them: the formal notice has
// a consumer and a business text but is one template (the debtor's segment picks the variant).

const TEMPLATE_IDS = [
  ...new Set(
    Object.keys(languageTexts('en').templates).map((key) =>
      key.startsWith('formal-notice-') ? 'formal-notice' : key,
    ),
  ),
] as TemplateId[];

const OVERRIDE_FIELDS = ['subject', 'title', 'paragraphs', 'text', 'html'] as const;
type OverrideField = (typeof OVERRIDE_FIELDS)[number];

/** Which override fields each channel accepts, asked of the same check that guards rendering. */
const FIELDS_BY_CHANNEL = Object.fromEntries(
  CHANNELS.map((channel) => [
    channel,
    OVERRIDE_FIELDS.filter((field) => {
      try {
        checkOverrides(channel, { [field]: field === 'paragraphs' ? [] : '' }, 'probe');
        return true;
      } catch {
        return false;
      }
    }),
  ]),
) as Record<Channel, OverrideField[]>;

const PREVIEW_FORMATS = ['html', 'text', 'pdf'] as const;
type PreviewFormat = (typeof PREVIEW_FORMATS)[number];
const FORMATS_BY_CHANNEL: Record<Channel, readonly PreviewFormat[]> = {
  email: ['html', 'text'],
  sms: ['text'],
  whatsapp: ['text'],
  letter: ['pdf', 'text'],
  app: ['text'],
};

/** Always present when a message is sent (debtor, invoice, amounts, links and the creditor). */
const ALWAYS_AVAILABLE: ReadonlySet<PlaceholderName> = new Set([
  'debtorName',
  'invoiceId',
  'amountDue',
  'principal',
  'dueDate',
  'payUrl',
  'selfServiceUrl',
  'creditorName',
  'senderName',
  'creditorEmail',
  'thisMessage',
]);

/**
 * Placeholders the shipped texts of a template use outside conditional paragraphs: the workflow
 * always supplies them when it sends that template. For the formal notice, only those both the
 * consumer and the business variant use (an override serves both).
 */
function unconditionalPlaceholders(templateId: TemplateId): Set<PlaceholderName> {
  const perSegment = SEGMENTS.map((segment) => {
    const key = textKey(templateId, segment);
    const names = new Set<PlaceholderName>();
    for (const language of LANGUAGES) {
      const texts = languageTexts(language).templates[key];
      const sources = [
        texts.subject,
        texts.title,
        texts.sms,
        texts.whatsapp,
        texts.app,
        ...texts.paragraphs.filter((p: Paragraph): p is string => typeof p === 'string'),
      ];
      for (const source of sources) for (const name of placeholdersIn(source, key)) names.add(name);
    }
    return names;
  });
  return new Set([...perSegment[0]!].filter((name) => perSegment.every((names) => names.has(name))));
}

// ---------------------------------------------------------------------------------------------------
// Schemas

/**
 * One `enum` (not a union of literals) so a wrong value gets one clear error and one OpenAPI enum.
 * Typed as string: handlers narrow with `templateParams`/`previewQuery` after validation.
 */
const StringEnum = (values: readonly string[], description?: string) =>
  Type.String({ enum: [...values], ...(description ? { description } : {}) });

const TemplateIdSchema = StringEnum(TEMPLATE_IDS, 'message kind');
const ChannelParam = StringEnum(CHANNELS);
const LanguageParam = StringEnum(LANGUAGES);
const FieldName = StringEnum(OVERRIDE_FIELDS);

const TemplateParams = Type.Object(
  { templateId: TemplateIdSchema, channel: ChannelParam, language: LanguageParam },
  { additionalProperties: false },
);
interface TemplateParams {
  templateId: TemplateId;
  channel: Channel;
  language: Language;
}
/** The validated params, typed: the schema has checked every value against its enum. */
const templateParams = (params: Static<typeof TemplateParams>) => params as TemplateParams;

const OverrideText = (maxLength: number, description: string) =>
  Type.Optional(Type.String({ minLength: 1, maxLength, description }));

const OverrideBody = Type.Object(
  {
    subject: OverrideText(300, 'email subject'),
    title: OverrideText(300, 'letter/app title; email heading'),
    paragraphs: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 3000 }), {
        minItems: 1,
        maxItems: 30,
        description: 'email and letter body, one entry per paragraph',
      }),
    ),
    text: OverrideText(5000, 'sms or app text; the whole text part of an email'),
    html: OverrideText(100_000, 'the whole HTML document of an email; inserted values are escaped'),
  },
  {
    additionalProperties: false,
    minProperties: 1,
    description: 'Texts in {{placeholder}} syntax; which fields apply depends on the channel.',
  },
);

const OverrideContent = Type.Object({
  subject: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  paragraphs: Type.Optional(Type.Array(Type.String())),
  text: Type.Optional(Type.String()),
  html: Type.Optional(Type.String()),
});

const VersionSchema = Type.Object({
  version: Type.Integer({ minimum: 1 }),
  content: OverrideContent,
  createdAt: Type.String({ format: 'date-time' }),
});

const Warning = Type.Object({ field: Type.String(), message: Type.String() });

const CatalogueEntry = Type.Object({
  templateId: Type.String(),
  channel: Type.String(),
  language: Type.String(),
  overridableFields: Type.Array(FieldName),
  previewFormats: Type.Array(Type.String()),
  overridden: Type.Boolean(),
  latestVersion: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
  updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const PreviewQuery = Type.Object(
  {
    format: Type.Optional(
      StringEnum(PREVIEW_FORMATS, 'default: html for email, pdf for letter, text otherwise'),
    ),
    version: Type.Optional(
      Type.String({ pattern: '^[1-9]\\d{0,8}$', description: 'override version; default the latest' }),
    ),
    segment: Type.Optional(
      StringEnum(SEGMENTS, 'consumer (default) or business: picks the formal-notice variant'),
    ),
  },
  { additionalProperties: false },
);

const PreviewResponse = {
  description:
    'The rendered message; header Settle-Template-Version names the override version used, or "default".',
  content: {
    'text/html': { schema: { type: 'string' } },
    'text/plain': { schema: { type: 'string' } },
    'application/pdf': { schema: { type: 'string', format: 'binary' } },
  },
} as const;

// ---------------------------------------------------------------------------------------------------
// Validation: a template error names the override field it came from.

function fieldOf(error: TemplateError, overrides: MessageOverrides): string {
  const named = /override '(\w+)'/.exec(error.message)?.[1];
  const keys = Object.keys(overrides);
  const key = named ?? (keys.length === 1 ? keys[0] : undefined);
  if (!key) return '/';
  if (key === 'paragraphs' && overrides.paragraphs) {
    const index = overrides.paragraphs.findIndex((p) => !placeholdersValid(p));
    if (index >= 0) return `/paragraphs/${index}`;
  }
  return `/${key}`;
}

function placeholdersValid(template: string): boolean {
  try {
    placeholdersIn(template, '');
    return true;
  } catch {
    return false;
  }
}

/** The message without the "template x/y/z …:" prefix the renderer adds for logs. */
function messageOf(error: TemplateError): string {
  return error.message.replace(/^template [^:]*?(override '\w+')?: /, '');
}

function templateProblem(error: TemplateError, overrides: MessageOverrides, detail: string): Problem {
  return unprocessable(detail, [{ field: fieldOf(error, overrides), message: messageOf(error) }]);
}

/** Renders the overrides with sample data in every segment; throws a 422 problem if they do not render. */
function validateOverrides(params: TemplateParams, overrides: MessageOverrides): void {
  for (const segment of SEGMENTS) {
    try {
      renderMessage(
        params.templateId,
        params.channel,
        params.language,
        sampleTemplateData(params.language, segment),
        overrides,
      );
    } catch (error) {
      if (error instanceof TemplateError)
        throw templateProblem(error, overrides, 'the override does not render with sample data');
      throw error;
    }
  }
}

/** Problems that sample data cannot show: values missing at send time, long SMS texts. */
function overrideWarnings(
  params: TemplateParams,
  overrides: MessageOverrides,
  brand: Brand | undefined,
): { field: string; message: string }[] {
  const available = new Set([...ALWAYS_AVAILABLE, ...unconditionalPlaceholders(params.templateId)]);
  if (brand?.phone) available.add('creditorPhone');
  if (brand?.website) available.add('creditorWebsite');
  const warnings: FieldError[] = [];
  for (const [field, value] of Object.entries(overrides) as [OverrideField, string | string[]][]) {
    const sources = Array.isArray(value) ? value : [value];
    sources.forEach((source, index) => {
      const missing = [...new Set(placeholdersIn(source, field))].filter((name) => !available.has(name));
      if (missing.length === 0) return;
      warnings.push({
        field: Array.isArray(value) ? `/${field}/${index}` : `/${field}`,
        message: `${missing.map((n) => `{{${n}}}`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} not always available for ${params.templateId}; a message without ${missing.length > 1 ? 'them' : 'it'} cannot be sent`,
      });
    });
  }
  if (params.channel === 'sms') {
    const sms = renderMessage(
      params.templateId,
      'sms',
      params.language,
      sampleTemplateData(params.language),
      overrides,
    );
    if (sms.segments > 2)
      warnings.push({
        field: '/text',
        message: `the sample SMS takes ${sms.segments} segments (${sms.encoding}); the shipped texts fit in 2`,
      });
  }
  return warnings;
}

/** The overrides as they are stored: tenant HTML reduced to inert markup (what debtors receive). */
function sanitized(overrides: MessageOverrides): { overrides: MessageOverrides; removed: string[] } {
  if (overrides.html === undefined) return { overrides, removed: [] };
  const { html, removed } = sanitizeEmailHtml(overrides.html);
  return { overrides: { ...overrides, html }, removed };
}

function removedWarnings(removed: string[]): FieldError[] {
  if (removed.length === 0) return [];
  return [
    {
      field: '/html',
      message: `removed what email may not contain (${removed.join(', ')}); the stored version is what debtors receive`,
    },
  ];
}

function isUniqueViolation(error: unknown): boolean {
  const code = (e: unknown) => (e as { code?: unknown } | undefined)?.code;
  return code(error) === '23505' || code((error as { cause?: unknown } | undefined)?.cause) === '23505';
}

/** Two saves at once may pick the same next version number; the loser simply takes the next one. */
async function saveVersion(db: Database, key: OverrideKey, content: MessageOverrides) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await saveTemplateOverride(db, key, content as Record<string, unknown>);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

const versionView = (row: { version: number; content: unknown; createdAt: Date }) => ({
  version: row.version,
  content: row.content as MessageOverrides,
  createdAt: row.createdAt.toISOString(),
});

// ---------------------------------------------------------------------------------------------------
// Preview

async function tenantBrand(db: Database, tenantId: string): Promise<Brand> {
  const tenant = await getTenant(db, tenantId);
  if (!tenant) throw notFound(`tenant ${tenantId}`);
  return tenant.brand;
}

/** Sample data in the tenant's house style. */
function previewData(language: Language, segment: Segment, brand: Brand): TemplateData {
  return { ...sampleTemplateData(language, segment), creditor: brand };
}

/** The bank-transfer QR code pays the tenant's own IBAN when it has one, else the sample creditor's. */
function previewEpcPayload(brand: Brand, language: Language): string {
  if (!brand.iban) return sampleLetterInput(language).epcPayload;
  try {
    return epcQrPayload({
      ...(brand.bic ? { bic: brand.bic } : {}),
      name: brand.name.slice(0, 70),
      iban: brand.iban,
      amountCents: 19_768, // the sample data's amount due
      reference: SAMPLE_EPC_PAYLOAD.split('\n')[9]!,
    });
  } catch (error) {
    throw unprocessable('the brand cannot be printed on a letter', [
      { field: '/brand', message: error instanceof Error ? error.message : String(error) },
    ]);
  }
}

function textPreview(params: TemplateParams, data: TemplateData, overrides: MessageOverrides | undefined) {
  const { templateId, language } = params;
  switch (params.channel) {
    case 'email':
      return renderMessage(templateId, 'email', language, data, overrides).text;
    case 'sms':
      return renderMessage(templateId, 'sms', language, data, overrides).text;
    case 'whatsapp':
      return renderMessage(templateId, 'whatsapp', language, data, overrides).text;
    case 'letter': {
      const letter = renderMessage(templateId, 'letter', language, data, overrides);
      return [
        letter.title,
        letter.greeting,
        ...letter.paragraphs,
        letter.selfService,
        letter.closing.join('\n'),
      ].join('\n\n');
    }
    case 'app': {
      const app = renderMessage(templateId, 'app', language, data, overrides);
      return `${app.title}\n\n${app.text}`;
    }
  }
}

const CONTENT_TYPES: Record<PreviewFormat, string> = {
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  pdf: 'application/pdf',
};

async function renderPreview(
  params: TemplateParams,
  format: PreviewFormat,
  data: TemplateData,
  overrides: MessageOverrides | undefined,
  brand: Brand,
  segment: Segment | undefined,
): Promise<string | Buffer> {
  try {
    if (format === 'html')
      return renderMessage(params.templateId, 'email', params.language, data, overrides).html;
    if (format === 'text') return textPreview(params, data, overrides);
    return await renderLetterPdf({
      ...sampleLetterInput(params.language, params.templateId, segment ?? 'consumer'),
      data,
      epcPayload: previewEpcPayload(brand, params.language),
      ...(overrides ? { overrides } : {}),
    });
  } catch (error) {
    if (error instanceof TemplateError)
      throw templateProblem(error, overrides ?? {}, 'the template does not render with this brand and text');
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------

export const templateRoutes: FastifyPluginAsync<{ db: Database }> = async (plugin, { db }) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const keyOf = (tenantId: string, params: TemplateParams): OverrideKey => ({ tenantId, ...params });

  app.get(
    '/templates',
    {
      schema: {
        summary: 'The template catalogue: every template × channel × language and its override state',
        security: [{ apiKey: [] }],
        response: {
          200: Type.Object({
            items: Type.Array(CatalogueEntry),
            placeholders: Type.Array(Type.String(), { description: 'names usable as {{name}}' }),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const latest = new Map(
        (await latestTemplateVersions(db, tenantOf(request))).map((row) => [
          `${row.templateId}/${row.channel}/${row.language}`,
          row,
        ]),
      );
      const items = TEMPLATE_IDS.flatMap((templateId) =>
        CHANNELS.flatMap((channel) =>
          LANGUAGES.map((language) => {
            const row = latest.get(`${templateId}/${channel}/${language}`);
            return {
              templateId,
              channel,
              language,
              overridableFields: FIELDS_BY_CHANNEL[channel],
              previewFormats: [...FORMATS_BY_CHANNEL[channel]],
              overridden: row !== undefined,
              latestVersion: row?.version ?? null,
              updatedAt: row?.createdAt.toISOString() ?? null,
            };
          }),
        ),
      );
      return { items, placeholders: [...PLACEHOLDERS] };
    },
  );

  app.put(
    '/templates/:templateId/:channel/:language',
    {
      schema: {
        summary: 'Store a new version of the tenant’s texts for one template, channel and language',
        description:
          'The texts are rendered with sample data first; a text that does not render (unknown placeholder, ' +
          'unsafe link, invalid HTML, a field the channel does not take — WhatsApp takes none) is a 422. ' +
          'HTML is sanitised before it is stored: only layout tags, presentational attributes, https links and ' +
          'inert inline styles are kept (no scripts, event handlers, forms, frames, SVG or data: URLs); a warning ' +
          'names what was removed. Every save is a new version; earlier versions are kept. Warnings also name ' +
          'placeholders that are not always available when this template is sent.',
        security: [{ apiKey: [] }],
        params: TemplateParams,
        body: OverrideBody,
        response: {
          201: Type.Object({
            templateId: Type.String(),
            channel: Type.String(),
            language: Type.String(),
            ...VersionSchema.properties,
            warnings: Type.Array(Warning),
          }),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const tenantId = tenantOf(request);
      const params = templateParams(request.params);
      const { overrides, removed } = sanitized(request.body);
      validateOverrides(params, overrides);
      const brand = await getTenant(db, tenantId).then((t) => t?.brand);
      const warnings = [...removedWarnings(removed), ...overrideWarnings(params, overrides, brand)];
      const row = await saveVersion(db, keyOf(tenantId, params), overrides);
      request.log.info({ tenantId, ...params, version: row.version }, 'template override saved');
      return reply.code(201).send({ ...params, ...versionView(row), warnings });
    },
  );

  app.get(
    '/templates/:templateId/:channel/:language/versions',
    {
      schema: {
        summary: 'Every stored version of the tenant’s texts for one template, newest first',
        security: [{ apiKey: [] }],
        params: TemplateParams,
        response: {
          200: Type.Object({
            templateId: Type.String(),
            channel: Type.String(),
            language: Type.String(),
            versions: Type.Array(VersionSchema),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const params = templateParams(request.params);
      const rows = await templateOverrideVersions(db, keyOf(tenantOf(request), params));
      return { ...params, versions: rows.map(versionView) };
    },
  );

  app.get(
    '/templates/:templateId/:channel/:language/preview',
    {
      schema: {
        summary: 'Render a template with sample data in the tenant’s house style',
        description:
          'Uses the latest override, the given version, or the shipped text when there is none. ' +
          'Formats: email html|text, letter pdf|text, sms/whatsapp/app text.',
        security: [{ apiKey: [] }],
        params: TemplateParams,
        querystring: PreviewQuery,
        produces: ['text/html', 'text/plain', 'application/pdf'],
        response: { 200: PreviewResponse, ...problemResponses },
      },
    },
    async (request, reply) => {
      const tenantId = tenantOf(request);
      const params = templateParams(request.params);
      const query = request.query as { format?: PreviewFormat; version?: string; segment?: Segment };
      const formats: readonly PreviewFormat[] = FORMATS_BY_CHANNEL[params.channel];
      const format: PreviewFormat = query.format ?? formats[0]!;
      if (!formats.includes(format))
        throw unprocessable(`the ${params.channel} channel has no ${format} preview`, [
          {
            field: 'querystring:/format',
            message: `must be one of ${formats.join(', ')}`,
          },
        ]);
      const version = query.version === undefined ? undefined : Number(query.version);
      const row = await templateOverrideAt(db, keyOf(tenantId, params), version);
      if (version !== undefined && !row)
        throw notFound(`version ${version} of ${params.templateId}/${params.channel}/${params.language}`);
      const overrides = row?.content as MessageOverrides | undefined;
      const brand = await tenantBrand(db, tenantId);
      const data = previewData(params.language, query.segment ?? 'consumer', brand);

      const rendered = await renderPreview(params, format, data, overrides, brand, query.segment);
      reply.header('settle-template-version', row ? String(row.version) : 'default');
      // Security headers (a CSP sandbox for the HTML) come from the preview family (security-headers.ts).
      if (format === 'pdf')
        reply.header(
          'content-disposition',
          `inline; filename="${params.templateId}-${params.channel}-${params.language}${row ? `-v${row.version}` : ''}.pdf"`,
        );
      return reply.type(CONTENT_TYPES[format]).send(rendered);
    },
  );
};
