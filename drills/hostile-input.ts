// Fault drill 5 — hostile input. A property-based fuzz run (fast-check) over the API's own
// OpenAPI document (GET /openapi.json): for every documented operation it generates REQUESTS
// (default 5,000) requests — bodies valid by the documented schema, mutated (a field dropped,
// replaced by hostile JSON, added) or raw hostile text (truncated, deeply nested, NUL and lone
// surrogates, prototype keys, oversized); path parameters real, schema-valid or garbage; query
// strings from the documented parameters plus garbage; documented and wrong content types; the
// API key present, absent or wrong — plus a few requests to undocumented methods and paths.
// Passes with zero 5xx answers and zero answers that violate the document: every status must be
// documented for its operation, every JSON body must validate (ajv) against the schema documented
// for its status, and every application/problem+json body must be a Problem.
//
//   npm run drill:hostile-input            REQUESTS=5000 SEED=42 CONCURRENCY=8
//   QUICK=1 npm run drill:hostile-input    600 requests (an equal share per operation, rounded down)
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { selfServiceToken } from '../activities/self-service-link.js';
import { isoDay } from '../devstack/dates.js';
import { followPayLink, sandboxCheckoutId, stablePayLinkIn } from '../devstack/pay-link.js';
import { Findings, intParam, log, mapLimit, runDrill, until } from './lib/common.js';
import {
  createInvoices,
  invoiceRequest,
  planInvoices,
  type SandboxMessageRow,
  sandboxMessages,
} from './lib/ladder.js';
import {
  type ArbitraryContext,
  hostileString,
  mutated,
  mutationsOf,
  type Schema,
  valid,
} from './lib/schema-arbitrary.js';
import { startDrillStack } from './lib/stack.js';

// ajv-formats is CommonJS: its plugin is the module itself (default export of a default export).
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

interface Operation {
  method: string;
  path: string;
  pointer: string;
  spec: {
    parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
    requestBody?: { content: Record<string, { schema?: Schema }> };
    responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
    security?: unknown[];
  };
}

interface FuzzRequest {
  op: Operation | undefined;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

const JSON_MEDIA = /^application\/(.+\+)?json$/;
const ALT_CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/x-www-form-urlencoded',
  'text/plain',
  'text/html',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'APPLICATION/JSON',
  'application/json; charset=latin1',
  'application/problem+json',
  '',
];

const RAW_BODIES = [
  '',
  '{',
  '{"a":',
  'null',
  '[]',
  '"text"',
  '0',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"a":"\\u0000"}',
  '{"a":"\\ud800"}',
  '{"invoiceId":"a","invoiceId":"b"}',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `{"a":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
  `"${'x'.repeat(300 * 1024)}"`,
  '\u0000\u0001\u0002\u00ff',
  'outcome=paid&outcome=failed',
  'id=tr_abc&id=tr_def',
];

/** The sandbox checkouts the messages' stable pay links lead to. */
async function checkoutIdsOf(messages: SandboxMessageRow[]): Promise<string[]> {
  const ids: string[] = [];
  for (const message of messages) {
    const payLink = stablePayLinkIn(message.links);
    const checkout = payLink && (await followPayLink(payLink)).checkout;
    if (checkout) ids.push(sandboxCheckoutId(checkout));
  }
  return ids;
}

runDrill('hostile-input', async () => {
  const total = intParam('REQUESTS', 5000, 600);
  const seed = intParam('SEED', 42, 42);
  const concurrency = intParam('CONCURRENCY', 8, 8);
  const findings = new Findings();

  const stack = await startDrillStack({ name: 'hostile-input' });
  // Real things to aim at, so requests get past "not found": invoices on every channel, with
  // their messages, checkout links and self-service tokens.
  const invoices = planInvoices(stack, 6, { 'pay-after-reminder-1': 1 });
  await createInvoices(stack, invoices, findings);
  const messages = await until(
    'payment requests sent',
    async () => {
      const rows = await sandboxMessages(stack);
      return rows.length >= invoices.length && rows;
    },
    60_000,
    500,
  );
  const real = {
    invoiceId: invoices.map((i) => i.invoiceId),
    debtorId: invoices.map((i) => i.debtorId),
    token: invoices.map((i) => selfServiceToken(stack.tokenSecret, stack.tenantId, i.invoiceId)),
    linkId: await checkoutIdsOf(messages),
    id: messages.map((m) => m.id),
  } as Record<string, string[]>;

  const response = await fetch(`${stack.baseUrl}/openapi.json`);
  const doc = (await response.json()) as {
    paths: Record<string, Record<string, Operation['spec']>>;
    components: { schemas: Record<string, Schema> };
  };
  const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, spec]) => ({
      method: method.toUpperCase(),
      path,
      pointer: `#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}`,
      spec,
    })),
  );
  log(`${operations.length} documented operations in /openapi.json`);

  const ajv = new Ajv2020({ strict: false, validateSchema: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(doc, 'openapi');
  const context: ArbitraryContext = {
    resolve: (ref) => {
      const name = ref.replace('#/components/schemas/', '');
      return doc.components.schemas[name] ?? {};
    },
  };

  // Bodies known to be acceptable, where the schema alone rarely yields one (business rules):
  // mutations of these reach deepest into the service, the database and the workflows.
  const brand = await (
    await fetch(`${stack.baseUrl}/v1/brand`, { headers: { authorization: `Bearer ${stack.apiKey}` } })
  ).json();
  const seeds: Record<string, fc.Arbitrary<unknown>> = {
    'POST /v1/invoices': fc
      .tuple(fc.nat(invoices.length - 1), fc.uuid(), fc.constantFrom(undefined, 'nl-consumer', 'nl-business'))
      .map(([i, uuid, policy]) => {
        const { policy: _demo, ...body } = invoiceRequest(invoices[i]!);
        return { ...body, invoiceId: `F-${uuid.slice(0, 18)}`, ...(policy ? { policy } : {}) };
      }),
    'PUT /v1/brand': fc.constant(brand),
    'PATCH /v1/debtors/{debtorId}': fc.constantFrom(
      { email: 'new@example.org' },
      { phone: '+31612345679', language: 'en' },
    ),
    'POST /v1/invoices/{invoiceId}/payments': fc.constant({
      amount: { currency: 'EUR', value: '1.00' },
      reference: 'fuzz',
    }),
    'POST /v1/invoices/{invoiceId}/promise-to-pay': fc.constant({ date: isoDay(5) }),
    'POST /v1/invoices/{invoiceId}/payment-plan': fc.constant({ instalments: 3 }),
    'PUT /v1/templates/{templateId}/{channel}/{language}': fc.constantFrom(
      { text: 'Betaal {{amountDue}} via {{payUrl}}' },
      { subject: 'Factuur {{invoiceId}}', paragraphs: ['Betaal {{amountDue}}.'] },
    ),
    'POST /webhooks/mollie': fc.constantFrom({ id: 'tr_fuzz1' }, { id: 'tr_' }),
    'POST /p/{token}/contact': fc.constant({ email: 'new@example.org' }),
    'POST /p/{token}/dispute': fc.constant({ reason: 'not mine' }),
    'POST /p/{token}/promise': fc.constant({ date: isoDay(5) }),
  };

  const requestFor = (op: Operation): fc.Arbitrary<FuzzRequest> => {
    const params = op.spec.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const queryParams = params.filter((p) => p.in === 'query');
    const headerParams = params.filter((p) => p.in === 'header');
    const media = Object.keys(op.spec.requestBody?.content ?? {})[0];
    const bodySchema = media ? op.spec.requestBody!.content[media]!.schema : undefined;
    const isForm = media === 'application/x-www-form-urlencoded';

    const pathValue = (name: string, schema: Schema | undefined) =>
      fc.oneof(
        {
          weight: 6,
          arbitrary: real[name] ? fc.constantFrom(...real[name]!) : valid(schema ?? {}, context).map(String),
        },
        { weight: 2, arbitrary: valid(schema ?? { type: 'string' }, context).map(String) },
        {
          weight: 2,
          arbitrary: fc.oneof(
            hostileString.map((s) => s.slice(0, 600)),
            fc.constantFrom('..', '.', '%2F', '%00', '%ZZ', 'a'.repeat(600), `${real.token?.[0] ?? 'x'}x`),
          ),
        },
      );
    const queryValue = (schema: Schema | undefined) =>
      fc.oneof(
        {
          weight: 3,
          arbitrary: valid(schema ?? { type: 'string' }, context).map((v) =>
            typeof v === 'string' ? v : JSON.stringify(v),
          ),
        },
        { weight: 2, arbitrary: hostileString.map((s) => s.slice(0, 2000)) },
      );
    const seed = seeds[`${op.method} ${op.path}`];
    const bodyValue: fc.Arbitrary<string | undefined> = bodySchema
      ? fc.oneof(
          { weight: 5, arbitrary: valid(bodySchema, context).map((v) => encode(v, isForm)) },
          { weight: 4, arbitrary: mutated(bodySchema, context).map((v) => encode(v, isForm)) },
          ...(seed
            ? [
                { weight: 4, arbitrary: seed.map((v) => encode(v, isForm)) },
                { weight: 6, arbitrary: mutationsOf(seed).map((v) => encode(v, isForm)) },
              ]
            : []),
          { weight: 2, arbitrary: fc.constantFrom(...RAW_BODIES) },
        )
      : fc.oneof(
          { weight: 8, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES) },
          { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)) },
        );
    const secured = (op.spec.security?.length ?? 0) > 0;
    const auth = fc.constantFrom(
      ...(secured
        ? (['valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'none', 'garbage', 'other-scheme'] as const)
        : (['none', 'none', 'none', 'garbage', 'valid'] as const)),
    );

    return fc
      .record({
        path: fc.tuple(...pathParams.map((p) => pathValue(p.name, p.schema))),
        query: fc.array(
          fc.oneof(
            ...(queryParams.length > 0
              ? [fc.tuple(fc.constantFrom(...queryParams.map((p) => p.name)), queryValue(undefined))]
              : []),
            ...queryParams.map((p) => fc.tuple(fc.constant(p.name), queryValue(p.schema))),
            fc.tuple(
              fc.constantFrom('x', 'limit', '__proto__', 'a[b]', ''),
              hostileString.map((s) => s.slice(0, 200)),
            ),
          ),
          { maxLength: 4 },
        ),
        rawQuery: fc.oneof(
          { weight: 9, arbitrary: fc.constant('') },
          { weight: 1, arbitrary: fc.constantFrom('&%ZZ', '&a=%00', '&&&', '&=x', '&a=%F0%28%8C', '&#frag') },
        ),
        body: bodyValue,
        contentType: fc.oneof(
          { weight: 8, arbitrary: fc.constant(media) },
          { weight: 2, arbitrary: fc.constantFrom(...ALT_CONTENT_TYPES) },
        ),
        auth,
        idempotencyKey: headerParams.length
          ? fc.option(fc.string({ unit: 'grapheme-ascii', maxLength: 260 }), { nil: undefined })
          : fc.constant(undefined),
        origin: fc.constantFrom(
          undefined,
          undefined,
          undefined,
          'https://evil.example',
          'null',
          stack.baseUrl,
        ),
      })
      .map((r) => {
        let path = op.path;
        pathParams.forEach((p, i) => {
          const value = String(r.path[i]);
          const raw = /^(%..|\.\.?|%2F)$/.test(value);
          path = path.replace(`{${p.name}}`, raw ? value : encodeSegment(value));
        });
        const query = new URLSearchParams(r.query as [string, string][]).toString();
        const url = `${stack.baseUrl}${path}${query || r.rawQuery ? `?${query}${r.rawQuery}` : ''}`;
        const headers: Record<string, string> = {};
        if (r.auth === 'valid') headers.authorization = `Bearer ${stack.apiKey}`;
        if (r.auth === 'garbage') headers.authorization = 'Bearer sk_not_a_key_0000000000000000000';
        if (r.auth === 'other-scheme')
          headers.authorization = `Basic ${Buffer.from('a:b').toString('base64')}`;
        if (r.body !== undefined && r.contentType) headers['content-type'] = r.contentType;
        if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey;
        if (r.origin) headers.origin = r.origin;
        const body = op.method === 'GET' ? undefined : r.body;
        return { op, method: op.method, url, headers, body };
      });
  };

  // A few requests off the document: other methods on documented paths, unknown paths.
  const stray: fc.Arbitrary<FuzzRequest> = fc
    .tuple(
      fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
      fc.oneof(
        fc.constantFrom(...Object.keys(doc.paths)).map((p) => p.replace(/\{[^}]+\}/g, 'x')),
        fc.webPath().map((p) => (p.startsWith('/') ? p : `/${p}`)),
      ),
      fc.constantFrom(...RAW_BODIES.slice(0, 8)),
    )
    .map(([method, path, body]) => ({
      op: undefined,
      method,
      url: `${stack.baseUrl}${path}`,
      headers: { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : body,
    }))
    .filter(
      (r) => !operations.some((o) => o.method === r.method && matches(o.path, new URL(r.url).pathname)),
    );

  // An equal share for every operation and for the stray requests, so that each is covered however
  // small the run (a random pick among 125 left one out now and then at 600), interleaved.
  const arms = [...operations.map((op) => requestFor(op)), stray];
  const perArm = Math.max(2, Math.floor(total / arms.length));
  const samples = arms.map((arm, i) => fc.sample(arm, { numRuns: perArm, seed: seed + i }));
  const requests = Array.from({ length: perArm }, (_, j) => samples.map((sample) => sample[j]!)).flat();
  log(`generated ${requests.length} requests (seed ${seed}); sending with concurrency ${concurrency}`);

  const byStatus: Record<string, number> = {};
  const perOperation = new Map<string, Record<string, number>>();
  const violations: Record<string, number> = {};
  let sent = 0;
  await mapLimit(requests, concurrency, async (request) => {
    const key = request.op ? `${request.op.method} ${request.op.path}` : 'undocumented';
    let status = 0;
    let contentType = '';
    let text = '';
    try {
      const answer = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(60_000),
      });
      status = answer.status;
      contentType = answer.headers.get('content-type') ?? '';
      text = await answer.text();
    } catch (error) {
      // The client refusing to send (e.g. an invalid header) is not an answer of the API.
      if (error instanceof TypeError && !/fetch failed/.test(error.message)) return;
      status = 0;
      text = String((error as Error).cause ?? error);
    }
    sent++;
    if (sent % 1000 === 0) log(`${sent}/${requests.length} requests sent`);
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    const tally = perOperation.get(key) ?? {};
    tally[status] = (tally[status] ?? 0) + 1;
    perOperation.set(key, tally);
    for (const problem of check(ajv, request.op, status, contentType, text)) {
      violations[problem.kind] = (violations[problem.kind] ?? 0) + 1;
      findings.add(
        problem.kind,
        `${request.method} ${request.url.replace(stack.baseUrl, '').slice(0, 200)} [${request.headers['content-type'] ?? '-'}; auth ${request.headers.authorization ? 'yes' : 'no'}; body ${request.body === undefined ? '-' : JSON.stringify(request.body.slice(0, 120))}] → ${status} ${contentType}: ${problem.detail}`,
      );
    }
  });

  for (const [op, statuses] of [...perOperation.entries()].sort())
    log(
      `${op.padEnd(62)} ${Object.entries(statuses)
        .map(([s, n]) => `${s}×${n}`)
        .join(' ')}`,
    );
  const uncovered = operations.filter((o) => !perOperation.has(`${o.method} ${o.path}`));
  for (const op of uncovered) findings.add('operation-not-covered', `${op.method} ${op.path}`);
  for (const exit of [...stack.api.unexpectedExits, ...stack.worker.unexpectedExits])
    findings.add('process-crashed', exit);

  return {
    result: {
      requests: sent,
      seed,
      operations: operations.length,
      operationsCovered: operations.length - uncovered.length,
      byStatus,
      serverErrors: Object.entries(byStatus)
        .filter(([s]) => Number(s) >= 500 || s === '0')
        .reduce((n, [, c]) => n + c, 0),
      violations,
    },
    findings,
  };
});

function encode(value: unknown, form: boolean): string {
  if (!form) return JSON.stringify(value) ?? 'null';
  if (value === null || typeof value !== 'object')
    return new URLSearchParams({ value: String(value) }).toString();
  return new URLSearchParams(
    Object.entries(value as Record<string, unknown>).map(([k, v]): [string, string] => [
      k,
      typeof v === 'string' ? v : (JSON.stringify(v) ?? ''),
    ]),
  ).toString();
}

/** encodeURIComponent, except that a lone surrogate becomes the invalid UTF-8 a client could send. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value].map((c) => (/[\uD800-\uDFFF]/.test(c) ? '%ED%A0%80' : encodeURIComponent(c))).join('');
  }
}

function matches(template: string, path: string): boolean {
  const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
  return pattern.test(path);
}

/** Everything wrong with one answer, measured against the document. */
function check(
  ajv: Ajv2020,
  op: Operation | undefined,
  status: number,
  contentType: string,
  text: string,
): { kind: string; detail: string }[] {
  const problems: { kind: string; detail: string }[] = [];
  if (status === 0) return [{ kind: 'no-answer', detail: text.slice(0, 200) }];
  if (status >= 500) problems.push({ kind: '5xx', detail: text.slice(0, 300) });
  const media = contentType.split(';')[0]!.trim().toLowerCase();
  let parsed: unknown;
  if (JSON_MEDIA.test(media)) {
    try {
      parsed = JSON.parse(text);
    } catch {
      return [...problems, { kind: 'invalid-json', detail: text.slice(0, 200) }];
    }
  }
  if (media === 'application/problem+json') {
    const validate = ajv.getSchema('openapi#/components/schemas/Problem')!;
    if (!validate(parsed))
      problems.push({
        kind: 'problem-invalid',
        detail: `${ajv.errorsText(validate.errors)}: ${text.slice(0, 200)}`,
      });
    else if ((parsed as { status: number }).status !== status)
      problems.push({
        kind: 'problem-invalid',
        detail: `status ${(parsed as { status: number }).status} in the body`,
      });
  }
  if (!op) return problems;
  const documented =
    op.spec.responses[String(status)] ??
    op.spec.responses[`${String(status)[0]}XX`] ??
    op.spec.responses.default;
  if (!documented) return [...problems, { kind: 'undocumented-status', detail: text.slice(0, 200) }];
  const content = documented.content;
  if (!content || Object.keys(content).length === 0) return problems;
  const entry =
    content[media] !== undefined
      ? media
      : JSON_MEDIA.test(media)
        ? Object.keys(content).find((m) => JSON_MEDIA.test(m))
        : undefined;
  if (!entry) {
    if (text.length > 0 || media)
      problems.push({
        kind: 'undocumented-media-type',
        detail: `${media || 'none'}; documented ${Object.keys(content).join(', ')}`,
      });
    return problems;
  }
  if (!JSON_MEDIA.test(media) || content[entry]?.schema === undefined) return problems;
  const pointer = `${op.pointer}/responses/${status}/content/${entry.replaceAll('~', '~0').replaceAll('/', '~1')}/schema`;
  const validate = ajv.getSchema(`openapi${pointer}`);
  if (!validate) return [...problems, { kind: 'schema-unusable', detail: pointer }];
  if (!validate(parsed))
    problems.push({
      kind: 'schema-violation',
      detail: `${ajv.errorsText(validate.errors)}: ${text.slice(0, 200)}`,
    });
  return problems;
}
