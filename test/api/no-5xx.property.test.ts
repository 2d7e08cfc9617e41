// No input produces a 5xx: fast-check throws random JSON bodies, mutated invoices, random paths,
// query strings, methods and content types at the real app (real PostgreSQL, Temporal and a
// worker), and every answer must be below 500 — and a problem document whenever it is an error.
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, invoiceBody, isoDay, startApiHarness } from './harness.js';

let h: ApiHarness;
let invoiceId: string;
let debtorId: string;

beforeAll(async () => {
  h = await startApiHarness();
  const body = invoiceBody();
  invoiceId = body.invoiceId;
  debtorId = body.debtor.id;
  expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
});
afterAll(async () => {
  await h?.close();
});

const ROUTES = [
  'POST /v1/invoices',
  'GET /v1/invoices',
  'GET /v1/invoices/:id',
  'GET /v1/invoices/:id/timeline',
  'POST /v1/invoices/:id/payments',
  'POST /v1/invoices/:id/pause',
  'POST /v1/invoices/:id/resume',
  'POST /v1/invoices/:id/cancel',
  'POST /v1/invoices/:id/promise-to-pay',
  'POST /v1/invoices/:id/disputes',
  'POST /v1/invoices/:id/disputes/resolve',
  'POST /v1/invoices/:id/payment-plan',
  'GET /v1/invoices/:id/schedule',
  // The debtor id doubles as a (random or real-looking) message id here.
  'POST /v1/invoices/:id/messages/:debtor/delivery',
  'PATCH /v1/debtors/:debtor',
  'POST /webhooks/mollie',
  'POST /webhooks/sendgrid',
  'GET /webhooks/messagebird',
  'POST /webhooks/messagebird',
  'GET /healthz',
  'GET /readyz',
  'GET /openapi.json',
] as const;

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
  'application/octet-stream',
  undefined,
];

/** An id for a path: the real invoice, or something random (percent-encoded or raw garbage). */
const pathId = (real: () => string) =>
  fc.oneof(
    fc.constant(null).map(() => real()),
    fc.string({ maxLength: 80, unit: 'binary' }).map(encodeURIComponent),
    fc.constantFrom('%ZZ', '%00', '..', '.', '%2F', 'a'.repeat(65), '%F0%28%8C%28'),
  );

const route = fc
  .tuple(
    fc.constantFrom(...ROUTES),
    pathId(() => invoiceId),
    pathId(() => debtorId),
  )
  .map(([r, id, debtor]) => {
    const [method, path] = r.split(' ') as [string, string];
    return { method, path: path.replace(':id', id).replace(':debtor', debtor) };
  });

const anyPath = fc.oneof(
  route,
  fc.record({
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'),
    path: fc.oneof(
      fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
      fc.webPath().map((p) => `/v1/${p.replace(/^\//, '')}`),
    ),
  }),
);

const query = fc.oneof(
  fc.constant(''),
  fc.webQueryParameters().map((q) => `?${q}`),
  fc
    .dictionary(
      fc.constantFrom('status', 'stage', 'debtorId', 'limit', 'cursor', 'invoice', 'id', 'x'),
      fc.oneof(fc.string({ unit: 'binary' }), fc.integer().map(String)),
    )
    .map((params) => `?${new URLSearchParams(params)}`),
);

/** Characters that break naive storage: NUL, lone surrogates, quotes, controls, plus ordinary text. */
const edgyChar = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  fc.constantFrom('\u0000', '\ud800', '\udc00', '\u0007', "'", '"', '\\', '%', '\u202e', '😀'),
);
const edgyString = fc.string({ unit: edgyChar, maxLength: 40 });
const edgyJson = fc.jsonValue({ maxDepth: 3, stringUnit: edgyChar });
/** YYYY-MM-DD strings that match the pattern but need not exist (02-30, 04-31, 0000-…). */
const dateLike = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .map(
    ([y, m, d]) =>
      `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
  );
const nearDate = fc.integer({ min: -400, max: 400 }).map((days) => isoDay(days));
const amountLike = fc.oneof(
  fc.stringMatching(/^\d{1,11}(\.\d{1,2})?$/),
  fc.constantFrom('0', '0.00', '0.01', '123.45', '21474836.48', '10000000.01', '9999999999.99'),
);
const money = amountLike.map((value) => ({ currency: 'EUR', value }));
const dateTimeLike = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-02-30T10:00:00Z', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z'),
);

/** A value for each field that mostly fits the schema, so the request reaches the database and workflow. */
const FIELD_VALUES: Record<string, fc.Arbitrary<unknown>> = {
  invoiceId: fc.oneof(fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/), edgyString),
  amount: fc.oneof(money, edgyJson),
  issueDate: fc.oneof(dateLike, nearDate),
  dueDate: fc.oneof(dateLike, nearDate),
  description: edgyString,
  policy: fc.oneof(fc.constantFrom('demo', 'nl-consumer', 'nl-business'), edgyString),
  metadata: fc.dictionary(edgyString, edgyJson, { maxKeys: 5 }),
  name: edgyString,
  email: fc.oneof(fc.emailAddress(), edgyString),
  phone: fc.oneof(fc.stringMatching(/^\+[1-9]\d{6,14}$/), edgyString),
  language: fc.constantFrom('nl', 'en', 'de', ''),
  payday: fc.oneof(
    fc.integer({ min: -1, max: 40 }).map((dayOfMonth) => ({ dayOfMonth })),
    dateLike.map((anchor) => ({ rule: 'four-weekly', anchor })),
    fc.constant({ rule: 'last-business-day' }),
  ),
  address: fc.record({
    line1: edgyString,
    postalCode: edgyString,
    city: edgyString,
    country: fc.constantFrom('NL', 'nl', 'XX'),
  }),
  preferredChannel: fc.constantFrom('email', 'sms', 'whatsapp', 'letter', 'app', 'pigeon'),
  whatsappOptIn: fc.boolean(),
};

const invoiceMutation = fc
  .tuple(
    fc.constantFrom('invoiceId', 'amount', 'issueDate', 'dueDate', 'description', 'policy', 'metadata'),
    fc.constantFrom(
      'name',
      'email',
      'phone',
      'language',
      'payday',
      'address',
      'preferredChannel',
      'whatsappOptIn',
    ),
    fc.boolean(),
  )
  .chain(([field, debtorField, onDebtor]) =>
    (onDebtor ? FIELD_VALUES[debtorField]! : FIELD_VALUES[field]!).map((value) => {
      const body = invoiceBody() as Record<string, unknown> & { debtor: Record<string, unknown> };
      if (onDebtor) body.debtor[debtorField] = value;
      else body[field] = value;
      return JSON.stringify(body);
    }),
  );

/** Requests to the action routes and the debtor patch, each with a schema-shaped, edgy body. */
const actionRequest = fc.oneof(
  fc
    .record({ amount: money, paidAt: dateTimeLike, reference: edgyString }, { requiredKeys: ['amount'] })
    .map((b) => ({ action: 'payments', b })),
  fc
    .record({ reason: edgyString, until: dateTimeLike }, { requiredKeys: ['reason'] })
    .chain((b) => fc.constantFrom('pause', 'cancel', 'disputes').map((action) => ({ action, b }))),
  fc.record({ date: fc.oneof(dateLike, nearDate) }).map((b) => ({ action: 'promise-to-pay', b })),
  fc
    .record({ outcome: fc.constantFrom('upheld', 'rejected', 'maybe') })
    .map((b) => ({ action: 'disputes/resolve', b })),
  fc.record({ instalments: fc.integer({ min: -5, max: 120 }) }).map((b) => ({ action: 'payment-plan', b })),
  fc.constant({ action: 'resume', b: {} }),
  fc
    .record(
      {
        name: edgyString,
        email: FIELD_VALUES.email!,
        phone: FIELD_VALUES.phone!,
        language: FIELD_VALUES.language!,
        payday: FIELD_VALUES.payday!,
        address: FIELD_VALUES.address!,
        preferredChannel: FIELD_VALUES.preferredChannel!,
        whatsappOptIn: FIELD_VALUES.whatsappOptIn!,
      },
      { requiredKeys: [] },
    )
    .map((b) => ({ action: 'debtor', b })),
);
const actionBody = actionRequest.map(({ b }) => JSON.stringify(b));

/** Bodies: random JSON, raw text, mutated valid invoices and schema-shaped action bodies. */
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4, stringUnit: edgyChar }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.string({ unit: 'binary', maxLength: 200 }),
  invoiceMutation,
  actionBody,
);

const auth = fc.constantFrom<'valid' | 'none' | 'garbage'>('valid', 'valid', 'valid', 'none', 'garbage');

async function send(request: {
  method: string;
  path: string;
  query: string;
  body: string | undefined;
  contentType: string | undefined;
  auth: 'valid' | 'none' | 'garbage';
}) {
  const headers: Record<string, string> = {};
  if (request.auth === 'valid') headers.authorization = `Bearer ${h.apiKey}`;
  if (request.auth === 'garbage') headers.authorization = 'Bearer sk_garbage_000000000000000000';
  if (request.contentType) headers['content-type'] = request.contentType;
  const hasBody = request.body !== undefined && !['GET', 'HEAD'].includes(request.method);
  const response = await h.app.inject({
    method: request.method as InjectOptions['method'],
    url: `${request.path}${request.query}`,
    headers,
    ...(hasBody ? { payload: request.body } : {}),
  });
  if (response.statusCode >= 500)
    throw new Error(
      `${request.method} ${request.path}${request.query} → ${response.statusCode}: ${response.body.slice(0, 500)}`,
    );
  if (response.statusCode >= 400 && request.method !== 'HEAD')
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  return response;
}

describe('no input produces a 5xx', () => {
  it('random requests to any route', async () => {
    await fc.assert(
      fc.asyncProperty(
        anyPath,
        query,
        fc.option(body, { nil: undefined }),
        fc.constantFrom(...CONTENT_TYPES),
        auth,
        async (target, q, b, contentType, a) => {
          await send({ ...target, query: q, body: b, contentType, auth: a });
        },
      ),
      { numRuns: 400 },
    );
  });

  it('POST /v1/invoices with valid invoices of which one field is mutated', async () => {
    await fc.assert(
      fc.asyncProperty(invoiceMutation, async (b) => {
        await send({
          method: 'POST',
          path: '/v1/invoices',
          query: '',
          body: b,
          contentType: 'application/json',
          auth: 'valid',
        });
      }),
      { numRuns: 300 },
    );
    // 300 real creates, each starting a workflow the worker runs: slow when another file shares the CPU.
  }, 180_000);

  it('action routes and the debtor patch with schema-shaped bodies on a running invoice', async () => {
    await fc.assert(
      fc.asyncProperty(actionRequest, async ({ action, b }) => {
        await send({
          method: action === 'debtor' ? 'PATCH' : 'POST',
          path: action === 'debtor' ? `/v1/debtors/${debtorId}` : `/v1/invoices/${invoiceId}/${action}`,
          query: '',
          body: JSON.stringify(b),
          contentType: 'application/json',
          auth: 'valid',
        });
      }),
      { numRuns: 300 },
    );
    // 300 workflow updates (and the workflow's writes after them): slow when another file shares the CPU.
  }, 180_000);
});
