// PostgreSQL for the dev stack: a configured database, a throw-away database on the machine's server
// (each run its own, so concurrent runs never touch each other's data), or an embedded server —
// always migrated.
import { chmodSync } from 'node:fs';
import pg from 'pg';
import { connectDatabase, migrateDatabase } from '../db/client.js';
import { type EmbeddedDatabase, runsAsOtherUser, startEmbeddedPostgres } from './embedded-postgres.js';
import { freePort } from './ports.js';

/** The machine's server (trust auth on these machines), unless TEST_POSTGRES_URL names another. */
export const MACHINE_POSTGRES =
  process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function postgresReachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function migrateUrl(url: string): Promise<void> {
  const database = connectDatabase(url, { max: 1 });
  try {
    await migrateDatabase(database.db);
  } finally {
    await database.close();
  }
}

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

/** Creates (or re-creates) database `name` on the server, migrated; `drop` removes it. */
export async function createScratchDatabase(serverUrl: string, name: string): Promise<ScratchDatabase> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name ${name}`);
  const drop = () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
  await drop();
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrateUrl(url.toString());
  return { url: url.toString(), drop };
}

export type PostgresOptions =
  /** A database someone else runs (DATABASE_URL): migrated, used as is, never dropped. */
  | { kind: 'url'; url: string; migrate?: boolean }
  /**
   * A fresh database `name` on the machine's server (TEST_POSTGRES_URL, else 127.0.0.1:5432),
   * dropped by `stop` (unless `keep`, for reading it afterwards); where no server answers, an
   * embedded one in `fallbackDir` on a free port.
   */
  | { kind: 'scratch'; name: string; fallbackDir: string; keep?: boolean }
  /**
   * A server of its own: data in `dataDir` (kept across starts), on `port` or a free one. With
   * `temporary`, `dataDir` is a throw-away folder the server's user is let into (as root it runs as
   * `postgres`), instead of keeping the data in root's own folder.
   */
  | { kind: 'embedded'; dataDir: string; port?: number; temporary?: boolean };

export interface RunningPostgres {
  url: string;
  kind: 'configured' | 'machine' | 'embedded';
  /** An embedded server's data folder, and its halt/resume for outage drills. */
  embedded?: Pick<EmbeddedDatabase, 'dataDir' | 'halt' | 'resume'>;
  /** Drops the scratch database, or stops the embedded server. */
  stop(): Promise<void>;
}

async function embedded(dataDir: string, port: number | undefined, temporary: boolean) {
  if (temporary && runsAsOtherUser()) chmodSync(dataDir, 0o755);
  const server = await startEmbeddedPostgres(dataDir, port ?? (await freePort()));
  try {
    await migrateUrl(server.url);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { url: server.url, kind: 'embedded' as const, embedded: server, stop: () => server.stop() };
}

/** A migrated PostgreSQL database for a run of Settle. */
export async function startPostgres(options: PostgresOptions): Promise<RunningPostgres> {
  switch (options.kind) {
    case 'url':
      if (options.migrate !== false) await migrateUrl(options.url);
      return { url: options.url, kind: 'configured', stop: async () => {} };
    case 'scratch': {
      if (!(await postgresReachable(MACHINE_POSTGRES))) return embedded(options.fallbackDir, undefined, true);
      const database = await createScratchDatabase(MACHINE_POSTGRES, options.name);
      return { url: database.url, kind: 'machine', stop: options.keep ? async () => {} : database.drop };
    }
    case 'embedded':
      return embedded(options.dataDir, options.port, options.temporary ?? false);
  }
}
