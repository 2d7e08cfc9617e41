// Tenant email HTML goes to debtors and into previews on Settle's own origin, so it passes an
// allow-list sanitiser (sanitize-html, a parser — not patterns): only layout tags, presentational
// attributes, https/mailto/tel links and inline styles from a list of properties whose values cannot
// load or run anything survive. Everything else — scripts, event handlers, <svg>, <iframe>, <form>,
// <meta http-equiv>, <style>, data:/javascript: URLs, url()/expression() in CSS — is removed.
import sanitizeHtml from 'sanitize-html';

const TAGS = [
  'html',
  'head',
  'meta',
  'title',
  'body',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'colgroup',
  'col',
  'p',
  'br',
  'hr',
  'a',
  'img',
  'div',
  'span',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'small',
  'sup',
  'sub',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'code',
  'center',
  'font',
];

const ATTRIBUTES: Record<string, string[]> = {
  '*': ['style', 'class', 'dir', 'lang', 'title', 'align', 'valign', 'width', 'height', 'bgcolor', 'role'],
  a: ['href', 'target', 'name'],
  img: ['src', 'alt', 'border'],
  table: ['cellpadding', 'cellspacing', 'border', 'summary'],
  td: ['colspan', 'rowspan', 'nowrap', 'scope'],
  th: ['colspan', 'rowspan', 'nowrap', 'scope'],
  col: ['span'],
  ol: ['start', 'type'],
  font: ['color', 'face', 'size'],
  // No http-equiv: a refresh or a Content-Security-Policy override cannot be smuggled in.
  meta: ['charset', 'name', 'content'],
};

/**
 * A CSS value without functions other than colours, and without `:`, `\`, `;`, `@`, `<` or `(`
 * elsewhere: no url(), image-set(), expression(), var(), escapes or `javascript:`.
 */
const SAFE_CSS_VALUE = /^[-#\w.,%'"!/+ ]*(?:(?:rgba?|hsla?)\([\d .,%/]*\)[-#\w.,%'"!/+ ]*){0,4}$/i;

const STYLE_PROPERTIES = [
  'color',
  'background',
  'background-color',
  'font',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'line-height',
  'letter-spacing',
  'text-align',
  'text-decoration',
  'text-transform',
  'vertical-align',
  'white-space',
  'word-break',
  'display',
  'width',
  'min-width',
  'max-width',
  'height',
  'min-height',
  'max-height',
  'margin',
  'margin-top',
  'margin-right',
  'margin-bottom',
  'margin-left',
  'padding',
  'padding-top',
  'padding-right',
  'padding-bottom',
  'padding-left',
  'border',
  'border-top',
  'border-right',
  'border-bottom',
  'border-left',
  'border-color',
  'border-style',
  'border-width',
  'border-radius',
  'border-collapse',
  'border-spacing',
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: TAGS,
  allowedAttributes: ATTRIBUTES,
  allowedSchemes: ['https', 'http', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https', 'http'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite', 'action', 'background'],
  allowProtocolRelative: false,
  allowedStyles: { '*': Object.fromEntries(STYLE_PROPERTIES.map((p) => [p, [SAFE_CSS_VALUE]])) },
  // A named meta (viewport, colour scheme) keeps its content; an unnamed one is at most a charset.
  transformTags: {
    meta: (tagName, { charset, name, content }) => {
      const attribs: sanitizeHtml.Attributes = {};
      if (name) Object.assign(attribs, { name }, content === undefined ? {} : { content });
      else if (charset) attribs.charset = charset;
      return { tagName, attribs };
    },
  },
  // The content of removed <script>, <style>, <textarea>, <noscript>, <option> goes with them.
  disallowedTagsMode: 'discard',
};

export interface SanitizedHtml {
  html: string;
  /** What was taken out, for a warning to the tenant: `<script>`, `onload`, … */
  removed: string[];
}

/** The tenant's email HTML with only inert markup left; placeholders (`{{name}}`) are kept. */
export function sanitizeEmailHtml(html: string): SanitizedHtml {
  const removed = new Set<string>();
  const allowedFor = (tag: string) => new Set([...ATTRIBUTES['*']!, ...(ATTRIBUTES[tag] ?? [])]);
  const body = sanitizeHtml(html, {
    ...OPTIONS,
    onOpenTag: (tag, attributes) => {
      if (!TAGS.includes(tag)) {
        removed.add(`<${tag}>`);
        return;
      }
      const allowed = allowedFor(tag);
      for (const name of Object.keys(attributes)) if (!allowed.has(name)) removed.add(name);
    },
  });
  // The parser drops the doctype; emails render in standards mode only with it.
  return { html: `<!DOCTYPE html>\n${body.trimStart()}`, removed: [...removed] };
}
