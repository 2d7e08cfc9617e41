// Public API of the template layer.
export { type AmountRow, amountRows } from './amount-rows.js';
export { checkEmailHtml, type EmailHtmlCheck } from './email-check.js';
export { TemplateError } from './fill.js';
export { bodyParagraphs } from './message-document.js';
export {
  type OverrideProblem,
  overridableFields,
  overrideProblems,
  UnsendableOverrideError,
} from './overrides.js';
export { PLACEHOLDERS, type PlaceholderName } from './placeholders.js';
export { renderMessage } from './render-message.js';
export { escapeHtml } from './safety.js';
export { sampleTemplateData } from './sample-data.js';
export { type SmsEncoding, type SmsSegmentInfo, smsEncoding, smsSegments } from './sms-segments.js';
export type * from './types.js';
export {
  numberedWhatsAppBody,
  WHATSAPP_TEMPLATE_NAMES,
  type WhatsAppTemplateDefinition,
  whatsAppTemplateDefinitions,
} from './whatsapp-templates.js';
