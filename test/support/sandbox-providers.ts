import { loadConfig } from '../../config.js';
import type { Database } from '../../db/client.js';
import { createProviders, type Providers } from '../../providers/runtime.js';
import { SandboxOutbox } from '../../providers/sandbox/sandbox-outbox.js';
import { createSandbox } from '../../providers/sandbox/sandbox-services.js';

/**
 * Sandbox providers whose delivery facts are not sent anywhere: workflow tests and benchmarks feed
 * delivery signals themselves, as the webhooks would.
 */
export function quietSandboxProviders(db: Database, baseUrl: string): Providers {
  const sandbox = {
    ...createSandbox({ db, baseUrl, tokenSecret: 'quiet sandbox: signs nothing anyone verifies' }),
    outbox: new SandboxOutbox(db),
  };
  return createProviders(loadConfig({ PROVIDERS: 'sandbox', PUBLIC_BASE_URL: baseUrl }), sandbox);
}
