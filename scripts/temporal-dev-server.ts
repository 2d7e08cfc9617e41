// Runs `temporal server start-dev` as a child process: SQLite file in the data folder, Web UI on,
// Settle's search attributes registered. Used by the embedded stack and the end-to-end tests.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTE_FLAGS } from '../workflows/definitions.js';
import { resolveBinary, TEMPORAL_CLI } from './temporal-binaries.js';

export interface DevServer {
  address: string;
  uiUrl: string | undefined;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  port: number;
  uiPort?: number;
  /** SQLite file; omitted → in memory (tests). */
  dbFile?: string;
  namespace?: string;
  extraArgs?: string[];
}

export async function waitForTemporal(
  address: string,
  timeoutMs: number,
  child?: ChildProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null)
      throw new Error(`the Temporal dev server exited with code ${child.exitCode}`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      await connection.workflowService.getSystemInfo({});
      await connection.close();
      return;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`Temporal at ${address} did not come up: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

export async function startTemporalDevServer(options: DevServerOptions): Promise<DevServer> {
  const cli = resolveBinary(TEMPORAL_CLI);
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace ?? 'default',
    '--log-level',
    'error',
    ...SEARCH_ATTRIBUTE_FLAGS.flatMap((flag) => ['--search-attribute', flag]),
    ...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    ...(options.dbFile ? ['--db-filename', options.dbFile, '--sqlite-pragma', 'journal_mode=WAL'] : []),
    ...(options.extraArgs ?? []),
  ];
  if (options.dbFile) mkdirSync(resolve(options.dbFile, '..'), { recursive: true });
  const child = spawn(cli, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const address = `127.0.0.1:${options.port}`;
  try {
    await waitForTemporal(address, 60_000, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return {
    address,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(killer);
          done();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A dev server on a port `pickPort` chooses (a free one), tried again on a fresh port when the server
 * dies while starting: besides its own port it binds internal ones, which another process on a busy
 * machine may take in the meantime.
 */
export async function startTemporalDevServerOnFreePort(
  options: Omit<DevServerOptions, 'port'>,
  pickPort: () => Promise<number>,
  attempts = 3,
): Promise<DevServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startTemporalDevServer({ ...options, port: await pickPort() });
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}
