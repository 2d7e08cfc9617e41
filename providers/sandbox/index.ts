// The sandbox: what stands in for the real providers when PROVIDERS=sandbox. Each provider's plugin
// says how the sandbox plays it (its `sandbox` in providers/<name>/index.ts); this folder holds what
// those stand-ins share: an outbox for every channel whose delivery reports reach Settle's own
// webhooks signed like the provider's, a PSP with a checkout page, and a bank that settles direct
// debit collections. Its state lives in PostgreSQL, so the worker and the API share it.
import { startSandboxBank } from './sandbox-bank.js';
import { createSandbox } from './sandbox-services.js';

export const sandboxProvider = {
  /** The services of one Settle instance (keys derived from its token secret). */
  create: createSandbox,
  /** Settles pending collections after a delay, like a bank (run by the API process). */
  startBank: startSandboxBank,
};
