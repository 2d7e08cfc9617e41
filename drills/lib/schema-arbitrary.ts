// fast-check arbitraries from the JSON Schemas of an OpenAPI document: values that satisfy a
// schema ("valid-ish": the API may still refuse them on business grounds), and hostile variants
// of them — a required field dropped, a field replaced by hostile JSON, an unknown field added.
import fc from 'fast-check';

export type Schema = Record<string, unknown>;

/** Strings a parser, a database or a renderer might choke on. */
export const hostileString = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff x',
    '\u202e\u0041\u0042',
    '💸'.repeat(40),
    '../../../../etc/passwd',
    '%00%ZZ%',
    "'; drop table invoices; --",
    '<script>alert(1)</script>',
    '{{payUrl}}{{#each}}',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose
    '${process.exit()}',
    '__proto__',
    'constructor',
    '9'.repeat(400),
    '-1',
    '1e309',
    'NaN',
    '2026-02-31',
    '0000-00-00',
    'x'.repeat(70_000),
  ),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    2 ** 31,
    -(2 ** 53),
    Number.MAX_SAFE_INTEGER,
    1.5,
    1e300,
    [],
    {},
    [[[[[[]]]]]],
    { $gt: '' },
  ),
  fc.jsonValue({ maxDepth: 3 }),
);

export interface ArbitraryContext {
  resolve(ref: string): Schema;
}

const RAW_PROPERTY = /^[A-Za-z0-9_-]+$/;

/** A value satisfying `schema` (formats and patterns included, sizes kept small). */
export function valid(schema: Schema, context: ArbitraryContext, depth = 0): fc.Arbitrary<unknown> {
  if (typeof schema.$ref === 'string') return valid(context.resolve(schema.$ref), context, depth);
  const alternatives = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (alternatives && schema.properties) {
    // Beside properties, alternatives constrain the object: "at least one of these fields".
    const { anyOf: _anyOf, oneOf: _oneOf, ...base } = schema;
    const required = (s: Schema) => (s.required as string[] | undefined) ?? [];
    return fc.oneof(
      ...alternatives.map((alternative) =>
        valid({ ...base, required: [...required(base), ...required(alternative)] }, context, depth),
      ),
    );
  }
  if (alternatives) return fc.oneof(...alternatives.map((s) => valid(s, context, depth)));
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if ('const' in schema) return fc.constant(schema.const);
  const type = schema.type;
  if (Array.isArray(type))
    return fc.oneof(...(type as string[]).map((t) => valid({ ...schema, type: t }, context, depth)));
  switch (type) {
    case 'object':
      return object(schema, context, depth);
    case 'array': {
      const items = (schema.items as Schema | undefined) ?? {};
      const minLength = (schema.minItems as number | undefined) ?? 0;
      const maxLength = Math.max(minLength, Math.min((schema.maxItems as number | undefined) ?? 4, 4));
      return fc.array(valid(items, context, depth + 1), { minLength, maxLength });
    }
    case 'string':
      return string(schema);
    case 'integer':
      return fc.integer({
        min: (schema.minimum as number | undefined) ?? -1000,
        max: (schema.maximum as number | undefined) ?? 100_000,
      });
    case 'number':
      return fc.double({
        min: (schema.minimum as number | undefined) ?? -1000,
        max: (schema.maximum as number | undefined) ?? 100_000,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return depth > 2 ? fc.constant('x') : fc.jsonValue({ maxDepth: 2 });
  }
}

function object(schema: Schema, context: ArbitraryContext, depth: number): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const keys = Object.keys(properties).filter((k) => RAW_PROPERTY.test(k) || required.has(k));
  const record = fc.record(
    Object.fromEntries(keys.map((k) => [k, valid(properties[k]!, context, depth + 1)])),
    {
      requiredKeys: keys.filter((k) => required.has(k)),
    },
  );
  const minProperties = (schema.minProperties as number | undefined) ?? 0;
  return minProperties > 0 ? record.filter((v) => Object.keys(v as object).length >= minProperties) : record;
}

function string(schema: Schema): fc.Arbitrary<string> {
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = (schema.maxLength as number | undefined) ?? 60;
  const fits = (s: string) => s.length >= minLength && s.length <= maxLength;
  switch (schema.format) {
    case 'date':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc
        .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString());
    case 'email':
      return fc.emailAddress().filter(fits);
  }
  if (typeof schema.pattern === 'string') {
    const pattern = new RegExp(schema.pattern);
    return fc.stringMatching(pattern, { size: 'small' }).filter(fits);
  }
  return fc.string({ minLength, maxLength: Math.min(maxLength, Math.max(minLength, 40)) });
}

/**
 * A hostile variant of a valid value: somewhere in it (at any depth) a field is dropped, a value
 * is replaced by hostile JSON or a string by a hostile string, or an unknown field is added; or
 * the whole value is replaced.
 */
export function mutated(schema: Schema, context: ArbitraryContext): fc.Arbitrary<unknown> {
  return mutationsOf(valid(schema, context));
}

/** Hostile variants of the values `base` produces (see `mutated`). */
export function mutationsOf(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      base,
      fc.nat(),
      hostileJson,
      hostileString,
      fc.constantFrom('drop', 'replace', 'poison', 'poison', 'add', 'whole'),
    )
    .map(([value, pick, hostile, poison, how]) => {
      if (how === 'whole' || value === null || typeof value !== 'object') return hostile;
      const copy = structuredClone(value) as Record<string, unknown>;
      const nodes = containers(copy);
      const [parent, key] = nodes[pick % nodes.length]!;
      const target = parent as Record<string, unknown>;
      if (how === 'add' || key === undefined) target[`x${pick % 7}`] = hostile;
      else if (how === 'drop') delete target[key];
      else if (how === 'poison') target[key] = typeof target[key] === 'string' ? poison : hostile;
      else target[key] = hostile;
      return copy;
    });
}

/** Every (container, key) in a JSON value, the root container with no key first. */
function containers(root: object): [object, string | undefined][] {
  const found: [object, string | undefined][] = [[root, undefined]];
  const stack: object[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    for (const [key, child] of Object.entries(node)) {
      found.push([node, key]);
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return found;
}
