// The workflow code as the worker runs it. Bundling (webpack) takes seconds and keeps a few hundred
// MiB in the process that bundled, so a production worker loads a bundle built ahead of time
// (`npm run bundle:workflows`, then WORKFLOW_BUNDLE_DIR). A prebuilt bundle carries a hash of every
// source file it was built from: a worker whose sources differ bundles afresh instead of running
// stale workflow code, which could not replay the histories the new code writes.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

const WORKFLOWS_PATH = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));
const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const SDK_VERSION = (
  JSON.parse(readFileSync(join(ROOT, 'node_modules/@temporalio/workflow/package.json'), 'utf8')) as {
    version: string;
  }
).version;

const quietLogger = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, log() {} } as never;

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();
/**
 * Bundled once per process and failure converter: bundling takes seconds, workers may be created many
 * times (tests). The bundle carries the failure converter the workflow code uses (encrypted setups).
 */
export function workflowBundle(failureConverterPath?: string): Promise<WorkflowBundleWithSourceMap> {
  const key = failureConverterPath ?? '';
  let bundle = bundles.get(key);
  if (!bundle) {
    bundle = bundleWorkflowCode({
      workflowsPath: WORKFLOWS_PATH,
      logger: quietLogger,
      ...(failureConverterPath ? { failureConverterPath } : {}),
    });
    bundles.set(key, bundle);
  }
  return bundle;
}

/** What a prebuilt bundle was built from. */
interface BundleManifest {
  sdkVersion: string;
  /** Project files (relative to the repository root) the bundle's source map names. */
  sources: string[];
  sourcesHash: string;
}

const variantName = (failureConverterPath?: string) => (failureConverterPath ? 'encoded-failures' : 'plain');

/** The project's own files in a bundle's inline source map (not webpack's runtime, not node_modules). */
function projectSources(code: string): string[] {
  const map = /sourceMappingURL=data:application\/json;[^,]*base64,([A-Za-z0-9+/=]+)/.exec(code);
  if (!map) throw new Error('the workflow bundle has no inline source map');
  const { sources } = JSON.parse(Buffer.from(map[1]!, 'base64').toString('utf8')) as { sources: string[] };
  return sources
    .filter((source) => source.startsWith(`${ROOT}/`) && !source.includes('/node_modules/'))
    .filter((source) => existsSync(source))
    .map((source) => relative(ROOT, source))
    .sort();
}

function hashSources(sources: string[]): string {
  const hash = createHash('sha256');
  for (const source of sources)
    hash
      .update(source)
      .update('\0')
      .update(readFileSync(join(ROOT, source)));
  return hash.digest('hex');
}

/** Bundles both variants (plain and encrypted failures) into `dir`, each with its manifest. */
export async function writePrebuiltBundles(dir: string, encodedFailuresPath: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const failureConverterPath of [undefined, encodedFailuresPath]) {
    const { code } = await workflowBundle(failureConverterPath);
    const sources = projectSources(code);
    const manifest: BundleManifest = { sdkVersion: SDK_VERSION, sources, sourcesHash: hashSources(sources) };
    const name = variantName(failureConverterPath);
    writeFileSync(join(dir, `${name}.js`), code);
    writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(manifest, null, 2)}\n`);
    written.push(join(dir, `${name}.js`));
  }
  return written;
}

/**
 * The prebuilt bundle in `dir` for this failure converter, or why it cannot be used (missing, built
 * by another SDK version, or from sources that have changed since).
 */
export function prebuiltBundle(
  dir: string,
  failureConverterPath?: string,
): { code: string } | { unusable: string } {
  const name = variantName(failureConverterPath);
  const codePath = join(dir, `${name}.js`);
  const manifestPath = join(dir, `${name}.json`);
  if (!existsSync(codePath) || !existsSync(manifestPath))
    return { unusable: `no ${name} bundle in ${dir} (run npm run bundle:workflows)` };
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as BundleManifest;
  if (manifest.sdkVersion !== SDK_VERSION)
    return { unusable: `built with @temporalio/workflow ${manifest.sdkVersion}, this is ${SDK_VERSION}` };
  if (manifest.sources.some((source) => !existsSync(join(ROOT, source))))
    return { unusable: 'a source file it was built from is gone' };
  if (hashSources(manifest.sources) !== manifest.sourcesHash)
    return { unusable: 'the workflow sources changed since it was built' };
  return { code: readFileSync(codePath, 'utf8') };
}
