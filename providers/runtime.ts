// The providers a process uses, built from the registry and the configuration: for each role the
// chosen provider's adapters (in the sandbox: its stand-in), and every provider's webhooks.
import type { PublicUrls } from '../activities/self-service-link.js';
import { type Config, requireSetting } from '../config.js';
import type { Database } from '../db/client.js';
import type { Channel } from '../workflows/domain.js';
import {
  type Adapters,
  type NormalisedEvent,
  type ProviderPlugin,
  type Role,
  standInName,
  type WebhookRoute,
} from './plugin.js';
import { PROVIDER_PLUGINS } from './registry.js';
import { sandboxProvider } from './sandbox/index.js';
import type { SandboxServices } from './sandbox/sandbox-services.js';
import type {
  AppNotifier,
  DirectDebitProvider,
  EmailSender,
  LetterPrinter,
  PaymentProvider,
  SmsSender,
  WhatsAppSender,
} from './types.js';

/** The providers a worker or API uses: real adapters in production, the sandbox's stand-ins locally. */
export interface Providers {
  /** The real name of the provider behind payments and each channel, recorded with what it served. */
  names: Record<'payments' | Channel, string>;
  payments: PaymentProvider;
  /** Absent when direct debit is switched off: debtors are then not offered a mandate. */
  directDebit: DirectDebitProvider | undefined;
  email: EmailSender;
  sms: SmsSender;
  whatsapp: WhatsAppSender;
  letters: LetterPrinter;
  /** Absent when the creditor configured no app webhook: the app channel is then unreachable. */
  app: AppNotifier | undefined;
  smsOriginator: string;
  whatsappNamespace: string;
}

function pluginNamed(name: string): ProviderPlugin {
  const plugin = PROVIDER_PLUGINS.find((candidate) => candidate.name === name);
  if (!plugin) throw new Error(`no provider named ${name} is registered`);
  return plugin;
}

/** The adapters filling a role, and the name they are recorded under. */
function serve(
  role: Role,
  config: Config,
  sandbox: SandboxServices | undefined,
): { name: string; adapters: Adapters } {
  const plugin = pluginNamed(config.providers.chosen[role]);
  const settings = config.providers.settings[plugin.name];
  if (config.providers.mode === 'sandbox') {
    if (!sandbox) throw new Error('sandbox providers requested without sandbox services');
    const standIn = plugin.sandbox?.createAdapters;
    if (!standIn) throw new Error(`the sandbox cannot stand in for ${plugin.name}`);
    const adapters = standIn(sandbox, settings);
    if (adapters) return { name: standInName(plugin), adapters };
  }
  return {
    name: plugin.name,
    adapters: plugin.createAdapters(settings, { publicBaseUrl: config.http.publicBaseUrl }),
  };
}

function required<K extends keyof Adapters>(served: { name: string; adapters: Adapters }, capability: K) {
  const adapter = served.adapters[capability];
  if (!adapter) throw new Error(`provider ${served.name} offers no ${capability} adapter`);
  return adapter as NonNullable<Adapters[K]>;
}

export function createProviders(config: Config, sandbox: SandboxServices | undefined): Providers {
  const served = (role: Role) => serve(role, config, sandbox);
  const payments = served('payments');
  const email = served('email');
  const messaging = served('messaging');
  const letters = served('letters');
  const app = served('app');
  return {
    names: {
      payments: payments.name,
      email: email.name,
      sms: messaging.name,
      whatsapp: messaging.name,
      letter: letters.name,
      app: app.name,
    },
    payments: required(payments, 'payments'),
    directDebit: config.directDebit ? payments.adapters.directDebit : undefined,
    email: required(email, 'email'),
    sms: required(messaging, 'sms'),
    whatsapp: required(messaging, 'whatsapp'),
    letters: required(letters, 'letters'),
    app: app.adapters.app,
    smsOriginator: config.messaging.smsOriginator,
    whatsappNamespace: config.messaging.whatsappTemplateNamespace,
  };
}

/** Every provider's webhook routes, and the parsers of the events they store. */
export interface ProviderWebhooks {
  routes: WebhookRoute[];
  /** Settle's normalised fact in a stored event; undefined for a source no provider parses. */
  parse(source: string, rawBody: string): NormalisedEvent | undefined;
}

/** Verified with the configured keys, or, when the sandbox stands in, with the sandbox's own. */
export function providerWebhooks(config: Config, sandbox: SandboxServices | undefined): ProviderWebhooks {
  const parsers = new Map<string, (rawBody: string) => NormalisedEvent | undefined>();
  const routes: WebhookRoute[] = [];
  for (const plugin of PROVIDER_PLUGINS) {
    if (!plugin.webhook) continue;
    const settings = config.providers.settings[plugin.name];
    const standIn = sandbox && plugin.sandbox?.webhookSettings;
    routes.push(...plugin.webhook.routes(standIn ? standIn(sandbox.keys, settings) : settings));
    for (const [source, parse] of Object.entries(plugin.webhook.parsers)) {
      if (parsers.has(source)) throw new Error(`webhook event source ${source} is registered twice`);
      parsers.set(source, parse);
    }
  }
  return { routes, parse: (source, rawBody) => parsers.get(source)?.(rawBody) };
}

/** What the worker and the API both derive from configuration: public URLs, sandbox, providers. */
export function runtimeProviders(
  config: Config,
  db: Database,
): {
  urls: PublicUrls;
  sandbox: SandboxServices | undefined;
  providers: Providers;
  webhooks: ProviderWebhooks;
} {
  const tokenSecret = requireSetting(config.tokenSecret, 'SETTLE_TOKEN_SECRET');
  const urls = { baseUrl: config.http.publicBaseUrl, tokenSecret };
  const sandbox =
    config.providers.mode === 'sandbox'
      ? sandboxProvider.create({ db, baseUrl: urls.baseUrl, tokenSecret })
      : undefined;
  return {
    urls,
    sandbox,
    providers: createProviders(config, sandbox),
    webhooks: providerWebhooks(config, sandbox),
  };
}
