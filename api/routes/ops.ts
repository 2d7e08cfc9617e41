import type { Client } from '@temporalio/client';
import type { FastifyPluginAsync } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { DatabaseHandle } from '../../db/client.js';
import { templateFallbackCounts } from '../../db/queries/audit.js';
import { pingDatabase } from '../../db/queries/health.js';
import { batchBacklog } from '../../db/queries/invoice-batches.js';
import { headlineFigures } from '../../db/queries/reports.js';
import { webhookBacklog } from '../../db/queries/webhook-events.js';
import { LEGAL_TABLES, staleLegalTablesAt } from '../../workflows/policy/legal/staleness.js';
import { registerHeadlineMetrics } from '../reports/headline-metrics.js';

const check = {
  type: 'object',
  properties: {
    status: { type: 'string' },
    checks: { type: 'object', additionalProperties: { type: 'string' } },
  },
} as const;

/** Readiness plus the legal tables that are out of date: stale data is reported, it does not fail readiness. */
const readiness = {
  type: 'object',
  required: ['status', 'checks', 'staleLegalData'],
  properties: {
    ...check.properties,
    staleLegalData: {
      type: 'array',
      items: {
        type: 'object',
        required: ['table', 'staleSince', 'reason'],
        properties: {
          table: { type: 'string' },
          staleSince: { type: 'string', format: 'date' },
          reason: { type: 'string' },
        },
      },
    },
  },
  examples: [
    {
      status: 'ready',
      checks: { postgres: 'ok', temporal: 'ok' },
      staleLegalData: [
        {
          table: 'interest_rates',
          staleSince: '2026-07-01',
          reason:
            'the statutory interest rates end with the half-year from 2026-01-01: add the rates from 2026-07-01 (Besluit vaststelling wettelijke rente; ECB main refinancing rate + 8) to workflows/policy/legal/interest-rates.ts',
        },
      ],
    },
  ],
} as const;

const READY_CHECK_MS = 3000;

/** 'ok' when the check succeeds within `ms`, else 'unreachable'. */
async function within(ms: number, check: Promise<unknown>): Promise<'ok' | 'unreachable'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'unreachable'>((resolve) => {
    timer = setTimeout(() => resolve('unreachable'), ms);
  });
  try {
    return await Promise.race([
      check.then(
        () => 'ok' as const,
        () => 'unreachable' as const,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export const opsRoutes: FastifyPluginAsync<{
  database: DatabaseHandle;
  temporal: Client;
  /** The clock that judges whether legal data is stale. */
  now: () => Date;
}> = async (app, { database, temporal, now }) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const responses = new Counter({
    name: 'settle_http_responses_total',
    help: 'HTTP responses by route and status code',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  new Gauge({
    name: 'settle_legal_data_stale',
    help: 'A legal table (holidays, interest rates, …) is out of date: 1 stale, 0 current',
    labelNames: ['table'],
    registers: [registry],
    collect() {
      const stale = new Set(staleLegalTablesAt(now()).map((entry) => entry.table));
      for (const { table } of LEGAL_TABLES) this.set({ table }, stale.has(table) ? 1 : 0);
    },
  });
  new Counter({
    name: 'settle_template_override_fallbacks_total',
    help: 'Messages sent in the shipped text because the tenant’s override could not be sent, by channel (counted from the audit log: every worker, across restarts)',
    labelNames: ['channel'],
    registers: [registry],
    async collect() {
      // PostgreSQL unreachable: keep the last values rather than fail the scrape.
      const counts = await templateFallbackCounts(database.db).catch(() => undefined);
      if (!counts) return;
      this.reset();
      for (const { channel, count } of counts) this.inc({ channel }, count);
    },
  });
  const backlog = (name: string, help: string, count: () => Promise<number>) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        // PostgreSQL unreachable: keep the last value rather than fail the scrape.
        const value = await count().catch(() => undefined);
        if (value !== undefined) this.set(value);
      },
    });
  backlog('settle_webhook_backlog', 'Provider webhook events stored and not yet acted on', () =>
    webhookBacklog(database.db),
  );
  backlog('settle_invoice_batch_backlog', 'Invoices of accepted batches not yet started', () =>
    batchBacklog(database.db),
  );
  registerHeadlineMetrics(registry, (since) => headlineFigures(database.db, since), now);
  app.addHook('onResponse', async (request, reply) => {
    responses.inc({
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: String(reply.statusCode),
    });
  });

  app.get('/healthz', { schema: { summary: 'Liveness', response: { 200: check } } }, async () => ({
    status: 'ok',
  }));

  app.get(
    '/readyz',
    {
      schema: {
        summary: 'Readiness: Temporal and PostgreSQL reachable; names legal data that is out of date',
        response: { 200: readiness, 503: readiness },
      },
    },
    async (_request, reply) => {
      // A probe must answer promptly: a dependency that does not answer within the limit is down.
      const [postgres, engine] = await Promise.all([
        within(READY_CHECK_MS, pingDatabase(database.db)),
        within(
          READY_CHECK_MS,
          temporal.connection.withDeadline(Date.now() + READY_CHECK_MS, () =>
            temporal.connection.workflowService.getSystemInfo({}),
          ),
        ),
      ]);
      const ready = postgres === 'ok' && engine === 'ok';
      return reply.code(ready ? 200 : 503).send({
        status: ready ? 'ready' : 'not ready',
        checks: { postgres, temporal: engine },
        staleLegalData: staleLegalTablesAt(now()),
      });
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics',
        produces: ['text/plain'],
        response: {
          200: {
            description: 'Prometheus text exposition format',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
        },
      },
    },
    async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  );

  app.get(
    '/openapi.json',
    {
      schema: {
        summary: 'This API as an OpenAPI 3.1 document',
        response: { 200: { type: 'object', additionalProperties: true } },
      },
    },
    async () => app.swagger(),
  );
};
// Not encapsulated: the response counter must see every route of the app, not only these.
(opsRoutes as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;
