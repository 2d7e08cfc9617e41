// The API's pino logs carry request ids and tenant/invoice ids, never personal data or secrets:
// the log lines of creating an invoice (and of failing to), of updating the debtor, of reading
// the self-service page and of a signed SMS status report are captured and searched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MESSAGEBIRD_SIGNATURE_HEADER,
  signMessageBirdJwt,
} from '../../providers/messagebird/messagebird-events.js';
import { type ApiHarness, invoiceBody, startApiHarness, unique } from './harness.js';

const lines: string[] = [];
let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness({
    logLevel: 'debug',
    logStream: { write: (line: string) => void lines.push(line) },
  });
});
afterAll(async () => {
  await h?.close();
});

const PERSONAL = {
  name: 'Wilhelmina Zoetelief-Kwakernaak',
  email: 'wilhelmina.zoetelief@delivered.example',
  phone: '+31687654321',
  line1: 'Geheimhoudingslaan 77',
  postalCode: '9999 ZZ',
  city: 'Oosterwolde-Zuid',
};

describe('logs', () => {
  it('carry request, tenant and invoice ids but no personal data or secrets', async () => {
    const body = invoiceBody(
      { description: 'Consult for Wilhelmina' },
      {
        id: unique('D'),
        name: PERSONAL.name,
        email: PERSONAL.email,
        phone: PERSONAL.phone,
        address: {
          line1: PERSONAL.line1,
          postalCode: PERSONAL.postalCode,
          city: PERSONAL.city,
          country: 'NL',
        },
      },
    );
    const created = await h.call('POST', '/v1/invoices', body, {
      headers: { 'x-request-id': 'req-log-test-1' },
    });
    expect(created.statusCode).toBe(201);
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(200);
    // Failing requests that echo personal data in their bodies.
    expect(
      (await h.call('POST', '/v1/invoices', { ...body, amount: { currency: 'EUR', value: '-1' } }))
        .statusCode,
    ).toBe(400);
    expect(
      (await h.call('POST', '/v1/invoices', { ...body, description: 'another description' })).statusCode,
    ).toBe(409);
    expect(
      (
        await h.call('POST', '/v1/invoices', {
          ...body,
          invoiceId: unique('INV'),
          issueDate: '2026-03-10',
          dueDate: '2026-03-01',
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (
        await h.call('PATCH', `/v1/debtors/${body.debtor.id}`, {
          email: `new.${PERSONAL.email}`,
          phone: '+31611112222',
        })
      ).statusCode,
    ).toBe(200);
    // The debtor's page: its token is a secret.
    const selfService = new URL(created.json().selfServiceUrl as string);
    await h.app.inject({ method: 'GET', url: selfService.pathname });
    // A signed SMS status report: MessageBird puts the recipient's number in the query string.
    const path = `/webhooks/messagebird?${new URLSearchParams({
      id: unique('sms'),
      reference: unique('msg'),
      recipient: PERSONAL.phone.slice(1),
      status: 'delivered',
      statusDatetime: new Date().toISOString(),
    })}`;
    const report = await h.app.inject({
      method: 'GET',
      url: path,
      headers: {
        [MESSAGEBIRD_SIGNATURE_HEADER]: signMessageBirdJwt({
          signingKey: h.sandbox.keys.messagebirdSigningKey,
          url: `${h.baseUrl}${path}`,
          rawBody: Buffer.alloc(0),
          now: new Date(),
        }),
      },
    });
    expect(report.statusCode).toBe(200);
    await h.app.webhooks.drain();

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    const secrets = [
      ...Object.values(PERSONAL),
      PERSONAL.phone.slice(1),
      `new.${PERSONAL.email}`,
      '+31611112222',
      'Wilhelmina',
      h.apiKey,
      selfService.pathname.split('/').at(-1)!,
    ];
    for (const secret of secrets) expect(log, `log contains ${secret}`).not.toContain(secret);
    // URL-encoded forms of the same data are just as personal.
    for (const secret of [PERSONAL.email, PERSONAL.phone, PERSONAL.name])
      expect(log).not.toContain(encodeURIComponent(secret));

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.some((e) => e.reqId === 'req-log-test-1')).toBe(true);
    expect(entries.every((e) => !('req' in e) || typeof e.reqId === 'string')).toBe(true);
    expect(entries).toContainEqual(
      expect.objectContaining({
        reqId: 'req-log-test-1',
        tenantId: h.tenantId,
        invoiceId: body.invoiceId,
        msg: 'invoice accepted',
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ tenantId: h.tenantId, debtorId: body.debtor.id, msg: 'debtor updated' }),
    );
  });

  it('log a client’s x-request-id only when it is a plain token, else an id of Settle’s own', async () => {
    const hostile = [
      'a'.repeat(65),
      'jan@delivered.example',
      '<script>alert(1)</script>',
      '" forged=true',
      '../../etc/passwd',
      '%0d%0aforged: 1',
    ];
    const before = lines.length;
    for (const id of [...hostile, 'trace.ok-1_2'])
      await h.app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': id } });
    const entries = lines.slice(before).map((line) => JSON.parse(line) as { reqId?: string });
    const ids = new Set(entries.map((e) => e.reqId));
    for (const id of hostile) expect(ids.has(id), id).toBe(false);
    expect(ids.has('trace.ok-1_2')).toBe(true);
    const generated = [...ids].filter((id) => id !== 'trace.ok-1_2');
    expect(generated.length).toBeGreaterThanOrEqual(hostile.length);
    for (const id of generated)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });
});
