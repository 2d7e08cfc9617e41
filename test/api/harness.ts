// The API on the real stack for route tests: buildApp with a real Temporal client, the test run's
// real PostgreSQL, sandbox providers, and a real worker on a task queue of its own so workflows
// run. Requests go through app.inject; the app also listens on a loopback port so that the
// sandbox's signed delivery callbacks reach its webhooks like a provider's would.
import { randomBytes } from 'node:crypto';
import { type Client, Connection } from '@temporalio/client';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { DestinationStream } from 'pino';
import { inject } from 'vitest';
import { buildApp } from '../../api/app.js';
import { codecRouteOptions } from '../../api/routes/codec.js';
import { type Config, loadConfig } from '../../config.js';
import { connectDatabase, type DatabaseHandle } from '../../db/client.js';
import { addApiKey, ensureTenant, generateApiKey, replaceTenantSettings } from '../../db/queries/tenants.js';
import { providerWebhooks } from '../../providers/runtime.js';
import { createSandbox, type SandboxServices } from '../../providers/sandbox/sandbox-services.js';
import type { PaymentProvider } from '../../providers/types.js';
import { settleClient } from '../../temporal/data-converter.js';
import { type RunningWorker, startWorker } from '../../worker.js';
import { freePort } from '../support/free-port.js';

export interface Tenant {
  tenantId: string;
  apiKey: string;
}

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

export const unique = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

/** The Bundesbank's published example identifier: valid check digits, no real creditor. */
export const TEST_CREDITOR_ID = 'DE98ZZZ09999999999';

export async function createTenant(database: DatabaseHandle): Promise<Tenant> {
  const tenantId = unique('t');
  const apiKey = generateApiKey();
  await ensureTenant(database.db, { id: tenantId, name: 'Test Creditor B.V.' });
  await addApiKey(database.db, { tenantId, key: apiKey, label: 'api test' });
  // A creditor that offers direct debit has a SEPA creditor identifier (tests of its absence clear it).
  await replaceTenantSettings(database.db, tenantId, { sepaCreditorId: TEST_CREDITOR_ID });
  return { tenantId, apiKey };
}

export async function startApiHarness(options: HarnessOptions = {}): Promise<ApiHarness> {
  const port = await freePort();
  const tokenSecret = randomBytes(32).toString('hex');
  const config = loadConfig({
    DATABASE_URL: inject('databaseUrl'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: unique('api'),
    PORT: String(port),
    SETTLE_TOKEN_SECRET: tokenSecret,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const database = connectDatabase(config.databaseUrl!);
  const connection = await Connection.connect({ address: config.temporal.address! });
  const temporal = settleClient(config, connection);
  const codec = codecRouteOptions(config);
  const baseUrl = config.http.publicBaseUrl;
  const sandbox = createSandbox({ db: database.db, baseUrl, tokenSecret });
  const worker =
    options.worker === false
      ? undefined
      : await startWorker({ config, database, temporalAddress: config.temporal.address! });
  const app = await buildApp({
    database: options.appDatabase ?? database,
    temporal: options.appTemporal ?? temporal,
    taskQueue: config.temporal.taskQueue,
    urls: { baseUrl, tokenSecret },
    payments: options.payments ?? sandbox.psp,
    providerWebhooks: providerWebhooks(config, sandbox),
    sandbox,
    appChannelConfigured: options.appChannel ?? false,
    rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000,
    logLevel: options.logLevel ?? 'silent',
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(codec ? { codec } : {}),
  });
  await app.listen({ host: '127.0.0.1', port });
  // As the API process does: the sandbox's delivery reports reach the app's webhooks.
  if (options.sandboxReports !== false) sandbox.reports.start();
  const tenant = await createTenant(database);

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
      await worker?.stop();
      await sandbox.reports.stop();
      await app.close();
      await connection.close();
      await database.close();
    },
  };
}

export { eventually } from '../support/stack.js';

/** YYYY-MM-DD, `days` from today (UTC). */
export function isoDay(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A valid create-invoice body on the demo policy. The due date lies 10 days ahead, so the
 * workflow sends its payment request at once and then waits for the first reminder on the real
 * calendar: the invoice stays open (and steerable) for the whole test.
 */
export function invoiceBody(overrides: Record<string, unknown> = {}, debtor: Record<string, unknown> = {}) {
  return {
    invoiceId: unique('INV'),
    policy: 'demo',
    debtor: {
      id: unique('D'),
      type: 'consumer',
      name: 'Jan Jansen',
      email: 'jan@delivered.example',
      address: { line1: 'Dorpsstraat 1', postalCode: '1234 AB', city: 'Utrecht', country: 'NL' },
      ...debtor,
    },
    amount: { currency: 'EUR', value: '123.45' },
    issueDate: isoDay(-20),
    dueDate: isoDay(10),
    ...overrides,
  };
}

export interface Resource {
  invoiceId: string;
  debtorId: string;
  status: string;
  stage: string;
  amount: { currency: string; value: string };
  amountDue: { currency: string; value: string };
  amountPaid: { currency: string; value: string };
  paymentUrl: string | null;
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
