// PostgreSQL for a benchmark: DATABASE_URL as configured (migrated, used as is); else a fresh
// database `settle_bench_<pid>` on TEST_POSTGRES_URL or the machine's server (dropped at the end);
// else an embedded PostgreSQL in the benchmark's temp dir.
import pg from 'pg';
import { connectDatabase, migrateDatabase } from '../../db/client.js';
import { startEmbeddedPostgres } from '../../scripts/embedded-postgres.js';
import { freePort } from '../../test/support/free-port.js';
import { log, onCleanup } from './common.js';

const MACHINE_SERVER = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchPostgres {
  url: string;
  kind: 'configured' | 'machine' | 'embedded';
}

async function reachable(url: string): Promise<boolean> {
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

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function migrate(url: string): Promise<void> {
  const database = connectDatabase(url, { max: 1 });
  try {
    await migrateDatabase(database.db);
  } finally {
    await database.close();
  }
}

/** A migrated database for the benchmark; what the benchmark created is removed when it ends. */
export async function benchPostgres(tempDir: string, keep: boolean): Promise<BenchPostgres> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    await migrate(configured);
    log('PostgreSQL: the configured DATABASE_URL');
    return { url: configured, kind: 'configured' };
  }
  const name = `settle_bench_${process.pid}`;
  if (await reachable(MACHINE_SERVER)) {
    await admin(MACHINE_SERVER, `drop database if exists ${name} with (force)`);
    await admin(MACHINE_SERVER, `create database ${name}`);
    if (!keep)
      onCleanup('drop database', () => admin(MACHINE_SERVER, `drop database if exists ${name} with (force)`));
    const url = new URL(MACHINE_SERVER);
    url.pathname = `/${name}`;
    await migrate(url.toString());
    log(`PostgreSQL: fresh database ${name} on ${url.host}`);
    return { url: url.toString(), kind: 'machine' };
  }
  const embedded = await startEmbeddedPostgres(tempDir, await freePort());
  onCleanup('stop embedded PostgreSQL', () => embedded.stop());
  await migrate(embedded.url);
  log(`PostgreSQL: embedded, data in ${tempDir}/postgres`);
  return { url: embedded.url, kind: 'embedded' };
}
