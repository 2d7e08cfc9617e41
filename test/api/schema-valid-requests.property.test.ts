// What the document calls valid, the API takes: fast-check builds requests from the published
// /openapi.json schemas of representative operations (an invoice, the lists with their filters and
// cursors, a debtor's contact data), keeps those that validate against the schema, and the API must
// refuse none of them as malformed (400) or unacceptable (422). Where the two disagreed, the schema
// now says what the handler checks (positive amounts, a reachable debtor, the policy's segment).
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Schema, valid } from '../../drills/lib/schema-arbitrary.js';
import { POLICIES } from '../../workflows/policy/ladder.js';
import { type ApiHarness, invoiceBody, startApiHarness } from './harness.js';

// ajv-formats is CommonJS: its plugin is the module itself (default export of a default export).
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

type Operation = {
  parameters?: { in: string; name: string; required?: boolean; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

let h: ApiHarness;
let doc: Document;
let debtorId: string;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

beforeAll(async () => {
  h = await startApiHarness({ worker: false, sandboxReports: false });
  doc = (await h.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  ajv.addSchema(doc, 'openapi');
  const body = invoiceBody({}, { phone: '+31612345678' });
  debtorId = body.debtor.id;
  expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
});
afterAll(async () => {
  await h?.close();
});

const context = {
  resolve: (ref: string) => doc.components.schemas[ref.replace('#/components/schemas/', '')] ?? {},
};
const pointer = (path: string, method: string) =>
  `openapi#/paths/${path.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}`;

/** Bodies valid by the operation's published schema. */
function bodies(path: string, method: string): fc.Arbitrary<Record<string, unknown>> {
  const validate = ajv.getSchema(`${pointer(path, method)}/requestBody/content/application~1json/schema`)!;
  const schema = doc.paths[path]![method]!.requestBody!.content['application/json']!.schema;
  return valid(schema, context)
    .filter((body) => validate(body) === true)
    .map((body) => body as Record<string, unknown>);
}

/** Query strings valid by the operation's published parameters. */
function queries(path: string, method: string): fc.Arbitrary<string> {
  const parameters = (doc.paths[path]![method]!.parameters ?? []).filter((p) => p.in === 'query');
  return fc
    .record(Object.fromEntries(parameters.map((p) => [p.name, valid(p.schema, context)])), {
      requiredKeys: [],
    })
    .map((query) => new URLSearchParams(query as Record<string, string>).toString());
}

// Sized for two shared cores: each invoice run starts a workflow.
const RUNS = { numRuns: 15 };
const refusedAsInvalid = (status: number) => status === 400 || status === 422;

describe('requests valid by the published schema are not refused as invalid', () => {
  it('POST /v1/invoices', async () => {
    await fc.assert(
      fc.asyncProperty(bodies('/v1/invoices', 'post'), async (generated) => {
        // The one rule no JSON Schema can state: the due date does not lie before the issue date.
        const [issueDate, dueDate] = [String(generated.issueDate), String(generated.dueDate)].sort();
        const { policy, ...rest } = generated as { policy?: string };
        // And the tenant's data: an id of the tenant's own policies names one only once it is stored,
        // so an id the generator made up is left out (the segment's default applies).
        const known = policy !== undefined && policy in POLICIES;
        const body = { ...rest, ...(known ? { policy } : {}), issueDate, dueDate };
        const response = await h.call('POST', '/v1/invoices', body);
        expect(refusedAsInvalid(response.statusCode), `${response.statusCode} ${response.body}`).toBe(false);
      }),
      RUNS,
    );
  });

  it.each([
    ['/v1/invoices', 'get'],
    ['/v1/debtor-requests', 'get'],
  ])('GET %s with its filters', async (path, method) => {
    await fc.assert(
      fc.asyncProperty(queries(path, method), async (query) => {
        const response = await h.call('GET', `${path}?${query}`);
        // A generated cursor is well-formed but may name no id: that is the one 400 a list may give.
        const cursorOnly = response.statusCode === 400 && /querystring:\/cursor/.test(response.body);
        expect(
          refusedAsInvalid(response.statusCode) && !cursorOnly,
          `${response.statusCode} ${response.body}`,
        ).toBe(false);
      }),
      RUNS,
    );
  });

  it('PATCH /v1/debtors/{debtorId}', async () => {
    await fc.assert(
      fc.asyncProperty(bodies('/v1/debtors/{debtorId}', 'patch'), async (body) => {
        const response = await h.call('PATCH', `/v1/debtors/${debtorId}`, body);
        expect(refusedAsInvalid(response.statusCode), `${response.statusCode} ${response.body}`).toBe(false);
      }),
      RUNS,
    );
  });
});
