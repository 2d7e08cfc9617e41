// Plumbing shared by the benchmarks and the fault drills: parameters from the environment (with a
// QUICK=1 variant), timestamped progress lines, bounded waiting (devstack/waiting.ts), and cleanup
// on every way out.
import { sleep } from '../devstack/waiting.js';

export const QUICK = process.env.QUICK === '1' || process.env.QUICK === 'true';

/** A numeric parameter: the environment's value, else the QUICK or the full default. */
export function numParam(name: string, full: number, quick: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return QUICK ? quick : full;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number`);
  return value;
}

export function intParam(name: string, full: number, quick: number): number {
  return Math.floor(numParam(name, full, quick));
}

const started = Date.now();

export function elapsedMs(): number {
  return Date.now() - started;
}

export function log(message: string): void {
  const seconds = (elapsedMs() / 1000).toFixed(1).padStart(6);
  console.log(`[${seconds}s] ${message}`);
}

export { sleep, until } from '../devstack/waiting.js';

/** Runs `fn` over `items` with at most `concurrency` at a time; results in input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    for (;;) {
      const index = next++;
      if (index >= items.length) return;
      results[index] = await fn(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}

type Cleanup = { name: string; run: () => Promise<void> | void; sync?: () => void };
const cleanups: Cleanup[] = [];

/** Registers teardown (run in reverse order); `sync` is what can still be done on a hard exit. */
export function onCleanup(name: string, run: () => Promise<void> | void, sync?: () => void): void {
  cleanups.push({ name, run, ...(sync ? { sync } : {}) });
}

let cleaning: Promise<void> | undefined;
export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await Promise.race([cleanup.run(), sleep(30_000)]);
      } catch (error) {
        console.error(`cleanup "${cleanup.name}" failed: ${(error as Error).message}`);
      }
    }
    cleanups.length = 0;
  })();
  return cleaning;
}

process.on('exit', () => {
  for (const cleanup of cleanups) {
    try {
      cleanup.sync?.();
    } catch {
      // best effort on the way out
    }
  }
});
