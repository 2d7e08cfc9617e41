// PostgreSQL for a benchmark: DATABASE_URL as configured (migrated, used as is); else a fresh
// database `settle_bench_<pid>` on TEST_POSTGRES_URL or the machine's server (dropped at the end);
// else an embedded PostgreSQL in the benchmark's temp dir.

import { startEmbeddedPostgres } from '../../scripts/embedded-postgres.js';
import {
  createScratchDatabase,
  MACHINE_POSTGRES,
  migrateUrl,
  postgresReachable,
} from '../../scripts/scratch-postgres.js';
import { freePort } from '../../test/support/free-port.js';
import { log, onCleanup } from './common.js';

export interface BenchPostgres {
  url: string;
  kind: 'configured' | 'machine' | 'embedded';
}

/** A migrated database for the benchmark; what the benchmark created is removed when it ends. */
export async function benchPostgres(tempDir: string, keep: boolean): Promise<BenchPostgres> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    await migrateUrl(configured);
    log('PostgreSQL: the configured DATABASE_URL');
    return { url: configured, kind: 'configured' };
  }
  const name = `settle_bench_${process.pid}`;
  if (await postgresReachable(MACHINE_POSTGRES)) {
    const database = await createScratchDatabase(MACHINE_POSTGRES, name);
    if (!keep) onCleanup('drop database', database.drop);
    log(`PostgreSQL: fresh database ${name} on the machine's server`);
    return { url: database.url, kind: 'machine' };
  }
  const embedded = await startEmbeddedPostgres(tempDir, await freePort());
  onCleanup('stop embedded PostgreSQL', () => embedded.stop());
  await migrateUrl(embedded.url);
  log(`PostgreSQL: embedded, data in ${tempDir}/postgres`);
  return { url: embedded.url, kind: 'embedded' };
}
