// Layers point one way: only db/ touches SQL. Outside db/ nothing imports the schema or drizzle's
// query builder, so every query is a function in db/queries; and db/ itself depends on nothing but
// domain types. Tests are exempt: they read the database to check what the code wrote.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';

const SOURCE = /\.(ts|mts|cts|js|mjs|cjs)$/;

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' })
    .split('\n')
    .filter((file) => SOURCE.test(file) && !file.startsWith('test/') && !file.startsWith('node_modules/'));
}

/** Each import of a file: its specifier (relative ones resolved to a repository path) and whether it is type-only. */
function importsOf(file: string): { target: string; typeOnly: boolean }[] {
  const source = readFileSync(file, 'utf8');
  const pattern =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'";]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  return [...source.matchAll(pattern)].map((match) => {
    const specifier = (match[3] ?? match[4])!;
    const target = specifier.startsWith('.') ? normalize(join(dirname(file), specifier)) : specifier;
    return { target, typeOnly: match[2] !== undefined };
  });
}

describe('layers', () => {
  it('no file outside db/ imports the schema or drizzle-orm (queries live in db/queries)', () => {
    const offenders = trackedFiles()
      .filter((file) => !file.startsWith('db/') && file !== 'drizzle.config.ts')
      .flatMap((file) =>
        importsOf(file)
          .filter(({ target }) => /^db\/schema(\.[jt]s)?$/.test(target) || /^drizzle-orm(\/|$)/.test(target))
          .map(({ target }) => `${file} imports ${target}`),
      );
    expect(offenders).toEqual([]);
  });

  it('workflow code knows the language codes, never the language packs', () => {
    const offenders = trackedFiles()
      .filter((file) => file.startsWith('workflows/'))
      .flatMap((file) =>
        importsOf(file)
          .filter(({ target }) => /^languages(\/|$)/.test(target))
          .map(({ target }) => `${file} imports ${target}`),
      );
    expect(offenders).toEqual([]);
  });

  it('db/ depends on nothing but itself, its libraries and domain types', () => {
    // CreditorBrand (the house style the templates render) is extended by the stored brand; it is a
    // type only and moves to a domain module when the templates do.
    const allowed = (target: string, typeOnly: boolean) =>
      !/^(activities|api|providers|scripts|temporal|config|worker)(\/|\.|$)/.test(target) ||
      (typeOnly && target === 'activities/templates/types.js');
    const offenders = trackedFiles()
      .filter((file) => file.startsWith('db/'))
      .flatMap((file) =>
        importsOf(file)
          .filter(({ target, typeOnly }) => !allowed(target, typeOnly))
          .map(({ target }) => `${file} imports ${target}`),
      );
    expect(offenders).toEqual([]);
    // Outside db/, only domain code (workflows/) is imported, and only for types and pure values.
    const workflowImports = trackedFiles()
      .filter((file) => file.startsWith('db/'))
      .flatMap((file) => importsOf(file).filter(({ target }) => target.startsWith('workflows/')));
    expect(workflowImports.length).toBeGreaterThan(0);
  });
});
