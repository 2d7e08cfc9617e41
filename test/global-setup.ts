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
import { freePort } from './support/free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
    testServerPath: string;
  }
}

const SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
// One database per run, so concurrent runs on one machine never clobber each other.
const TEST_DATABASE = `settle_test_${process.pid}`;

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

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function freshDatabase(serverUrl: string): Promise<string> {
  await adminQuery(serverUrl, `drop database if exists ${TEST_DATABASE} with (force)`);
  await adminQuery(serverUrl, `create database ${TEST_DATABASE}`);
  const url = new URL(serverUrl);
  url.pathname = `/${TEST_DATABASE}`;
  return url.toString();
}

export default async function setup(project: TestProject) {
  const stops: (() => Promise<void>)[] = [];
  let serverUrl = SERVER_URL;
  if (!(await reachable(serverUrl))) {
    const embedded = await startEmbeddedPostgres(mkdtempSync(join(tmpdir(), 'settle-pg-')), await freePort());
    stops.push(embedded.stop);
    serverUrl = embedded.url.replace(/\/settle$/, '/postgres');
  }
  const databaseUrl = await freshDatabase(serverUrl);
  stops.push(() => adminQuery(serverUrl, `drop database if exists ${TEST_DATABASE} with (force)`));
  const database = connectDatabase(databaseUrl, { max: 1 });
  await migrateDatabase(database.db);
  await database.close();

  resolveBinary(TEMPORAL_CLI);
  const devServer = await startTemporalDevServer({ port: await freePort() });
  stops.push(devServer.stop);

  project.provide('databaseUrl', databaseUrl);
  project.provide('temporalAddress', devServer.address);
  project.provide('testServerPath', resolveBinary(TEMPORAL_TEST_SERVER));
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
