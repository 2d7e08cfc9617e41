// Operations and the contract document: /openapi.json is a valid OpenAPI 3.1 document (checked
// by a real validator) describing every route of the contract with its request and response
// schemas; /docs, /healthz, /readyz (also 503 when PostgreSQL or Temporal is unreachable, and naming
// stale legal data without failing readiness) and /metrics with the HTTP response counter and the
// settle_legal_data_stale gauge.
import { Validator } from '@seriousme/openapi-schema-validator';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../db/client.js';
import { type ApiHarness, invoiceBody, startApiHarness } from './harness.js';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

type Operation = {
  summary?: string;
  security?: unknown[];
  parameters?: { in: string; name: string; schema?: unknown }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
};
type Document = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, unknown> };
};

/** The routes issue 6 names, as [method, OpenAPI path, request body media type or null]. */
const CONTRACT: [string, string, string | null][] = [
  ['post', '/v1/invoices', 'application/json'],
  ['get', '/v1/invoices', null],
  ['get', '/v1/invoices/{invoiceId}', null],
  ['get', '/v1/invoices/{invoiceId}/timeline', null],
  ['post', '/v1/invoices/{invoiceId}/payments', 'application/json'],
  ['post', '/v1/invoices/{invoiceId}/pause', 'application/json'],
  ['post', '/v1/invoices/{invoiceId}/resume', null],
  ['post', '/v1/invoices/{invoiceId}/cancel', 'application/json'],
  ['post', '/v1/invoices/{invoiceId}/promise-to-pay', 'application/json'],
  ['post', '/v1/invoices/{invoiceId}/disputes', 'application/json'],
  ['post', '/v1/invoices/{invoiceId}/disputes/resolve', 'application/json'],
  ['post', '/v1/invoices/{invoiceId}/payment-plan', 'application/json'],
  ['patch', '/v1/debtors/{debtorId}', 'application/json'],
  ['post', '/webhooks/mollie', 'application/x-www-form-urlencoded'],
  ['post', '/webhooks/sendgrid', 'application/json'],
  ['get', '/webhooks/messagebird', null],
  ['post', '/webhooks/messagebird', 'application/json'],
  ['get', '/healthz', null],
  ['get', '/readyz', null],
  ['get', '/metrics', null],
  ['get', '/openapi.json', null],
];

describe('GET /openapi.json', () => {
  let doc: Document;
  beforeAll(async () => {
    const response = await h.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    doc = response.json();
  });

  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toMatch(/^3\.1/);

    const refs: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object')
        for (const [key, value] of Object.entries(node)) {
          if (key === '$ref' && typeof value === 'string') refs.push(value);
          else walk(value);
        }
    };
    walk(doc.paths);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas).toHaveProperty(ref.replace('#/components/schemas/', ''));
    }
  });

  it('documents every route of the contract with request and response schemas', () => {
    for (const [method, path, mediaType] of CONTRACT) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method.toUpperCase()} ${path}`).toBeDefined();
      expect(operation!.summary, `${method} ${path} summary`).toBeTruthy();
      if (mediaType)
        expect(operation!.requestBody?.content[mediaType]?.schema, `${method} ${path} body`).toBeDefined();
      const success = Object.entries(operation!.responses).filter(([status]) => status.startsWith('2'));
      expect(success.length, `${method} ${path} 2xx`).toBeGreaterThan(0);
      for (const [, response] of success)
        expect(
          Object.values(response.content ?? {})[0]?.schema,
          `${method} ${path} 2xx schema`,
        ).toBeDefined();
      for (const name of path.match(/\{(\w+)\}/g) ?? [])
        expect(operation!.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === name)).toBe(true);
      // Documented routes exist.
      expect(
        h.app.hasRoute({ method: method.toUpperCase() as 'GET', url: path.replace(/\{(\w+)\}/g, ':$1') }),
      ).toBe(true);
    }
  });

  it('documents the problem responses of the /v1 routes and their bearer authentication', () => {
    for (const [method, path] of CONTRACT.filter(([, p]) => p.startsWith('/v1/'))) {
      const operation = doc.paths[path]![method]!;
      expect(operation.security).toEqual([{ apiKey: [] }]);
      for (const status of ['400', '401', '403', '404', '422', '429']) {
        const schema = operation.responses[status]?.content?.['application/problem+json']?.schema;
        expect(schema, `${method} ${path} ${status}`).toEqual({ $ref: '#/components/schemas/Problem' });
      }
    }
    const create = doc.paths['/v1/invoices']!.post!;
    for (const status of ['200', '201'])
      expect(create.responses[status]?.content?.['application/json']?.schema).toEqual({
        $ref: '#/components/schemas/Invoice',
      });
    for (const status of ['409', '413', '415'])
      expect(create.responses[status]?.content?.['application/problem+json']?.schema).toBeDefined();
    const invoice = doc.components.schemas.Invoice as { properties: Record<string, unknown> };
    for (const field of [
      'invoiceId',
      'status',
      'stage',
      'amount',
      'amountDue',
      'paymentUrl',
      'checkoutUrl',
      'selfServiceUrl',
      'consistency',
      'asOf',
      'nextActionAt',
      'workflowId',
    ])
      expect(invoice.properties).toHaveProperty(field);
    const body = create.requestBody!.content['application/json']!.schema as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(body.required).toEqual(
      expect.arrayContaining(['invoiceId', 'debtor', 'amount', 'issueDate', 'dueDate']),
    );
    for (const field of ['description', 'policy', 'metadata']) expect(body.properties).toHaveProperty(field);
  });
});

describe('operations', () => {
  it('serves the API docs at /docs', async () => {
    let response = await h.app.inject({ method: 'GET', url: '/docs' });
    if (response.statusCode >= 300 && response.statusCode < 400)
      response = await h.app.inject({ method: 'GET', url: String(response.headers.location) });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers /healthz and /readyz with 200 when Temporal and PostgreSQL are reachable', async () => {
    const health = await h.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await h.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({
      status: 'ready',
      checks: { postgres: 'ok', temporal: 'ok' },
      staleLegalData: expect.any(Array),
    });
  });

  describe('legal data staleness', () => {
    // 2026-06-30 is the last day of the newest interest half-year; the holiday decrees reach 2028.
    const at = (instant: string) => startApiHarness({ worker: false, now: () => new Date(instant) });
    const gauge = (body: string, table: string) =>
      new RegExp(`^settle_legal_data_stale\\{table="${table}"\\} (\\d+)$`, 'm').exec(body)?.[1];

    it('reports nothing while every table is current', async () => {
      const fresh = await at('2026-06-30T12:00:00Z');
      try {
        const ready = await fresh.app.inject({ method: 'GET', url: '/readyz' });
        expect(ready.statusCode).toBe(200);
        expect(ready.json().staleLegalData).toEqual([]);
        const metrics = (await fresh.app.inject({ method: 'GET', url: '/metrics' })).body;
        expect(metrics).toContain('# TYPE settle_legal_data_stale gauge');
        expect(gauge(metrics, 'holidays')).toBe('0');
        expect(gauge(metrics, 'interest_rates')).toBe('0');
      } finally {
        await fresh.close();
      }
    });

    it('names stale tables in /readyz and the metric, and stays ready', async () => {
      // 1 July 2026 in Amsterdam (22:30 UTC on 30 June): the interest rates lack their new half-year.
      const julyFirst = await at('2026-06-30T22:30:00Z');
      const later = await at('2028-03-01T12:00:00Z');
      try {
        const ready = await julyFirst.app.inject({ method: 'GET', url: '/readyz' });
        expect(ready.statusCode).toBe(200);
        expect(ready.json()).toEqual({
          status: 'ready',
          checks: { postgres: 'ok', temporal: 'ok' },
          staleLegalData: [
            {
              table: 'interest_rates',
              staleSince: '2026-07-01',
              reason: expect.stringMatching(/2026-07-01/),
            },
          ],
        });
        const metrics = (await julyFirst.app.inject({ method: 'GET', url: '/metrics' })).body;
        expect(gauge(metrics, 'interest_rates')).toBe('1');
        expect(gauge(metrics, 'holidays')).toBe('0');

        const both = await later.app.inject({ method: 'GET', url: '/readyz' });
        expect(both.statusCode).toBe(200);
        expect(both.json().staleLegalData.map((entry: { table: string }) => entry.table)).toEqual([
          'holidays',
          'interest_rates',
        ]);
        expect(both.json().staleLegalData[0].reason).toMatch(/2029/);
        const laterMetrics = (await later.app.inject({ method: 'GET', url: '/metrics' })).body;
        expect(gauge(laterMetrics, 'holidays')).toBe('1');
        expect(gauge(laterMetrics, 'interest_rates')).toBe('1');
      } finally {
        await julyFirst.close();
        await later.close();
      }
    });
  });

  it('answers /readyz with 503 when PostgreSQL is unreachable', async () => {
    const unreachable = connectDatabase('postgres://postgres@127.0.0.1:1/nothing', { max: 1 });
    const broken = await startApiHarness({ worker: false, appDatabase: unreachable });
    try {
      const ready = await broken.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({
        status: 'not ready',
        checks: { postgres: 'unreachable', temporal: 'ok' },
        staleLegalData: expect.any(Array),
      });
      // Liveness does not depend on it; an authenticated call answers 503 rather than hanging or 500.
      expect((await broken.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
      const list = await broken.call('GET', '/v1/invoices');
      expect(list.statusCode).toBe(503);
      expect(list.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await broken.close();
      await unreachable.close();
    }
  });

  it('answers /readyz with 503 when Temporal is unreachable', async () => {
    // Without the SDK's retry interceptor: its retries would outlive this test's connection.
    const connection = Connection.lazy({ address: '127.0.0.1:1', connectTimeout: '1s', interceptors: [] });
    const broken = await startApiHarness({ worker: false, appTemporal: new Client({ connection }) });
    try {
      const ready = await broken.app.inject({ method: 'GET', url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toEqual({
        status: 'not ready',
        checks: { postgres: 'ok', temporal: 'unreachable' },
        staleLegalData: expect.any(Array),
      });
    } finally {
      await broken.close();
      await connection.close().catch(() => undefined);
    }
  });

  it('counts every HTTP response in settle_http_responses_total', async () => {
    expect((await h.call('POST', '/v1/invoices', invoiceBody({ dueDate: 'never' }))).statusCode).toBe(400);
    expect((await h.call('GET', '/v1/invoices')).statusCode).toBe(200);
    const metrics = await h.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.body).toContain('# TYPE settle_http_responses_total counter');
    expect(metrics.body).toMatch(
      /settle_http_responses_total\{method="POST",route="\/v1\/invoices",status="400"\} [1-9]/,
    );
    expect(metrics.body).toMatch(
      /settle_http_responses_total\{method="GET",route="\/v1\/invoices",status="200"\} [1-9]/,
    );
    expect(metrics.body).toContain('process_cpu_seconds_total');
  });
});
