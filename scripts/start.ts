// `npm start`: the whole of Settle on embedded defaults — Temporal dev server (SQLite in the data
// folder, Web UI), PostgreSQL (embedded unless DATABASE_URL), migrations, worker, API, sandbox
// providers unless live credentials are configured. Ctrl-C stops everything.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startApi } from '../api/server.js';
import { type Config, loadConfig } from '../config.js';
import { connectDatabase, migrateDatabase } from '../db/client.js';
import { addApiKey, ensureTenant, generateApiKey } from '../db/queries/tenants.js';
import { startWorker } from '../worker.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { type NeededPort, prepareStart } from './preflight.js';
import { startTemporalDevServer } from './temporal-dev-server.js';

interface LocalSecrets {
  tokenSecret: string;
  devApiKey: string;
}

/** Generated once per data folder, so links and the dev key survive restarts. Never committed. */
function localSecrets(dataDir: string): LocalSecrets {
  const file = join(dataDir, 'local-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  const secrets = { tokenSecret: randomBytes(32).toString('base64url'), devApiKey: generateApiKey() };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** The ports this start will listen on: the API's, and those of the servers it runs itself. */
function neededPorts(config: Config): NeededPort[] {
  const ports: NeededPort[] = [
    { port: config.http.port, host: config.http.host, what: 'the API', setting: 'PORT' },
  ];
  const local = '127.0.0.1';
  if (!config.databaseUrl)
    ports.push({
      port: config.embedded.postgresPort,
      host: local,
      what: 'the embedded PostgreSQL',
      setting: 'SETTLE_POSTGRES_PORT',
    });
  if (!config.temporal.address)
    ports.push(
      { port: config.embedded.temporalPort, host: local, what: 'Temporal', setting: 'SETTLE_TEMPORAL_PORT' },
      {
        port: config.embedded.temporalUiPort,
        host: local,
        what: 'the Temporal UI',
        setting: 'SETTLE_TEMPORAL_UI_PORT',
      },
    );
  return ports;
}

async function main(): Promise<void> {
  const env = { ...process.env };
  const dataDir = resolve(env.SETTLE_DATA_DIR ?? '.data');
  mkdirSync(dataDir, { recursive: true });
  const secrets = localSecrets(dataDir);
  env.SETTLE_TOKEN_SECRET ??= secrets.tokenSecret;
  env.SETTLE_DEV_API_KEY ??= secrets.devApiKey;
  const config = loadConfig(env);
  const claim = await prepareStart(dataDir, neededPorts(config));
  if ('refusal' in claim) {
    console.error(claim.refusal);
    process.exit(1);
  }
  Runtime.install({ logger: new DefaultLogger('WARN') });

  const stops: (() => Promise<void>)[] = [async () => claim.release()];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error) => console.error(error));
  };
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Settle…`);
    stopAll().then(() => process.exit(0));
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      const embedded = await startEmbeddedPostgres(dataDir, config.embedded.postgresPort);
      stops.push(embedded.stop);
      databaseUrl = embedded.url;
      if (!embedded.dataDir.startsWith(`${dataDir}/`))
        console.log(
          `PostgreSQL keeps its data in ${embedded.dataDir}: its server user cannot enter ${dataDir}.`,
        );
    }
    const database = connectDatabase(databaseUrl);
    stops.push(() => database.close());
    await migrateDatabase(database.db);
    await ensureTenant(database.db, { id: 'dev', name: 'Settle Dev Creditor' });
    await addApiKey(database.db, { tenantId: 'dev', key: config.devApiKey!, label: 'development key' });

    let temporalAddress = config.temporal.address;
    let temporalUi: string | undefined;
    if (!temporalAddress) {
      const server = await startTemporalDevServer({
        port: config.embedded.temporalPort,
        uiPort: config.embedded.temporalUiPort,
        dbFile: join(dataDir, 'temporal.sqlite'),
        namespace: config.temporal.namespace,
      });
      stops.push(server.stop);
      temporalAddress = server.address;
      temporalUi = server.uiUrl;
    }
    const worker = await startWorker({ config, database, temporalAddress });
    stops.push(worker.stop);
    const api = await startApi({ config, database, temporalAddress });
    stops.push(api.stop);

    const base = config.http.publicBaseUrl;
    console.log(
      [
        '',
        'Settle is running.',
        `  API            ${base}/v1`,
        `  API docs       ${base}/docs  (OpenAPI: ${base}/openapi.json)`,
        `  Temporal UI    ${temporalUi ?? `(external Temporal at ${temporalAddress})`}`,
        `  Sandbox outbox ${config.providers.mode === 'sandbox' ? `${base}/sandbox/outbox  (sign in with the dev API key; JSON: ${base}/sandbox/outbox.json with the key as Bearer)` : '(live providers)'}`,
        `  Dev API key    ${config.devApiKey}  (tenant "dev")`,
        '',
        'Try it:',
        `  curl -s -X POST ${base}/v1/invoices -H "Authorization: Bearer ${config.devApiKey}" -H 'content-type: application/json' \\`,
        `    -d '{"invoiceId":"INV-1","policy":"demo","debtor":{"id":"D-1","type":"consumer","name":"Jan Jansen","email":"jan@delivered.example","address":{"line1":"Dorpsstraat 1","postalCode":"1234 AB","city":"Utrecht","country":"NL"}},"amount":{"currency":"EUR","value":"123.45"},"issueDate":"2026-11-01","dueDate":"2026-11-15"}'`,
        '',
        'Ctrl-C stops everything.',
      ].join('\n'),
    );
    await worker.run;
  } catch (error) {
    console.error(error instanceof Error ? error.message : `Settle could not start: ${String(error)}`);
    await stopAll();
    process.exit(1);
  }
}

await main();
