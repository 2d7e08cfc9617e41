// The API process: `npx tsx api/server.ts` runs it alone against the configured Temporal and
// PostgreSQL; the embedded stack starts it in-process. Listens, and shuts down gracefully.
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { type Config, loadConfig, requireSetting } from '../config.js';
import { connectDatabase, type DatabaseHandle } from '../db/client.js';
import { runtimeProviders } from '../providers/runtime.js';
import { sandboxProvider } from '../providers/sandbox/index.js';
import { settleClient } from '../temporal/data-converter.js';
import { staleLegalTablesAt, staleLegalTableWarning } from '../workflows/policy/legal/staleness.js';
import { buildApp } from './app.js';
import { createDebtorRequestNotifier } from './debtor-request-notifier.js';
import { watchEndedRuns } from './ended-runs.js';
import { codecRouteOptions } from './routes/codec.js';

export interface RunningApi {
  app: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

export async function startApi(params: {
  config: Config;
  database: DatabaseHandle;
  temporalAddress: string;
}): Promise<RunningApi> {
  const { config, database } = params;
  const { urls, sandbox, providers, webhooks } = runtimeProviders(config, database.db);
  const connection = await Connection.connect({ address: params.temporalAddress });
  const temporal = settleClient(config, connection);
  const codec = codecRouteOptions(config);
  const app = await buildApp({
    database,
    temporal,
    taskQueue: config.temporal.taskQueue,
    urls,
    payments: providers.payments,
    paymentProviderName: providers.names.payments,
    providerWebhooks: webhooks,
    sandbox,
    appChannelConfigured: providers.app !== undefined,
    directDebit: providers.directDebit !== undefined,
    rateLimitPerMinute: config.http.rateLimitPerMinute,
    batchConcurrency: config.http.batchConcurrency,
    letterPosting: config.letterPosting,
    logLevel: config.logLevel,
    logFormat: config.logFormat,
    simulation: { actionPricePerMillionEur: config.simulation.actionPricePerMillionEur },
    ...(config.temporal.uiUrl
      ? { temporalUi: { baseUrl: config.temporal.uiUrl, namespace: config.temporal.namespace } }
      : {}),
    ...(codec ? { codec } : {}),
  });
  // Listen before any background loop starts: a port that is taken fails the start with nothing
  // left running against a database the caller is about to close.
  let url: string;
  try {
    url = await app.listen({ host: config.http.host, port: config.http.port });
  } catch (error) {
    await app.close();
    await connection.close();
    throw error;
  }
  app.webhooks.startSweeper();
  app.batches.startSweeper();
  const endedRuns = watchEndedRuns({ db: database.db, temporal, log: app.log });
  endedRuns.start();
  // Without a secret nothing can be signed: requests wait (listed in the API) until a process has one.
  const debtorRequestWebhooks = config.creditorWebhookSecret
    ? createDebtorRequestNotifier({ db: database.db, secret: config.creditorWebhookSecret, log: app.log })
    : undefined;
  debtorRequestWebhooks?.start();
  // Stale legal data does not stop the API (contact stays lawful for the days known), but must be loud.
  for (const stale of staleLegalTablesAt(new Date()))
    app.log.warn({ table: stale.table, staleSince: stale.staleSince }, staleLegalTableWarning(stale));
  const bank =
    sandbox && config.sandboxCollectionSeconds > 0
      ? sandboxProvider.startBank(sandbox.psp, {
          settleAfterMs: config.sandboxCollectionSeconds * 1000,
          onError: (error) => app.log.warn({ err: { message: (error as Error).message } }, 'sandbox bank'),
        })
      : undefined;
  // The sandbox's delivery reports, stored with each message, go out from here: this process
  // verifies them, and a worker may be killed at any moment without losing one.
  sandbox?.reports.start({
    onError: (error) => app.log.warn({ err: { message: (error as Error).message } }, 'sandbox reports'),
  });
  return {
    app,
    url,
    async stop() {
      bank?.stop();
      await endedRuns.stop();
      await debtorRequestWebhooks?.stop();
      // Posts in flight finish (or their claims expire and another poller sends them).
      await sandbox?.reports.stop();
      await app.close();
      await connection.close();
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const database = connectDatabase(requireSetting(config.databaseUrl, 'DATABASE_URL'));
  const api = await startApi({
    config,
    database,
    temporalAddress: requireSetting(config.temporal.address, 'TEMPORAL_ADDRESS'),
  });
  // SIGINT and SIGTERM may both arrive: stop once, then exit.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void (async () => {
      await api.stop();
      await database.close();
    })()
      .catch((error) => console.error(error instanceof Error ? error.message : error))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
