// Providers are plugins: only providers/ names a provider. Everything else reads the registry, so a
// provider is added (or removed) in its own folder plus one registry line.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PROVIDER_PLUGINS } from '../../providers/registry.js';

/** Settle's own code outside the provider folders (tests, benchmarks and drills may name providers). */
const APP_CODE = ['activities', 'api', 'db', 'workflows', 'temporal', 'scripts', 'worker.ts', 'config.ts'];

function appFiles(): string[] {
  return execFileSync('git', ['ls-files', '--', ...APP_CODE], { encoding: 'utf8' })
    .split('\n')
    .filter((file) => /\.(ts|cjs|mjs)$/.test(file));
}

describe('the provider registry', () => {
  it('is the only place outside providers/ that knows provider names', () => {
    const names = PROVIDER_PLUGINS.flatMap((plugin) => [
      plugin.name,
      `${plugin.name}-sandbox`,
      ...Object.keys(plugin.webhook?.parsers ?? {}),
    ]);
    const quoted = new RegExp(`['"\`](${names.map((n) => n.replace(/[-]/g, '\\-')).join('|')})['"\`]`);
    const offenders = appFiles().flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (quoted.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  it('has unique names, and every role has a provider and every setting one owner', () => {
    const names = PROVIDER_PLUGINS.map((plugin) => plugin.name);
    expect(new Set(names).size).toBe(names.length);
    const settings = PROVIDER_PLUGINS.flatMap((plugin) => Object.keys(plugin.config.env));
    expect(new Set(settings).size).toBe(settings.length);
  });
});
