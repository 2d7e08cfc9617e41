// The quick variant of every fault drill (QUICK=1), each as its own child process exactly as a
// person would run it: it must exit 0 and end with a parsable `RESULT {json}` line saying ok.
// The drills bring their own stack (free ports, temp dirs, a database of their own), so this file
// never collides with other test runs. They run one after another: about four minutes in all.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DRILLS = ['worker-kill', 'temporal-restart', 'postgres-outage', 'webhook-storm', 'hostile-input'];
const DRILL_TIMEOUT_MS = 240_000;

interface DrillRun {
  code: number | null;
  result: Record<string, unknown> | undefined;
  output: string;
}

function runQuickDrill(name: string): Promise<DrillRun> {
  return new Promise((done) => {
    // Its own process group, so that a drill overrunning its time is stopped with everything it started.
    const child = spawn('npx', ['tsx', `drills/${name}.ts`], {
      cwd: ROOT,
      env: { ...process.env, QUICK: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    };
    const overrun = setTimeout(() => {
      output += `\n(test: drill overran ${DRILL_TIMEOUT_MS} ms; stopping it)\n`;
      signalGroup('SIGTERM');
      setTimeout(() => signalGroup('SIGKILL'), 20_000).unref();
    }, DRILL_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(overrun);
      const line = output
        .split('\n')
        .reverse()
        .find((l) => l.startsWith('RESULT '));
      let result: Record<string, unknown> | undefined;
      try {
        result = line ? (JSON.parse(line.slice('RESULT '.length)) as Record<string, unknown>) : undefined;
      } catch {
        result = undefined;
      }
      done({ code, result, output });
    });
  });
}

describe('fault drills, quick variants', () => {
  for (const name of DRILLS) {
    it(
      `drill:${name} passes`,
      async () => {
        const run = await runQuickDrill(name);
        const tail = run.output.split('\n').slice(-40).join('\n');
        expect(run.result, `no RESULT line:\n${tail}`).toBeDefined();
        expect(run.result).toMatchObject({ drill: name, quick: true });
        expect(run.result?.ok, `RESULT ${JSON.stringify(run.result)}\n${tail}`).toBe(true);
        expect(run.code).toBe(0);
      },
      DRILL_TIMEOUT_MS + 30_000,
    );
  }
});
