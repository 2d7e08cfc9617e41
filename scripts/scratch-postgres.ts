// Throw-away databases on an existing PostgreSQL server, for tests, benchmarks and drills: each
// run gets its own migrated database so concurrent runs never touch each other's data.
import pg from 'pg';
import { connectDatabase, migrateDatabase } from '../db/client.js';

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
