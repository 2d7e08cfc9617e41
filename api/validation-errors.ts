// Schema validation errors (ajv's, as Fastify reports them) as the problem's field list, a JSON
// pointer per field (prefixed with the request part when it is not the body), worded so that a
// caller can act on them: "use YYYY-MM-DD" instead of the regular expression that refused the
// value, "must be one of: …" for enums, one message for a field that broke both its pattern and its
// format.
import type { FastifySchemaValidationError } from 'fastify';
import type { FieldError } from './problem.js';
import { AmountValue, E164, IsoDateString } from './schemas.js';

/** The words of schema errors in one language; the API speaks English (`API_VALIDATION`). */
export interface ValidationTexts {
  /** What a value must look like, for the patterns whose regular expression tells a reader little. */
  isoDate: string;
  amount: string;
  phone: string;
  formats: { date: string; 'date-time': string; email: string; uri: string };
  otherFormat: (format: string) => string;
  /** A pattern the schema describes (its description is English: the API's words). */
  use: (description: string) => string;
  wrongFormat: string;
  oneOf: (values: string[]) => string;
  atLeastOneOf: (groups: string[][]) => string;
  noForm: string;
  invalid: string;
  /** Ajv's own messages (lengths, limits, required fields) in this language; absent: ajv's English. */
  localize?: (errors: ValidationError[]) => void;
}

export const API_VALIDATION: ValidationTexts = {
  isoDate: 'use YYYY-MM-DD',
  amount: 'use a positive amount with at most two decimals, e.g. "123.45"',
  phone: 'use an international phone number, e.g. +31612345678',
  formats: {
    date: 'use YYYY-MM-DD (a day that exists)',
    'date-time': 'use an RFC 3339 date-time, e.g. 2026-03-01T09:30:00Z',
    email: 'use an email address',
    uri: 'use an absolute URL',
  },
  otherFormat: (format) => `must be a valid ${format}`,
  use: (description) => `use ${description}`,
  wrongFormat: 'has the wrong format',
  oneOf: (values) => `must be one of: ${values.join(', ')}`,
  atLeastOneOf: (groups) => `needs at least one of ${groups.map((group) => group.join(' and ')).join(', ')}`,
  noForm: 'matches none of the documented forms',
  invalid: 'is invalid',
};

const PATTERNS = new Map<string, (texts: ValidationTexts) => string>([
  [IsoDateString.pattern as string, (texts) => texts.isoDate],
  [AmountValue.pattern as string, (texts) => texts.amount],
  [E164.pattern as string, (texts) => texts.phone],
]);

type SchemaNode = { description?: unknown; anyOf?: unknown };
/** Ajv's errors as Fastify passes them; with ajv's `verbose` they also carry the failing schema. */
type ValidationError = FastifySchemaValidationError & { parentSchema?: unknown };

function messageOf(error: ValidationError, texts: ValidationTexts): string {
  const params = error.params as Record<string, unknown>;
  const schema = (error.parentSchema ?? {}) as SchemaNode;
  switch (error.keyword) {
    case 'pattern': {
      const known = PATTERNS.get(String(params.pattern));
      if (known) return known(texts);
      return typeof schema.description === 'string' ? texts.use(schema.description) : texts.wrongFormat;
    }
    case 'format': {
      const format = String(params.format);
      return texts.formats[format as keyof ValidationTexts['formats']] ?? texts.otherFormat(format);
    }
    case 'enum':
      return texts.oneOf((params.allowedValues as unknown[]).map(String));
    case 'anyOf': {
      const alternatives = Array.isArray(schema.anyOf) ? (schema.anyOf as Record<string, unknown>[]) : [];
      const requiredOnly = alternatives.every((a) => Object.keys(a).join() === 'required');
      if (requiredOnly && alternatives.length > 0)
        return texts.atLeastOneOf(alternatives.map((a) => a.required as string[]));
      const constants = alternatives.every((a) => 'const' in a);
      if (constants && alternatives.length > 0) return texts.oneOf(alternatives.map((a) => String(a.const)));
      return texts.noForm;
    }
    default:
      return error.message ?? texts.invalid;
  }
}

const pointerOf = (error: FastifySchemaValidationError) => {
  const params = error.params as Record<string, unknown>;
  const child = 'missingProperty' in params ? `/${String(params.missingProperty)}` : '';
  return `${error.instancePath}${child}` || '/';
};

/** Alternatives that only say which fields or values are allowed: their own message says it best. */
function speaksForItself(error: ValidationError): boolean {
  const alternatives = ((error.parentSchema ?? {}) as SchemaNode).anyOf;
  return (
    Array.isArray(alternatives) &&
    alternatives.every((a: Record<string, unknown>) => Object.keys(a).join() === 'required' || 'const' in a)
  );
}

/**
 * The errors worth telling for a failed anyOf of forms (e.g. `{ kind: 'fixed', amount }` or
 * `{ kind: 'percentage', … }`): those of the form the value came closest to — one whose
 * discriminating constants it matched, with the fewest errors.
 */
function closestForm(anyOf: ValidationError, errors: readonly ValidationError[]): ValidationError[] {
  const forms = new Map<string, ValidationError[]>();
  for (const error of errors) {
    const rest = error.schemaPath.slice(anyOf.schemaPath.length + 1);
    if (!error.schemaPath.startsWith(`${anyOf.schemaPath}/`) || !/^\d+\//.test(rest)) continue;
    const form = rest.split('/')[0]!;
    forms.set(form, [...(forms.get(form) ?? []), error]);
  }
  const distance = (group: ValidationError[]) =>
    (group.some((e) => e.keyword === 'const' || e.keyword === 'enum') ? 1000 : 0) + group.length;
  return [...forms.values()].sort((a, b) => distance(a) - distance(b))[0] ?? [anyOf];
}

/**
 * The problem's field list for a request's schema errors: a failed anyOf is told by the form the
 * value came closest to (or by its own message when it only names fields or values), and a field
 * gets each message once.
 */
export function validationFieldErrors(
  errors: readonly ValidationError[],
  context = 'body',
  texts: ValidationTexts = API_VALIDATION,
): FieldError[] {
  const { localize, ...words } = texts;
  if (localize) {
    // On copies: ajv's error objects are the caller's (a compiled validator's `errors`).
    const copies = errors.map((error) => ({ ...error }));
    localize(copies);
    return validationFieldErrors(copies, context, words);
  }
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf');
  const inside = (error: ValidationError) =>
    anyOfs.some((a) => error.schemaPath.startsWith(`${a.schemaPath}/`));
  const told = errors.flatMap((error) => {
    // Ajv reports the if keyword after the error of its branch: the branch's error says it all.
    if (error.keyword === 'if' || inside(error)) return [];
    if (error.keyword !== 'anyOf' || speaksForItself(error)) return [error];
    return closestForm(error, errors).filter((e) => e.keyword !== 'anyOf' || speaksForItself(e));
  });
  const prefix = context === 'body' ? '' : `${context}:`;
  const seen = new Set<string>();
  const result: FieldError[] = [];
  for (const error of told) {
    const field = { field: `${prefix}${pointerOf(error)}`, message: messageOf(error, texts) };
    const key = `${field.field}\u0000${field.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(field);
  }
  return result;
}
