// Chooses the providers from configuration: real adapters when PROVIDERS=live, the sandbox otherwise.

import type { PublicUrls } from '../activities/self-service-link.js';
import { type Config, requireSetting } from '../config.js';
import type { Database } from '../db/client.js';
import { SignedWebhookAppNotifier } from './app-webhook/app-webhook.js';
import { BirdSmsSender, BirdWhatsAppSender } from './bird/bird.js';
import { MessageBirdSmsSender, MessageBirdWhatsAppSender } from './messagebird/messagebird.js';
import { MolliePaymentProvider } from './mollie/mollie.js';
import { FilePrintSpool } from './print/print-batch.js';
import type { Providers } from './registry.js';
import { createSandbox, type SandboxServices } from './sandbox/sandbox-services.js';
import { SendGridEmailSender } from './sendgrid/sendgrid.js';

export function createProviders(config: Config, sandbox: SandboxServices | undefined): Providers {
  const base = {
    smsOriginator: config.messagebird.originator,
    whatsappNamespace: config.messagebird.whatsappTemplateNamespace ?? 'settle',
  };
  const appWebhook = config.appWebhook;
  const app =
    appWebhook.url && appWebhook.secret
      ? new SignedWebhookAppNotifier({
          endpointFor: () => ({ url: appWebhook.url!, secret: appWebhook.secret! }),
        })
      : undefined;
  if (config.providers === 'sandbox') {
    if (!sandbox) throw new Error('sandbox providers requested without sandbox services');
    return {
      ...base,
      name: 'sandbox',
      payments: sandbox.psp,
      directDebit: config.directDebit ? sandbox.psp : undefined,
      email: sandbox.outbox,
      sms: sandbox.outbox,
      whatsapp: sandbox.outbox,
      letters: sandbox.outbox,
      app: app ?? sandbox.outbox,
    };
  }
  const mollie = new MolliePaymentProvider({ apiKey: config.mollie.apiKey! });
  return {
    ...base,
    name: 'live',
    payments: mollie,
    directDebit: config.directDebit ? mollie : undefined,
    email: new SendGridEmailSender({ apiKey: config.sendgrid.apiKey! }),
    ...messagingSenders(config),
    letters: new FilePrintSpool(config.printSpoolDir),
    app,
  };
}

/** SMS and WhatsApp through MessageBird's classic APIs or through Bird's Channels API. */
function messagingSenders(config: Config): Pick<Providers, 'sms' | 'whatsapp'> {
  if (config.messagingProvider === 'bird') {
    const bird = config.bird;
    const workspace = { accessKey: bird.accessKey!, workspaceId: bird.workspaceId! };
    return {
      sms: new BirdSmsSender({ ...workspace, channelId: bird.smsChannelId! }),
      whatsapp: new BirdWhatsAppSender({
        ...workspace,
        channelId: bird.whatsappChannelId ?? '',
        templateProjectIds: bird.whatsappTemplateProjects,
      }),
    };
  }
  const reportUrl = `${config.http.publicBaseUrl}/webhooks/messagebird`;
  const accessKey = config.messagebird.accessKey!;
  return {
    sms: new MessageBirdSmsSender({ accessKey, reportUrl }),
    whatsapp: new MessageBirdWhatsAppSender({
      accessKey,
      channelId: config.messagebird.whatsappChannelId ?? '',
      reportUrl,
    }),
  };
}

/** The keys inbound provider webhooks are verified with: the sandbox's own, or the configured ones. */
export function webhookKeysOf(config: Config, sandbox: SandboxServices | undefined): WebhookKeys {
  if (sandbox) {
    const { sendgridPublicKey, messagebirdSigningKey, birdSigningKey } = sandbox.keys;
    return { sendgridPublicKey, messagebirdSigningKey, birdSigningKey };
  }
  return {
    sendgridPublicKey: config.sendgrid.webhookPublicKey,
    messagebirdSigningKey: config.messagebird.signingKey,
    birdSigningKey: config.bird.signingKey,
  };
}

export interface WebhookKeys {
  sendgridPublicKey: string | undefined;
  messagebirdSigningKey: string | undefined;
  birdSigningKey: string | undefined;
}

/** The app channel is reachable when the creditor configured a webhook, and always in the sandbox. */
export function appChannelConfigured(config: Config): boolean {
  return config.providers === 'sandbox' || Boolean(config.appWebhook.url && config.appWebhook.secret);
}

/** What the worker and the API both derive from configuration: public URLs, sandbox, providers. */
export function runtimeProviders(
  config: Config,
  db: Database,
): { urls: PublicUrls; sandbox: SandboxServices | undefined; providers: Providers } {
  const tokenSecret = requireSetting(config.tokenSecret, 'SETTLE_TOKEN_SECRET');
  const urls = { baseUrl: config.http.publicBaseUrl, tokenSecret };
  const sandbox =
    config.providers === 'sandbox' ? createSandbox({ db, baseUrl: urls.baseUrl, tokenSecret }) : undefined;
  return { urls, sandbox, providers: createProviders(config, sandbox) };
}
