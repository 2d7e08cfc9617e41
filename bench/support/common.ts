// Shared plumbing of the benchmarks: parameters from the environment (with a QUICK=1 variant),
// progress lines, bounded waiting, statistics, cleanup on every way out, and the closing
// `RESULT {json}` line (the only line a benchmark prints that starts with RESULT).
import { loadavg } from 'node:os';

export {
  cleanupAll,
  elapsedMs,
  intParam,
  log,
  mapLimit,
  numParam,
  onCleanup,
  QUICK,
  sleep,
  until,
} from '../../scripts/run-kit.js';

import { cleanupAll, elapsedMs, log, QUICK } from '../../scripts/run-kit.js';

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
