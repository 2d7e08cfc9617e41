// buildApp assembles the HTTP API from its dependencies and never listens: server.ts listens,
// tests use inject.
import { randomUUID } from 'node:crypto';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Client } from '@temporalio/client';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { PublicUrls } from '../activities/self-service-link.js';
import type { DatabaseHandle } from '../db/client.js';
import type { ProviderWebhooks } from '../providers/runtime.js';
import type { SandboxServices } from '../providers/sandbox/sandbox-services.js';
import type { PaymentProvider } from '../providers/types.js';
import { DEFAULT_ACTION_PRICE_PER_MILLION_EUR, DEFAULT_HORIZON_DAYS } from '../simulation/engine.js';
import { DEFAULT_POSTING, type PostingSchedule } from '../workflows/policy/receipt.js';
import { createAllowedMethods } from './allowed-methods.js';
import { createApiKeys } from './api-keys.js';
import { identify, rateLimitKey, requireTenant } from './auth.js';
import { consoleRoutes } from './console/index.js';
import type { TemporalUi } from './console/invoice.js';
import { type BatchRunner, createBatchRunner } from './invoice-batches/batch-runner.js';
import { invoiceResourceSchema } from './invoice-resource.js';
import { createInvoiceService } from './invoice-service.js';
import { parseJsonBody } from './json-body.js';
import { finishDocument } from './openapi-document.js';
import { describeOperation } from './operation-docs.js';
import { documentProblemResponses, Problem, problemSchema, sendProblem } from './problem.js';
import { type LogFormat, prettyLogStream, requestLogController } from './request-log.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { type CodecRouteOptions, codecRoutes } from './routes/codec.js';
import { DebtorRequestSchema, debtorRequestRoutes } from './routes/debtor-requests.js';
import { debtorRoutes } from './routes/debtors.js';
import { experimentRoutes } from './routes/experiments.js';
import { invoiceActionRoutes } from './routes/invoice-actions.js';
import { invoiceBatchRoutes } from './routes/invoice-batches.js';
import { invoiceRoutes } from './routes/invoices.js';
import { messageDeliveryRoutes } from './routes/message-delivery.js';
import { opsRoutes } from './routes/ops.js';
import { paymentHistoryRoutes } from './routes/payment-history.js';
import { policyRoutes } from './routes/policies.js';
import { reportRoutes } from './routes/reports.js';
import { sandboxRoutes } from './routes/sandbox.js';
import { selfServiceRoutes } from './routes/self-service.js';
import { settingsRoutes } from './routes/settings.js';
import { simulationRoutes } from './routes/simulations.js';
import { webhookRoutes } from './routes/webhooks.js';
import { ENUM_COMPONENTS } from './schemas.js';
import { assignSecurityHeaders, securityHeaders } from './security-headers.js';
import { createTenantFacts } from './tenant-facts.js';
import { validationFieldErrors } from './validation-errors.js';
import { createWebhookProcessor, type WebhookProcessor } from './webhooks/processor.js';

export interface AppDeps {
  database: DatabaseHandle;
  temporal: Client;
  taskQueue: string;
  urls: PublicUrls;
  payments: PaymentProvider;
  /** The real name of the provider behind `payments`, recorded with the links the API mints. */
  paymentProviderName: string;
  /** Every provider's webhook routes and event parsers (providers/registry.ts). */
  providerWebhooks: ProviderWebhooks;
  sandbox: SandboxServices | undefined;
  appChannelConfigured: boolean;
  /** A direct debit provider is configured (DIRECT_DEBIT=on): debtors are offered a mandate. */
  directDebit?: boolean;
  rateLimitPerMinute: number;
  /** Invoices of a batch started at once (config INVOICE_BATCH_CONCURRENCY; default 4). */
  batchConcurrency?: number;
  /** The print house's posting schedule (config LETTER_POSTING_*); the safe default when absent. */
  letterPosting?: PostingSchedule;
  logLevel: string;
  /** `json` (default) or `pretty` (config LOG_FORMAT): see request-log.ts. */
  logFormat?: LogFormat;
  /** Where pino writes (default stdout); tests capture the log lines through it. */
  logStream?: DestinationStream;
  /** The clock for legal-data staleness (default: the system clock); tests pass a fixed day. */
  now?: () => Date;
  /** Serve the Temporal remote codec endpoint for operators (payload encryption configured). */
  codec?: CodecRouteOptions;
  /** The Temporal UI the console links runs to (config TEMPORAL_UI_URL and the namespace). */
  temporalUi?: TemporalUi;
  /** The what-if simulator's price of Temporal actions (config ACTION_PRICE_PER_MILLION). */
  simulation?: { actionPricePerMillionEur: number };
}

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
  interface FastifyInstance {
    webhooks: WebhookProcessor;
    batches: BatchRunner;
  }
}

const BODY_LIMIT_BYTES = 256 * 1024;
const DEFAULT_BATCH_CONCURRENCY = 4;
/** A request within this long counts as requests arriving (for webhook processing to give way). */
const REQUESTS_ARRIVING_WINDOW_MS = 100;

/**
 * The path as logged: query strings (a MessageBird report carries the recipient's phone number)
 * and self-service tokens (a debtor's key to the page) never reach the logs.
 */
function loggablePath(url: string): string {
  return url.split('?')[0]!.replace(/^\/p\/[^/]+/, '/p/<token>');
}

/** A caller's own request id is kept (for tracing across systems) only when it is this harmless. */
const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : randomUUID();
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const logFormat = deps.logFormat ?? 'json';
  const logStream = deps.logStream ?? (logFormat === 'pretty' ? prettyLogStream() : undefined);
  const app = Fastify({
    bodyLimit: BODY_LIMIT_BYTES,
    // Self-service tokens carry tenant and invoice ids and can exceed the default 100 characters.
    routerOptions: { maxParamLength: 512 },
    logger: {
      level: deps.logLevel,
      // Personal data and secrets never reach the logs.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.body', 'res.body'],
      serializers: { req: (request) => ({ method: request.method, url: loggablePath(request.url) }) },
      ...(logStream ? { stream: logStream } : {}),
    },
    logController: requestLogController(logFormat, loggablePath),
    // verbose: the errors carry their schema, whose alternatives and descriptions word the messages.
    ajv: { customOptions: { allErrors: true, verbose: true, coerceTypes: false, removeAdditional: false } },
    // Logged with every line: a client's x-request-id only when it is a plain token, else Settle's own.
    requestIdHeader: false,
    genReqId: (request) => requestId(request.headers['x-request-id']),
    // Errors Fastify raises before routing (e.g. a malformed percent-encoding) are problems too.
    frameworkErrors: (error, _request, reply) =>
      sendProblem(reply, new Problem(error.statusCode ?? 400, 'Bad Request', error.message)),
  });
  const db = deps.database.db;

  // Webhook signatures are computed over the raw body: keep it next to the parsed JSON.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    request.rawBody = body as Buffer;
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (error) {
      done(error as Problem, undefined);
    }
  });
  await app.register(formbody, { bodyLimit: BODY_LIMIT_BYTES });
  app.addSchema(problemSchema);
  app.addSchema(invoiceResourceSchema);
  app.addSchema(DebtorRequestSchema);
  for (const component of ENUM_COMPONENTS) app.addSchema(component);
  app.addHook('onRoute', documentProblemResponses);
  app.addHook('onRoute', describeOperation);
  const allowedMethods = createAllowedMethods();
  app.addHook('onRoute', allowedMethods.record);
  // Before any route (the documentation's included): every route gets its family's headers.
  app.addHook('onRoute', assignSecurityHeaders);
  app.addHook('onRequest', securityHeaders);

  // Who calls is known before the limit counts: the verified tenant, else the client address — so
  // made-up keys share their address's budget and a key's spellings share its tenant's.
  const keys = createApiKeys(deps.database, app.log);
  app.addHook('onClose', async () => keys.stop());
  await app.register(rateLimit, {
    global: false,
    max: deps.rateLimitPerMinute,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      new Problem(
        429,
        'Too Many Requests',
        `rate limit of ${context.max} requests per minute exceeded; retry after ${context.after}`,
      ),
  });
  app.addHook('onRequest', identify(keys));
  app.addHook('onRequest', app.rateLimit({ keyGenerator: rateLimitKey }));

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Settle API',
        version: '1.0.0',
        description: 'Dunning orchestration: invoices, webhooks, debtor self-service.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer' },
          sandboxSession: { type: 'apiKey', in: 'cookie', name: 'settle_sandbox' },
        },
      },
    },
    transformObject: (document) =>
      'openapiObject' in document ? finishDocument(document.openapiObject) : document.swaggerObject,
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.setErrorHandler((error: FastifyError | Problem, request, reply) => {
    if (error instanceof Problem) return sendProblem(reply, error);
    if (error.validation) {
      const errors = validationFieldErrors(error.validation, error.validationContext);
      return sendProblem(
        reply,
        new Problem(400, 'Bad Request', 'the request does not match the schema', errors),
      );
    }
    // PostgreSQL data exceptions (class 22: NUL bytes, out-of-range values) come from the input.
    if (isDataException(error)) {
      return sendProblem(
        reply,
        new Problem(400, 'Bad Request', 'the request contains a value that cannot be stored'),
      );
    }
    const status = error.statusCode ?? 500;
    if (status === 413)
      return sendProblem(
        reply,
        new Problem(413, 'Content Too Large', `the body exceeds ${BODY_LIMIT_BYTES} bytes`),
      );
    if (status === 415)
      return sendProblem(reply, new Problem(415, 'Unsupported Media Type', 'use application/json'));
    if (status === 429) return sendProblem(reply, new Problem(429, 'Too Many Requests', error.message));
    if (status >= 400 && status < 500)
      return sendProblem(reply, new Problem(status, 'Bad Request', error.message));
    request.log.error({ err: { message: error.message, name: error.name } }, 'request failed');
    return sendProblem(
      reply,
      new Problem(503, 'Service Unavailable', 'a dependency is unavailable; retry later'),
    );
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = allowedMethods.allowedAt(path);
    if (allowed.length === 0)
      return sendProblem(reply, new Problem(404, 'Not Found', `no route ${request.method} ${path}`));
    reply.header('allow', allowed.join(', '));
    return sendProblem(
      reply,
      new Problem(405, 'Method Not Allowed', `${path} takes ${allowed.join(', ')}, not ${request.method}`),
    );
  });

  const tenantFacts = createTenantFacts(deps.database, app.log);
  app.addHook('onClose', async () => tenantFacts.stop());
  const tenantChanged = (tenantId: string) => tenantFacts.forget(tenantId);
  const invoices = createInvoiceService({
    db,
    tenantFacts,
    temporal: deps.temporal,
    taskQueue: deps.taskQueue,
    urls: deps.urls,
    appChannelConfigured: deps.appChannelConfigured,
  });
  // Requests come first: webhook processing slows down while they keep arriving (one within the window).
  let lastRequestAt = Number.NEGATIVE_INFINITY;
  app.addHook('onRequest', (_request, _reply, done) => {
    lastRequestAt = performance.now();
    done();
  });
  const webhooks = createWebhookProcessor({
    requestsArriving: () => performance.now() - lastRequestAt < REQUESTS_ARRIVING_WINDOW_MS,
    db,
    temporal: deps.temporal,
    payments: deps.payments,
    parse: deps.providerWebhooks.parse,
    tokenSecret: deps.urls.tokenSecret,
    log: app.log,
    reopenAfterReversal: invoices.reopenAfterReversal,
  });
  app.decorate('webhooks', webhooks);
  app.addHook('onClose', async () => webhooks.stop());
  const batches = createBatchRunner({
    db,
    invoices,
    log: app.log,
    concurrency: deps.batchConcurrency ?? DEFAULT_BATCH_CONCURRENCY,
  });
  app.decorate('batches', batches);
  app.addHook('onClose', async () => batches.stop());

  const now = deps.now ?? (() => new Date());
  // First: its response counter hook must be in place before the routes it counts.
  await app.register(opsRoutes, { database: deps.database, temporal: deps.temporal, now });
  await app.register(
    async (v1) => {
      // The /v1 API speaks JSON only: a text or form body is 415, not a schema error.
      v1.removeContentTypeParser(['text/plain', 'application/x-www-form-urlencoded']);
      v1.addHook('onRequest', requireTenant);
      await v1.register(invoiceRoutes, {
        invoices,
        db,
        letterPosting: deps.letterPosting ?? DEFAULT_POSTING,
      });
      await v1.register(invoiceBatchRoutes, { db, batches });
      await v1.register(invoiceActionRoutes, { invoices, db, temporal: deps.temporal });
      await v1.register(messageDeliveryRoutes, { invoices, db, temporal: deps.temporal });
      await v1.register((await import('./routes/templates.js')).templateRoutes, { db });
      await v1.register((await import('./routes/brand.js')).brandRoutes, { db, tenantChanged });
      await v1.register(settingsRoutes, { db, tenantChanged });
      await v1.register(debtorRequestRoutes, { db });
      await v1.register(apiKeyRoutes, { db, keys });
      await v1.register(reportRoutes, { db, now });
      await v1.register(simulationRoutes, {
        db,
        now,
        actionPricePerMillionEur:
          deps.simulation?.actionPricePerMillionEur ?? DEFAULT_ACTION_PRICE_PER_MILLION_EUR,
        horizonDays: DEFAULT_HORIZON_DAYS,
      });
      await v1.register(paymentHistoryRoutes, { db });
      await v1.register(experimentRoutes, { db, now, tenantChanged });
      await v1.register(policyRoutes, { db });
      await v1.register(debtorRoutes, {
        db,
        temporal: deps.temporal,
        appChannelConfigured: deps.appChannelConfigured,
      });
    },
    { prefix: '/v1' },
  );
  await app.register(webhookRoutes, {
    db,
    webhooks,
    routes: deps.providerWebhooks.routes,
    publicBaseUrl: deps.urls.baseUrl,
  });
  await app.register(selfServiceRoutes, {
    db,
    invoices,
    temporal: deps.temporal,
    urls: deps.urls,
    payments: deps.payments,
    paymentProviderName: deps.paymentProviderName,
    directDebitEnabled: deps.directDebit ?? true,
  });
  if (deps.sandbox)
    await app.register(sandboxRoutes, {
      db,
      sandbox: deps.sandbox,
      keys,
      publicBaseUrl: deps.urls.baseUrl,
    });
  await app.register(consoleRoutes, {
    db,
    now,
    publicBaseUrl: deps.urls.baseUrl,
    invoices,
    temporal: deps.temporal,
    appChannelConfigured: deps.appChannelConfigured,
    letterPosting: deps.letterPosting ?? DEFAULT_POSTING,
    temporalUi: deps.temporalUi,
    tenantChanged,
  });
  if (deps.codec) await app.register(codecRoutes, deps.codec);
  return app;
}

function isDataException(error: unknown): boolean {
  const code = (e: unknown) =>
    typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  const found = code(error) ?? code((error as { cause?: unknown }).cause);
  return typeof found === 'string' && found.startsWith('22');
}
