import type { Client } from '@temporalio/client';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsync } from 'fastify';
import { Counter, collectDefaultMetrics, Registry } from 'prom-client';
import type { DatabaseHandle } from '../../db/client.js';

const check = {
  type: 'object',
  properties: {
    status: { type: 'string' },
    checks: { type: 'object', additionalProperties: { type: 'string' } },
  },
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

export const opsRoutes: FastifyPluginAsync<{ database: DatabaseHandle; temporal: Client }> = async (
  app,
  { database, temporal },
) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const responses = new Counter({
    name: 'settle_http_responses_total',
    help: 'HTTP responses by route and status code',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
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
        summary: 'Readiness: Temporal and PostgreSQL reachable',
        response: { 200: check, 503: check },
      },
    },
    async (_request, reply) => {
      // A probe must answer promptly: a dependency that does not answer within the limit is down.
      const [postgres, engine] = await Promise.all([
        within(READY_CHECK_MS, database.db.execute(sql`select 1`)),
        within(
          READY_CHECK_MS,
          temporal.connection.withDeadline(Date.now() + READY_CHECK_MS, () =>
            temporal.connection.workflowService.getSystemInfo({}),
          ),
        ),
      ]);
      const ready = postgres === 'ok' && engine === 'ok';
      return reply
        .code(ready ? 200 : 503)
        .send({ status: ready ? 'ready' : 'not ready', checks: { postgres, temporal: engine } });
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
