import type { Database } from '../../db/client.js';
import { SandboxEventEmitter } from './sandbox-events.js';
import { type SandboxKeys, sandboxKeys } from './sandbox-keys.js';
import { SandboxOutbox } from './sandbox-outbox.js';
import { SandboxPaymentProvider } from './sandbox-psp.js';

/** Everything the sandbox providers consist of, shared by the worker (sending) and the API (pages). */
export interface SandboxServices {
  keys: SandboxKeys;
  psp: SandboxPaymentProvider;
  outbox: SandboxOutbox;
  events: SandboxEventEmitter;
}

export function createSandbox(params: {
  db: Database;
  baseUrl: string;
  tokenSecret: string;
  onError?: (error: unknown) => void;
}): SandboxServices {
  const keys = sandboxKeys(params.tokenSecret);
  const events = new SandboxEventEmitter({
    db: params.db,
    keys,
    baseUrl: params.baseUrl,
    ...(params.onError ? { onError: params.onError } : {}),
  });
  return {
    keys,
    psp: new SandboxPaymentProvider(params.db, params.baseUrl),
    outbox: new SandboxOutbox(params.db, events),
    events,
  };
}
