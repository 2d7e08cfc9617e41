// Provider callbacks: each provider's routes (providers/<name>/index.ts) verify the call (a
// signature, or for a PSP: that it knows the payment id); here the verified events are stored
// deduped on the provider's id, answered 2xx at once and processed afterwards. Only an event that
// could not be stored (or a payment id that could not be verified) is answered non-2xx, so the
// provider retries it. A route that verifies a signature over the raw body (`verifyRaw`) does so
// before its JSON is parsed.
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/client.js';
import {
  type InboundWebhookEvent,
  storeWebhookEvents,
  type WebhookEventRow,
} from '../../db/queries/webhook-events.js';
import type { WebhookRoute } from '../../providers/plugin.js';
import { parseJsonBody } from '../json-body.js';
import { Problem } from '../problem.js';
import type { WebhookProcessor } from '../webhooks/processor.js';

interface Options {
  db: Database;
  webhooks: WebhookProcessor;
  routes: readonly WebhookRoute[];
  publicBaseUrl: string;
}

const accepted = { 200: { type: 'object', properties: { received: { type: 'integer' } } } } as const;
const unverified = new Problem(401, 'Unauthorized', 'the webhook signature is missing or invalid');
const errors = { 400: { $ref: 'Problem#' }, 401: { $ref: 'Problem#' }, 503: { $ref: 'Problem#' } } as const;

export const webhookRoutes: FastifyPluginAsync<Options> = async (
  app,
  { db, webhooks, routes, publicBaseUrl },
) => {
  /**
   * Stores a request's events (one multi-row INSERT, duplicates within the request and already
   * stored ones skipped), then schedules the newly stored ones as one batch; answers how many were new. A
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
    webhooks.enqueueBatch(rows);
    return reply.code(200).send({ received: rows.length });
  }

  const context = { admitPayment: webhooks.admitPaymentCall };
  const inbound = (request: FastifyRequest) => ({
    headers: request.headers,
    rawBody: request.rawBody,
    query: (request.query ?? {}) as Record<string, unknown>,
    publicUrl: `${publicBaseUrl}${request.url}`,
  });

  function addRoute(scope: FastifyInstance, route: WebhookRoute): void {
    const { verifyRaw } = route;
    scope.route({
      method: route.method,
      url: route.path,
      ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
      schema: { ...route.schema, response: { ...accepted, ...errors } },
      // Before the schema is checked: the body it checks is parsed only once the call is verified.
      ...(verifyRaw
        ? {
            async preValidation(request: FastifyRequest) {
              if (!verifyRaw(inbound(request))) throw unverified;
              request.body = parseJsonBody(request.rawBody ?? Buffer.alloc(0));
            },
          }
        : {}),
      async handler(request: FastifyRequest, reply: FastifyReply) {
        const received = await route.receive({ ...inbound(request), body: request.body }, context);
        if ('unverified' in received) throw unverified;
        if ('retryLater' in received) throw new Problem(503, 'Service Unavailable', received.retryLater);
        if ('nothing' in received) return reply.code(200).send({ received: 0 });
        return storeAll(reply, received.source, received.store, received.reopen);
      },
    });
  }

  for (const route of routes) if (!route.verifyRaw) addRoute(app, route);
  const verifiedFirst = routes.filter((route) => route.verifyRaw);
  if (verifiedFirst.length > 0)
    await app.register(async (raw) => {
      // JSON stays raw bytes until the route verified them: an unsigned body costs no parsing.
      raw.removeContentTypeParser('application/json');
      raw.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
        request.rawBody = body as Buffer;
        done(null, body);
      });
      for (const route of verifiedFirst) addRoute(raw, route);
    });
};
