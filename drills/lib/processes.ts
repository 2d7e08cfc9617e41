// Settle's own processes for a drill: the worker (`worker.ts`) and the API (`api/server.ts`), each
// a separate Node process running the real entry point, so a drill can SIGKILL and restart them.
// Run as `node --import tsx <entry>` (one process, no wrapper), so a signal reaches Settle itself.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { log, onCleanup, sleep } from './common.js';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

export interface ServiceOptions {
  name: string;
  /** Entry point relative to the repository root. */
  entry: string;
  env: Record<string, string>;
  logDir: string;
  /** Resolves once the process is ready (or throws). */
  ready(service: SettleProcess): Promise<void>;
}

export class SettleProcess {
  private child: ChildProcess | undefined;
  private readonly logStream: WriteStream;
  private tail: string[] = [];
  private output = '';
  private expectingExit = false;
  /** Exits nobody asked for: a crash of Settle's process is itself a finding. */
  readonly unexpectedExits: string[] = [];
  starts = 0;

  constructor(private readonly options: ServiceOptions) {
    this.logStream = createWriteStream(join(options.logDir, `${options.name}.log`), { flags: 'a' });
    onCleanup(
      `stop ${options.name}`,
      async () => {
        await this.stop();
        this.logStream.end();
      },
      () => this.child?.kill('SIGKILL'),
    );
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything the process printed since its last start (for readiness checks). */
  get printed(): string {
    return this.output;
  }

  lastLines(count = 30): string {
    return this.tail.slice(-count).join('\n');
  }

  async start(): Promise<void> {
    this.output = '';
    this.expectingExit = false;
    const child = spawn(process.execPath, ['--import', 'tsx', this.options.entry], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...this.options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts++;
    const capture = (chunk: Buffer) => {
      const text = chunk.toString();
      this.logStream.write(text);
      this.output = (this.output + text).slice(-20_000);
      this.tail.push(...text.split('\n').filter(Boolean));
      if (this.tail.length > 200) this.tail = this.tail.slice(-100);
    };
    child.stdout?.on('data', capture);
    child.stderr?.on('data', capture);
    child.once('exit', (code, signal) => {
      this.logStream.write(`\n--- ${this.options.name} exited (code ${code}, signal ${signal}) ---\n`);
      if (!this.expectingExit) {
        const what = `${this.options.name} exited unexpectedly (code ${code}, signal ${signal})`;
        this.unexpectedExits.push(what);
        log(`${what}; last output:\n${this.lastLines(15)}`);
      }
    });
    try {
      await this.options.ready(this);
    } catch (error) {
      throw new Error(`${this.options.name} did not start: ${(error as Error).message}\n${this.lastLines()}`);
    }
  }

  /** Sends `signal` and waits for the exit (SIGKILL after `graceMs`). */
  async kill(signal: NodeJS.Signals, graceMs = 15_000): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.expectingExit = true;
    await new Promise<void>((done) => {
      const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.once('exit', () => {
        clearTimeout(killer);
        done();
      });
      child.kill(signal);
    });
  }

  stop(): Promise<void> {
    return this.kill('SIGTERM');
  }
}

/** Waits for a line the process prints when it is ready. */
export function printed(text: string, timeoutMs = 120_000) {
  return async (service: SettleProcess) => {
    const deadline = Date.now() + timeoutMs;
    while (!service.printed.includes(text)) {
      if (!service.running) throw new Error('exited before it was ready');
      if (Date.now() > deadline) throw new Error(`did not print "${text}" within ${timeoutMs} ms`);
      await sleep(100);
    }
  };
}

/** Waits until an HTTP URL answers 200. */
export function answers(url: string, timeoutMs = 120_000) {
  return async (service: SettleProcess) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!service.running) throw new Error('exited before it was ready');
      const ok = await fetch(url)
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
      await sleep(200);
    }
  };
}
