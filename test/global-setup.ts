// Once per test run: the Temporal binaries, one real Temporal dev server (in memory) shared by the
// engine tests, and a fresh real PostgreSQL database (the machine's server, else an embedded one).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../scripts/embedded-postgres.js';
import { createScratchDatabase, MACHINE_POSTGRES, postgresReachable } from '../scripts/scratch-postgres.js';
import { resolveBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '../scripts/temporal-binaries.js';
import { startTemporalDevServerOnFreePort } from '../scripts/temporal-dev-server.js';
import { freePort } from './support/free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
    testServerPath: string;
  }
}

// One database per run, so concurrent runs on one machine never clobber each other.
const TEST_DATABASE = `settle_test_${process.pid}`;

export default async function setup(project: TestProject) {
  const stops: (() => Promise<void>)[] = [];
  let serverUrl = MACHINE_POSTGRES;
  if (!(await postgresReachable(serverUrl))) {
    const embedded = await startEmbeddedPostgres(mkdtempSync(join(tmpdir(), 'settle-pg-')), await freePort());
    stops.push(embedded.stop);
    serverUrl = embedded.url.replace(/\/settle$/, '/postgres');
  }
  const database = await createScratchDatabase(serverUrl, TEST_DATABASE);
  stops.push(database.drop);
  const databaseUrl = database.url;

  resolveBinary(TEMPORAL_CLI);
  const devServer = await startTemporalDevServerOnFreePort({}, freePort);
  stops.push(devServer.stop);

  project.provide('databaseUrl', databaseUrl);
  project.provide('temporalAddress', devServer.address);
  project.provide('testServerPath', resolveBinary(TEMPORAL_TEST_SERVER));
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
