// `npm start`: the whole of Settle on embedded defaults — Temporal dev server (SQLite in the data
// folder, Web UI), PostgreSQL (embedded unless DATABASE_URL), migrations, worker, API, sandbox
// providers unless live credentials are configured — started by the dev stack (devstack/).
// Ctrl-C stops everything.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { type Config, loadConfig } from '../config.js';
import { generateApiKey } from '../db/queries/tenants.js';
import { startStack } from '../devstack/stack.js';
import { type NeededPort, prepareStart } from './preflight.js';

const STOP_GRACE_MS = 20_000;

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
  // A signal while the stack starts waits for it: what it started is stopped too, not orphaned.
  let starting: Promise<unknown> = Promise.resolve();
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Settle…`);
    starting
      .catch(() => undefined)
      .then(stopAll)
      .then(() => process.exit(0));
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));

  try {
    const startingStack = startStack({
      postgres: config.databaseUrl
        ? { kind: 'url', url: config.databaseUrl }
        : { kind: 'embedded', dataDir, port: config.embedded.postgresPort },
      temporal: config.temporal.address
        ? { kind: 'existing', address: config.temporal.address, namespace: config.temporal.namespace }
        : {
            kind: 'dev',
            port: config.embedded.temporalPort,
            uiPort: config.embedded.temporalUiPort,
            dbFile: join(dataDir, 'temporal.sqlite'),
            namespace: config.temporal.namespace,
          },
      settings: env,
      tenant: {
        id: 'dev',
        name: 'Settle Dev Creditor',
        apiKey: config.devApiKey!,
        keyLabel: 'development key',
      },
      worker: true,
      api: true,
    });
    starting = startingStack;
    const stack = await startingStack;
    stops.push(stack.stop);
    if (stopping) return; // a signal came while starting: its handler stops the stack
    const embeddedData = stack.postgres.embedded?.dataDir;
    if (embeddedData && !embeddedData.startsWith(`${dataDir}/`))
      console.log(`PostgreSQL keeps its data in ${embeddedData}: its server user cannot enter ${dataDir}.`);
    const temporalUi = stack.temporal.kind === 'dev' ? stack.temporal.uiUrl : undefined;
    const temporalAddress = stack.temporal.address;

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
    await stack.worker!.run;
  } catch (error) {
    console.error(error instanceof Error ? error.message : `Settle could not start: ${String(error)}`);
    // What did start is stopped, but a failed start must end even if a part will not stop.
    await Promise.race([stopAll(), new Promise((wait) => setTimeout(wait, STOP_GRACE_MS).unref())]);
    process.exit(1);
  }
}

await main();
