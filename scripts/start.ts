// `npm start`: the whole of Settle on embedded defaults — Temporal dev server (SQLite in the data
// folder, Web UI), PostgreSQL (embedded unless DATABASE_URL), migrations, worker, API, sandbox
// providers unless live credentials are configured. Ctrl-C stops everything.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startApi } from '../api/server.js';
import { loadConfig } from '../config.js';
import { connectDatabase, migrateDatabase } from '../db/client.js';
import { addApiKey, ensureTenant, generateApiKey } from '../db/queries/tenants.js';
import { startWorker } from '../worker.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';
import { startTemporalDevServer } from './temporal-dev-server.js';

const EMBEDDED_POSTGRES_PORT = 54329;
const TEMPORAL_PORT = 7233;
const TEMPORAL_UI_PORT = 8233;

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

async function main(): Promise<void> {
  const env = { ...process.env };
  const dataDir = resolve(env.SETTLE_DATA_DIR ?? '.data');
  mkdirSync(dataDir, { recursive: true });
  const secrets = localSecrets(dataDir);
  env.SETTLE_TOKEN_SECRET ??= secrets.tokenSecret;
  env.SETTLE_DEV_API_KEY ??= secrets.devApiKey;
  const config = loadConfig(env);
  Runtime.install({ logger: new DefaultLogger('WARN') });

  const stops: (() => Promise<void>)[] = [];
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
      const embedded = await startEmbeddedPostgres(dataDir, EMBEDDED_POSTGRES_PORT);
      stops.push(embedded.stop);
      databaseUrl = embedded.url;
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
        port: TEMPORAL_PORT,
        uiPort: TEMPORAL_UI_PORT,
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
        `  Sandbox outbox ${config.providers === 'sandbox' ? `${base}/sandbox/outbox  (sign in with the dev API key; JSON: ${base}/sandbox/outbox.json with the key as Bearer)` : '(live providers)'}`,
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
    console.error(error instanceof Error ? error.message : error);
    await stopAll();
    process.exit(1);
  }
}

await main();
