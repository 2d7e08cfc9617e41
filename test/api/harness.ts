// The API on the real stack for route tests: buildApp with a real Temporal client, the test run's
// real PostgreSQL, sandbox providers, and a real worker on a task queue of its own so workflows
// run. Requests go through app.inject; the app also listens on a loopback port so that the
// sandbox's signed delivery callbacks reach its webhooks like a provider's would.
import type { Client } from '@temporalio/client';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { DestinationStream } from 'pino';
import { inject } from 'vitest';
import { buildApp } from '../../api/app.js';
import { codecRouteOptions } from '../../api/routes/codec.js';
import type { Config } from '../../config.js';
import type { DatabaseHandle } from '../../db/client.js';
import { isolatedSettings, startStack } from '../../devstack/stack.js';
import { createTenant as createDevTenant, type Tenant } from '../../devstack/tenant.js';
import { createProviders, providerWebhooks } from '../../providers/runtime.js';
import { createSandbox, type SandboxServices } from '../../providers/sandbox/sandbox-services.js';
import type { PaymentProvider } from '../../providers/types.js';
import type { RunningWorker } from '../../worker.js';

export type { Tenant } from '../../devstack/tenant.js';

export interface ApiHarness extends Tenant {
  app: FastifyInstance;
  config: Config;
  database: DatabaseHandle;
  temporal: Client;
  sandbox: SandboxServices;
  worker: RunningWorker | undefined;
  baseUrl: string;
  tokenSecret: string;
  /** A further tenant with its own key, for isolation tests. */
  newTenant(): Promise<Tenant>;
  /** app.inject with the harness tenant's key (or `as`'s) and JSON bodies. */
  call(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    options?: { as?: Tenant; headers?: Record<string, string> },
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Start a worker (default true): without one, workflows start but never run. */
  worker?: boolean;
  rateLimitPerMinute?: number;
  logLevel?: string;
  logFormat?: 'pretty' | 'json';
  logStream?: DestinationStream;
  /** Replace the app's database handle (e.g. one that cannot reach PostgreSQL). */
  appDatabase?: DatabaseHandle;
  /** Replace the app's Temporal client (e.g. one that cannot reach Temporal). */
  appTemporal?: Client;
  /** The creditor has an app channel (the sandbox's stand-in answers for it); default false. */
  appChannel?: boolean;
  /** Send the sandbox's delivery reports to the app's webhooks (default true), as the API process does. */
  sandboxReports?: boolean;
  /** The app's clock for legal-data staleness (default: the system clock). */
  now?: () => Date;
  /** Replace the app's PSP (e.g. the live Mollie adapter over intercepted HTTP); the worker keeps the sandbox. */
  payments?: PaymentProvider;
  /** Further settings, as environment variables (e.g. PAYLOAD_ENCRYPTION_KEYS). */
  env?: Record<string, string>;
}

export { invoiceBody, unique } from '../support/invoice-body.js';

/** The Bundesbank's published example identifier: valid check digits, no real creditor. */
export const TEST_CREDITOR_ID = 'DE98ZZZ09999999999';

/** A creditor that offers direct debit has a SEPA creditor identifier (tests of its absence clear it). */
const TENANT = { keyLabel: 'api test', settings: { sepaCreditorId: TEST_CREDITOR_ID } };

export function createTenant(database: DatabaseHandle): Promise<Tenant> {
  return createDevTenant(database.db, TENANT);
}

export async function startApiHarness(options: HarnessOptions = {}): Promise<ApiHarness> {
  const settings = await isolatedSettings('api');
  const port = Number(settings.PORT);
  const tokenSecret = settings.SETTLE_TOKEN_SECRET!;
  const stack = await startStack({
    postgres: { kind: 'url', url: inject('databaseUrl'), migrate: false },
    temporal: { kind: 'existing', address: inject('temporalAddress') },
    settings: { ...settings, ...options.env },
    tenant: TENANT,
    worker: options.worker !== false,
  });
  const { config, database, worker, client: temporal } = stack;
  const codec = codecRouteOptions(config);
  const baseUrl = config.http.publicBaseUrl;
  const sandbox = createSandbox({ db: database.db, baseUrl, tokenSecret });
  const app = await buildApp({
    database: options.appDatabase ?? database,
    temporal: options.appTemporal ?? temporal,
    taskQueue: config.temporal.taskQueue,
    urls: { baseUrl, tokenSecret },
    payments: options.payments ?? sandbox.psp,
    paymentProviderName: createProviders(config, sandbox).names.payments,
    providerWebhooks: providerWebhooks(config, sandbox),
    sandbox,
    appChannelConfigured: options.appChannel ?? false,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
    logLevel: options.logLevel ?? 'silent',
    ...(options.logFormat ? { logFormat: options.logFormat } : {}),
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(config.temporal.uiUrl
      ? { temporalUi: { baseUrl: config.temporal.uiUrl, namespace: config.temporal.namespace } }
      : {}),
    ...(codec ? { codec } : {}),
  });
  await app.listen({ host: '127.0.0.1', port });
  // As the API process does: the sandbox's delivery reports reach the app's webhooks.
  if (options.sandboxReports !== false) sandbox.reports.start();
  const tenant = { tenantId: stack.tenantId, apiKey: stack.apiKey };

  return {
    ...tenant,
    app,
    config,
    database,
    temporal,
    sandbox,
    worker,
    baseUrl,
    tokenSecret,
    newTenant: () => createTenant(database),
    call(method, url, body, callOptions = {}) {
      const key = (callOptions.as ?? tenant).apiKey;
      return app.inject({
        method,
        url,
        headers: {
          authorization: `Bearer ${key}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...callOptions.headers,
        },
        ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
      });
    },
    async close() {
      await sandbox.reports.stop();
      await app.close();
      // The worker, the Temporal connection and the database pool.
      await stack.stop();
    },
  };
}

export { isoDay } from '../../devstack/dates.js';
export { eventually } from '../../devstack/waiting.js';

export interface Resource {
  invoiceId: string;
  debtorId: string;
  status: string;
  stage: string;
  amount: { currency: string; value: string };
  amountDue: { currency: string; value: string };
  amountPaid: { currency: string; value: string };
  checkoutUrl: string | null;
  paymentUrl: string | null;
  consistency: string;
  asOf: string;
  selfServiceUrl: string;
  nextActionAt: string | null;
  workflowId: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

/** Asserts an RFC 9457 problem with this status and returns its body. */
export function problemOf(response: LightMyRequestResponse, status: number): ProblemBody {
  if (response.statusCode !== status)
    throw new Error(`expected ${status}, got ${response.statusCode}: ${response.body}`);
  if (!String(response.headers['content-type']).startsWith('application/problem+json'))
    throw new Error(`expected application/problem+json, got ${response.headers['content-type']}`);
  const body = response.json() as ProblemBody;
  if (body.status !== status || typeof body.title !== 'string' || typeof body.type !== 'string')
    throw new Error(`not a problem body: ${response.body}`);
  return body;
}

/** The sandbox PSP as Mollie answers after a reversal: the payment stays paid, all of it charged back. */
export function reversingPsp(h: Pick<ApiHarness, 'sandbox'>): PaymentProvider {
  return {
    createPaymentLink: (request) => h.sandbox.psp.createPaymentLink(request),
    getPayment: async (id) => {
      const payment = await h.sandbox.psp.getPayment(id);
      return payment && { ...payment, chargedBackCents: payment.amountCents };
    },
  };
}
