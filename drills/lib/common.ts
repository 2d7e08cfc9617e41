// Shared plumbing of the fault drills: parameters from the environment (with a QUICK=1 variant),
// progress lines, bounded waiting, cleanup on every way out, and the closing `RESULT {json}` line.

export {
  cleanupAll,
  elapsedMs,
  intParam,
  log,
  mapLimit,
  onCleanup,
  QUICK,
  sleep,
  until,
} from '../../scripts/run-kit.js';

import { cleanupAll, elapsedMs, log, QUICK } from '../../scripts/run-kit.js';

/** Seeded (workflows/policy/random.ts), so a drill's run can be repeated by seed. */
export { seededRandom } from '../../workflows/policy/random.js';

export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

let failed = false;
/** Whether the drill has failed (then its temp dir keeps the process logs). */
export function drillFailed(): boolean {
  return failed;
}

/** A failed check: collected, counted, and shown (the first few) in the RESULT line. */
export class Findings {
  /** Up to five examples of each kind of finding. */
  readonly items: string[] = [];
  readonly counts: Record<string, number> = {};

  add(kind: string, detail: string): void {
    this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    if (this.counts[kind] <= (Number(process.env.DRILL_EXAMPLES) || 5)) this.items.push(`${kind}: ${detail}`);
  }

  /** The first one or two examples of each kind, for the RESULT line. */
  examples(max = 12): string[] {
    const kinds = Object.keys(this.counts);
    const perKind = kinds.length * 2 <= max ? 2 : 1;
    return kinds
      .flatMap((kind) => this.items.filter((i) => i.startsWith(`${kind}: `)).slice(0, perKind))
      .slice(0, max)
      .map((i) => (i.length > 400 ? `${i.slice(0, 400)}…` : i));
  }

  check(condition: boolean, kind: string, detail: () => string): void {
    if (!condition) this.add(kind, detail());
  }

  get ok(): boolean {
    return this.items.length === 0;
  }
}

/**
 * Runs a drill: `body` returns the RESULT fields and its findings; the process then prints one
 * `RESULT {json}` line and exits 0 only when nothing was lost or duplicated.
 */
export function runDrill(
  name: string,
  body: () => Promise<{ result: Record<string, unknown>; findings: Findings }>,
): void {
  let interrupted = false;
  const onSignal = (signal: string) => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping the drill`);
    failed = true;
    cleanupAll().finally(() => {
      console.log(
        `RESULT ${JSON.stringify({ drill: name, ok: false, quick: QUICK, error: `interrupted by ${signal}` })}`,
      );
      process.exit(130);
    });
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  const run = async () => {
    let line: Record<string, unknown>;
    let ok = false;
    try {
      const { result, findings } = await body();
      ok = findings.ok;
      line = {
        drill: name,
        ok,
        quick: QUICK,
        durationS: Math.round(elapsedMs() / 100) / 10,
        ...result,
        findings: findings.counts,
        ...(findings.items.length > 0 ? { examples: findings.examples() } : {}),
      };
      if (!ok)
        for (const item of findings.items)
          log(`FAIL ${item.length > 1500 ? `${item.slice(0, 1500)}…` : item}`);
    } catch (error) {
      log(`drill aborted: ${(error as Error).stack ?? String(error)}`);
      line = {
        drill: name,
        ok: false,
        quick: QUICK,
        durationS: Math.round(elapsedMs() / 100) / 10,
        error: (error as Error).message,
      };
    }
    failed = !ok;
    log('cleaning up');
    await cleanupAll();
    console.log(`RESULT ${JSON.stringify(line)}`);
    process.exit(ok ? 0 : 1);
  };
  void run();
}
