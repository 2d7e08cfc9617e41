// Shared plumbing of the benchmarks: parameters from the environment (with a QUICK=1 variant),
// progress lines, bounded waiting, statistics, cleanup on every way out, and the closing
// `RESULT {json}` line (the only line a benchmark prints that starts with RESULT).
import { loadavg } from 'node:os';

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

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns a value (not undefined/false) or the deadline passes (then throws). */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs: number,
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`${what}: not reached within ${timeoutMs} ms${last ? ` (${String(last)})` : ''}`);
    await sleep(intervalMs);
  }
}

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

/** Nearest-rank percentile of unsorted values (0 for none). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** Rounds to `digits` decimals (for printing and the RESULT line). */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function mib(bytes: number): number {
  return round(bytes / 1024 / 1024, 1);
}

/**
 * a / b, or null when b is 0 (a ratio that cannot be computed is not 0 or Infinity); two
 * significant digits below 0.1, so that a small ratio does not print as 0.
 */
export function ratio(a: number, b: number, digits = 2): number | null {
  if (b === 0) return null;
  const value = a / b;
  return value !== 0 && Math.abs(value) < 0.1 ? Number(value.toPrecision(2)) : round(value, digits);
}

/** A fixed-width text table for the human-readable part of the output. */
export function table(rows: (string | number | null)[][]): string {
  const cells = rows.map((row) => row.map((c) => (c === null ? '–' : String(c))));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells
    .map((row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '))
    .join('\n');
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

/**
 * Runs a benchmark: `body` returns the RESULT fields; the process then cleans up, prints one
 * `RESULT {json}` line and exits 0 — or 1 when the benchmark could not complete, or returned an
 * `error` field next to its figures.
 */
export function runBench(name: string, body: () => Promise<Record<string, unknown>>): void {
  let interrupted = false;
  const onSignal = (signal: string) => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping the benchmark`);
    cleanupAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  // A stray failure (say a client retry firing after its connection was closed) must not take the
  // RESULT line with it: the benchmark's own promise decides the outcome.
  process.on('uncaughtException', (error) => log(`uncaught: ${error.message}`));
  process.on('unhandledRejection', (error) => log(`unhandled rejection: ${String(error)}`));

  const run = async () => {
    // Other work on the machine skews every figure: the load average is part of the result.
    const loadAtStart = round(loadavg()[0]!, 2);
    let line: Record<string, unknown>;
    let ok = false;
    try {
      const result = await body();
      // A benchmark that measured but found something wrong returns `error` with its figures.
      ok = result.error === undefined;
      line = {
        bench: name,
        ok,
        quick: QUICK,
        durationS: round(elapsedMs() / 1000),
        loadAvg1: { start: loadAtStart, end: round(loadavg()[0]!, 2) },
        ...result,
      };
    } catch (error) {
      log(`benchmark aborted: ${(error as Error).stack ?? String(error)}`);
      line = {
        bench: name,
        ok: false,
        quick: QUICK,
        durationS: round(elapsedMs() / 1000),
        error: (error as Error).message,
      };
    }
    log('cleaning up');
    await cleanupAll();
    console.log(`RESULT ${JSON.stringify(line)}`);
    process.exit(ok ? 0 : 1);
  };
  void run();
}
