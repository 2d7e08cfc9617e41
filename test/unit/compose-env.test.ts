// The deployment description passes every setting Settle reads to the API and the worker, and its
// defaults are ones Settle accepts and would pick itself: a setting documented in the README must not
// silently be unreachable in the compose deployment.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_VARIABLES, loadConfig } from '../../config.js';
import { WORKER_NODE_FLAGS } from '../../worker.js';

/** Settings only `npm start`'s embedded stack reads: a deployment has its own servers and keys. */
const EMBEDDED_ONLY = [
  'SETTLE_POSTGRES_PORT',
  'SETTLE_TEMPORAL_PORT',
  'SETTLE_TEMPORAL_UI_PORT',
  'SETTLE_DEV_API_KEY',
];
/** Set by the image (Dockerfile) for every service. */
const FROM_IMAGE = ['NODE_ENV', 'WORKFLOW_BUNDLE_DIR'];

const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'), {
  merge: true,
}) as {
  'x-settle-env': Record<string, string>;
  services: Record<string, { environment?: Record<string, string>; command?: string[] }>;
};
const settleEnv = compose['x-settle-env'];

/** What compose renders with nothing set: `${X:-default}` → default, a required `${X:?…}` → a placeholder. */
function rendered(value: string): string {
  return String(value).replace(/\$\{[A-Z0-9_]+(?::-([^}]*)|:\?[^}]*)\}/g, (_m, fallback) =>
    fallback === undefined ? 'x'.repeat(32) : fallback,
  );
}

describe('docker-compose.yml', () => {
  it('passes every setting Settle reads to the API and the worker', () => {
    const missing = CONFIG_VARIABLES.filter(
      (name) => !(name in settleEnv) && !EMBEDDED_ONLY.includes(name) && !FROM_IMAGE.includes(name),
    );
    expect(missing).toEqual([]);
    expect(Object.keys(settleEnv).filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
    for (const service of ['settle-api', 'settle-worker'])
      expect(compose.services[service]!.environment).toEqual(settleEnv);
  });

  it('starts the worker as node itself, with the V8 flags a worker is sized for', () => {
    expect(compose.services['settle-worker']!.command).toEqual([
      'node',
      ...WORKER_NODE_FLAGS,
      '--import',
      'tsx',
      'worker.ts',
    ]);
  });

  it('defaults to values Settle accepts and picks itself', () => {
    const env = Object.fromEntries(Object.entries(settleEnv).map(([name, value]) => [name, rendered(value)]));
    // Live providers need their keys (live or refuse); the defaults are checked with the sandbox.
    const fromCompose = loadConfig({ ...env, PROVIDERS: 'sandbox', NODE_ENV: 'production' });
    const own = loadConfig({
      SETTLE_TOKEN_SECRET: 'x'.repeat(32),
      PROVIDERS: 'sandbox',
      NODE_ENV: 'production',
      SETTLE_DATA_DIR: env.SETTLE_DATA_DIR,
    });
    for (const key of [
      'worker',
      'letterPosting',
      'logFormat',
      'directDebit',
      'sandboxCollectionSeconds',
    ] as const)
      expect(fromCompose[key], key).toEqual(own[key]);
    expect(fromCompose.http.batchConcurrency).toBe(own.http.batchConcurrency);
    expect(fromCompose.http.rateLimitPerMinute).toBe(own.http.rateLimitPerMinute);
    expect(fromCompose.providers.chosen).toEqual(own.providers.chosen);
  });
});
