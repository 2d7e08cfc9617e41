import type { Database } from '../../db/client.js';
import type { Providers } from '../../providers/registry.js';
import { SandboxOutbox } from '../../providers/sandbox/sandbox-outbox.js';
import { SandboxPaymentProvider } from '../../providers/sandbox/sandbox-psp.js';

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
