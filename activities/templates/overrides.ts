// Tenant overrides are checked before anything is rendered, so a typo in the admin UI fails with a
// message naming the field and placeholder instead of sending "{{debtorNaam}}" to a debtor.
import type { Channel } from '../../workflows/domain.js';
import { placeholdersIn, TemplateError } from './fill.js';
import type { MessageOverrides } from './types.js';

type OverrideKey = keyof MessageOverrides;

const APPLICABLE: Record<Channel, readonly OverrideKey[]> = {
  email: ['subject', 'title', 'paragraphs', 'text', 'html'],
  sms: ['text'],
  // Business-initiated WhatsApp messages must match a template Meta approved; texts cannot change here.
  whatsapp: [],
  letter: ['title', 'paragraphs'],
  app: ['title', 'text'],
};

export function checkOverrides(
  channel: Channel,
  overrides: MessageOverrides | undefined,
  where: string,
): void {
  if (!overrides) return;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (!(APPLICABLE[channel] as readonly string[]).includes(key)) {
      throw new TemplateError(`${where}: override '${key}' does not apply to the ${channel} channel`);
    }
    if ((key === 'paragraphs') !== Array.isArray(value)) {
      throw new TemplateError(
        `${where}: override '${key}' must be ${key === 'paragraphs' ? 'a list of texts' : 'text'}`,
      );
    }
    const templates: unknown[] = Array.isArray(value) ? value : [value];
    for (const template of templates) {
      if (typeof template !== 'string') throw new TemplateError(`${where}: override '${key}' must be text`);
      placeholdersIn(template, `${where} override '${key}'`);
    }
  }
}
