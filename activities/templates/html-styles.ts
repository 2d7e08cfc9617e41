// How placeholder values enter HTML. Built-in texts are plain text, so both their literal parts and
// values are escaped; a tenant's full-HTML override keeps its markup and only values are escaped.
import type { FillStyle } from './fill.js';
import { URL_PLACEHOLDERS } from './placeholders.js';
import { escapeHtml } from './safety.js';
import { nonBreakingAmounts } from './typography.js';

/** Plain-text template → HTML fragment: everything escaped, line breaks kept, pay/self-service URLs linked. */
export function textToHtmlStyle(linkColor: string): FillStyle {
  return {
    literal: (text) => escapeHtml(text).replace(/\n/g, '<br>'),
    value: (name, value) =>
      URL_PLACEHOLDERS.has(name)
        ? `<a href="${escapeHtml(value)}" style="color:${linkColor};">${escapeHtml(value)}</a>`
        : escapeHtml(nonBreakingAmounts(value)),
  };
}

/** Tenant HTML template: markup is the tenant's, inserted values are escaped. */
export const HTML_TEMPLATE_STYLE: FillStyle = {
  literal: (text) => text,
  value: (_name, value) => escapeHtml(value),
};
