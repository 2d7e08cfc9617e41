// MessageBird: SMS (REST API, status reports as signed GET callbacks) and WhatsApp templates
// (Conversations API, signed JSON message events).
import { definePlugin, type InboundRequest } from '../plugin.js';
import { optionalString, setting } from '../settings.js';
import { MessageBirdSmsSender, MessageBirdWhatsAppSender } from './messagebird.js';
import {
  MESSAGEBIRD_SIGNATURE_HEADER,
  parseMessageBirdConversationEvent,
  parseMessageBirdSmsReport,
  verifyMessageBirdJwt,
} from './messagebird-events.js';

interface MessageBirdSettings {
  accessKey: string | undefined;
  /** Verifies `MessageBird-Signature-JWT`. */
  signingKey: string | undefined;
  /** Conversations API channel for WhatsApp. */
  whatsappChannelId: string | undefined;
}

const PATH = '/webhooks/messagebird';

function verified(request: InboundRequest, signingKey: string | undefined, rawBody: Buffer): boolean {
  const token = request.headers[MESSAGEBIRD_SIGNATURE_HEADER.toLowerCase()];
  return (
    signingKey !== undefined &&
    typeof token === 'string' &&
    verifyMessageBirdJwt({ signingKey, token, url: request.publicUrl, rawBody, now: new Date() })
  );
}

export const messagebird = definePlugin<MessageBirdSettings>({
  name: 'messagebird',
  roles: ['messaging'],
  config: {
    env: {
      MESSAGEBIRD_ACCESS_KEY: optionalString,
      MESSAGEBIRD_SIGNING_KEY: optionalString,
      MESSAGEBIRD_WHATSAPP_CHANNEL_ID: optionalString,
    },
    read: (env) => ({
      accessKey: setting(env, 'MESSAGEBIRD_ACCESS_KEY'),
      signingKey: setting(env, 'MESSAGEBIRD_SIGNING_KEY'),
      whatsappChannelId: setting(env, 'MESSAGEBIRD_WHATSAPP_CHANNEL_ID'),
    }),
    liveCredentials: ['MESSAGEBIRD_ACCESS_KEY'],
    requiredWhenLive: ['MESSAGEBIRD_ACCESS_KEY', 'MESSAGEBIRD_SIGNING_KEY'],
  },
  createAdapters(settings, { publicBaseUrl }) {
    const reportUrl = `${publicBaseUrl}${PATH}`;
    const accessKey = settings.accessKey!;
    return {
      sms: new MessageBirdSmsSender({ accessKey, reportUrl }),
      whatsapp: new MessageBirdWhatsAppSender({
        accessKey,
        channelId: settings.whatsappChannelId ?? '',
        reportUrl,
      }),
    };
  },
  webhook: {
    routes: (settings) => [
      {
        method: 'GET',
        path: PATH,
        schema: {
          summary: 'MessageBird SMS status report (GET query, JWT signature)',
          querystring: {
            type: 'object',
            // Named so that /openapi.json can document them as query parameters.
            properties: Object.fromEntries(
              [
                'id',
                'reference',
                'recipient',
                'status',
                'statusDatetime',
                'statusReason',
                'statusErrorCode',
              ].map((name) => [name, { type: 'string' }]),
            ),
            additionalProperties: { type: 'string' },
          },
        },
        receive(request) {
          if (!verified(request, settings.signingKey, Buffer.alloc(0))) return { unverified: true };
          const query = request.query as Record<string, string>;
          const event = parseMessageBirdSmsReport(query);
          if (!event) return { nothing: true };
          return {
            store: [{ providerEventId: event.providerEventId, rawBody: JSON.stringify(query) }],
            source: 'messagebird-sms',
          };
        },
      },
      {
        method: 'POST',
        path: PATH,
        schema: {
          summary: 'MessageBird Conversations (WhatsApp) message event (JSON, JWT signature)',
          body: { type: 'object' },
        },
        receive(request) {
          const rawBody = request.rawBody ?? Buffer.alloc(0);
          if (!verified(request, settings.signingKey, rawBody)) return { unverified: true };
          const event = parseMessageBirdConversationEvent(request.body);
          if (!event) return { nothing: true };
          return {
            store: [{ providerEventId: event.providerEventId, rawBody: rawBody.toString('utf8') }],
            source: 'messagebird-conversations',
          };
        },
      },
    ],
    parsers: {
      'messagebird-sms'(rawBody) {
        const delivery = parseMessageBirdSmsReport(JSON.parse(rawBody));
        return delivery && { kind: 'delivery', delivery };
      },
      'messagebird-conversations'(rawBody) {
        const delivery = parseMessageBirdConversationEvent(JSON.parse(rawBody));
        return delivery && { kind: 'delivery', delivery };
      },
    },
  },
  sandbox: {
    createAdapters: (sandbox) => ({ sms: sandbox.outbox, whatsapp: sandbox.outbox }),
    webhookSettings: (keys, settings) => ({ ...settings, signingKey: keys.messagebirdSigningKey }),
  },
});
