// Temporal for a benchmark: TEMPORAL_ADDRESS as configured (Settle's search attributes registered
// if the operator API allows), else `temporal server start-dev` on a free port with a fresh SQLite
// file in the benchmark's temp dir.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { registerSearchAttributes } from '../../scripts/search-attributes.js';
import { startTemporalDevServerOnFreePort } from '../../scripts/temporal-dev-server.js';
import { freePort } from '../../test/support/free-port.js';
import { log, onCleanup } from './common.js';
import { findPid } from './proc.js';

export interface BenchTemporal {
  address: string;
  namespace: string;
  kind: 'configured' | 'dev-server';
  /** Dev server only: its SQLite file and process id. */
  dbFile?: string;
  pid?: number;
}

export async function benchTemporal(tempDir: string): Promise<BenchTemporal> {
  const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
  const configured = process.env.TEMPORAL_ADDRESS;
  if (configured) {
    const connection = await Connection.connect({ address: configured });
    try {
      await registerSearchAttributes(connection, namespace);
    } catch (error) {
      log(`(could not register search attributes: ${(error as Error).message}; assuming they exist)`);
    } finally {
      await connection.close();
    }
    log(`Temporal: the configured TEMPORAL_ADDRESS ${configured}, namespace ${namespace}`);
    return { address: configured, namespace, kind: 'configured' };
  }
  const dbFile = join(tempDir, 'temporal.sqlite');
  const server = await startTemporalDevServerOnFreePort({ dbFile, namespace }, freePort);
  onCleanup('stop Temporal dev server', () => server.stop());
  const pid = findPid(dbFile);
  log(`Temporal: dev server on ${server.address}, SQLite ${dbFile}`);
  return { address: server.address, namespace, kind: 'dev-server', dbFile, ...(pid ? { pid } : {}) };
}

/** The SQLite file's size including its WAL and shared-memory files. */
export function sqliteBytes(dbFile: string): { main: number; wal: number; total: number } {
  const size = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  const main = size(dbFile);
  const wal = size(`${dbFile}-wal`) + size(`${dbFile}-shm`);
  return { main, wal, total: main + wal };
}
