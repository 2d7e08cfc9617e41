// Once per test run: the Temporal binaries, one real Temporal dev server (in memory) shared by the
// engine tests, and a fresh real PostgreSQL database (the machine's server, else an embedded one).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { connectDatabase, migrateDatabase } from '../db/client.js';
import { startEmbeddedPostgres } from '../scripts/embedded-postgres.js';
import { resolveBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '../scripts/temporal-binaries.js';
import { startTemporalDevServer } from '../scripts/temporal-dev-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
    testServerPath: string;
  }
}

const SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TEST_DATABASE = 'settle_test';

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

async function freshDatabase(serverUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEST_DATABASE} with (force)`);
    await admin.query(`create database ${TEST_DATABASE}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${TEST_DATABASE}`;
  return url.toString();
}

export default async function setup(project: TestProject) {
  const stops: (() => Promise<void>)[] = [];
  let serverUrl = SERVER_URL;
  if (!(await reachable(serverUrl))) {
    const embedded = await startEmbeddedPostgres(mkdtempSync(join(tmpdir(), 'settle-pg-')), 54339);
    stops.push(embedded.stop);
    serverUrl = embedded.url.replace(/\/settle$/, '/postgres');
  }
  const databaseUrl = await freshDatabase(serverUrl);
  const database = connectDatabase(databaseUrl, { max: 1 });
  await migrateDatabase(database.db);
  await database.close();

  resolveBinary(TEMPORAL_CLI);
  const devServer = await startTemporalDevServer({ port: 17233 });
  stops.push(devServer.stop);

  project.provide('databaseUrl', databaseUrl);
  project.provide('temporalAddress', devServer.address);
  project.provide('testServerPath', resolveBinary(TEMPORAL_TEST_SERVER));
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
