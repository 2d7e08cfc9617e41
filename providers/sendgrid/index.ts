// SendGrid: email through the v3 Mail Send API, delivery facts through its signed Event Webhook.
import { createHash } from 'node:crypto';
import { definePlugin, type InboundRequest } from '../plugin.js';
import { optionalString, setting } from '../settings.js';
import { SendGridEmailSender } from './sendgrid.js';
import {
  parseSendGridEvents,
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  verifySendGridSignature,
} from './sendgrid-events.js';

interface SendGridSettings {
  apiKey: string | undefined;
  /** Event Webhook verification key (base64 SPKI or PEM). */
  webhookPublicKey: string | undefined;
}

function verified(request: Omit<InboundRequest, 'body'>, publicKey: string | undefined): boolean {
  const signature = request.headers[SENDGRID_SIGNATURE_HEADER.toLowerCase()];
  const timestamp = request.headers[SENDGRID_TIMESTAMP_HEADER.toLowerCase()];
  return (
    publicKey !== undefined &&
    typeof signature === 'string' &&
    typeof timestamp === 'string' &&
    request.rawBody !== undefined &&
    verifySendGridSignature({
      publicKeyBase64OrPem: publicKey,
      rawBody: request.rawBody,
      signature,
      timestamp,
      now: new Date(),
    })
  );
}

/** Above SendGrid's 768 KB batch, so that no batch it sends is refused (and lost after its retries). */
export const SENDGRID_BATCH_LIMIT_BYTES = 1024 * 1024;
/** The smallest events SendGrid sends are about 150 bytes: 1 MiB holds fewer than this many. */
export const SENDGRID_BATCH_MAX_EVENTS = 10_000;

export const sendgrid = definePlugin<SendGridSettings>({
  name: 'sendgrid',
  roles: ['email'],
  config: {
    env: { SENDGRID_API_KEY: optionalString, SENDGRID_WEBHOOK_PUBLIC_KEY: optionalString },
    read: (env) => ({
      apiKey: setting(env, 'SENDGRID_API_KEY'),
      webhookPublicKey: setting(env, 'SENDGRID_WEBHOOK_PUBLIC_KEY'),
    }),
    liveCredentials: ['SENDGRID_API_KEY'],
    // The signing key too: without it every delivery event would be refused and lost.
    requiredWhenLive: ['SENDGRID_API_KEY', 'SENDGRID_WEBHOOK_PUBLIC_KEY'],
  },
  createAdapters: (settings) => ({ email: new SendGridEmailSender({ apiKey: settings.apiKey! }) }),
  webhook: {
    routes: (settings) => [
      {
        method: 'POST',
        path: '/webhooks/sendgrid',
        // SendGrid posts a batch "within approximately 30 seconds or when the batch size reaches
        // 768 kilobytes" (Event Webhook reference): room for that, and for small events by the thousand.
        bodyLimit: SENDGRID_BATCH_LIMIT_BYTES,
        schema: {
          summary: 'SendGrid signed Event Webhook (JSON array, ECDSA signature over the raw body)',
          body: {
            type: 'array',
            maxItems: SENDGRID_BATCH_MAX_EVENTS,
            items: { type: 'object' },
            examples: [
              [
                {
                  email: 'j.jansen@example.nl',
                  timestamp: 1772357400,
                  event: 'delivered',
                  sg_event_id: 'rWVYmVk9bWFil1ZRz5_LBQ',
                  sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0',
                  tenant_id: 't_8f2c41',
                  invoice_id: 'INV-2026-0042',
                  message_id: 'msg_3f1a9c0d',
                },
              ],
            ],
          },
        },
        verifyRaw: (request) => verified(request, settings.webhookPublicKey),
        // Called once verifyRaw passed: the body is SendGrid's.
        receive(request) {
          const store = (request.body as Record<string, unknown>[]).map((event) => ({
            providerEventId:
              typeof event.sg_event_id === 'string' ? event.sg_event_id : sha256(JSON.stringify(event)),
            rawBody: JSON.stringify(event),
          }));
          return { store, source: 'sendgrid' };
        },
      },
    ],
    parsers: {
      sendgrid(rawBody) {
        const [delivery] = parseSendGridEvents([JSON.parse(rawBody)]);
        return delivery && { kind: 'delivery', delivery };
      },
    },
  },
  sandbox: {
    createAdapters: (sandbox) => ({ email: sandbox.outbox }),
    webhookSettings: (keys, settings) => ({ ...settings, webhookPublicKey: keys.sendgridPublicKey }),
  },
});

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
