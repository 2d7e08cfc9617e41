// Once per run of the engine project: the Temporal binaries, one real Temporal dev server (in
// memory) shared by the engine tests, and a fresh real PostgreSQL database (the machine's server,
// else an embedded one) — started by the dev stack's pieces.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServers } from '../devstack/servers.js';
import { resolveBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from '../devstack/temporal-binaries.js';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
    testServerPath: string;
  }
}

export default async function setup(project: TestProject) {
  const fallbackDir = mkdtempSync(join(tmpdir(), 'settle-pg-'));
  resolveBinary(TEMPORAL_CLI);
  const testServerPath = resolveBinary(TEMPORAL_TEST_SERVER);
  // One database per run, so concurrent runs on one machine never clobber each other.
  const { postgres, temporal } = await startServers(
    { kind: 'scratch', name: `settle_test_${process.pid}`, fallbackDir },
    { kind: 'dev' },
  );
  project.provide('databaseUrl', postgres.url);
  project.provide('temporalAddress', temporal.address);
  project.provide('testServerPath', testServerPath);
  return async () => {
    await temporal.stop();
    await postgres.stop();
    rmSync(fallbackDir, { recursive: true, force: true });
  };
}
