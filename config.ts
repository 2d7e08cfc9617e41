// The one place that reads the environment. Entry points call loadConfig() once and pass the
// result down; a bad or missing setting stops start-up with a message naming it.
import { z } from 'zod';
import { ROLES, type Role } from './providers/plugin.js';
import { DEFAULT_PROVIDER, PROVIDER_PLUGINS } from './providers/registry.js';
import { optionalString, httpUrl as url } from './providers/settings.js';
import type { PostingSchedule } from './workflows/policy/receipt.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
/** `kid1:base64key,kid2:base64key`: each key 32 bytes (AES-256), ids unique; the first is current. */
const payloadKeys = optionalString
  .pipe(
    z
      .string()
      .regex(
        /^[A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/=_-]+(,[A-Za-z0-9._-]{1,64}:[A-Za-z0-9+/=_-]+)*$/,
        'must look like kid1:base64key,kid2:base64key',
      )
      .optional(),
  )
  .transform((value, ctx) => {
    const keys = (value?.split(',') ?? []).map((entry) => {
      const [id, encoded] = entry.split(':') as [string, string];
      return { id, key: Buffer.from(encoded, 'base64') };
    });
    for (const { id, key } of keys) {
      if (key.length !== 32) ctx.addIssue({ code: 'custom', message: `key ${id} must decode to 32 bytes` });
    }
    if (new Set(keys.map((k) => k.id)).size !== keys.length)
      ctx.addIssue({ code: 'custom', message: 'key ids must be unique' });
    return keys;
  });

const settleEnv = z.object({
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
  ),
  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().default('default'),
  TEMPORAL_TASK_QUEUE: z.string().default('settle-dunning'),
  // Where operators open the Temporal UI: the console links each invoice to its run there.
  TEMPORAL_UI_URL: optionalString.pipe(url.optional()),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_BASE_URL: optionalString.pipe(url.optional()),
  SETTLE_DATA_DIR: z.string().default('.data'),
  SETTLE_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  SETTLE_TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  SETTLE_TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  SETTLE_TOKEN_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  SETTLE_DEV_API_KEY: optionalString.pipe(
    z
      .string()
      .regex(/^sk_[A-Za-z0-9_]{16,}$/, 'must look like sk_ followed by 16+ letters/digits')
      .optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  NODE_ENV: optionalString,
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  INVOICE_BATCH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  // A sleeping invoice needs no memory: one evicted from the cache is replayed when its timer fires.
  // Each cached run holds about 0.6 MiB, so 100 keeps a worker with 20,000 sleeping invoices under
  // 400 MB; raise it to the invoices active at once on busy workers (bench:lifecycle caches its window).
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).default(100),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).default(40),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).default(50),
  // Built by `npm run bundle:workflows`: a worker that loads it starts in about a second and never
  // holds the bundler's memory. Unset (development, tests), the worker bundles at start-up.
  WORKFLOW_BUNDLE_DIR: optionalString,
  MESSAGEBIRD_ORIGINATOR: z.string().max(11).default('Settle'),
  // The what-if simulator (simulation/): Temporal Cloud's price per million actions in euros, and the
  // population `npm run simulate` draws (size and seed).
  ACTION_PRICE_PER_MILLION: z.coerce.number().nonnegative().default(25),
  SIM_N: z.coerce.number().int().min(1).max(1_000_000).default(1000),
  SIM_SEED: z.coerce.number().int().min(0).default(1),
  WHATSAPP_TEMPLATE_NAMESPACE: optionalString,
  // The print house's posting schedule: what is spooled before the cut-off (Amsterdam time) on a
  // posting day is posted that day. The defaults are the safe assumption when nothing is agreed.
  LETTER_POSTING_CUTOFF: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour, Europe/Amsterdam)')
    .default('12:00'),
  LETTER_POSTING_DAYS: z
    .string()
    .regex(
      /^(mon|tue|wed|thu|fri|sat)(,(mon|tue|wed|thu|fri|sat))*$/,
      'must be a comma-separated list of mon,tue,wed,thu,fri,sat',
    )
    .default('mon,tue,wed,thu,fri'),
  HANDOVER_DIR: optionalString,
  HANDOVER_WEBHOOK_SECRET: optionalString.pipe(
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  CREDITOR_WEBHOOK_SECRET: optionalString.pipe(
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  DIRECT_DEBIT: z.enum(['on', 'off']).default('on'),
  SANDBOX_COLLECTION_SECONDS: z.coerce.number().int().min(0).default(10),
  PAYLOAD_ENCRYPTION_KEYS: payloadKeys,
  CODEC_OPERATOR_TOKEN: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  /** Read only by `npm run console:create-admin`: the first admin's password instead of a generated one. */
  CONSOLE_ADMIN_PASSWORD: optionalString.pipe(
    z.string().min(12, 'must be at least 12 characters').optional(),
  ),
  CODEC_CORS_ORIGINS: optionalString.pipe(
    z
      .string()
      .regex(/^https?:\/\/[^\s,/]+(,https?:\/\/[^\s,/]+)*$/, 'must be origins like http://localhost:8233')
      .optional(),
  ),
});
const schema = settleEnv.superRefine((env, ctx) => {
  if (env.CODEC_OPERATOR_TOKEN && env.PAYLOAD_ENCRYPTION_KEYS.length === 0)
    ctx.addIssue({
      code: 'custom',
      path: ['CODEC_OPERATOR_TOKEN'],
      message: 'needs PAYLOAD_ENCRYPTION_KEYS (there is nothing to decode without them)',
    });
});

/** The providers' slices: which provider fills each role, and each provider's own variables. */
function providerShape(): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = { PROVIDERS: z.enum(['sandbox', 'live']).optional() };
  for (const role of Object.keys(ROLES) as Role[]) {
    const names = PROVIDER_PLUGINS.filter((plugin) => plugin.roles.includes(role)).map((p) => p.name);
    shape[ROLES[role].setting] = z.enum(names as [string, ...string[]]).default(DEFAULT_PROVIDER[role]);
  }
  for (const plugin of PROVIDER_PLUGINS) {
    for (const [name, type] of Object.entries(plugin.config.env)) {
      if (name in shape) throw new Error(`provider ${plugin.name}: setting ${name} is declared twice`);
      shape[name] = type;
    }
  }
  return shape;
}

function providerSchema() {
  return z.object(providerShape()).superRefine((env, ctx) => {
    const live = liveCredentialsSet(env);
    // Live keys with the sandbox on would expose real tenants' traffic in a sandbox built for play.
    if (env.PROVIDERS === 'sandbox' && live.length > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['PROVIDERS'],
        message: `is sandbox, but live credentials are set (${live.join(', ')}): unset them, or set PROVIDERS=live`,
      });
      return;
    }
    const mode = providersOf(env);
    const chosen = chosenProviders(env);
    const why = env.PROVIDERS === 'live' ? 'PROVIDERS=live' : `live credentials are set (${live.join(', ')})`;
    for (const role of Object.keys(ROLES) as Role[]) {
      const plugin = PROVIDER_PLUGINS.find((p) => p.name === chosen[role])!;
      if (mode === 'sandbox') {
        if (!plugin.sandbox?.createAdapters)
          ctx.addIssue({
            code: 'custom',
            path: [ROLES[role].setting],
            message: `is ${plugin.name}, which the sandbox cannot stand in for: choose another, or live providers`,
          });
        continue;
      }
      for (const key of plugin.config.requiredWhenLive ?? []) {
        if (!env[key]) ctx.addIssue({ code: 'custom', path: [key], message: `is required when ${why}` });
      }
    }
  });
}
const providerEnv = providerSchema();

/** Every environment variable Settle reads (deployment descriptions are checked against it). */
export const CONFIG_VARIABLES: readonly string[] = [
  ...Object.keys(settleEnv.shape),
  ...Object.keys(providerShape()),
];

/** The credentials that make real calls to a provider, in registry order. */
function liveCredentialsSet(env: Record<string, unknown>): string[] {
  return PROVIDER_PLUGINS.flatMap((plugin) => plugin.config.liveCredentials ?? []).filter((key) => env[key]);
}

/** PROVIDERS when given; otherwise live as soon as any live credential is set (then all are required). */
function providersOf(env: Record<string, unknown>): 'sandbox' | 'live' {
  return (
    (env.PROVIDERS as 'sandbox' | 'live' | undefined) ??
    (liveCredentialsSet(env).length > 0 ? 'live' : 'sandbox')
  );
}

function chosenProviders(env: Record<string, unknown>): Record<Role, string> {
  return Object.fromEntries(
    (Object.keys(ROLES) as Role[]).map((role) => [role, env[ROLES[role].setting] as string]),
  ) as Record<Role, string>;
}

export type Env = z.infer<typeof schema>;

export interface Config {
  databaseUrl: string | undefined;
  /** `uiUrl`: the Temporal UI's base URL (TEMPORAL_UI_URL; `npm start` sets its own dev server's). */
  temporal: { address: string | undefined; namespace: string; taskQueue: string; uiUrl: string | undefined };
  http: {
    host: string;
    port: number;
    publicBaseUrl: string;
    rateLimitPerMinute: number;
    /** Invoices of a batch started at once by one API process. */
    batchConcurrency: number;
  };
  /** Worker sizing: see the README's sizing section. */
  worker: {
    maxCachedWorkflows: number;
    maxConcurrentWorkflowTasks: number;
    maxConcurrentActivities: number;
    bundleDir?: string;
  };
  dataDir: string;
  /** Ports of the servers `npm start` runs itself when DATABASE_URL / TEMPORAL_ADDRESS are unset. */
  embedded: { postgresPort: number; temporalPort: number; temporalUiPort: number };
  tokenSecret: string | undefined;
  devApiKey: string | undefined;
  logLevel: Env['LOG_LEVEL'];
  /**
   * `json`: one JSON line per request and event (for log collectors; the default with NODE_ENV=production);
   * `pretty`: short readable lines without the health, metrics and static-file requests (the default otherwise).
   */
  logFormat: 'pretty' | 'json';
  providers: ProvidersConfig;
  /** Channel settings whichever provider sends SMS and WhatsApp. */
  messaging: { smsOriginator: string; whatsappTemplateNamespace: string };
  /** When spooled letters are posted: the 14-day letter's receipt is assumed from this. */
  letterPosting: PostingSchedule;
  /** Handover files for collection agencies, and the secret signing them to the agency's endpoint. */
  handover: { dir: string; webhookSecret: string | undefined };
  /** Signs the webhook telling a creditor of its debtors' requests (the URL is a tenant setting). */
  creditorWebhookSecret: string | undefined;
  /** Offer debtors a SEPA direct debit mandate (needs recurring payments enabled at Mollie). */
  directDebit: boolean;
  /** The sandbox bank settles direct debit collections after this many seconds; 0: only by hand. */
  sandboxCollectionSeconds: number;
  /** Temporal payloads are encrypted when keys are given (the first encrypts, all decrypt); off otherwise. */
  payloadEncryption: { keys: { id: string; key: Buffer }[] };
  /** The remote codec endpoint for the Temporal UI/CLI: on when an operator token is configured. */
  codecServer: { operatorToken: string | undefined; corsOrigins: string[] };
  /** `npm run console:create-admin`: the first admin's password when given (CONSOLE_ADMIN_PASSWORD). */
  console: { adminPassword: string | undefined };
  /** The what-if simulator: action price (EUR per million) and `npm run simulate`'s population. */
  simulation: { actionPricePerMillionEur: number; n: number; seed: number };
}

export interface ProvidersConfig {
  /** Sandbox unless live providers are asked for or any live credential is set (never both). */
  mode: 'sandbox' | 'live';
  /** The provider filling each role (`PAYMENT_PROVIDER`, `EMAIL_PROVIDER`, `MESSAGING_PROVIDER`, …). */
  chosen: Record<Role, string>;
  /** Each provider's settings from its slice of the configuration, by provider name. */
  settings: Readonly<Record<string, unknown>>;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  const providers = providerEnv.safeParse(env);
  if (!parsed.success || !providers.success) {
    const issues = [...(parsed.error?.issues ?? []), ...(providers.error?.issues ?? [])];
    const lines = issues.map((i) => `  ${i.path.join('.') || '(environment)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const p = providers.data;
  const port = e.PORT;
  // A cached workflow is what a task runs on: more tasks at once than cache entries cannot run.
  if (
    e.WORKER_MAX_CACHED_WORKFLOWS !== 0 &&
    e.WORKER_MAX_CACHED_WORKFLOWS < e.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS
  )
    throw new ConfigError(
      `Invalid configuration:\n  WORKER_MAX_CACHED_WORKFLOWS: must be 0 (no cache) or at least WORKER_MAX_CONCURRENT_WORKFLOW_TASKS (${e.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS})`,
    );
  return {
    databaseUrl: e.DATABASE_URL,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      uiUrl: e.TEMPORAL_UI_URL?.replace(/\/$/, ''),
    },
    http: {
      host: e.HOST,
      port,
      publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://127.0.0.1:${port}`).replace(/\/$/, ''),
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      batchConcurrency: e.INVOICE_BATCH_CONCURRENCY,
    },
    worker: {
      maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
      maxConcurrentWorkflowTasks: e.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
      maxConcurrentActivities: e.WORKER_MAX_CONCURRENT_ACTIVITIES,
      ...(e.WORKFLOW_BUNDLE_DIR ? { bundleDir: e.WORKFLOW_BUNDLE_DIR } : {}),
    },
    dataDir: e.SETTLE_DATA_DIR,
    embedded: {
      postgresPort: e.SETTLE_POSTGRES_PORT,
      temporalPort: e.SETTLE_TEMPORAL_PORT,
      temporalUiPort: e.SETTLE_TEMPORAL_UI_PORT,
    },
    tokenSecret: e.SETTLE_TOKEN_SECRET,
    devApiKey: e.SETTLE_DEV_API_KEY,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (e.NODE_ENV === 'production' ? 'json' : 'pretty'),
    providers: {
      mode: providersOf(p),
      chosen: chosenProviders(p),
      settings: Object.fromEntries(
        PROVIDER_PLUGINS.map((plugin) => [
          plugin.name,
          plugin.config.read(p, { dataDir: e.SETTLE_DATA_DIR }),
        ]),
      ),
    },
    messaging: {
      smsOriginator: e.MESSAGEBIRD_ORIGINATOR,
      whatsappTemplateNamespace: e.WHATSAPP_TEMPLATE_NAMESPACE ?? 'settle',
    },
    letterPosting: {
      cutoffMinute:
        Number(e.LETTER_POSTING_CUTOFF.slice(0, 2)) * 60 + Number(e.LETTER_POSTING_CUTOFF.slice(3)),
      weekdays: e.LETTER_POSTING_DAYS.split(',').map(
        (day) => WEEKDAYS.indexOf(day as (typeof WEEKDAYS)[number]) + 1,
      ),
    },
    handover: {
      dir: e.HANDOVER_DIR ?? `${e.SETTLE_DATA_DIR}/handover`,
      webhookSecret: e.HANDOVER_WEBHOOK_SECRET,
    },
    creditorWebhookSecret: e.CREDITOR_WEBHOOK_SECRET,
    directDebit: e.DIRECT_DEBIT === 'on',
    sandboxCollectionSeconds: e.SANDBOX_COLLECTION_SECONDS,
    payloadEncryption: { keys: e.PAYLOAD_ENCRYPTION_KEYS },
    codecServer: {
      operatorToken: e.CODEC_OPERATOR_TOKEN,
      corsOrigins: e.CODEC_CORS_ORIGINS?.split(',') ?? [],
    },
    console: { adminPassword: e.CONSOLE_ADMIN_PASSWORD },
    simulation: {
      actionPricePerMillionEur: e.ACTION_PRICE_PER_MILLION,
      n: e.SIM_N,
      seed: e.SIM_SEED,
    },
  };
}

/** Production entry points (worker.ts, api/server.ts) need these; the embedded stack supplies them. */
export function requireSetting<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw new ConfigError(`Invalid configuration:\n  ${name}: is required`);
  return value;
}
