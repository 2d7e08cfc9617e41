// With PAYLOAD_ENCRYPTION_KEYS set, everything Settle hands to Temporal is ciphertext: an operator
// reading the history without the codec sees no invoice data; with the operator token, the codec
// endpoint (Temporal's remote codec protocol, as the Temporal UI calls it) decodes it.
import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { historyText, payloadsOf } from '../support/history-payloads.js';
import { type ApiHarness, eventually, invoiceBody, startApiHarness } from './harness.js';

const OPERATOR_TOKEN = randomBytes(24).toString('base64url');
const UI_ORIGIN = 'http://localhost:8233';
const key = () => randomBytes(32).toString('base64');

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness({
    env: {
      PAYLOAD_ENCRYPTION_KEYS: `current:${key()},previous:${key()}`,
      CODEC_OPERATOR_TOKEN: OPERATOR_TOKEN,
      CODEC_CORS_ORIGINS: UI_ORIGIN,
    },
  });
});
afterAll(async () => {
  await h?.close();
});

const b64 = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('base64');
const asJson = (payload: Payload) => ({
  metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, b64(v)])),
  data: b64(payload.data),
});
const encodingOf = (payload: Payload) => Buffer.from(payload.metadata?.encoding ?? []).toString();

function codecCall(action: 'decode' | 'encode', payloads: unknown[], headers: Record<string, string> = {}) {
  return h.app.inject({
    method: 'POST',
    url: `/codec/${action}`,
    headers: { 'content-type': 'application/json', 'x-namespace': 'default', origin: UI_ORIGIN, ...headers },
    payload: JSON.stringify({ payloads }),
  });
}
const operator = { authorization: `Bearer ${OPERATOR_TOKEN}` };

describe('payload encryption on the real Temporal dev server', () => {
  let invoiceId: string;
  let encrypted: Payload[];

  beforeAll(async () => {
    const body = invoiceBody({ description: 'Fysiotherapie knie' }, { name: 'Łukasz Żółć' });
    invoiceId = body.invoiceId;
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    // The worker decrypted the input and sent the request: it all works.
    const invoice = await eventually(async () => {
      const current = (await h.call('GET', `/v1/invoices/${invoiceId}`)).json();
      return current.stage === 'payment-request' && current;
    });
    // An operator's client without Settle's codec, straight on the Temporal service.
    const plainClient = new Client({ connection: h.temporal.connection });
    const history = await plainClient.workflow.getHandle(invoice.workflowId).fetchHistory();
    const text = historyText(history);
    expect(text).toContain('sendMessage'); // the search below reads the real history
    for (const readable of [
      'principalCents',
      'nl-consumer',
      '"template":"payment-request"',
      '"tenantId"',
      'Łukasz',
      'knie',
    ])
      expect(text).not.toContain(readable);
    // Only search attributes stay readable (ids, stage, status, amounts, dates): Temporal indexes them;
    // and the markers of patched() code paths, which the SDK writes itself and which hold a patch id.
    encrypted = payloadsOf(history).filter((p) => encodingOf(p) === 'binary/encrypted');
    const patchMarkers = new Set(
      payloadsOf({
        events: (history.events ?? []).filter(
          (e) => e.markerRecordedEventAttributes?.markerName === 'core_patch',
        ),
      }),
    );
    const readablePayloads = payloadsOf(history).filter(
      (p) => encodingOf(p) !== 'binary/encrypted' && !patchMarkers.has(p),
    );
    // At least the start's input and the payment request's send (its input and its result): since
    // the send writes the records itself (patch sync-rides-along), no sync's payloads come on top.
    expect(encrypted.length).toBeGreaterThanOrEqual(3);
    // (KeywordList: TemporalChangeVersion, the patch ids the SDK indexes.)
    for (const payload of readablePayloads)
      expect(Buffer.from(payload.metadata?.type ?? []).toString()).toMatch(
        /^(Keyword|KeywordList|Int|Datetime)$/,
      );
    for (const marker of patchMarkers) {
      const fields = Object.keys(JSON.parse(Buffer.from(marker.data ?? []).toString()));
      expect(fields.every((field) => field === 'id' || field === 'deprecated')).toBe(true);
    }
  }, 60_000);

  it('decodes the history for an operator through the codec endpoint, with CORS for the UI', async () => {
    const response = await codecCall('decode', encrypted.map(asJson), operator);
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    const decoded = (response.json() as { payloads: { metadata: Record<string, string>; data: string }[] })
      .payloads;
    const texts = decoded.map((p) => Buffer.from(p.data, 'base64').toString('utf8'));
    expect(texts.some((t) => t.includes('"principalCents":12345'))).toBe(true);
    expect(texts.some((t) => t.includes('"template":"payment-request"'))).toBe(true);
    expect(
      decoded.every((p) =>
        /^(json\/|binary\/null)/.test(Buffer.from(p.metadata.encoding!, 'base64').toString()),
      ),
    ).toBe(true);

    // Encoding for the UI (e.g. a signal typed in by an operator) gives what Settle's worker reads.
    const again = await codecCall('encode', decoded.slice(0, 1), operator);
    expect(again.statusCode).toBe(200);
    const roundTrip = await codecCall('decode', again.json().payloads, operator);
    expect(roundTrip.json().payloads[0].data).toBe(decoded[0]!.data);
  });

  it('refuses to decode without the operator token, with a tenant key, or with a wrong token', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { authorization: `Bearer ${h.apiKey}` },
      { authorization: 'Bearer x' },
    ];
    for (const headers of attempts) {
      const response = await codecCall('decode', encrypted.slice(0, 1).map(asJson), headers);
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body).not.toContain('principalCents');
    }
  });

  it('answers the UI’s preflight for its origin only', async () => {
    const preflight = (origin: string) =>
      h.app.inject({
        method: 'OPTIONS',
        url: '/codec/decode',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,x-namespace,authorization',
        },
      });
    const allowed = await preflight(UI_ORIGIN);
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    expect(allowed.headers['access-control-allow-headers']).toMatch(/x-namespace/);
    const other = await preflight('https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('lets the Temporal UI decode with an operator session from the sign-in page (a cookie, not the token)', async () => {
    const page = await h.app.inject({ method: 'GET', url: '/codec/sign-in' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("form-action 'self'");
    const signIn = (token: string, origin = h.baseUrl) =>
      h.app.inject({
        method: 'POST',
        url: '/codec/sign-in',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
        payload: new URLSearchParams({ token }).toString(),
      });
    const wrong = await signIn('not-the-token');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const elsewhere = await signIn(OPERATOR_TOKEN, 'https://evil.example');
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.headers['set-cookie']).toBeUndefined();

    const signedIn = await signIn(OPERATOR_TOKEN);
    expect(signedIn.statusCode).toBe(200);
    const setCookie = String(signedIn.headers['set-cookie']);
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=None', 'Path=/codec', 'Max-Age=28800'])
      expect(setCookie).toContain(attribute);
    expect(setCookie).not.toContain(OPERATOR_TOKEN);
    const session = setCookie.split(';')[0]!;

    // What the UI's browser sends with "Include cross-origin credentials": the cookie, from its origin.
    const decoded = await codecCall('decode', encrypted.slice(0, 1).map(asJson), { cookie: session });
    expect(decoded.statusCode).toBe(200);
    expect(decoded.headers['access-control-allow-origin']).toBe(UI_ORIGIN);
    expect(decoded.headers['access-control-allow-credentials']).toBe('true');
    const [name, value] = session.split('=') as [string, string];
    const [expires, signature] = value.split('.') as [string, string];
    for (const forged of [
      `${name}=${Number(expires) + 3600}.${signature}`, // a longer session than was signed
      `${name}=${expires}.${signature.replace(/.$/, (c) => (c === '0' ? '1' : '0'))}`,
      `${name}=${Math.floor(Date.now() / 1000) - 1}.${signature}`,
    ]) {
      const refused = await codecCall('decode', encrypted.slice(0, 1).map(asJson), { cookie: forged });
      expect(refused.statusCode).toBe(401);
    }
  });

  it('answers tampered or malformed payloads with a problem, never a 5xx', async () => {
    const [first] = encrypted.map(asJson);
    const bytes = Buffer.from(first!.data, 'base64');
    bytes[bytes.length - 1]! ^= 1;
    const tampered = await codecCall('decode', [{ ...first, data: bytes.toString('base64') }], operator);
    expect(tampered.statusCode).toBe(422);
    const malformed = await codecCall('decode', [{ data: 'not base64!' }], operator);
    expect(malformed.statusCode).toBe(400);
  });

  it('documents both codec routes in the OpenAPI document', async () => {
    const document = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(document.paths['/codec/decode'].post.responses).toHaveProperty('401');
    // With an example of each body (the decode example answers with plain JSON payloads).
    expect(JSON.stringify(document.paths['/codec/encode'])).toContain('anNvbi9wbGFpbg==');
    expect(JSON.stringify(document.paths['/codec/decode'])).toContain('YmluYXJ5L2VuY3J5cHRlZA==');
  });
});
