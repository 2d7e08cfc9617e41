// Console forms that change something, with the API's errors at their fields: schema errors and
// problems (each naming its field by JSON pointer) placed at the fields they are about.
import { escapeHtml as h } from '../../activities/templates/safety.js';
import { type RefusalTexts, refusalText } from '../../workflows/commands/refusal.js';
import type { FieldError } from '../problem.js';
import { Problem } from '../problem.js';
import { type ValidationTexts, validationFieldErrors } from '../validation-errors.js';

/** Messages per form field; `''` holds those about no field of the form. */
export type FormErrors = Record<string, string[]>;

/** "/amount/value" → "amount.value": the form's name for the field a pointer names. */
export const fieldOfPointer = (pointer: string) => pointer.replace(/^\//, '').replaceAll('/', '.');

/** The API's field errors on the form: at their field when the form has it, else in general. */
export function placeErrors(errors: readonly FieldError[], fields: readonly string[]): FormErrors {
  const placed: FormErrors = {};
  for (const error of errors) {
    const named = fieldOfPointer(error.field);
    // A pointer into a field's inside (amount.value) belongs to the field that holds it.
    const field = fields.find((f) => named === f || named.startsWith(`${f}.`)) ?? '';
    placed[field] = [...(placed[field] ?? []), error.message];
  }
  return placed;
}

/** A body checked by the API's own validator (ajv, as Fastify runs it): its errors, or none. */
export function schemaErrors(
  validate: { (body: unknown): boolean; errors?: unknown },
  body: unknown,
  fields: readonly string[],
  texts: ValidationTexts,
): FormErrors | undefined {
  if (validate(body)) return undefined;
  return placeErrors(
    validationFieldErrors(
      (validate.errors ?? []) as Parameters<typeof validationFieldErrors>[0],
      'body',
      texts,
    ),
    fields,
  );
}

/**
 * A refused action or change (the API's 4xx problem) as form errors, an invoice's refusal in the
 * user's language; anything else is rethrown.
 */
export function problemErrors(error: unknown, fields: readonly string[], refusals: RefusalTexts): FormErrors {
  if (!(error instanceof Problem) || error.status >= 500) throw error;
  if (error.refusal) return { '': [refusalText(refusals, error.refusal)] };
  if (error.errors?.length) return placeErrors(error.errors, fields);
  return { '': [error.detail ?? error.title] };
}

export const hasErrors = (errors: FormErrors) => Object.values(errors).some((list) => list.length > 0);

/** The messages about no field, at the top of the form, announced when the page loads. */
export function generalErrors(title: string, errors: FormErrors): string {
  const all = Object.values(errors).flat();
  if (all.length === 0) return '';
  const general = errors[''] ?? [];
  const items = general.length ? `<ul>${general.map((m) => `<li>${h(m)}</li>`).join('')}</ul>` : '';
  return `<div role="alert" class="form-errors"><p><strong>${h(title)}</strong></p>${items}</div>`;
}

const idOf = (name: string) => `f-${name.replaceAll('.', '-')}`;

/** Attributes that tie a field to its errors (Pico marks aria-invalid fields). */
function errorAttributes(name: string, errors: FormErrors): { attributes: string; after: string } {
  const messages = errors[name] ?? [];
  if (messages.length === 0) return { attributes: '', after: '' };
  const id = `${idOf(name)}-error`;
  return {
    attributes: ` aria-invalid="true" aria-describedby="${id}"`,
    after: `<small id="${id}" class="field-error">${h(messages.join(' '))}</small>`,
  };
}

export interface FieldSpec {
  name: string;
  label: string;
  value: string;
  type?: 'text' | 'date' | 'email' | 'tel' | 'number' | 'textarea';
  /** Further attributes, already escaped (required, maxlength, inputmode …). */
  extra?: string;
}

export function field(spec: FieldSpec, errors: FormErrors): string {
  const id = idOf(spec.name);
  const { attributes, after } = errorAttributes(spec.name, errors);
  const extra = spec.extra ?? '';
  const control =
    spec.type === 'textarea'
      ? `<textarea id="${id}" name="${h(spec.name)}"${extra}${attributes}>${h(spec.value)}</textarea>`
      : `<input id="${id}" name="${h(spec.name)}" type="${spec.type ?? 'text'}" value="${h(spec.value)}"${extra}${attributes}>`;
  return `<label for="${id}">${h(spec.label)}</label>${control}${after}`;
}

export function choiceField(
  spec: { name: string; label: string; value: string; options: [string, string][] },
  errors: FormErrors,
): string {
  const id = idOf(spec.name);
  const { attributes, after } = errorAttributes(spec.name, errors);
  const options = spec.options
    .map(
      ([value, text]) =>
        `<option value="${h(value)}"${value === spec.value ? ' selected' : ''}>${h(text)}</option>`,
    )
    .join('');
  return `<label for="${id}">${h(spec.label)}</label><select id="${id}" name="${h(spec.name)}"${attributes}>${options}</select>${after}`;
}

export function checkboxField(
  spec: { name: string; label: string; checked: boolean },
  errors: FormErrors,
): string {
  const id = idOf(spec.name);
  const { attributes, after } = errorAttributes(spec.name, errors);
  return `<label for="${id}"><input id="${id}" name="${h(spec.name)}" type="checkbox" value="yes"${spec.checked ? ' checked' : ''}${attributes}>${h(spec.label)}</label>${after}`;
}

export function radioGroup(
  spec: { name: string; legend: string; value: string; options: [string, string][] },
  errors: FormErrors,
): string {
  const { attributes, after } = errorAttributes(spec.name, errors);
  const options = spec.options
    .map(([value, text]) => {
      const id = `${idOf(spec.name)}-${value}`;
      return `<label for="${id}"><input id="${id}" type="radio" name="${h(spec.name)}" value="${h(value)}"${value === spec.value ? ' checked' : ''}${attributes}>${h(text)}</label>`;
    })
    .join('');
  return `<fieldset><legend>${h(spec.legend)}</legend>${options}${after}</fieldset>`;
}
