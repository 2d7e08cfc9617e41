// Fills `{{placeholder}}` templates. One function serves plain text and HTML: a FillStyle decides
// how literal template text and inserted values are encoded, so escaping cannot be forgotten per call.
import { isPlaceholderName, type PlaceholderName, type PlaceholderValues } from './placeholders.js';

/** A template cannot be rendered: unknown placeholder, missing value, malformed syntax, unsafe input. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

export interface FillStyle {
  literal(text: string): string;
  value(name: PlaceholderName, value: string): string;
}

export const PLAIN_TEXT: FillStyle = { literal: (text) => text, value: (_name, value) => value };

/** `{{ name }}`; group 1 is the name. */
export const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Placeholder names in order of appearance (repeats included). Throws on unknown names or stray braces. */
export function placeholdersIn(template: string, where: string): PlaceholderName[] {
  const names: PlaceholderName[] = [];
  for (const [, name = ''] of template.matchAll(PLACEHOLDER)) {
    if (!isPlaceholderName(name)) {
      throw new TemplateError(`${where}: unknown placeholder {{${name}}}`);
    }
    names.push(name);
  }
  if (/\{\{|\}\}/.test(template.replace(PLACEHOLDER, ''))) {
    throw new TemplateError(`${where}: malformed placeholder (unmatched "{{" or "}}")`);
  }
  return names;
}

/** Replaces every placeholder; a placeholder without a value is an error, never an empty gap. */
export function fill(template: string, values: PlaceholderValues, where: string, style = PLAIN_TEXT): string {
  placeholdersIn(template, where);
  let out = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] as PlaceholderName;
    const value = values[name];
    if (value === undefined) {
      throw new TemplateError(`${where}: no value for {{${name}}}`);
    }
    out += style.literal(template.slice(last, match.index)) + style.value(name, value);
    last = match.index + match[0].length;
  }
  return out + style.literal(template.slice(last));
}
