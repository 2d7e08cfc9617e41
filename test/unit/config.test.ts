// Configuration is parsed once: live provider choice, the messaging adapter, direct debit switches,
// and clear errors naming what is missing.

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { BirdSmsSender, BirdWhatsAppSender } from '../../providers/bird/bird.js';
import { MessageBirdSmsSender } from '../../providers/messagebird/messagebird.js';
import { MolliePaymentProvider } from '../../providers/mollie/mollie.js';
import { createProviders } from '../../providers/runtime.js';
import { createSandbox } from '../../providers/sandbox/sandbox-services.js';

const live = {
  PROVIDERS: 'live',
  MOLLIE_API_KEY: 'test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM',
  SENDGRID_API_KEY: 'SG.key',
  SENDGRID_WEBHOOK_PUBLIC_KEY: 'MFkw',
  SETTLE_TOKEN_SECRET: 'x'.repeat(32),
};
const bird = {
  MESSAGING_PROVIDER: 'bird',
  BIRD_ACCESS_KEY: 'bird-key',
  BIRD_WORKSPACE_ID: '2a6a3c4e-0000-4000-8000-000000000001',
  BIRD_SMS_CHANNEL_ID: '7d6a3c4e-0000-4000-8000-000000000002',
  BIRD_SIGNING_KEY: 'bird-signing',
};

describe('loadConfig', () => {
  it('defaults to the sandbox with direct debit on and a sandbox bank that settles after 10 s', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      providers: { mode: 'sandbox', chosen: { messaging: 'messagebird', email: 'sendgrid' } },
      directDebit: true,
      sandboxCollectionSeconds: 10,
    });
  });

  it('needs the chosen messaging provider’s credentials when live', () => {
    expect(() => loadConfig({ ...live, MESSAGING_PROVIDER: 'bird' })).toThrow(ConfigError);
    const message = (() => {
      try {
        loadConfig({ ...live, MESSAGING_PROVIDER: 'bird', BIRD_ACCESS_KEY: 'k' });
        return 'no error';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message).toContain('BIRD_WORKSPACE_ID: is required when PROVIDERS=live');
    expect(message).not.toContain('MESSAGEBIRD_ACCESS_KEY');
    expect(() => loadConfig(live)).toThrow(/MESSAGEBIRD_ACCESS_KEY: is required/);
  });

  it('refuses the sandbox when live credentials are set, naming them', () => {
    expect(() => loadConfig({ PROVIDERS: 'sandbox', MOLLIE_API_KEY: 'live_x' })).toThrow(
      /PROVIDERS: is sandbox, but live credentials are set \(MOLLIE_API_KEY\)/,
    );
    expect(() => loadConfig({ ...live, ...bird, PROVIDERS: 'sandbox' })).toThrow(
      /MOLLIE_API_KEY, SENDGRID_API_KEY, BIRD_ACCESS_KEY/,
    );
    expect(loadConfig({ PROVIDERS: 'sandbox' }).providers.mode).toBe('sandbox');
  });

  it('goes live when any live credential is set, and then needs every key including the webhook signing keys', () => {
    const { PROVIDERS: _unset, ...keys } = live;
    const unset = { ...keys, MESSAGEBIRD_ACCESS_KEY: 'mb-key' };
    // Before: these keys without PROVIDERS started live without the signing keys, so events were lost.
    expect(() => loadConfig(unset)).toThrow(
      /MESSAGEBIRD_SIGNING_KEY: is required when live credentials are set \(MOLLIE_API_KEY, SENDGRID_API_KEY, MESSAGEBIRD_ACCESS_KEY\)/,
    );
    const { SENDGRID_WEBHOOK_PUBLIC_KEY: _key, ...withoutSendgridKey } = unset;
    expect(() => loadConfig({ ...withoutSendgridKey, MESSAGEBIRD_SIGNING_KEY: 's' })).toThrow(
      /SENDGRID_WEBHOOK_PUBLIC_KEY: is required/,
    );
    expect(() => loadConfig({ MOLLIE_API_KEY: 'live_x' })).toThrow(/SENDGRID_API_KEY: is required/);
    expect(loadConfig({ ...unset, MESSAGEBIRD_SIGNING_KEY: 's' }).providers.mode).toBe('live');
  });

  it('reads Bird’s WhatsApp template projects and rejects a malformed list', () => {
    const config = loadConfig({
      ...live,
      ...bird,
      BIRD_WHATSAPP_TEMPLATE_PROJECTS: 'settle_reminder_1_v1=4f1c-aa,settle_final_notice_v1=9b2d-bb',
    });
    expect(config.providers.settings.bird).toMatchObject({
      whatsappTemplateProjects: {
        settle_reminder_1_v1: '4f1c-aa',
        settle_final_notice_v1: '9b2d-bb',
      },
    });
    expect(() => loadConfig({ ...live, ...bird, BIRD_WHATSAPP_TEMPLATE_PROJECTS: 'no pairs here' })).toThrow(
      /BIRD_WHATSAPP_TEMPLATE_PROJECTS: must look like name=projectId/,
    );
  });

  it('turns direct debit off and the sandbox bank to manual', () => {
    expect(loadConfig({ DIRECT_DEBIT: 'off', SANDBOX_COLLECTION_SECONDS: '0' })).toMatchObject({
      directDebit: false,
      sandboxCollectionSeconds: 0,
    });
    expect(() => loadConfig({ DIRECT_DEBIT: 'maybe' })).toThrow(/DIRECT_DEBIT/);
  });
});

describe('worker sizing', () => {
  it('keeps the workflow cache fixed by default and refuses a cache smaller than the tasks it must hold', () => {
    expect(loadConfig({}).worker).toEqual({
      maxCachedWorkflows: 100,
      maxConcurrentWorkflowTasks: 40,
      maxConcurrentActivities: 50,
    });
    expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '0' }).worker.maxCachedWorkflows).toBe(0);
    expect(() => loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '10' })).toThrow(
      /WORKER_MAX_CACHED_WORKFLOWS: must be 0 \(no cache\) or at least WORKER_MAX_CONCURRENT_WORKFLOW_TASKS \(40\)/,
    );
    expect(() => loadConfig({ WORKER_MAX_CONCURRENT_ACTIVITIES: '0' })).toThrow(ConfigError);
  });
});

describe('createProviders (live)', () => {
  it('sends SMS and WhatsApp through Bird’s Channels API when chosen, and verifies its webhooks with its key', () => {
    const config = loadConfig({ ...live, ...bird });
    const providers = createProviders(config, undefined);
    expect(providers.sms).toBeInstanceOf(BirdSmsSender);
    expect(providers.whatsapp).toBeInstanceOf(BirdWhatsAppSender);
    expect(providers.directDebit).toBeInstanceOf(MolliePaymentProvider);
    expect(providers.names).toMatchObject({
      payments: 'mollie',
      email: 'sendgrid',
      sms: 'bird',
      whatsapp: 'bird',
    });
    expect(config.providers.settings.bird).toMatchObject({ signingKey: 'bird-signing' });
  });

  it('uses MessageBird by default and offers no direct debit when switched off', () => {
    const providers = createProviders(
      loadConfig({
        ...live,
        MESSAGEBIRD_ACCESS_KEY: 'mb-key',
        MESSAGEBIRD_SIGNING_KEY: 'mb-signing',
        DIRECT_DEBIT: 'off',
      }),
      undefined,
    );
    expect(providers.sms).toBeInstanceOf(MessageBirdSmsSender);
    expect(providers.directDebit).toBeUndefined();
  });
});

describe('createProviders (sandbox)', () => {
  it('uses each chosen provider’s sandbox stand-in and records it under its own name', () => {
    const sandbox = createSandbox({
      db: undefined as never,
      baseUrl: 'http://127.0.0.1:3000',
      tokenSecret: 'x'.repeat(32),
    });
    const providers = createProviders(loadConfig({}), sandbox);
    expect(providers.email).toBe(sandbox.outbox);
    expect(providers.payments).toBe(sandbox.psp);
    expect(providers.names).toEqual({
      payments: 'mollie-sandbox',
      email: 'sendgrid-sandbox',
      sms: 'messagebird-sandbox',
      whatsapp: 'messagebird-sandbox',
      letter: 'print-sandbox',
      app: 'app-webhook-sandbox',
    });
    // The creditor's own app endpoint is called from the sandbox too.
    const own = createProviders(
      loadConfig({ APP_WEBHOOK_URL: 'https://app.example/hook', APP_WEBHOOK_SECRET: 's'.repeat(32) }),
      sandbox,
    );
    expect(own.names.app).toBe('app-webhook');
    expect(own.app).not.toBe(sandbox.outbox);
  });

  it('refuses a provider the sandbox cannot stand in for', () => {
    expect(() => loadConfig({ MESSAGING_PROVIDER: 'bird' })).toThrow(
      /MESSAGING_PROVIDER: is bird, which the sandbox cannot stand in for/,
    );
  });
});
