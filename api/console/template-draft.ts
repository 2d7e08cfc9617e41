// The template editor's form as a tenant override and back, the text its plain-language hint reads,
// and a version's changes against the one before. Pure: the pages and previews share them.
import { diffWordsWithSpace } from 'diff';
import { escapeHtml as h } from '../../activities/templates/safety.js';
import { overriddenVariants, type TemplateTexts } from '../../activities/templates/text-schema.js';
import type { MessageOverrides } from '../../activities/templates/types.js';
import { languagePack } from '../../languages/index.js';
import { lineValidator } from '../line-validator.js';
import type { FieldError } from '../problem.js';
import {
  FIELDS_BY_CHANNEL,
  OverrideBody,
  type OverrideField,
  type TemplateParams,
} from '../template-overrides.js';
import { validationFieldErrors } from '../validation-errors.js';

/** The form's fields as typed: one string per override field (paragraphs in one text area). */
export type DraftForm = Partial<Record<OverrideField, string>>;

const PARAGRAPH_BREAK = /\r?\n[ \t]*\r?\n/;

/** Browsers send CRLF line ends; the stored text has LF. An empty field keeps the shipped text. */
export function overridesOf(form: DraftForm, params: TemplateParams): MessageOverrides {
  const overrides: MessageOverrides = {};
  for (const field of FIELDS_BY_CHANNEL[params.channel]) {
    const value = form[field]?.replace(/\r\n/g, '\n').trim();
    if (!value) continue;
    if (field === 'paragraphs')
      overrides.paragraphs = value
        .split(PARAGRAPH_BREAK)
        .map((paragraph) => paragraph.trim())
        .filter(Boolean);
    else overrides[field] = value;
  }
  return overrides;
}

/** A stored override in the form's shape. */
export function formOf(overrides: MessageOverrides | null | undefined): DraftForm {
  const form: DraftForm = {};
  for (const [field, value] of Object.entries(overrides ?? {}) as [OverrideField, string | string[]][])
    form[field] = Array.isArray(value) ? value.join('\n\n') : value;
  return form;
}

const validOverrideBody = lineValidator<MessageOverrides>(OverrideBody);

/** The API's own schema check (lengths, counts): PUT would refuse these before the send check. */
export function overrideSchemaErrors(overrides: MessageOverrides): FieldError[] {
  if (Object.keys(overrides).length === 0) return [];
  return validOverrideBody(overrides) ? [] : validationFieldErrors(validOverrideBody.errors ?? []);
}

/** The shipped texts an override of this template replaces (its first variant). */
export function shippedTexts(params: TemplateParams): TemplateTexts {
  const [variant] = overriddenVariants(params.templateId);
  return languagePack(params.language).messages.templates[variant!];
}

const paragraphText = (paragraph: TemplateTexts['paragraphs'][number]) =>
  typeof paragraph === 'string' ? paragraph : paragraph.text;

/** The shipped text of one override field, as the form would show it. */
export function shippedField(params: TemplateParams, field: OverrideField): string | undefined {
  const texts = shippedTexts(params);
  switch (field) {
    case 'subject':
      return texts.subject;
    case 'title':
      return texts.title;
    case 'paragraphs':
      return texts.paragraphs.map(paragraphText).join('\n\n');
    case 'text':
      return params.channel === 'sms' ? texts.sms : params.channel === 'app' ? texts.app : undefined;
    case 'html':
      return undefined;
  }
}

/** What the debtor reads as running text: the draft's fields, else the shipped ones. */
export function readableText(params: TemplateParams, overrides: MessageOverrides): string {
  const texts = shippedTexts(params);
  const title = overrides.title ?? texts.title;
  const body = overrides.paragraphs ?? texts.paragraphs.map(paragraphText);
  switch (params.channel) {
    case 'email':
      return [
        overrides.subject ?? texts.subject,
        title,
        ...(overrides.paragraphs || !overrides.text ? body : [overrides.text]),
      ].join('\n');
    case 'letter':
      return [title, ...body].join('\n');
    case 'sms':
      return overrides.text ?? texts.sms;
    case 'whatsapp':
      return texts.whatsapp;
    case 'app':
      return [title, overrides.text ?? texts.app].join('\n');
  }
}

/** A version's texts as labelled lines, so that a diff reads field by field. */
function versionText(
  content: MessageOverrides | null,
  labels: Record<OverrideField, string>,
  shipped: string,
) {
  if (!content) return `(${shipped})`;
  return (Object.entries(content) as [OverrideField, string | string[]][])
    .map(([field, value]) => `${labels[field]}:\n${Array.isArray(value) ? value.join('\n\n') : value}`)
    .join('\n\n');
}

/** The changes from `before` to `after` as markup: removed words in <del>, added in <ins>. */
export function versionDiff(
  before: MessageOverrides | null,
  after: MessageOverrides | null,
  labels: Record<OverrideField, string>,
  shipped: string,
): string {
  return diffWordsWithSpace(versionText(before, labels, shipped), versionText(after, labels, shipped))
    .map((part) =>
      part.added
        ? `<ins>${h(part.value)}</ins>`
        : part.removed
          ? `<del>${h(part.value)}</del>`
          : h(part.value),
    )
    .join('');
}
