// Temporal for the dev stack: `temporal server start-dev` as a child process (SQLite file or in
// memory, Web UI on request, Settle's search attributes registered), the time-skipping test server,
// or a server someone else runs.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { registerSearchAttributes } from '../scripts/search-attributes.js';
import { SEARCH_ATTRIBUTE_FLAGS } from '../workflows/definitions.js';
import { freePort } from './ports.js';
import { resolveBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from './temporal-binaries.js';
import { sleep } from './waiting.js';

export interface DevServerOptions {
  /** Omitted → a free port (and a fresh one should the server die while starting). */
  port?: number;
  uiPort?: number;
  /** SQLite file; omitted → in memory (tests). */
  dbFile?: string;
  namespace?: string;
  extraArgs?: string[];
}

export interface DevServer {
  kind: 'dev';
  address: string;
  namespace: string;
  uiUrl: string | undefined;
  dbFile: string | undefined;
  /** The server process (for CPU and memory readings). */
  readonly pid: number | undefined;
  /** SIGTERM: a graceful shutdown (SIGKILL after 10 s); SIGKILL: a crash. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  /** Starts the stopped server again, on the same port and SQLite file (restart drills). */
  restart(): Promise<void>;
}

export interface ExistingTemporal {
  kind: 'existing';
  address: string;
  namespace: string;
  /** Someone else's server: no process or file of ours to read. */
  pid?: undefined;
  dbFile?: undefined;
  stop(): Promise<void>;
}

export interface TimeSkippingTemporal {
  kind: 'time-skipping';
  /** The SDK's test environment: its client, native connection and skippable clock. */
  env: TestWorkflowEnvironment;
  namespace: string;
  stop(): Promise<void>;
}

export type TemporalOptions =
  | ({ kind: 'dev' } & DevServerOptions)
  /** `serverPath`: the test server binary when already resolved (else found or installed here). */
  | { kind: 'time-skipping'; serverPath?: string }
  /** TEMPORAL_ADDRESS as configured; `registerSearchAttributes` where the operator API allows. */
  | { kind: 'existing'; address: string; namespace?: string; registerSearchAttributes?: boolean };

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
      await sleep(250);
    }
  }
}

async function startDevServerOn(port: number, options: DevServerOptions): Promise<DevServer> {
  const namespace = options.namespace ?? 'default';
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--namespace',
    namespace,
    '--log-level',
    'error',
    ...SEARCH_ATTRIBUTE_FLAGS.flatMap((flag) => ['--search-attribute', flag]),
    ...(options.uiPort ? ['--ui-port', String(options.uiPort)] : ['--headless']),
    ...(options.dbFile ? ['--db-filename', options.dbFile, '--sqlite-pragma', 'journal_mode=WAL'] : []),
    ...(options.extraArgs ?? []),
  ];
  if (options.dbFile) mkdirSync(resolve(options.dbFile, '..'), { recursive: true });
  const address = `127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    const started = spawn(resolveBinary(TEMPORAL_CLI), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    started.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child = started;
    try {
      await waitForTemporal(address, 60_000, started);
    } catch (error) {
      started.kill('SIGKILL');
      throw new Error(`${(error as Error).message}\n${stderr}`);
    }
  };
  await start();
  return {
    kind: 'dev',
    address,
    namespace,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    dbFile: options.dbFile,
    get pid() {
      return child?.pid;
    },
    stop: (signal = 'SIGTERM') =>
      new Promise<void>((done) => {
        const running = child;
        if (!running || running.exitCode !== null || running.signalCode !== null) return done();
        const killer = setTimeout(() => running.kill('SIGKILL'), 10_000);
        running.once('exit', () => {
          clearTimeout(killer);
          done();
        });
        running.kill(signal);
      }),
    restart: start,
  };
}

/**
 * A dev server. On a free port it is tried again on a fresh port when it dies while starting:
 * besides its own port it binds internal ones, which another process on a busy machine may take in
 * the meantime.
 */
export async function startTemporalDevServer(options: DevServerOptions, attempts = 3): Promise<DevServer> {
  if (options.port) return startDevServerOn(options.port, options);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDevServerOn(await freePort(), options);
    } catch (error) {
      if (attempt >= attempts) throw error;
    }
  }
}

async function useExisting(
  options: Extract<TemporalOptions, { kind: 'existing' }>,
): Promise<ExistingTemporal> {
  const namespace = options.namespace ?? 'default';
  if (options.registerSearchAttributes) {
    const connection = await Connection.connect({ address: options.address });
    try {
      await registerSearchAttributes(connection, namespace);
    } catch (error) {
      console.warn(
        `(could not register search attributes: ${(error as Error).message}; assuming they exist)`,
      );
    } finally {
      await connection.close();
    }
  }
  return { kind: 'existing', address: options.address, namespace, stop: async () => {} };
}

async function startTimeSkipping(serverPath?: string): Promise<TimeSkippingTemporal> {
  // Imported here: the testing package is a development dependency that `npm start` never needs.
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: {
      executable: { type: 'existing-path', path: serverPath ?? resolveBinary(TEMPORAL_TEST_SERVER) },
    },
  });
  try {
    await registerSearchAttributes(env.connection, 'default');
  } catch (error) {
    await env.teardown();
    throw error;
  }
  return { kind: 'time-skipping', env, namespace: 'default', stop: () => env.teardown() };
}

export function startTemporal(options: { kind: 'dev' } & DevServerOptions): Promise<DevServer>;
export function startTemporal(options: {
  kind: 'time-skipping';
  serverPath?: string;
}): Promise<TimeSkippingTemporal>;
export function startTemporal(
  options: Extract<TemporalOptions, { kind: 'existing' }>,
): Promise<ExistingTemporal>;
export function startTemporal(options: TemporalOptions): Promise<DevServer | ExistingTemporal>;
export function startTemporal(
  options: TemporalOptions,
): Promise<DevServer | ExistingTemporal | TimeSkippingTemporal> {
  switch (options.kind) {
    case 'dev':
      return startTemporalDevServer(options);
    case 'time-skipping':
      return startTimeSkipping(options.serverPath);
    case 'existing':
      return useExisting(options);
  }
}
