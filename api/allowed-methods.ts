// 405 for a method a known path does not take: the not-found handler asks which methods the
// routes at that path accept, answers them in `Allow` (RFC 9110 §15.5.6) and a problem document;
// a path no route has stays a 404.
import type { RouteOptions } from 'fastify';

interface KnownPath {
  matches: RegExp;
  methods: Set<string>;
}

/** A route path as a regular expression: `:param` is one segment, `*` anything. */
function pathPattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) =>
      segment === '*'
        ? '.*'
        : segment.startsWith(':')
          ? '[^/]+'
          : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}/?$`);
}

export function createAllowedMethods() {
  const paths = new Map<string, KnownPath>();
  return {
    /** onRoute hook: remembers each route's path and methods. */
    record(route: RouteOptions): void {
      const known = paths.get(route.url) ?? { matches: pathPattern(route.url), methods: new Set<string>() };
      for (const method of Array.isArray(route.method) ? route.method : [route.method])
        known.methods.add(method.toUpperCase());
      paths.set(route.url, known);
    },
    /** The methods the routes at this path (no query string) accept; empty for an unknown path. */
    allowedAt(path: string): string[] {
      const methods = new Set<string>();
      for (const known of paths.values())
        if (known.matches.test(path)) for (const method of known.methods) methods.add(method);
      return [...methods].sort();
    },
  };
}
