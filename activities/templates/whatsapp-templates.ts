// WhatsApp business-initiated messages must use templates approved by Meta beforehand. The body is
// kept here with named placeholders; Meta sees it numbered ({{1}}, {{2}}, …) with params in order.
// Bump the version suffix whenever an approved body changes: Meta approves a name+body pair.

import { languagePack } from '../../languages/index.js';
import type { Language } from '../../workflows/domain.js';
import { fill, PLACEHOLDER, placeholdersIn } from './fill.js';
import type { PlaceholderValues } from './placeholders.js';
import type { TextKey } from './text-schema.js';

export const WHATSAPP_TEMPLATE_NAMES: Record<TextKey, string> = {
  'payment-request': 'settle_payment_request_v1',
  'payment-request-past-due': 'settle_payment_request_past_due_v1',
  'reminder-1': 'settle_reminder_1_v1',
  'reminder-2': 'settle_reminder_2_v1',
  'formal-notice-consumer': 'settle_formal_notice_consumer_v1',
  'formal-notice-business': 'settle_formal_notice_business_v2',
  'formal-notice-no-costs': 'settle_formal_notice_no_costs_v1',
  'payment-plan-offer': 'settle_payment_plan_offer_v1',
  'final-notice': 'settle_final_notice_v1',
  'instalment-due': 'settle_instalment_due_v1',
  'instalment-missed': 'settle_instalment_missed_v1',
  'contact-update-request': 'settle_contact_update_request_v1',
  'plan-confirmation': 'settle_plan_confirmation_v1',
  'direct-debit-notice': 'settle_direct_debit_notice_v2',
  'direct-debit-failed': 'settle_direct_debit_failed_v2',
};

/** The body as submitted to Meta for approval: each placeholder occurrence becomes `{{n}}`. */
export function numberedWhatsAppBody(body: string): string {
  let n = 0;
  return body.replace(PLACEHOLDER, () => `{{${++n}}}`);
}

/** Meta rejects params with line breaks, tabs or more than three spaces in a row. */
function asParam(value: string): string {
  return value.replace(/\s*[\r\n\t]+\s*/g, ' ').replace(/ {4,}/g, '   ');
}

/** Ordered params for the numbered body, and the text exactly as WhatsApp will show it. */
export function whatsAppParams(
  body: string,
  values: PlaceholderValues,
  where: string,
): { params: string[]; text: string } {
  const params = placeholdersIn(body, where).map((name) => asParam(fill(`{{${name}}}`, values, where)));
  const text = numberedWhatsAppBody(body).replace(
    /\{\{(\d+)\}\}/g,
    (_, n: string) => params[Number(n) - 1] ?? '',
  );
  return { params, text };
}

export interface WhatsAppTemplateDefinition {
  name: string;
  language: Language;
  body: string;
}

/** Every template to submit to Meta, per language. */
export function whatsAppTemplateDefinitions(language: Language): WhatsAppTemplateDefinition[] {
  const { templates } = languagePack(language).messages;
  return (Object.keys(WHATSAPP_TEMPLATE_NAMES) as TextKey[]).map((key) => ({
    name: WHATSAPP_TEMPLATE_NAMES[key],
    language,
    body: numberedWhatsAppBody(templates[key].whatsapp),
  }));
}
