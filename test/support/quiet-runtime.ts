import { DefaultLogger, Runtime } from '@temporalio/worker';

let installed = false;

/** One Temporal runtime per test process, logging only errors (worker state changes are noise here). */
export function installQuietRuntime(): void {
  if (installed) return;
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  installed = true;
}
