// The benchmark's own Temporal dev server (devstack/temporal.ts) keeps its history in a SQLite file:
// its size is one of the waiting benchmark's figures.
import { statSync } from 'node:fs';

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
