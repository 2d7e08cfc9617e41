// The creditor's own app (push / in-app inbox): a signed JSON POST to the endpoint it configured.
import { definePlugin } from '../plugin.js';
import { httpUrl, optionalString, setting } from '../settings.js';
import { SignedWebhookAppNotifier } from './app-webhook.js';

interface AppWebhookSettings {
  url: string | undefined;
  secret: string | undefined;
}

export const appWebhook = definePlugin<AppWebhookSettings>({
  name: 'app-webhook',
  roles: ['app'],
  config: {
    env: { APP_WEBHOOK_URL: optionalString.pipe(httpUrl.optional()), APP_WEBHOOK_SECRET: optionalString },
    read: (env) => ({ url: setting(env, 'APP_WEBHOOK_URL'), secret: setting(env, 'APP_WEBHOOK_SECRET') }),
  },
  // Without an endpoint the app channel is unreachable: debtors then get no app messages.
  createAdapters: ({ url, secret }) =>
    url && secret ? { app: new SignedWebhookAppNotifier({ endpointFor: () => ({ url, secret }) }) } : {},
  sandbox: {
    // The creditor's own endpoint is safe to call from the sandbox; the outbox answers when there is none.
    createAdapters: (sandbox, { url, secret }) => (url && secret ? undefined : { app: sandbox.outbox }),
  },
});
