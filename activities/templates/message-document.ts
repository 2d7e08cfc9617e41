// The letter-like structure shared by email and letter: title, greeting, paragraphs, a pointer to
// self-service and a sign-off. Templates are selected once and filled per output style (text/HTML).
import { type FillStyle, fill, PLAIN_TEXT } from './fill.js';
import type { PlaceholderValues } from './placeholders.js';
import type { LanguageTexts, Paragraph, TemplateTexts } from './text-schema.js';
import type { MessageOverrides } from './types.js';

export interface MessageDocument {
  title: string;
  greeting: string;
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

/** The unfilled templates of the document, after overrides and conditional paragraphs. */
export function documentTemplates(
  texts: LanguageTexts,
  template: TemplateTexts,
  values: PlaceholderValues,
  overrides: MessageOverrides | undefined,
): MessageDocument {
  return {
    title: overrides?.title ?? template.title,
    greeting: texts.greeting,
    paragraphs:
      overrides?.paragraphs ?? template.paragraphs.filter((p) => isShown(p, values)).map(paragraphText),
    selfService: texts.selfService,
    closing: [texts.closing, '{{senderName}}', '{{creditorName}}'],
  };
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
    greeting: one(document.greeting, 'greeting'),
    paragraphs: document.paragraphs.map((p, i) => one(p, `paragraph ${i + 1}`)),
    selfService: one(document.selfService, 'self-service'),
    closing: document.closing.map((line) => one(line, 'closing')),
  };
}
