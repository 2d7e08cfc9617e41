import type { Database } from '../../db/client.js';
import { SandboxDeliveryReports } from './sandbox-events.js';
import { type SandboxKeys, sandboxKeys } from './sandbox-keys.js';
import { SandboxOutbox } from './sandbox-outbox.js';
import { SandboxPaymentProvider } from './sandbox-psp.js';

/** Everything the sandbox providers consist of, shared by the worker (sending) and the API (pages). */
export interface SandboxServices {
  keys: SandboxKeys;
  psp: SandboxPaymentProvider;
  outbox: SandboxOutbox;
  /**
   * Sends the delivery reports the outbox stored with its messages to this instance's webhooks.
   * Started by the API process (`reports.start()`); the worker only stores messages.
   */
  reports: SandboxDeliveryReports;
}

export function createSandbox(params: {
  db: Database;
  baseUrl: string;
  tokenSecret: string;
  onError?: (error: unknown) => void;
}): SandboxServices {
  const keys = sandboxKeys(params.tokenSecret);
  return {
    keys,
    psp: new SandboxPaymentProvider(params.db, params.baseUrl),
    outbox: new SandboxOutbox(params.db, { endpoint: params.baseUrl }),
    reports: new SandboxDeliveryReports({
      db: params.db,
      keys,
      baseUrl: params.baseUrl,
      ...(params.onError ? { onError: params.onError } : {}),
    }),
  };
}
