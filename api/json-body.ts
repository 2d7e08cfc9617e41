// What a JSON body may hold beyond being JSON: checked by the API's JSON parser and for every line of
// an NDJSON batch.
import { type FieldError, Problem } from './problem.js';

const MAX_JSON_DEPTH = 32;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A value still to be checked: where it sits is kept as its parent and key, spelled out only for a finding. */
interface Visit {
  value: unknown;
  parent: Visit | undefined;
  key: string;
  depth: number;
}

/** The JSON Pointer of a visited value (`` for the root). */
function pointer(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | undefined = visit; at?.parent; at = at.parent)
    keys.push(at.key.replaceAll('~', '~0').replaceAll('/', '~1'));
  return keys
    .reverse()
    .map((key) => `/${key}`)
    .join('');
}

/**
 * JSON that parses but that no part of Settle can store or process: strings with NUL characters or
 * lone UTF-16 surrogates (PostgreSQL refuses both), nesting deep enough to exhaust a stack, and
 * `__proto__` keys. Walked iteratively, so the check itself cannot overflow; a field's path is
 * built only for what it reports (building it for every value cost a webhook batch most of its check).
 */
export function unstorableJson(value: unknown): FieldError | undefined {
  const root: Visit = { value, parent: undefined, key: '', depth: 0 };
  if (typeof value === 'string') return badString(value) ? badValue(root) : undefined;
  // Only objects and arrays are pushed: strings and numbers are checked where they are found.
  const stack: Visit[] = [root];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    const current = visit.value as Record<string, unknown> | null;
    if (current === null || typeof current !== 'object') continue;
    if (visit.depth >= MAX_JSON_DEPTH)
      return {
        field: pointer(visit) || '/',
        message: `must not be nested deeper than ${MAX_JSON_DEPTH} levels`,
      };
    for (const key of Object.keys(current)) {
      if (badString(key))
        return {
          field: pointer(visit) || '/',
          message: 'keys must not contain NUL characters or lone surrogates',
        };
      const child = current[key];
      // Fastify's own JSON parser refuses this key (prototype poisoning); so does this one.
      if (key === '__proto__')
        return { field: pointer(childOf(visit, key, child)), message: 'is not an accepted key' };
      if (typeof child === 'string') {
        if (badString(child)) return badValue(childOf(visit, key, child));
      } else if (child !== null && typeof child === 'object') stack.push(childOf(visit, key, child));
    }
  }
  return undefined;
}

function childOf(parent: Visit, key: string, value: unknown): Visit {
  return { value, parent, key, depth: parent.depth + 1 };
}

function badString(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

function badValue(visit: Visit): FieldError {
  return { field: pointer(visit) || '/', message: 'must not contain NUL characters or lone surrogates' };
}

/** A JSON request body as the API accepts it (empty is undefined); anything else is a 400 problem. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new Problem(400, 'Bad Request', 'the body is not valid JSON');
  }
  const unstorable = unstorableJson(parsed);
  if (unstorable)
    throw new Problem(400, 'Bad Request', 'the body contains values that cannot be accepted', [unstorable]);
  return parsed;
}
