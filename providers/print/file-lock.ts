// A lock file next to a shared file, so worker processes spooling into the same batch do not lose
// each other's manifest updates. A lock older than STALE_MS is from a crashed writer and is taken over.
import { open, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

const STALE_MS = 30_000;
const RETRY_MS = 20;
const GIVE_UP_MS = 10_000;

async function isStale(lockPath: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(lockPath)).mtimeMs > STALE_MS;
  } catch {
    return false;
  }
}

export async function withFileLock<T>(path: string, work: () => Promise<T>): Promise<T> {
  const lockPath = `${path}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (await isStale(lockPath)) await rm(lockPath, { force: true });
      else if (Date.now() - started > GIVE_UP_MS) throw new Error(`timed out waiting for lock ${lockPath}`);
      else await sleep(RETRY_MS);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}
