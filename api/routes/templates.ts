// Tenant text overrides for the message templates: the catalogue, new versions (refused unless they
// render as they would be sent, by the same check every send runs), the version history with going
// back to the shipped text and restoring a version, and previews in the tenant's house style as
// HTML, text or the printed letter's PDF.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import { type MessageOverrides, PLACEHOLDERS } from '../../activities/templates/index.js';
import type { Database } from '../../db/client.js';
import {
  latestTemplateVersions,
  templateOverrideAt,
  templateOverrideVersions,
} from '../../db/queries/template-overrides.js';
import { CHANNELS, LANGUAGES, SEGMENTS, type Segment } from '../../workflows/domain.js';
import { tenantOf } from '../auth.js';
import { notFound, unprocessable } from '../problem.js';
import { ChannelEnum, LanguageEnum, problemResponses } from '../schemas.js';
import {
  CONTENT_TYPES,
  FIELDS_BY_CHANNEL,
  FORMATS_BY_CHANNEL,
  OVERRIDE_FIELDS,
  OverrideBody,
  overrideKey,
  PREVIEW_FORMATS,
  type PreviewFormat,
  previewData,
  publishOverride,
  renderPreview,
  restoreOverride,
  revertToShipped,
  TEMPLATE_IDS,
  type TemplateParams,
  tenantBrand,
  versionView,
} from '../template-overrides.js';

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

const TemplateParamsSchema = Type.Object(
  { templateId: TemplateIdSchema, channel: ChannelEnum.ref(), language: LanguageEnum.ref() },
  { additionalProperties: false },
);
/** The validated params, typed: the schema has checked every value against its enum. */
const templateParams = (params: Static<typeof TemplateParamsSchema>) => params as TemplateParams;

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
    ...TemplateParamsSchema.properties,
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

export const templateRoutes: FastifyPluginAsync<{ db: Database }> = async (plugin, { db }) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  const keyOf = overrideKey;

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
        params: TemplateParamsSchema,
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
      const { row, warnings } = await publishOverride(db, tenantId, params, request.body);
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
        params: TemplateParamsSchema,
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
        params: TemplateParamsSchema,
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
      const row = await revertToShipped(db, tenantId, params);
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
      const version = Number(request.params.version);
      const { row, warnings } = await restoreOverride(db, tenantId, params, version);
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
        params: TemplateParamsSchema,
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
