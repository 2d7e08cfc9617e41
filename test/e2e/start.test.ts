// `npm start` as a newcomer meets it: a second start says what is in use and how to run another
// instance; a checkout in a folder only root may enter still starts (as root, PostgreSQL runs as a
// user of its own that cannot enter such a folder).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { binariesMirrorOf, serverDataDir } from '../../devstack/embedded-postgres.js';
import { freePort } from '../../devstack/ports.js';

const ROOT = resolve(import.meta.dirname, '../..');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

async function freePorts() {
  return {
    PORT: String(await freePort()),
    SETTLE_POSTGRES_PORT: String(await freePort()),
    SETTLE_TEMPORAL_PORT: String(await freePort()),
    SETTLE_TEMPORAL_UI_PORT: String(await freePort()),
  };
}

function start(cwd: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'warn', DATABASE_URL: '', TEMPORAL_ADDRESS: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    output += chunk;
  });
  cleanups.push(() => child.exitCode === null && child.kill('SIGKILL'));
  return { child, output: () => output };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((done) => {
    if (child.exitCode !== null) done(child.exitCode);
    else child.once('exit', (code) => done(code));
  });

describe('npm start', () => {
  it('refuses a second start with what is in use, by whom, and how to run another instance', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'settle-second-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    // This test process stands in for a running Settle: it holds the data folder and the API port.
    writeFileSync(join(dataDir, 'settle.pid'), `${process.pid}\n`);
    const ports = await freePorts();
    const api: Server = createServer();
    await new Promise<void>((done) => api.listen(Number(ports.PORT), '127.0.0.1', done));
    cleanups.push(() => api.close());

    const { child, output } = start(ROOT, { ...ports, SETTLE_DATA_DIR: dataDir });
    expect(await exited(child)).toBe(1);
    const text = output();
    expect(text).toContain(`Settle already runs from the data folder ${dataDir} (pid ${process.pid}`);
    expect(text).toContain(`Port ${ports.PORT} (the API, PORT) is in use by pid ${process.pid}`);
    expect(text).toContain('SETTLE_DATA_DIR=.data-2 PORT=3001 SETTLE_POSTGRES_PORT=');
    expect(text).not.toContain('undefined');
  }, 120_000);

  it.runIf(process.getuid?.() === 0)(
    'starts from a checkout inside a folder only root may enter',
    async () => {
      const privateFolder = mkdtempSync(join(tmpdir(), 'settle-private-'));
      chmodSync(privateFolder, 0o700);
      cleanups.push(() => rmSync(privateFolder, { recursive: true, force: true }));
      const checkout = join(privateFolder, 'settle');
      const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], {
        cwd: ROOT,
        encoding: 'utf8',
      })
        .split('\n')
        .filter(Boolean);
      for (const file of files) cpSync(join(ROOT, file), join(checkout, file), { force: true });
      // Hard links: the same packages, at a path only root can reach — as in a fresh clone there.
      execFileSync('cp', ['-al', join(ROOT, 'node_modules'), join(checkout, 'node_modules')]);
      symlinkSync(join(ROOT, '.tools'), join(checkout, '.tools'));
      cleanups.push(() => rmSync(serverDataDir(join(checkout, '.data')), { recursive: true, force: true }));
      cleanups.push(() =>
        rmSync(binariesMirrorOf(join(checkout, 'node_modules')), { recursive: true, force: true }),
      );

      // A port found free may be taken by another test's server before this start binds it: the API
      // then fails at once with EADDRINUSE, and the start is tried again on other ports.
      let attempt: { child: ChildProcess; output: () => string; ports: Record<string, string> };
      for (let tries = 1; ; tries++) {
        const ports = await freePorts();
        attempt = { ...start(checkout, ports), ports };
        const deadline = Date.now() + 150_000;
        while (
          !attempt.output().includes('Settle is running.') &&
          attempt.child.exitCode === null &&
          Date.now() < deadline
        )
          await new Promise((wait) => setTimeout(wait, 500));
        if (tries === 3 || attempt.child.exitCode === null || !attempt.output().includes('EADDRINUSE')) break;
      }
      const { child, output, ports } = attempt;
      expect(output()).toContain('Settle is running.');
      expect(output()).toContain('PostgreSQL keeps its data in /var/lib/settle/postgres-');
      // The server's binaries run from root's own mirror, never from a folder others may write to.
      expect(existsSync(join(binariesMirrorOf(join(checkout, 'node_modules')), 'complete'))).toBe(true);
      expect(statSync('/var/lib/settle').mode & 0o022).toBe(0);
      const ready = await fetch(`http://127.0.0.1:${ports.PORT}/readyz`);
      expect(ready.status).toBe(200);
      child.kill('SIGINT');
      expect(await exited(child)).toBe(0);
    },
    240_000,
  );
});
