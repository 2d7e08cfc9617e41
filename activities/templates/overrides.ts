// Tenant overrides are checked before anything is rendered, so a typo in the admin UI fails with a
// message naming the field and placeholder instead of sending "{{debtorNaam}}" to a debtor.
// One check serves both ends: the API refuses an override at save time with these problems, and
// every render (at send time too) runs the same check first, so the two cannot drift apart.

import { languagePack } from '../../languages/index.js';
import { LANGUAGES } from '../../workflows/domain.js';
import { placeholdersIn, TemplateError } from './fill.js';
import type { PlaceholderName } from './placeholders.js';
import { overriddenVariants, type Paragraph } from './text-schema.js';
import type { Channel, CreditorBrand, MessageOverrides, TemplateId } from './types.js';

type OverrideKey = keyof MessageOverrides;

const APPLICABLE: Record<Channel, readonly OverrideKey[]> = {
  email: ['subject', 'title', 'paragraphs', 'text', 'html'],
  sms: ['text'],
  // Business-initiated WhatsApp messages must match a template Meta approved; texts cannot change here.
  whatsapp: [],
  letter: ['title', 'paragraphs'],
  app: ['title', 'text'],
};

/** The override fields a channel takes (WhatsApp: none). */
export function overridableFields(channel: Channel): readonly OverrideKey[] {
  return APPLICABLE[channel];
}

/** One reason an override cannot be sent: the field as a JSON pointer into the override body. */
export interface OverrideProblem {
  field: string;
  message: string;
}

/** The overrides cannot be sent as they are; `problems` name every field at fault and what to do. */
export class UnsendableOverrideError extends TemplateError {
  constructor(
    where: string,
    readonly problems: OverrideProblem[],
  ) {
    super(`${where}: ${problems.map((p) => `override '${p.field.split('/')[1]}': ${p.message}`).join('; ')}`);
  }
}

/** Present whenever any message is sent: debtor, invoice, amounts, links and the creditor. */
const ALWAYS_AVAILABLE: readonly PlaceholderName[] = [
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
];

/** Present when the creditor's brand has the value (PUT /v1/brand): the brand field to fill in. */
const FROM_BRAND: Partial<Record<PlaceholderName, string>> = {
  creditorPhone: 'phone',
  creditorWebsite: 'website',
};

const unconditionalCache = new Map<TemplateId, ReadonlySet<PlaceholderName>>();

/**
 * Placeholders the shipped texts of a template use outside conditional paragraphs: the workflow
 * always supplies them when it sends that template. For a template with variants (the formal notice
 * per segment, the payment request past its due date), only those every variant an override replaces uses.
 */
function unconditionalPlaceholders(templateId: TemplateId): ReadonlySet<PlaceholderName> {
  const cached = unconditionalCache.get(templateId);
  if (cached) return cached;
  const perVariant = overriddenVariants(templateId).map((key) => {
    const names = new Set<PlaceholderName>();
    for (const language of LANGUAGES) {
      const texts = languagePack(language).messages.templates[key];
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
  const names = new Set([...perVariant[0]!].filter((name) => perVariant.every((set) => set.has(name))));
  unconditionalCache.set(templateId, names);
  return names;
}

/** The placeholders that have a value every time this template is sent for this creditor. */
export function placeholdersAlwaysAvailable(
  templateId: TemplateId,
  creditor: Pick<CreditorBrand, 'phone' | 'website'>,
): Set<PlaceholderName> {
  const names = new Set([...ALWAYS_AVAILABLE, ...unconditionalPlaceholders(templateId)]);
  if (creditor.phone) names.add('creditorPhone');
  if (creditor.website) names.add('creditorWebsite');
  return names;
}

function unavailableMessage(
  templateId: TemplateId,
  missing: PlaceholderName[],
  available: Set<PlaceholderName>,
) {
  const list = missing.map((n) => `{{${n}}}`).join(', ');
  const brandOnly = missing.filter((n) => FROM_BRAND[n]);
  const remedy = brandOnly.length
    ? `remove it, or add the creditor's ${brandOnly.map((n) => FROM_BRAND[n]).join(' and ')} to the brand (PUT /v1/brand)`
    : `remove it; ${templateId} always has ${[...available].map((n) => `{{${n}}}`).join(', ')}`;
  return `${list} ${missing.length > 1 ? 'have' : 'has'} no value when ${templateId} is sent, so a message with ${missing.length > 1 ? 'them' : 'it'} cannot be sent: ${remedy}`;
}

/**
 * Every reason these overrides could not be sent for this template on this channel (empty: they
 * can): a field the channel does not take, a wrong shape, an unknown or malformed placeholder, or a
 * placeholder that has no value when the template is sent. Rendering then checks what depends on
 * the text as filled (the HTML check, links).
 */
export function overrideProblems(
  templateId: TemplateId,
  channel: Channel,
  overrides: MessageOverrides | undefined,
  creditor: Pick<CreditorBrand, 'phone' | 'website'>,
): OverrideProblem[] {
  if (!overrides) return [];
  const problems: OverrideProblem[] = [];
  const available = placeholdersAlwaysAvailable(templateId, creditor);
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const field = `/${key}`;
    if (!(APPLICABLE[channel] as readonly string[]).includes(key)) {
      const takes = APPLICABLE[channel].length
        ? `it takes ${APPLICABLE[channel].join(', ')}`
        : 'it takes none';
      problems.push({ field, message: `does not apply to the ${channel} channel; ${takes}` });
      continue;
    }
    if ((key === 'paragraphs') !== Array.isArray(value)) {
      problems.push({ field, message: `must be ${key === 'paragraphs' ? 'a list of texts' : 'text'}` });
      continue;
    }
    const templates: unknown[] = Array.isArray(value) ? value : [value];
    templates.forEach((template, index) => {
      const at = Array.isArray(value) ? `${field}/${index}` : field;
      if (typeof template !== 'string') {
        problems.push({ field: at, message: 'must be text' });
        return;
      }
      let names: PlaceholderName[];
      try {
        names = placeholdersIn(template, '');
      } catch (error) {
        const message = error instanceof Error ? error.message.replace(/^: /, '') : String(error);
        problems.push({
          field: at,
          message: message.startsWith('unknown placeholder')
            ? `${message}; GET /v1/templates lists the placeholders`
            : message,
        });
        return;
      }
      const missing = [...new Set(names)].filter((name) => !available.has(name));
      if (missing.length)
        problems.push({ field: at, message: unavailableMessage(templateId, missing, available) });
    });
  }
  return problems;
}

/** Throws an UnsendableOverrideError naming every problem of `overrideProblems`. */
export function checkOverrides(
  templateId: TemplateId,
  channel: Channel,
  overrides: MessageOverrides | undefined,
  creditor: Pick<CreditorBrand, 'phone' | 'website'>,
  where: string,
): void {
  const problems = overrideProblems(templateId, channel, overrides, creditor);
  if (problems.length) throw new UnsendableOverrideError(where, problems);
}
