// Provider callbacks: verify (signature, or for Mollie: the PSP knows the payment id), store the raw
// event deduped on the provider's id, answer 2xx at once, process afterwards. Only an event that
// could not be stored (or a Mollie id that could not be verified) is answered non-2xx, so the
// provider retries it.
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Database } from '../../db/client.js';
import {
  type InboundWebhookEvent,
  storeWebhookEvents,
  type WebhookEventRow,
} from '../../db/queries/webhook-events.js';
import { parseBirdChannelEvent, verifyBirdWebhook } from '../../providers/bird/bird-events.js';
import {
  MESSAGEBIRD_SIGNATURE_HEADER,
  parseMessageBirdConversationEvent,
  parseMessageBirdSmsReport,
  verifyMessageBirdJwt,
} from '../../providers/messagebird/messagebird-events.js';
import { mollieWebhookPaymentId } from '../../providers/mollie/mollie.js';
import type { WebhookKeys } from '../../providers/runtime.js';
import {
  SENDGRID_SIGNATURE_HEADER,
  SENDGRID_TIMESTAMP_HEADER,
  verifySendGridSignature,
} from '../../providers/sendgrid/sendgrid-events.js';
import { Problem } from '../problem.js';
import type { WebhookProcessor } from '../webhooks/processor.js';

interface Options {
  db: Database;
  webhooks: WebhookProcessor;
  keys: WebhookKeys;
  publicBaseUrl: string;
}

const accepted = { 200: { type: 'object', properties: { received: { type: 'integer' } } } } as const;
const errors = { 400: { $ref: 'Problem#' }, 401: { $ref: 'Problem#' }, 503: { $ref: 'Problem#' } } as const;

export const webhookRoutes: FastifyPluginAsync<Options> = async (
  app,
  { db, webhooks, keys, publicBaseUrl },
) => {
  const unverified = () => new Problem(401, 'Unauthorized', 'the webhook signature is missing or invalid');

  /**
   * Stores a request's events (one multi-row INSERT, duplicates within the request and already
   * stored ones skipped), then schedules each newly stored one; answers how many were new. A
   * storage failure stores nothing and becomes 503, so that the provider retries.
   */
  async function storeAll(
    reply: FastifyReply,
    provider: string,
    events: InboundWebhookEvent[],
    reopen = false,
  ) {
    let rows: WebhookEventRow[];
    try {
      rows = await storeWebhookEvents(db, { provider, events, reopen });
    } catch (error) {
      reply.log.error(
        { provider, err: { message: (error as Error).message } },
        'webhook could not be stored',
      );
      throw new Problem(503, 'Service Unavailable', 'the event could not be stored; retry later');
    }
    for (const row of rows) webhooks.enqueue(row);
    return reply.code(200).send({ received: rows.length });
  }

  app.post(
    '/webhooks/mollie',
    {
      schema: {
        summary:
          'Mollie payment webhook (form id=tr_…): stored only for payments the PSP confirms; credited only where the payment’s own facts point',
        consumes: ['application/x-www-form-urlencoded'],
        body: { type: 'object', properties: { id: { type: 'string', maxLength: 64 } } },
        querystring: { type: 'object', properties: { invoice: { type: 'string', maxLength: 300 } } },
        response: { ...accepted, ...errors },
      },
    },
    async (request, reply) => {
      const paymentId = mollieWebhookPaymentId((request.body ?? {}) as Record<string, unknown>);
      // Malformed ids, forged URL tokens and ids the PSP does not know: 200, nothing stored.
      if (!paymentId) return reply.code(200).send({ received: 0 });
      const invoice = (request.query as Record<string, unknown>).invoice;
      const admitted = await webhooks.admitMollieCall(
        paymentId,
        typeof invoice === 'string' ? invoice : undefined,
      );
      if (admitted === 'dropped') return reply.code(200).send({ received: 0 });
      if (admitted === 'unverifiable')
        throw new Problem(503, 'Service Unavailable', 'the payment could not be verified; retry later');
      return storeAll(reply, 'mollie', [admitted], true);
    },
  );

  app.post(
    '/webhooks/sendgrid',
    {
      schema: {
        summary: 'SendGrid signed Event Webhook (JSON array, ECDSA signature over the raw body)',
        body: { type: 'array', maxItems: 1000, items: { type: 'object' } },
        response: { ...accepted, ...errors },
      },
    },
    async (request, reply) => {
      const signature = request.headers[SENDGRID_SIGNATURE_HEADER.toLowerCase()];
      const timestamp = request.headers[SENDGRID_TIMESTAMP_HEADER.toLowerCase()];
      if (
        !keys.sendgridPublicKey ||
        typeof signature !== 'string' ||
        typeof timestamp !== 'string' ||
        !request.rawBody ||
        !verifySendGridSignature({
          publicKeyBase64OrPem: keys.sendgridPublicKey,
          rawBody: request.rawBody,
          signature,
          timestamp,
          now: new Date(),
        })
      ) {
        throw unverified();
      }
      const events = (request.body as Record<string, unknown>[]).map((event) => ({
        providerEventId:
          typeof event.sg_event_id === 'string' ? event.sg_event_id : sha256(JSON.stringify(event)),
        rawBody: JSON.stringify(event),
      }));
      return storeAll(reply, 'sendgrid', events);
    },
  );

  const verifyMessageBird = (url: string, token: unknown, rawBody: Buffer) =>
    keys.messagebirdSigningKey !== undefined &&
    typeof token === 'string' &&
    verifyMessageBirdJwt({ signingKey: keys.messagebirdSigningKey, token, url, rawBody, now: new Date() });

  app.get(
    '/webhooks/messagebird',
    {
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
        response: { ...accepted, ...errors },
      },
    },
    async (request, reply) => {
      if (
        !verifyMessageBird(
          `${publicBaseUrl}${request.url}`,
          request.headers[MESSAGEBIRD_SIGNATURE_HEADER.toLowerCase()],
          Buffer.alloc(0),
        )
      ) {
        throw unverified();
      }
      const query = request.query as Record<string, string>;
      const event = parseMessageBirdSmsReport(query);
      if (!event) return reply.code(200).send({ received: 0 });
      return storeAll(reply, 'messagebird-sms', [
        { providerEventId: event.providerEventId, rawBody: JSON.stringify(query) },
      ]);
    },
  );

  app.post(
    '/webhooks/messagebird',
    {
      schema: {
        summary: 'MessageBird Conversations (WhatsApp) message event (JSON, JWT signature)',
        body: { type: 'object' },
        response: { ...accepted, ...errors },
      },
    },
    async (request, reply) => {
      if (
        !verifyMessageBird(
          `${publicBaseUrl}${request.url}`,
          request.headers[MESSAGEBIRD_SIGNATURE_HEADER.toLowerCase()],
          request.rawBody ?? Buffer.alloc(0),
        )
      ) {
        throw unverified();
      }
      const event = parseMessageBirdConversationEvent(request.body);
      if (!event) return reply.code(200).send({ received: 0 });
      return storeAll(reply, 'messagebird-conversations', [
        { providerEventId: event.providerEventId, rawBody: request.rawBody!.toString('utf8') },
      ]);
    },
  );

  app.post(
    '/webhooks/bird',
    {
      schema: {
        summary: 'Bird Channels API message status (sms.outbound / whatsapp.outbound; HMAC signature)',
        body: { type: 'object' },
        response: { ...accepted, ...errors },
      },
    },
    async (request, reply) => {
      const verification = verifyBirdWebhook({
        signingKey: keys.birdSigningKey ?? '',
        headers: request.headers,
        url: `${publicBaseUrl}${request.url}`,
        rawBody: request.rawBody ?? Buffer.alloc(0),
        now: new Date(),
      });
      if (!verification.verified) throw unverified();
      const event = parseBirdChannelEvent(request.body);
      if (!event) return reply.code(200).send({ received: 0 });
      return storeAll(reply, 'bird-channels', [
        { providerEventId: event.providerEventId, rawBody: request.rawBody!.toString('utf8') },
      ]);
    },
  );
};

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
