// The API document for integrators: every operation (the codec's and the sandbox's included) has a
// summary, a description and a tag; no response reads "Default Response"; every parameter, request
// body and response carries an example, and each example validates against its own schema. The
// shared enums are named components, and the API answers what the document promises: human
// messages for malformed fields, 405 with Allow for undeclared methods, 400 for a malformed cursor.
import { randomBytes } from 'node:crypto';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, INVOICE_STATUSES, LANGUAGES } from '../../workflows/domain.js';
import { POLICIES } from '../../workflows/policy/ladder.js';
import { TENANT_POLICY_ID_PATTERN } from '../../workflows/policy/policy-rules.js';
import { type ApiHarness, invoiceBody, problemOf, startApiHarness } from './harness.js';

type Schema = Record<string, unknown>;
type Media = { schema?: Schema; example?: unknown; examples?: Record<string, { value: unknown }> };
type Operation = {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: { in: string; name: string; schema?: Schema; example?: unknown }[];
  requestBody?: { content: Record<string, Media> };
  responses: Record<string, { description?: string; content?: Record<string, Media> }>;
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

// ajv-formats is CommonJS: its plugin is the module itself (default export of a default export).
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

let h: ApiHarness;
let doc: Document;
const key = () => randomBytes(32).toString('base64');

beforeAll(async () => {
  h = await startApiHarness({
    worker: false,
    sandboxReports: false,
    env: {
      PAYLOAD_ENCRYPTION_KEYS: `current:${key()}`,
      CODEC_OPERATOR_TOKEN: randomBytes(24).toString('hex'),
    },
  });
  doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
});
afterAll(async () => {
  await h?.close();
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, operation]) => ({
      name: `${method.toUpperCase()} ${path}`,
      operation,
    })),
  );

describe('the API document', () => {
  it('gives every operation a summary, a description, a tag and real response descriptions', () => {
    const all = operations();
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(all.map(({ name }) => name)).toContain('POST /codec/decode');
    for (const { name, operation } of all) {
      expect(operation.summary, `${name} summary`).toBeTruthy();
      expect(operation.description, `${name} description`).toBeTruthy();
      expect(operation.tags?.length, `${name} tags`).toBeGreaterThan(0);
      for (const [status, response] of Object.entries(operation.responses))
        expect(response.description, `${name} ${status}`).not.toMatch(/^(Default Response)?$/);
    }
  });

  it('has an example for every parameter, request body and response, each valid by its own schema', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const problems: string[] = [];
    const check = (where: string, schema: Schema | undefined, examples: unknown[]) => {
      if (!schema) return;
      if (examples.length === 0) return problems.push(`${where}: no example`);
      const validate = ajv.compile({ components: doc.components, allOf: [schema] });
      for (const example of examples)
        if (!validate(example))
          problems.push(`${where}: ${JSON.stringify(example)} ${ajv.errorsText(validate.errors)}`);
    };
    const examplesOf = (media: Media) =>
      media.example !== undefined ? [media.example] : Object.values(media.examples ?? {}).map((e) => e.value);
    for (const { name, operation } of operations()) {
      for (const parameter of operation.parameters ?? [])
        check(
          `${name} ${parameter.in} ${parameter.name}`,
          parameter.schema,
          parameter.example === undefined ? [] : [parameter.example],
        );
      for (const [type, media] of Object.entries(operation.requestBody?.content ?? {}))
        check(`${name} body ${type}`, media.schema, examplesOf(media));
      for (const [status, response] of Object.entries(operation.responses))
        for (const [type, media] of Object.entries(response.content ?? {}))
          check(`${name} ${status} ${type}`, media.schema, examplesOf(media));
    }
    expect(problems).toEqual([]);
  });

  it('names the shared enums as components, the policies from the real policy list', () => {
    const { schemas } = doc.components;
    expect(schemas.Policy?.enum).toEqual(Object.keys(POLICIES));
    expect(schemas.Channel?.enum).toEqual([...CHANNELS]);
    expect(schemas.Language?.enum).toEqual([...LANGUAGES]);
    expect(schemas.InvoiceStatus?.enum).toEqual([...INVOICE_STATUSES]);
    const create = doc.paths['/v1/invoices']!.post!.requestBody!.content['application/json']!.schema!;
    const properties = (schemas[String(create.$ref).split('/').pop()!] ?? create).properties as Record<
      string,
      Schema
    >;
    // A shipped policy by the named enum, or a tenant's own by its id's pattern.
    expect(properties.policy?.anyOf).toEqual([
      { $ref: '#/components/schemas/Policy' },
      expect.objectContaining({ type: 'string', pattern: TENANT_POLICY_ID_PATTERN }),
    ]);
  });
});

describe('the API keeps the document’s promises', () => {
  it('tells the caller how to write a malformed field, with its pointer', async () => {
    const body = { ...invoiceBody(), dueDate: '01-03-2026', issueDate: '2026-02-31' };
    const problem = problemOf(await h.call('POST', '/v1/invoices', body), 400);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: '/dueDate', message: 'use YYYY-MM-DD' },
        { field: '/issueDate', message: 'use YYYY-MM-DD (a day that exists)' },
      ]),
    );
    expect(JSON.stringify(problem)).not.toContain('must match pattern');
    const policy = problemOf(
      await h.call('POST', '/v1/invoices', { ...invoiceBody(), policy: 'No Pe' }),
      400,
    );
    expect(policy.errors).toContainEqual({
      field: '/policy',
      message: `use a policy id: lower-case letters, digits and dashes (${Object.keys(POLICIES).join(', ')} or one of your own)`,
    });
  });

  it('answers 405 with Allow for a method a known path does not take', async () => {
    const response = await h.call('DELETE', '/v1/invoices');
    problemOf(response, 405);
    expect(String(response.headers.allow).split(', ').sort()).toEqual(['GET', 'HEAD', 'POST']);
    const one = await h.call('PUT', '/v1/invoices/INV-1');
    problemOf(one, 405);
    expect(one.headers.allow).toBe('GET, HEAD');
    problemOf(await h.call('GET', '/v1/no-such-thing'), 404);
  });

  it('refuses a zero amount and a malformed cursor as schema errors (400)', async () => {
    const zero = { ...invoiceBody(), amount: { currency: 'EUR', value: '0.00' } };
    expect(problemOf(await h.call('POST', '/v1/invoices', zero), 400).errors?.[0]?.field).toBe(
      '/amount/value',
    );
    const cursor = problemOf(await h.call('GET', '/v1/invoices?cursor=%21%21'), 400);
    expect(cursor.errors?.[0]?.field).toBe('querystring:/cursor');
    problemOf(await h.call('GET', `/v1/invoices?cursor=${Buffer.from('a b').toString('base64url')}`), 400);
  });
});
