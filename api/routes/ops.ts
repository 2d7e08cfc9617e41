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
      const [postgres, engine] = await Promise.all([
        database.db.execute(sql`select 1`).then(
          () => 'ok',
          () => 'unreachable',
        ),
        temporal.connection.workflowService.getSystemInfo({}).then(
          () => 'ok',
          () => 'unreachable',
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
    { schema: { summary: 'Prometheus metrics', produces: ['text/plain'] } },
    async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  );

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};
