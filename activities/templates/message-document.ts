// The letter-like structure shared by email and letter: title, greeting, paragraphs, a pointer to
// self-service and a sign-off. Templates are selected once and filled per output style (text/HTML).
import { type FillStyle, fill, PLAIN_TEXT } from './fill.js';
import type { PlaceholderValues } from './placeholders.js';
import type { MessageTexts, Paragraph, TemplateTexts } from './text-schema.js';
import type { MessageOverrides } from './types.js';

export interface MessageDocument {
  title: string;
  /** Absent when the tenant's own text opens with a salutation: one greeting, never two. */
  greeting?: string;
  paragraphs: string[];
  selfService: string;
  closing: string[];
}

function isShown(paragraph: Paragraph, values: PlaceholderValues): boolean {
  if (typeof paragraph === 'string') return true;
  return 'if' in paragraph ? values[paragraph.if] !== undefined : values[paragraph.unless] === undefined;
}

function paragraphText(paragraph: Paragraph): string {
  return typeof paragraph === 'string' ? paragraph : paragraph.text;
}

/** Whether a text opens with a salutation ("Beste …", "Dear …") in the language's words. */
function opensWithGreeting(text: string | undefined, greetingWords: readonly string[]): boolean {
  const start = text?.trimStart().toLowerCase() ?? '';
  return greetingWords.some((word) => {
    const lower = word.toLowerCase();
    return start.startsWith(lower) && !/[\p{L}\p{N}]/u.test(start.charAt(lower.length));
  });
}

/** Closing phrase, sender and creditor; the creditor once when it signs itself. */
function signature(texts: MessageTexts, values: PlaceholderValues): string[] {
  const sameName = values.senderName?.trim().toLowerCase() === values.creditorName?.trim().toLowerCase();
  return sameName ? [texts.closing, '{{senderName}}'] : [texts.closing, '{{senderName}}', '{{creditorName}}'];
}

/** The unfilled templates of the document, after overrides and conditional paragraphs. */
export function documentTemplates(
  texts: MessageTexts,
  template: TemplateTexts,
  values: PlaceholderValues,
  overrides: MessageOverrides | undefined,
): MessageDocument {
  const ownGreeting = opensWithGreeting(overrides?.paragraphs?.[0], texts.greetingWords);
  return {
    title: overrides?.title ?? template.title,
    ...(ownGreeting ? {} : { greeting: texts.greeting }),
    paragraphs:
      overrides?.paragraphs ?? template.paragraphs.filter((p) => isShown(p, values)).map(paragraphText),
    selfService: texts.selfService,
    closing: signature(texts, values),
  };
}

/** The greeting (if any) and the body paragraphs, in reading order. */
export function bodyParagraphs(document: Pick<MessageDocument, 'greeting' | 'paragraphs'>): string[] {
  return document.greeting === undefined ? document.paragraphs : [document.greeting, ...document.paragraphs];
}

export function fillDocument(
  document: MessageDocument,
  values: PlaceholderValues,
  where: string,
  style: FillStyle = PLAIN_TEXT,
): MessageDocument {
  const one = (template: string, part: string) => fill(template, values, `${where} ${part}`, style);
  return {
    title: one(document.title, 'title'),
    ...(document.greeting === undefined ? {} : { greeting: one(document.greeting, 'greeting') }),
    paragraphs: document.paragraphs.map((p, i) => one(p, `paragraph ${i + 1}`)),
    selfService: one(document.selfService, 'self-service'),
    closing: document.closing.map((line) => one(line, 'closing')),
  };
}
