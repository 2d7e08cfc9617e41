import type { Providers } from '../../activities/providers/registry.js';
import { SandboxOutbox } from '../../activities/sandbox/sandbox-outbox.js';
import { SandboxPaymentProvider } from '../../activities/sandbox/sandbox-psp.js';
import type { Database } from '../../db/client.js';

/**
 * Sandbox providers whose delivery facts are not sent anywhere: workflow tests and benchmarks feed
 * delivery signals themselves, as the webhooks would.
 */
export function quietSandboxProviders(db: Database, baseUrl: string): Providers {
  const outbox = new SandboxOutbox(db);
  const psp = new SandboxPaymentProvider(db, baseUrl);
  return {
    name: 'sandbox',
    payments: psp,
    directDebit: psp,
    email: outbox,
    sms: outbox,
    whatsapp: outbox,
    letters: outbox,
    app: outbox,
    smsOriginator: 'Settle',
    whatsappNamespace: 'settle',
  };
}
