// Schema validation errors (ajv's, as Fastify reports them) as the problem's field list, a JSON
// pointer per field (prefixed with the request part when it is not the body), worded so that a
// caller can act on them: "use YYYY-MM-DD" instead of the regular expression that refused the
// value, "must be one of: …" for enums, one message for a field that broke both its pattern and its
// format.
import type { FastifySchemaValidationError } from 'fastify';
import type { FieldError } from './problem.js';
import { AmountValue, E164, IsoDateString } from './schemas.js';

/** What a value must look like, for the patterns whose regular expression tells a reader little. */
const PATTERN_MESSAGES = new Map<string, string>([
  [IsoDateString.pattern as string, 'use YYYY-MM-DD'],
  [AmountValue.pattern as string, 'use a positive amount with at most two decimals, e.g. "123.45"'],
  [E164.pattern as string, 'use an international phone number, e.g. +31612345678'],
]);

const FORMAT_MESSAGES: Readonly<Record<string, string>> = {
  date: 'use YYYY-MM-DD (a day that exists)',
  'date-time': 'use an RFC 3339 date-time, e.g. 2026-03-01T09:30:00Z',
  email: 'use an email address',
  uri: 'use an absolute URL',
};

type SchemaNode = { description?: unknown; anyOf?: unknown };
/** Ajv's errors as Fastify passes them; with ajv's `verbose` they also carry the failing schema. */
type ValidationError = FastifySchemaValidationError & { parentSchema?: unknown };

function messageOf(error: ValidationError): string {
  const params = error.params as Record<string, unknown>;
  const schema = (error.parentSchema ?? {}) as SchemaNode;
  switch (error.keyword) {
    case 'pattern': {
      const known = PATTERN_MESSAGES.get(String(params.pattern));
      if (known) return known;
      return typeof schema.description === 'string' ? `use ${schema.description}` : 'has the wrong format';
    }
    case 'format':
      return FORMAT_MESSAGES[String(params.format)] ?? `must be a valid ${String(params.format)}`;
    case 'enum':
      return `must be one of: ${(params.allowedValues as unknown[]).join(', ')}`;
    case 'anyOf': {
      const alternatives = Array.isArray(schema.anyOf) ? (schema.anyOf as Record<string, unknown>[]) : [];
      const requiredOnly = alternatives.every((a) => Object.keys(a).join() === 'required');
      if (requiredOnly && alternatives.length > 0)
        return `needs at least one of ${alternatives.map((a) => (a.required as string[]).join(' and ')).join(', ')}`;
      const constants = alternatives.every((a) => 'const' in a);
      if (constants && alternatives.length > 0)
        return `must be one of: ${alternatives.map((a) => String(a.const)).join(', ')}`;
      return 'matches none of the documented forms';
    }
    default:
      return error.message ?? 'is invalid';
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
export function validationFieldErrors(errors: readonly ValidationError[], context = 'body'): FieldError[] {
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
    const field = { field: `${prefix}${pointerOf(error)}`, message: messageOf(error) };
    const key = `${field.field}\u0000${field.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(field);
  }
  return result;
}
