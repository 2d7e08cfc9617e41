// Email = subject + HTML + text part, built from the shared message document. A tenant may replace
// the HTML or text wholesale; replaced HTML is sanitised after filling (overrides stored before
// sanitising at save time existed are cleaned here too) and must pass the same check as the layout.
import type { Language } from '../../workflows/domain.js';
import { amountRows } from './amount-rows.js';
import { checkEmailHtml } from './email-check.js';
import { emailHtml } from './email-html.js';
import { sanitizeEmailHtml } from './email-sanitizer.js';
import { emailText } from './email-text.js';
import { fill, TemplateError } from './fill.js';
import { HTML_TEMPLATE_STYLE, textToHtmlStyle } from './html-styles.js';
import { fillDocument, type MessageDocument } from './message-document.js';
import type { PlaceholderValues } from './placeholders.js';
import type { MessageTexts, TemplateTexts } from './text-schema.js';
import type { MessageOverrides, RenderedEmail, TemplateData } from './types.js';

export interface EmailRenderContext {
  language: Language;
  texts: MessageTexts;
  template: TemplateTexts;
  /** unfilled, overrides applied */
  document: MessageDocument;
  values: PlaceholderValues;
  data: TemplateData;
  overrides: MessageOverrides | undefined;
  where: string;
}

function renderHtml(ctx: EmailRenderContext, subject: string): string {
  const { data, texts, overrides, values, where } = ctx;
  if (overrides?.html !== undefined) {
    const { html } = sanitizeEmailHtml(
      fill(overrides.html, values, `${where} override 'html'`, HTML_TEMPLATE_STYLE),
    );
    const check = checkEmailHtml(html);
    if (!check.ok) throw new TemplateError(`${where} override 'html': ${check.problems.join('; ')}`);
    return html;
  }
  return emailHtml({
    language: ctx.language,
    subject,
    documentHtml: fillDocument(ctx.document, values, where, textToHtmlStyle(data.creditor.primaryColor)),
    amounts: amountRows(data, texts.amounts),
    payNow: texts.payNow,
    payUrl: data.payUrl,
    brand: data.creditor,
  });
}

function renderText(ctx: EmailRenderContext): string {
  const { data, texts, overrides, values, where } = ctx;
  if (overrides?.text !== undefined) return fill(overrides.text, values, `${where} override 'text'`);
  const document = fillDocument(ctx.document, values, where);
  return emailText(document, amountRows(data, texts.amounts), texts.payNow, data.payUrl, data.creditor);
}

export function renderEmail(ctx: EmailRenderContext): RenderedEmail {
  const subject = fill(ctx.overrides?.subject ?? ctx.template.subject, ctx.values, `${ctx.where} subject`);
  return { channel: 'email', subject, html: renderHtml(ctx, subject), text: renderText(ctx) };
}
