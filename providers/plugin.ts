// What a provider plugin is. Each folder under providers/ exports one such object and
// providers/registry.ts lists them; the worker, the API and the webhook processor read only the
// registry, so adding a provider is one folder plus one registry line.
import type { z } from 'zod';
import type { SandboxKeys } from './sandbox/sandbox-keys.js';
import type { SandboxServices } from './sandbox/sandbox-services.js';
import type {
  AppNotifier,
  DeliveryEvent,
  DirectDebitProvider,
  EmailSender,
  LetterPrinter,
  PaymentProvider,
  SmsSender,
  WhatsAppSender,
} from './types.js';

/** The adapters a provider offers, one per capability interface it implements. */
export interface Adapters {
  payments?: PaymentProvider;
  directDebit?: DirectDebitProvider;
  email?: EmailSender;
  sms?: SmsSender;
  whatsapp?: WhatsAppSender;
  letters?: LetterPrinter;
  app?: AppNotifier;
}
export type Capability = keyof Adapters;

/**
 * A role is filled by one provider at a time, chosen by its setting (e.g. `EMAIL_PROVIDER=smtp`);
 * the chosen provider serves every capability of the role.
 */
export const ROLES = {
  payments: { setting: 'PAYMENT_PROVIDER', capabilities: ['payments', 'directDebit'] },
  email: { setting: 'EMAIL_PROVIDER', capabilities: ['email'] },
  messaging: { setting: 'MESSAGING_PROVIDER', capabilities: ['sms', 'whatsapp'] },
  letters: { setting: 'LETTER_PROVIDER', capabilities: ['letters'] },
  app: { setting: 'APP_PROVIDER', capabilities: ['app'] },
} as const satisfies Record<string, { setting: string; capabilities: readonly Capability[] }>;
export type Role = keyof typeof ROLES;

/** What adapters may need besides their own settings. */
export interface AdapterContext {
  /** Base of links in messages and of Settle's own webhooks (`…/webhooks/<provider>`). */
  publicBaseUrl: string;
}

/** A provider's slice of the configuration: its environment variables and how they become settings. */
export interface ConfigSlice<Settings> {
  /** Its variables, validated with the rest of the environment when config.ts parses it (once). */
  env: Record<string, z.ZodType>;
  /** Its settings from the parsed variables; `dataDir` is Settle's own data folder. */
  read(env: Record<string, unknown>, core: { dataDir: string }): Settings;
  /** Variables that make real calls to the provider: any of them set means live providers. */
  liveCredentials?: readonly string[];
  /** Variables it needs when chosen for a role with live providers. */
  requiredWhenLive?: readonly string[];
}

/** An inbound request as a webhook sees it; `publicUrl` is the URL the provider called (signatures cover it). */
export interface InboundRequest {
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer | undefined;
  body: unknown;
  query: Record<string, unknown>;
  publicUrl: string;
}

export interface StoredEvent {
  /** The provider's id of the event: stored once per source and id. */
  providerEventId: string;
  rawBody: string;
}

export type Received =
  /** Verified: store these events under `source` (processed after the answer); `reopen` re-runs a known one. */
  | { store: StoredEvent[]; source: string; reopen?: boolean }
  /** Signature missing or wrong: 401, nothing stored. */
  | { unverified: true }
  /** Verified but nothing Settle acts on (or a call to drop): 200, nothing stored. */
  | { nothing: true }
  /** Could not be verified now: 503, so that the provider retries. */
  | { retryLater: string };

export interface WebhookContext {
  /**
   * For payment webhooks that carry only an id: whether the PSP in charge knows the payment, and the
   * invoice a signed URL token names, before anything is stored (made-up ids cannot grow the table).
   */
  admitPayment(
    paymentId: string,
    invoiceToken: string | undefined,
  ): Promise<'dropped' | 'unverifiable' | { hint: { tenantId: string; invoiceId: string } | undefined }>;
}

export interface WebhookRoute {
  method: 'GET' | 'POST';
  path: string;
  /** OpenAPI documentation and input limits of the route. */
  schema: { summary: string; consumes?: string[]; body?: object; querystring?: object };
  /** Bytes a request may carry, where the provider's own batches exceed the API's default (256 KiB). */
  bodyLimit?: number;
  /**
   * Verifies the call over its raw body before the body is parsed (a signature): false is 401, and a
   * body that is not the provider's is never parsed. A route with it answers a verified call from
   * `receive`, which need not verify again.
   */
  verifyRaw?(request: Omit<InboundRequest, 'body'>): boolean;
  receive(request: InboundRequest, context: WebhookContext): Received | Promise<Received>;
}

/** Settle's normalised facts from a stored webhook event. */
export type NormalisedEvent =
  | { kind: 'delivery'; delivery: DeliveryEvent }
  /** Only an id: the processor fetches the payment back from the PSP, the only thing it trusts. */
  | { kind: 'payment'; providerPaymentId: string; invoiceToken: string | undefined };

export interface ProviderWebhook<Settings> {
  /** The routes, verifying with these settings (the real ones, or the sandbox's when it stands in). */
  routes(settings: Settings): WebhookRoute[];
  /** Per stored event source (`webhook_events.provider`): its parser into normalised facts. */
  parsers: Record<string, (rawBody: string) => NormalisedEvent | undefined>;
}

/** The sandbox playing this provider: adapters that store instead of send, and its webhook keys. */
export interface SandboxStandIn<Settings> {
  /** Undefined when the real adapters are safe to use in the sandbox (e.g. the creditor's own endpoint). */
  createAdapters?(sandbox: SandboxServices, settings: Settings): Adapters | undefined;
  /** The settings its webhooks verify the sandbox's signed callbacks with. */
  webhookSettings?(keys: SandboxKeys, settings: Settings): Settings;
}

export interface ProviderPlugin<Settings = unknown> {
  /** Its real name: recorded with every message, payment link and PSP customer it served. */
  name: string;
  /** The roles it can fill. */
  roles: readonly Role[];
  config: ConfigSlice<Settings>;
  createAdapters(settings: Settings, context: AdapterContext): Adapters;
  webhook?: ProviderWebhook<Settings>;
  sandbox?: SandboxStandIn<Settings>;
}

/** Types a plugin by its settings while the registry holds them all alike. */
export function definePlugin<Settings>(plugin: ProviderPlugin<Settings>): ProviderPlugin<Settings> {
  return plugin;
}

/** The name a sandbox stand-in is recorded under: what it stood in for, and that it was the sandbox. */
export function standInName(plugin: { name: string }): string {
  return `${plugin.name}-sandbox`;
}
