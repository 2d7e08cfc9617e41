// What a JSON body may hold beyond being JSON: checked by the API's JSON parser and for every line of
// an NDJSON batch.
import type { FieldError } from './problem.js';

const MAX_JSON_DEPTH = 32;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * JSON that parses but that no part of Settle can store or process: strings with NUL characters or
 * lone UTF-16 surrogates (PostgreSQL refuses both), nesting deep enough to exhaust a stack, and
 * `__proto__` keys. Walked iteratively, so the check itself cannot overflow.
 */
export function unstorableJson(value: unknown): FieldError | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  const badString = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (badString(current))
        return { field: path || '/', message: 'must not contain NUL characters or lone surrogates' };
    } else if (current !== null && typeof current === 'object') {
      if (depth >= MAX_JSON_DEPTH)
        return { field: path || '/', message: `must not be nested deeper than ${MAX_JSON_DEPTH} levels` };
      for (const [key, child] of Object.entries(current)) {
        const childPath = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        if (badString(key))
          return { field: path || '/', message: 'keys must not contain NUL characters or lone surrogates' };
        // Fastify's own JSON parser refuses this key (prototype poisoning); so does this one.
        if (key === '__proto__') return { field: childPath, message: 'is not an accepted key' };
        stack.push({ value: child, path: childPath, depth: depth + 1 });
      }
    }
  }
  return undefined;
}
