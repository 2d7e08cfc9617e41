// Bird (MessageBird's successor): SMS and WhatsApp through the Channels API, message status
// through its HMAC-signed webhook.
import { z } from 'zod';
import { definePlugin } from '../plugin.js';
import { optionalString, setting } from '../settings.js';
import { BirdSmsSender, BirdWhatsAppSender } from './bird.js';
import { parseBirdChannelEvent, verifyBirdWebhook } from './bird-events.js';

interface BirdSettings {
  accessKey: string | undefined;
  workspaceId: string | undefined;
  smsChannelId: string | undefined;
  whatsappChannelId: string | undefined;
  /** Bird Studio project id per WhatsApp template name. */
  whatsappTemplateProjects: Record<string, string>;
  /** Verifies `messagebird-signature` on `POST /webhooks/bird`. */
  signingKey: string | undefined;
}

export const bird = definePlugin<BirdSettings>({
  name: 'bird',
  roles: ['messaging'],
  config: {
    env: {
      BIRD_ACCESS_KEY: optionalString,
      BIRD_WORKSPACE_ID: optionalString,
      BIRD_SMS_CHANNEL_ID: optionalString,
      BIRD_WHATSAPP_CHANNEL_ID: optionalString,
      BIRD_WHATSAPP_TEMPLATE_PROJECTS: optionalString.pipe(
        z
          .string()
          .regex(
            /^[a-z0-9_]+=[A-Za-z0-9-]+(,[a-z0-9_]+=[A-Za-z0-9-]+)*$/,
            'must look like name=projectId,name=projectId',
          )
          .optional(),
      ),
      BIRD_SIGNING_KEY: optionalString,
    },
    read: (env) => ({
      accessKey: setting(env, 'BIRD_ACCESS_KEY'),
      workspaceId: setting(env, 'BIRD_WORKSPACE_ID'),
      smsChannelId: setting(env, 'BIRD_SMS_CHANNEL_ID'),
      whatsappChannelId: setting(env, 'BIRD_WHATSAPP_CHANNEL_ID'),
      whatsappTemplateProjects: Object.fromEntries(
        (setting<string | undefined>(env, 'BIRD_WHATSAPP_TEMPLATE_PROJECTS')?.split(',') ?? []).map(
          (pair) => pair.split('=') as [string, string],
        ),
      ),
      signingKey: setting(env, 'BIRD_SIGNING_KEY'),
    }),
    liveCredentials: ['BIRD_ACCESS_KEY'],
    requiredWhenLive: ['BIRD_ACCESS_KEY', 'BIRD_WORKSPACE_ID', 'BIRD_SMS_CHANNEL_ID', 'BIRD_SIGNING_KEY'],
  },
  createAdapters(settings) {
    const workspace = { accessKey: settings.accessKey!, workspaceId: settings.workspaceId! };
    return {
      sms: new BirdSmsSender({ ...workspace, channelId: settings.smsChannelId! }),
      whatsapp: new BirdWhatsAppSender({
        ...workspace,
        channelId: settings.whatsappChannelId ?? '',
        templateProjectIds: settings.whatsappTemplateProjects,
      }),
    };
  },
  webhook: {
    routes: (settings) => [
      {
        method: 'POST',
        path: '/webhooks/bird',
        schema: {
          summary: 'Bird Channels API message status (sms.outbound / whatsapp.outbound; HMAC signature)',
          body: { type: 'object' },
        },
        receive(request) {
          const rawBody = request.rawBody ?? Buffer.alloc(0);
          const verification = verifyBirdWebhook({
            signingKey: settings.signingKey ?? '',
            headers: request.headers,
            url: request.publicUrl,
            rawBody,
            now: new Date(),
          });
          if (!verification.verified) return { unverified: true };
          const event = parseBirdChannelEvent(request.body);
          if (!event) return { nothing: true };
          return {
            store: [{ providerEventId: event.providerEventId, rawBody: rawBody.toString('utf8') }],
            source: 'bird-channels',
          };
        },
      },
    ],
    parsers: {
      'bird-channels'(rawBody) {
        const delivery = parseBirdChannelEvent(JSON.parse(rawBody));
        return delivery && { kind: 'delivery', delivery };
      },
    },
  },
  // No stand-in for its channels (the sandbox plays MessageBird); its webhook takes the sandbox's key,
  // so that signed Bird events can be tried locally.
  sandbox: {
    webhookSettings: (keys, settings) => ({ ...settings, signingKey: keys.birdSigningKey }),
  },
});
