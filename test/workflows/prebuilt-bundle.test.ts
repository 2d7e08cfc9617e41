// A production worker loads the workflow code bundled ahead of time (WORKFLOW_BUNDLE_DIR). The
// prebuilt bundle must be the code the sources make — stored histories replay on it — and a bundle
// that no longer matches the sources, or the SDK, is refused so that the worker bundles afresh.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENCODED_FAILURES_PATH } from '../../temporal/data-converter.js';
import { prebuiltBundle, workflowBundle, writePrebuiltBundles } from '../../temporal/workflow-bundle.js';
import { installQuietRuntime } from '../support/quiet-runtime.js';

const dir = mkdtempSync(join(tmpdir(), 'settle-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(async () => {
  await writePrebuiltBundles(dir, ENCODED_FAILURES_PATH);
}, 120_000);

/** Rewrites one field of the plain bundle's manifest; returns a restore function. */
function tamper(change: (manifest: Record<string, unknown>) => void): () => void {
  const path = join(dir, 'plain.json');
  const original = readFileSync(path, 'utf8');
  const manifest = JSON.parse(original) as Record<string, unknown>;
  change(manifest);
  writeFileSync(path, JSON.stringify(manifest));
  return () => writeFileSync(path, original);
}

describe('a prebuilt workflow bundle', () => {
  it('is the code the sources make, for each failure converter, and names the workflow sources', async () => {
    const plain = prebuiltBundle(dir);
    const encoded = prebuiltBundle(dir, ENCODED_FAILURES_PATH);
    expect(plain).toEqual({ code: (await workflowBundle()).code });
    expect(encoded).toEqual({ code: (await workflowBundle(ENCODED_FAILURES_PATH)).code });
    const manifest = JSON.parse(readFileSync(join(dir, 'plain.json'), 'utf8')) as { sources: string[] };
    expect(manifest.sources).toContain('workflows/dunning.ts');
    expect(manifest.sources).toContain('workflows/policy/ladder.ts');
    expect(manifest.sources.some((source) => source.includes('node_modules'))).toBe(false);
  });

  it('replays a stored history', async () => {
    installQuietRuntime();
    const prebuilt = prebuiltBundle(dir);
    if (!('code' in prebuilt)) throw new Error(prebuilt.unusable);
    const history = JSON.parse(
      readFileSync(join(import.meta.dirname, '..', 'histories', 'consumer-ladder-to-handover.json'), 'utf8'),
    );
    await Worker.runReplayHistory({ workflowBundle: prebuilt }, history, 'replay-prebuilt');
  });

  it('is refused when the sources changed since, a source is gone, or another SDK built it', () => {
    const cases: [Record<string, unknown> | ((sources: string[]) => Record<string, unknown>), RegExp][] = [
      [{ sourcesHash: '0'.repeat(64) }, /sources changed/],
      [(sources) => ({ sources: [...sources, 'workflows/removed.ts'] }), /is gone/],
      [{ sdkVersion: '0.0.1' }, /built with @temporalio\/workflow 0\.0\.1/],
    ];
    for (const [change, reason] of cases) {
      const restore = tamper((manifest) =>
        Object.assign(manifest, typeof change === 'function' ? change(manifest.sources as string[]) : change),
      );
      try {
        const result = prebuiltBundle(dir);
        expect('unusable' in result && result.unusable).toMatch(reason);
      } finally {
        restore();
      }
    }
    expect(prebuiltBundle(join(dir, 'elsewhere'))).toEqual({
      unusable: expect.stringMatching(/no plain bundle/),
    });
    expect('code' in prebuiltBundle(dir)).toBe(true);
  });
});
