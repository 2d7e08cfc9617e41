// Every provider Settle can use, and which one fills each role unless configured otherwise. The
// worker, the API and the webhook processor read this list; nothing else names a provider.
import { appWebhook } from './app-webhook/index.js';
import { bird } from './bird/index.js';
import { messagebird } from './messagebird/index.js';
import { mollie } from './mollie/index.js';
import type { ProviderPlugin, Role } from './plugin.js';
import { print } from './print/index.js';
import { sendgrid } from './sendgrid/index.js';
import { smtp } from './smtp/index.js';

export const PROVIDER_PLUGINS: readonly ProviderPlugin[] = [
  mollie,
  sendgrid,
  messagebird,
  bird,
  print,
  appWebhook,
  smtp,
];

export const DEFAULT_PROVIDER: Record<Role, string> = {
  payments: mollie.name,
  email: sendgrid.name,
  messaging: messagebird.name,
  letters: print.name,
  app: appWebhook.name,
};
