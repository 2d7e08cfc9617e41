// Tenant template overrides, shared by the API (routes/templates.ts) and the console's template
// editor (console/templates*.ts), so both save, check, restore and preview by the same code: the
// catalogue, the save-time check (the send-time render with sample data), versions and previews in
// the tenant's house style as HTML, text or the printed letter's PDF.
import { Type } from '@sinclair/typebox';
import { renderLetterPdf, SAMPLE_EPC_PAYLOAD, sampleLetterInput } from '../activities/letters/index.js';
import { sanitizeEmailHtml } from '../activities/templates/email-sanitizer.js';
import {
  bodyParagraphs,
  type MessageOverrides,
  overridableFields,
  renderMessage,
  sampleTemplateData,
  type TemplateData,
  TemplateError,
  UnsendableOverrideError,
} from '../activities/templates/index.js';
import { type TextKey, templateOf } from '../activities/templates/text-schema.js';
import type { Brand } from '../db/brand.js';
import type { Database } from '../db/client.js';
import {
  latestTemplateOverride,
  type OverrideKey,
  saveTemplateOverride,
  templateOverrideVersion,
} from '../db/queries/template-overrides.js';
import { getTenant } from '../db/queries/tenants.js';
import { languagePack } from '../languages/index.js';
import {
  CHANNELS,
  type Channel,
  type Language,
  SEGMENTS,
  type Segment,
  type TemplateId,
} from '../workflows/domain.js';
import { epcQrPayload } from '../workflows/policy/references.js';
import { type FieldError, notFound, type Problem, unprocessable } from './problem.js';

// ---------------------------------------------------------------------------------------------------
// The catalogue, derived from the shipped texts so it cannot drift from them: a template with
// variants (the formal notice per segment, the payment request past its due date) is one template.

export const TEMPLATE_IDS: TemplateId[] = [
  ...new Set((Object.keys(languagePack('en').messages.templates) as TextKey[]).map(templateOf)),
];

export const OVERRIDE_FIELDS = ['subject', 'title', 'paragraphs', 'text', 'html'] as const;
export type OverrideField = (typeof OVERRIDE_FIELDS)[number];

/** Which override fields each channel accepts, asked of the same check that guards rendering. */
export const FIELDS_BY_CHANNEL = Object.fromEntries(
  CHANNELS.map((channel) => [channel, [...overridableFields(channel)]]),
) as Record<Channel, OverrideField[]>;

export const PREVIEW_FORMATS = ['html', 'text', 'pdf'] as const;
export type PreviewFormat = (typeof PREVIEW_FORMATS)[number];
export const FORMATS_BY_CHANNEL: Record<Channel, readonly PreviewFormat[]> = {
  email: ['html', 'text'],
  sms: ['text'],
  whatsapp: ['text'],
  letter: ['pdf', 'text'],
  app: ['text'],
};

const OverrideText = (maxLength: number, description: string) =>
  Type.Optional(Type.String({ minLength: 1, maxLength, description }));

/** A new version's texts, as PUT takes them and the console's form is checked against. */
export const OverrideBody = Type.Object(
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

/** One template on one channel in one language: what an override replaces. */
export interface TemplateParams {
  templateId: TemplateId;
  channel: Channel;
  language: Language;
}

export const overrideKey = (tenantId: string, params: TemplateParams): OverrideKey => ({
  tenantId,
  ...params,
});

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
export function templateProblem(error: TemplateError, overrides: MessageOverrides, detail: string): Problem {
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
export function validateOverrides(params: TemplateParams, overrides: MessageOverrides, brand: Brand): void {
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
export function overrideWarnings(
  params: TemplateParams,
  overrides: MessageOverrides,
  brand: Brand,
): FieldError[] {
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
export function sanitized(overrides: MessageOverrides): { overrides: MessageOverrides; removed: string[] } {
  if (overrides.html === undefined) return { overrides, removed: [] };
  const { html, removed } = sanitizeEmailHtml(overrides.html);
  return { overrides: { ...overrides, html }, removed };
}

export function removedWarnings(removed: string[]): FieldError[] {
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
export async function saveVersion(
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

export const versionView = (row: {
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

export async function tenantBrand(db: Database, tenantId: string): Promise<Brand> {
  const tenant = await getTenant(db, tenantId);
  if (!tenant) throw notFound(`tenant ${tenantId}`);
  return tenant.brand;
}

/** Sample data in the tenant's house style. */
export function previewData(
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

export function textPreview(
  params: TemplateParams,
  data: TemplateData,
  overrides: MessageOverrides | undefined,
) {
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

export const CONTENT_TYPES: Record<PreviewFormat, string> = {
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  pdf: 'application/pdf',
};

export async function renderPreview(
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
// Publishing: a save and a restore, each checked as a send would be.

export interface StoredVersion {
  row: Awaited<ReturnType<typeof saveTemplateOverride>>;
  warnings: FieldError[];
}

/** A new version (publish): sanitised, refused (422) unless it renders as it would be sent. */
export async function publishOverride(
  db: Database,
  tenantId: string,
  params: TemplateParams,
  body: MessageOverrides,
): Promise<StoredVersion> {
  const { overrides, removed } = sanitized(body);
  const brand = await tenantBrand(db, tenantId);
  validateOverrides(params, overrides, brand);
  const warnings = [...removedWarnings(removed), ...overrideWarnings(params, overrides, brand)];
  const row = await saveVersion(db, overrideKey(tenantId, params), overrides);
  return { row, warnings };
}

/** A copy of an earlier version as the newest, after the same check as a save; 404 for another's. */
export async function restoreOverride(
  db: Database,
  tenantId: string,
  params: TemplateParams,
  version: number,
): Promise<StoredVersion> {
  const key = overrideKey(tenantId, params);
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
  return { row: await saveVersion(db, key, content, version), warnings };
}

/**
 * Back to the shipped text: a new version without content (the earlier ones stay, to restore);
 * 404 when the shipped text is in use already.
 */
export async function revertToShipped(db: Database, tenantId: string, params: TemplateParams) {
  const key = overrideKey(tenantId, params);
  const current = await latestTemplateOverride(db, key);
  if (!current?.content)
    throw notFound(`an override of ${params.templateId}/${params.channel}/${params.language}`);
  return saveVersion(db, key, null);
}
