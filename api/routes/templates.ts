// Tenant text overrides for the message templates: the catalogue, new versions (refused unless they
// render as they would be sent, by the same check every send runs), the version history with going
// back to the shipped text and restoring a version, and previews in the tenant's house style as
// HTML, text or the printed letter's PDF.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { renderLetterPdf, SAMPLE_EPC_PAYLOAD, sampleLetterInput } from '../../activities/letters/index.js';
import { sanitizeEmailHtml } from '../../activities/templates/email-sanitizer.js';
import {
  bodyParagraphs,
  type MessageOverrides,
  overridableFields,
  PLACEHOLDERS,
  renderMessage,
  sampleTemplateData,
  type TemplateData,
  TemplateError,
  UnsendableOverrideError,
} from '../../activities/templates/index.js';
import { type TextKey, templateOf } from '../../activities/templates/text-schema.js';
import type { Brand } from '../../db/brand.js';
import type { Database } from '../../db/client.js';
import {
  latestTemplateOverride,
  latestTemplateVersions,
  type OverrideKey,
  saveTemplateOverride,
  templateOverrideAt,
  templateOverrideVersion,
  templateOverrideVersions,
} from '../../db/queries/template-overrides.js';
import { getTenant } from '../../db/queries/tenants.js';
import { languagePack } from '../../languages/index.js';
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
import { ChannelEnum, LanguageEnum, problemResponses } from '../schemas.js';

// ---------------------------------------------------------------------------------------------------
// The catalogue, derived from the shipped texts so it cannot drift from them: a template with
// variants (the formal notice per segment, the payment request past its due date) is one template.

const TEMPLATE_IDS: TemplateId[] = [
  ...new Set((Object.keys(languagePack('en').messages.templates) as TextKey[]).map(templateOf)),
];

const OVERRIDE_FIELDS = ['subject', 'title', 'paragraphs', 'text', 'html'] as const;
type OverrideField = (typeof OVERRIDE_FIELDS)[number];

/** Which override fields each channel accepts, asked of the same check that guards rendering. */
const FIELDS_BY_CHANNEL = Object.fromEntries(
  CHANNELS.map((channel) => [channel, [...overridableFields(channel)]]),
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

// ---------------------------------------------------------------------------------------------------
// Schemas

/**
 * One `enum` (not a union of literals) so a wrong value gets one clear error and one OpenAPI enum.
 * Typed as string: handlers narrow with `templateParams`/`previewQuery` after validation.
 */
const StringEnum = (values: readonly string[], description?: string) =>
  Type.String({ enum: [...values], ...(description ? { description } : {}) });

const TemplateIdSchema = StringEnum(TEMPLATE_IDS, 'message kind');
const FieldName = StringEnum(OVERRIDE_FIELDS);

const TemplateParams = Type.Object(
  { templateId: TemplateIdSchema, channel: ChannelEnum.ref(), language: LanguageEnum.ref() },
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
  content: Type.Union([OverrideContent, Type.Null()], {
    description: 'the texts of this version; null: this version went back to the shipped text',
  }),
  restoredFrom: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()], {
    description: 'the earlier version this one restored',
  }),
  createdAt: Type.String({ format: 'date-time' }),
});

const VersionParams = Type.Object(
  {
    ...TemplateParams.properties,
    version: Type.String({ pattern: '^[1-9]\\d{0,8}$', description: 'an earlier version', examples: ['2'] }),
  },
  { additionalProperties: false },
);

const VersionFields = {
  templateId: Type.String(),
  channel: Type.String(),
  language: Type.String(),
  ...VersionSchema.properties,
};

const EXAMPLE_TEXTS = { subject: 'Reminder: invoice {{invoiceId}} is still open' };

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
      Type.String({
        pattern: '^[1-9]\\d{0,8}$',
        description: 'override version; default the latest',
        examples: ['2'],
      }),
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
  return key ? `/${key}` : '/';
}

/** The message without the "template x/y/z …:" prefix the renderer adds for logs. */
function messageOf(error: TemplateError): string {
  return error.message.replace(/^template [^:]*?(override '\w+')?: /, '');
}

/** A 422 naming every field at fault: all problems of the override check, else the render failure. */
function templateProblem(error: TemplateError, overrides: MessageOverrides, detail: string): Problem {
  if (error instanceof UnsendableOverrideError) return unprocessable(detail, error.problems);
  return unprocessable(detail, [{ field: fieldOf(error, overrides), message: messageOf(error) }]);
}

const UNSENDABLE =
  'the override cannot be sent: nothing was stored; correct the fields named in errors and save again';

/**
 * The save-time check is the send-time render: `renderMessage` with the same override check the
 * worker runs before every message, here with sample data in every segment and the tenant's brand
 * (a placeholder such as {{creditorPhone}} has a value only when the brand has it). What would fail
 * when sent is a 422 now, so no saved override can silently fail later.
 */
function validateOverrides(params: TemplateParams, overrides: MessageOverrides, brand: Brand): void {
  for (const segment of SEGMENTS) {
    try {
      renderMessage(
        params.templateId,
        params.channel,
        params.language,
        previewData(params.templateId, params.language, segment, brand),
        overrides,
      );
    } catch (error) {
      if (error instanceof TemplateError) throw templateProblem(error, overrides, UNSENDABLE);
      throw error;
    }
  }
}

/** What does not stop a message but costs: an SMS longer than the shipped texts. */
function overrideWarnings(params: TemplateParams, overrides: MessageOverrides, brand: Brand): FieldError[] {
  if (params.channel !== 'sms') return [];
  const data = previewData(params.templateId, params.language, 'consumer', brand);
  const sms = renderMessage(params.templateId, 'sms', params.language, data, overrides);
  if (sms.segments <= 2) return [];
  return [
    {
      field: '/text',
      message: `the sample SMS takes ${sms.segments} segments (${sms.encoding}); the shipped texts fit in 2`,
    },
  ];
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
async function saveVersion(
  db: Database,
  key: OverrideKey,
  content: MessageOverrides | null,
  restoredFrom?: number,
) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await saveTemplateOverride(db, key, content as Record<string, unknown> | null, restoredFrom);
    } catch (error) {
      if (!isUniqueViolation(error) || attempt >= 5) throw error;
    }
  }
}

const versionView = (row: {
  version: number;
  content: unknown;
  restoredFrom: number | null;
  createdAt: Date;
}) => ({
  version: row.version,
  content: (row.content ?? null) as MessageOverrides | null,
  restoredFrom: row.restoredFrom,
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
function previewData(
  templateId: TemplateId,
  language: Language,
  segment: Segment,
  brand: Brand,
): TemplateData {
  return { ...sampleTemplateData(language, segment, templateId), creditor: brand };
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
      return [letter.title, ...bodyParagraphs(letter), letter.selfService, letter.closing.join('\n')].join(
        '\n\n',
      );
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
              overridden: row !== undefined && !row.shipped,
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
          'The texts are checked and rendered exactly as a message is when it is sent (the same check runs ' +
          'before every message), with sample data for consumer and business debtors and the tenant’s brand. ' +
          'A text that could not be sent is a 422 naming each field and what to do: an unknown or malformed ' +
          'placeholder, a placeholder that has no value when this template is sent (e.g. {{deadline}} in a ' +
          'reminder, {{creditorPhone}} without a phone in the brand), an unsafe link, invalid HTML, a field the ' +
          'channel does not take (WhatsApp takes none). Nothing is stored then. ' +
          'HTML is sanitised before it is stored: only layout tags, presentational attributes, https links and ' +
          'inert inline styles are kept (no scripts, event handlers, forms, frames, SVG or data: URLs); a warning ' +
          'names what was removed. Warnings (the text is stored) also name an SMS longer than two segments. ' +
          'Every save is a new version; earlier versions are kept.',
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
      const brand = await tenantBrand(db, tenantId);
      validateOverrides(params, overrides, brand);
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
        description:
          'The newest version is the one messages use; a version with `content: null` went back to the ' +
          'shipped text (DELETE), one with `restoredFrom` copied an earlier version (…/restore).',
        security: [{ apiKey: [] }],
        params: TemplateParams,
        response: {
          200: Type.Object(
            {
              templateId: Type.String(),
              channel: Type.String(),
              language: Type.String(),
              versions: Type.Array(VersionSchema),
            },
            {
              examples: [
                {
                  templateId: 'reminder-1',
                  channel: 'email',
                  language: 'en',
                  versions: [
                    {
                      version: 2,
                      content: null,
                      restoredFrom: null,
                      createdAt: '2026-12-01T09:30:00.000Z',
                    },
                    {
                      version: 1,
                      content: EXAMPLE_TEXTS,
                      restoredFrom: null,
                      createdAt: '2026-11-20T14:02:00.000Z',
                    },
                  ],
                },
              ],
            },
          ),
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

  app.delete(
    '/templates/:templateId/:channel/:language',
    {
      schema: {
        summary: 'Go back to the shipped text for one template, channel and language',
        description:
          'Messages from now on use the shipped text. The tenant’s versions are kept: this stores a new ' +
          'version without content, and POST …/versions/{version}/restore brings an earlier text back. ' +
          '404 when the shipped text is already in use.',
        security: [{ apiKey: [] }],
        params: TemplateParams,
        response: {
          200: Type.Object(VersionFields, {
            examples: [
              {
                templateId: 'reminder-1',
                channel: 'email',
                language: 'en',
                version: 3,
                content: null,
                restoredFrom: null,
                createdAt: '2026-12-01T09:30:00.000Z',
              },
            ],
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const params = templateParams(request.params);
      const key = keyOf(tenantId, params);
      const current = await latestTemplateOverride(db, key);
      if (!current?.content)
        throw notFound(`an override of ${params.templateId}/${params.channel}/${params.language}`);
      const row = await saveVersion(db, key, null);
      request.log.info({ tenantId, ...params, version: row.version }, 'template override removed');
      return { ...params, ...versionView(row) };
    },
  );

  app.post(
    '/templates/:templateId/:channel/:language/versions/:version/restore',
    {
      schema: {
        summary: 'Make an earlier version of the tenant’s texts current again',
        description:
          'Stores a copy of that version as the newest version (`restoredFrom` names it); the history stays ' +
          'as it was. The copy passes the same check as a save: a version stored before that check that ' +
          'could not be sent is a 422 naming each field. Restoring a version without content goes back to ' +
          'the shipped text. 404 for a version this tenant does not have.',
        security: [{ apiKey: [] }],
        params: VersionParams,
        response: {
          201: Type.Object(
            { ...VersionFields, warnings: Type.Array(Warning) },
            {
              examples: [
                {
                  templateId: 'reminder-1',
                  channel: 'email',
                  language: 'en',
                  version: 4,
                  content: EXAMPLE_TEXTS,
                  restoredFrom: 2,
                  createdAt: '2026-12-01T09:35:00.000Z',
                  warnings: [],
                },
              ],
            },
          ),
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const tenantId = tenantOf(request);
      const params = templateParams(request.params);
      const key = keyOf(tenantId, params);
      const version = Number(request.params.version);
      const source = await templateOverrideVersion(db, key, version);
      if (!source)
        throw notFound(`version ${version} of ${params.templateId}/${params.channel}/${params.language}`);
      let content: MessageOverrides | null = null;
      let warnings: FieldError[] = [];
      if (source.content) {
        const { overrides, removed } = sanitized(source.content as MessageOverrides);
        const brand = await tenantBrand(db, tenantId);
        validateOverrides(params, overrides, brand);
        content = overrides;
        warnings = [...removedWarnings(removed), ...overrideWarnings(params, overrides, brand)];
      }
      const row = await saveVersion(db, key, content, version);
      request.log.info(
        { tenantId, ...params, version: row.version, restoredFrom: version },
        'template override restored',
      );
      return reply.code(201).send({ ...params, ...versionView(row), warnings });
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
      const overrides = (row?.content ?? undefined) as MessageOverrides | undefined;
      const brand = await tenantBrand(db, tenantId);
      const data = previewData(params.templateId, params.language, query.segment ?? 'consumer', brand);

      const rendered = await renderPreview(params, format, data, overrides, brand, query.segment);
      reply.header('settle-template-version', overrides ? String(row!.version) : 'default');
      // Security headers (a CSP sandbox for the HTML) come from the preview family (security-headers.ts).
      if (format === 'pdf')
        reply.header(
          'content-disposition',
          `inline; filename="${params.templateId}-${params.channel}-${params.language}${overrides ? `-v${row!.version}` : ''}.pdf"`,
        );
      return reply.type(CONTENT_TYPES[format]).send(rendered);
    },
  );
};
