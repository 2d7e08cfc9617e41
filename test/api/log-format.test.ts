// The console of `npm start`: readable lines in development, one per request, without the health,
// metrics and documentation requests; JSON lines in production (NODE_ENV=production or LOG_FORMAT=json),
// one per request. Neither carries personal data.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prettyLogStream } from '../../api/request-log.js';
import { ConfigError, loadConfig } from '../../config.js';
import { type ApiHarness, invoiceBody, startApiHarness } from './harness.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

describe('log format setting (config)', () => {
  it('is pretty in development, JSON in production, LOG_FORMAT decides when set', () => {
    expect(loadConfig({}).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'development' }).logFormat).toBe('pretty');
    expect(loadConfig({ NODE_ENV: 'production' }).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(ConfigError);
  });
});

describe('API request lines', () => {
  const pretty = capture();
  const json: string[] = [];
  let dev: ApiHarness;
  let prod: ApiHarness;
  beforeAll(async () => {
    dev = await startApiHarness({
      worker: false,
      logLevel: 'info',
      logFormat: 'pretty',
      logStream: prettyLogStream(pretty.stream),
    });
    prod = await startApiHarness({
      worker: false,
      logLevel: 'info',
      logFormat: 'json',
      logStream: { write: (line: string) => void json.push(line) },
    });
  });
  afterAll(async () => {
    await dev?.close();
    await prod?.close();
  });

  async function traffic(h: ApiHarness) {
    for (const url of ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs/static/swagger-ui.css'])
      await h.app.inject({ method: 'GET', url });
    const body = invoiceBody({}, { name: 'Wilhelmina Zoetelief', email: 'wilhelmina@delivered.example' });
    const unknown = await h.call('GET', `/v1/invoices/${body.invoiceId}?x=wilhelmina@delivered.example`);
    expect(unknown.statusCode).toBe(404);
  }

  it('development: one readable line per request, none for health, metrics and documentation', async () => {
    await traffic(dev);
    await new Promise((done) => setImmediate(done));
    const requestLines = pretty.lines.filter((l) => / (GET|POST) \//.test(l));
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\] INFO: GET \/v1\/invoices\/INV-[0-9a-f]+ 404 \(\d+ ms\)$/,
    );
    expect(pretty.lines.join('\n')).not.toMatch(
      /healthz|readyz|metrics|openapi|swagger|incoming request|wilhelmina/i,
    );
    expect(pretty.lines.every((l) => !l.startsWith('{'))).toBe(true);
  });

  it('production: one JSON line per request, health checks included, without personal data', async () => {
    await traffic(prod);
    const entries = json.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = entries.filter((e) => e.msg === 'request completed');
    expect(requests.map((e) => (e.req as { url: string }).url)).toEqual([
      '/healthz',
      '/readyz',
      '/metrics',
      '/openapi.json',
      '/docs/static/swagger-ui.css',
      expect.stringMatching(/^\/v1\/invoices\/INV-[0-9a-f]+$/),
    ]);
    expect(requests.at(-1)).toMatchObject({ res: { statusCode: 404 }, reqId: expect.any(String) });
    expect(entries.some((e) => e.msg === 'incoming request')).toBe(false);
    expect(json.join('')).not.toMatch(/wilhelmina/i);
  });
});
