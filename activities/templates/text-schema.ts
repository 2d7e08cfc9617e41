// The shape of one language's texts. Texts are plain data (no HTML): layouts decide the markup,
// so one wording serves email, letter and the email's text part.
import type { Channel, Segment, TemplateId } from '../../workflows/domain.js';
import type { PlaceholderName } from './placeholders.js';

/** A paragraph, or one shown only when the named placeholder has a value (`if`) or has none (`unless`). */
export type Paragraph =
  | string
  | { if: PlaceholderName; text: string }
  | { unless: PlaceholderName; text: string };

/** The formal notice has a consumer (14-day letter) and a business variant; other templates have one. */
export type TextKey =
  | Exclude<TemplateId, 'formal-notice'>
  | 'formal-notice-consumer'
  | 'formal-notice-business';

export function textKey(templateId: TemplateId, segment: Segment): TextKey {
  return templateId === 'formal-notice' ? `formal-notice-${segment}` : templateId;
}

export interface TemplateTexts {
  /** Email subject. */
  subject: string;
  /** Letter and app title; heading of the email. */
  title: string;
  /** Body of email and letter. */
  paragraphs: Paragraph[];
  /** Must fit two SMS segments with realistic data; GSM-7 characters only. */
  sms: string;
  /** Body of the pre-approved WhatsApp template; must not start or end with a placeholder. */
  whatsapp: string;
  /** Short push / in-app text; the app shows its own pay button. */
  app: string;
}

export interface LanguageTexts {
  /** How the legal wording names the medium ("deze brief"). */
  thisMessage: Record<Channel, string>;
  greeting: string;
  /** Closing phrase above the sender's name. */
  closing: string;
  payNow: string;
  /** Paragraph pointing to the self-service page; follows the body on email and letter. */
  selfService: string;
  amounts: { principal: string; costs: string; interest: string; paid: string; amountDue: string };
  letter: {
    date: string;
    invoice: string;
    reference: string;
    payOnline: string;
    scanBankApp: string;
    /** Uses {iban}, {beneficiary} and {reference}: letter-only values, filled by the letter layout. */
    manualTransfer: string;
    /** Uses {page} and {pages}. */
    page: string;
  };
  templates: Record<TextKey, TemplateTexts>;
}
