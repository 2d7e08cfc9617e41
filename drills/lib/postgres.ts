// PostgreSQL for a drill: a fresh database on the machine's server (dropped at the end) when it is
// reachable, else — or when the drill must stop and restart PostgreSQL itself — an embedded
// PostgreSQL with its own data folder in the drill's temp dir, on a free port.
import { randomBytes } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { importEmbeddedPostgres, runsAsOtherUser } from '../../scripts/embedded-postgres.js';
import {
  createScratchDatabase,
  MACHINE_POSTGRES,
  migrateUrl,
  postgresReachable,
} from '../../scripts/scratch-postgres.js';
import { freePort } from '../../test/support/free-port.js';
import { log, onCleanup } from './common.js';

export interface DrillPostgres {
  url: string;
  kind: 'machine' | 'embedded';
  /** Only for an embedded server: stop (fast shutdown) and start it again on the same port and data. */
  stop?(): Promise<void>;
  start?(): Promise<void>;
}

/** A migrated database for the drill, cleaned up when the drill ends. */
export async function drillPostgres(
  drill: string,
  tempDir: string,
  options: { embedded?: boolean } = {},
): Promise<DrillPostgres> {
  if (!options.embedded && (await postgresReachable(MACHINE_POSTGRES))) {
    const name =
      `settle_drill_${drill.replace(/\W/g, '_')}_${process.pid}_${randomBytes(3).toString('hex')}`.toLowerCase();
    const database = await createScratchDatabase(MACHINE_POSTGRES, name);
    onCleanup('drop database', database.drop);
    log(`PostgreSQL: database ${name} on the machine's server`);
    return { url: database.url, kind: 'machine' };
  }
  return embeddedPostgres(tempDir);
}

async function embeddedPostgres(tempDir: string): Promise<DrillPostgres> {
  const EmbeddedPostgres = await importEmbeddedPostgres();
  // As root, PostgreSQL runs as a user of its own, which must be able to reach its data folder.
  if (runsAsOtherUser()) chmodSync(tempDir, 0o755);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: join(tempDir, 'postgres'),
    port,
    user: 'settle',
    password: 'settle-drill',
    persistent: true, // stop() must keep the data: the outage drill starts it again
    createPostgresUser: runsAsOtherUser(),
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  let running = true;
  onCleanup('stop embedded PostgreSQL', async () => {
    if (running) await server.stop();
    running = false;
  });
  const client = server.getPgClient();
  await client.connect();
  try {
    await client.query('create database settle');
  } finally {
    await client.end();
  }
  const url = `postgres://settle:settle-drill@127.0.0.1:${port}/settle`;
  await migrateUrl(url);
  log(`PostgreSQL: embedded server on port ${port}`);
  return {
    url,
    kind: 'embedded',
    async stop() {
      await server.stop();
      running = false;
    },
    async start() {
      await server.start();
      running = true;
    },
  };
}
