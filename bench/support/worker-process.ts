// A worker in a child process (`node <WORKER_NODE_FLAGS> --import tsx bench/worker-child.ts`), so that its CPU time and
// memory are its own: the real Settle worker (worker.ts's startWorker) or the floor worker. Talks
// over the IPC channel: readiness with start-up timings, CPU/RSS on request, floor "sent" notices.
import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { WORKER_NODE_FLAGS } from '../../worker.js';
import { sleep } from './common.js';

const CHILD = resolve(import.meta.dirname, '..', 'worker-child.ts');
const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

/** Milliseconds since the child process started, at each start-up milestone. */
export interface StartupTimings {
  modulesLoadedMs: number;
  bundleReadyMs: number;
  workerCreatedMs: number;
  pollingMs: number;
}

export interface WorkerStats {
  /** User + system CPU of the worker process since it started, ms. */
  cpuMs: number;
  rssBytes: number;
  /** Highest RSS seen since the previous stats() call. */
  peakRssBytes: number;
  heapUsedBytes: number;
  /** V8's heap limit: the SDK sizes its default workflow cache from it. */
  heapLimitBytes: number;
}

export interface SentNotice {
  workflowId: string;
  step: string;
}

export interface WorkerProcessOptions {
  mode: 'real' | 'floor';
  env: Record<string, string>;
  /** Floor worker: its no-op "send" activity reports each send here (as a provider callback would). */
  onSent?: (notice: SentNotice) => void;
  readyTimeoutMs?: number;
}

type ChildMessage =
  | { type: 'ready'; timings: StartupTimings }
  | { type: 'stats'; id: number; stats: WorkerStats }
  | { type: 'sent'; workflowId: string; step: string }
  | { type: 'error'; message: string };

export class WorkerProcess {
  /** Wall-clock ms from spawn to "polling", measured by the parent. */
  startupWallMs = 0;
  timings: StartupTimings | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (stats: WorkerStats) => void>();
  private exited: Promise<void>;

  private constructor(
    readonly child: ChildProcess,
    readonly mode: 'real' | 'floor',
  ) {
    this.exited = new Promise((done) => child.once('exit', () => done()));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  static async start(options: WorkerProcessOptions): Promise<WorkerProcess> {
    const spawnedAt = performance.now();
    // BENCH_WORKER_CPU_PROF=<dir>: each worker writes a V8 CPU profile there when it exits (per thread).
    const profileDir = process.env.BENCH_WORKER_CPU_PROF;
    const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : [];
    // Both workers run with the V8 flags a deployed worker has (docker-compose.yml).
    const child = spawn(process.execPath, [...profiling, ...WORKER_NODE_FLAGS, '--import', 'tsx', CHILD], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...options.env, BENCH_WORKER_MODE: options.mode },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const worker = new WorkerProcess(child, options.mode);
    const ready = new Promise<StartupTimings>((resolveReady, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the ${options.mode} worker did not start polling in time`)),
        options.readyTimeoutMs ?? 120_000,
      );
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the ${options.mode} worker exited with code ${code} before it was ready`));
      });
      child.on('message', (raw) => {
        const message = raw as ChildMessage;
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolveReady(message.timings);
        } else if (message.type === 'error') {
          clearTimeout(timer);
          reject(new Error(`${options.mode} worker: ${message.message}`));
        } else if (message.type === 'stats') {
          worker.pending.get(message.id)?.(message.stats);
          worker.pending.delete(message.id);
        } else if (message.type === 'sent') {
          options.onSent?.({ workflowId: message.workflowId, step: message.step });
        }
      });
    });
    try {
      worker.timings = await ready;
    } catch (error) {
      worker.kill();
      throw error;
    }
    worker.startupWallMs = performance.now() - spawnedAt;
    return worker;
  }

  stats(): Promise<WorkerStats> {
    const id = this.nextId++;
    return new Promise((resolveStats, reject) => {
      const timer = setTimeout(() => reject(new Error('worker stats: no answer')), 10_000);
      this.pending.set(id, (stats) => {
        clearTimeout(timer);
        resolveStats(stats);
      });
      this.child.send({ type: 'stats', id });
    });
  }

  /** Graceful shutdown (the worker finishes its current tasks); SIGKILL after 20 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    if (this.child.connected) this.child.send({ type: 'stop' });
    else this.child.kill('SIGTERM');
    const done = await Promise.race([this.exited.then(() => true), sleep(20_000).then(() => false)]);
    if (!done) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}
