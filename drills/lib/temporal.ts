// A Temporal dev server for a drill: `temporal server start-dev` as a child process on a free
// port, its SQLite file in the drill's temp dir, so that it can be stopped (gracefully or by
// SIGKILL) and started again on the same port and the same file.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { resolveBinary, TEMPORAL_CLI } from '../../scripts/temporal-binaries.js';
import { waitForTemporal } from '../../scripts/temporal-dev-server.js';
import { freePort } from '../../test/support/free-port.js';
import { SEARCH_ATTRIBUTE_FLAGS } from '../../workflows/definitions.js';
import { log, onCleanup } from './common.js';

export class DrillTemporal {
  private child: ChildProcess | undefined;
  private stderr = '';

  private constructor(
    readonly port: number,
    readonly dbFile: string,
  ) {
    onCleanup(
      'stop Temporal',
      () => this.stop('SIGTERM'),
      () => this.child?.kill('SIGKILL'),
    );
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  static async start(tempDir: string): Promise<DrillTemporal> {
    const server = new DrillTemporal(await freePort(), join(tempDir, 'temporal.sqlite'));
    await server.start();
    log(`Temporal: dev server on ${server.address}, SQLite ${server.dbFile}`);
    return server;
  }

  async start(): Promise<void> {
    const args = [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(this.port),
      '--headless',
      '--log-level',
      'error',
      '--db-filename',
      this.dbFile,
      '--sqlite-pragma',
      'journal_mode=WAL',
      ...SEARCH_ATTRIBUTE_FLAGS.flatMap((flag) => ['--search-attribute', flag]),
    ];
    const child = spawn(resolveBinary(TEMPORAL_CLI), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.child = child;
    try {
      await waitForTemporal(this.address, 60_000, child);
    } catch (error) {
      child.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n${this.stderr}`);
    }
  }

  /** SIGTERM: a graceful shutdown (SIGKILL after 10 s); SIGKILL: a crash. */
  stop(signal: 'SIGTERM' | 'SIGKILL'): Promise<void> {
    const child = this.child;
    return new Promise<void>((done) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return done();
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(killer);
        done();
      });
      child.kill(signal);
    });
  }
}
