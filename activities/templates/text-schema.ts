// The shape of one language's texts. Texts are plain data (no HTML): layouts decide the markup,
// so one wording serves email, letter and the email's text part.
import type { Channel, Segment, TemplateId } from '../../workflows/domain.js';
import type { PlaceholderName } from './placeholders.js';

/** A paragraph, or one shown only when the named placeholder has a value (`if`) or has none (`unless`). */
export type Paragraph =
  | string
  | { if: PlaceholderName; text: string }
  | { unless: PlaceholderName; text: string };

/**
 * Text variants keyed by what is true when the message is sent: the formal notice has a consumer
 * (14-day letter) and a business variant, and one naming no costs for a policy that charges none; a
 * payment request sent once the due date has passed names a fresh pay-by day. Others have one text.
 */
export type TextKey =
  | Exclude<TemplateId, 'formal-notice'>
  | 'payment-request-past-due'
  | 'formal-notice-consumer'
  | 'formal-notice-business'
  | 'formal-notice-no-costs';

/** What picks a template's variant: the debtor's segment and the facts the workflow stated. */
export interface VariantFacts {
  segment: Segment;
  /** The message names a pay-by day of its own (a fresh one, for a payment request). */
  deadline?: string;
  /** Collection costs the message names (absent: the policy charges none). */
  collectionCosts?: string;
}

export function textKey(templateId: TemplateId, facts: VariantFacts): TextKey {
  if (templateId === 'formal-notice')
    return facts.collectionCosts === undefined ? 'formal-notice-no-costs' : `formal-notice-${facts.segment}`;
  if (templateId === 'payment-request' && facts.deadline !== undefined) return 'payment-request-past-due';
  return templateId;
}

/** The template a variant belongs to. */
export function templateOf(key: TextKey): TemplateId {
  if (key.startsWith('formal-notice-')) return 'formal-notice';
  return key === 'payment-request-past-due' ? 'payment-request' : (key as TemplateId);
}

/**
 * The variants a tenant's override of a template replaces. Not the formal notice without costs: an
 * override may name the costs, and sent under a policy that charges none it cannot render, so the
 * shipped text without costs goes instead (and the fallback is reported).
 */
export function overriddenVariants(templateId: TemplateId): TextKey[] {
  if (templateId === 'formal-notice') return ['formal-notice-consumer', 'formal-notice-business'];
  if (templateId === 'payment-request') return ['payment-request', 'payment-request-past-due'];
  return [templateId];
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

/** The labels of the printed letter and its payment slip. */
export interface LetterTexts {
  date: string;
  invoice: string;
  reference: string;
  payOnline: string;
  scanBankApp: string;
  /** Uses {iban}, {beneficiary} and {reference}: letter-only values, filled by the letter layout. */
  manualTransfer: string;
  /** Uses {page} and {pages}. */
  page: string;
}

/** One language's message texts: every template variant, for every channel. */
export interface MessageTexts {
  /** How the legal wording names the medium ("deze brief"). */
  thisMessage: Record<Channel, string>;
  greeting: string;
  /** Words a salutation starts with: a tenant's text that opens with one gets no second greeting. */
  greetingWords: string[];
  /** Closing phrase above the sender's name. */
  closing: string;
  payNow: string;
  /** Paragraph pointing to the self-service page; follows the body on email and letter. */
  selfService: string;
  amounts: {
    principal: string;
    costs: string;
    interest: string;
    paid: string;
    amountDue: string;
    /** Uses {number} and {of}: the instalment a plan's message asks to pay now. */
    instalment: string;
  };
  /** The sentence on VAT after the collection costs: `included` uses {amount}. */
  vat: { included: string; none: string };
  templates: Record<TextKey, TemplateTexts>;
}
