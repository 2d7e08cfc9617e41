// The finishing pass over /openapi.json (the swagger plugin's transformObject): each response says
// what it is instead of "Default Response", and each parameter, request body and response carries
// an example. Examples are composed from the field examples the schemas declare (schemas.ts), so a
// field is exemplified once and every operation that uses it shows the same value;
// test/api/openapi.test.ts checks that every example validates against its own schema.

type Schema = Record<string, unknown>;
type Components = Record<string, Schema>;

interface Media {
  schema?: Schema;
  example?: unknown;
  examples?: unknown;
}
interface Response {
  description?: string;
  content?: Record<string, Media>;
}
interface Parameter {
  in: string;
  schema?: Schema;
  example?: unknown;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, Response>;
}
export interface OpenApiDocument {
  paths?: Record<string, Record<string, Operation>>;
  components?: { schemas?: Components };
}

/** What each status means for this API (problem responses add that they are RFC 9457 problems). */
export const RESPONSE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted',
  '204': 'No content',
  '303': 'See Other: follow the Location header',
  '400': 'The request is malformed or does not match the schema; `errors` names each field',
  '401': 'No valid credentials',
  '403': 'The credentials do not allow this',
  '404': 'No such resource',
  '405': 'The path exists but not for this method (see the Allow header)',
  '409': 'Conflicts with the resource’s current state',
  '413': 'The body is too large',
  '414': 'The URL is too long',
  '415': 'Unsupported content type',
  '422': 'Well-formed, but refused by a business rule',
  '429': 'Rate limit exceeded; retry later',
  '503': 'A dependency is unavailable; retry later',
};

const FORMAT_EXAMPLES: Readonly<Record<string, string>> = {
  date: '2026-03-01',
  'date-time': '2026-03-01T09:30:00Z',
  email: 'j.jansen@example.nl',
  uri: 'https://settle.example/p/abc123',
  url: 'https://settle.example/p/abc123',
};

const PROBLEM_TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
};

/** A problem as the API answers it with this status (RFC 9457; the 400 shows the field list). */
function problemExample(status: string): Record<string, unknown> {
  const code = Number(status);
  return {
    type: `https://settle.dev/problems/${code}`,
    title: PROBLEM_TITLES[code] ?? `HTTP ${code}`,
    status: code,
    detail: code === 400 ? 'the request does not match the schema' : RESPONSE_DESCRIPTIONS[status],
    ...(code === 400 ? { errors: [{ field: '/dueDate', message: 'use YYYY-MM-DD' }] } : {}),
    instance: '/v1/invoices',
  };
}

const isProblem = (schema: Schema | undefined) => schema?.$ref === '#/components/schemas/Problem';

/** Examples for free-text fields by their name, so that responses read like the API's own. */
const FIELD_EXAMPLES: Readonly<Record<string, string>> = {
  currency: 'EUR',
  value: '123.45',
  invoiceId: 'INV-2026-0042',
  debtorId: 'D-1001',
  policy: 'nl-consumer',
  stage: 'reminder-1',
  workflowId: 'dunning:t_8f2c41:INV-2026-0042',
  paymentId: 'tr_7UhSN1zuXS',
  mandateId: 'mdt_pWUnw6pkBN',
  description: 'Energie maart 2026',
  reason: 'debtor asked for time',
  detail: 'payment request sent by email',
  template: 'reminder-1',
  channel: 'email',
  status: 'sent',
  kind: 'message',
};

/** A plausible value for an unconstrained string, by its field's name. */
function fieldExample(name: string | undefined): string {
  if (!name) return 'text';
  if (FIELD_EXAMPLES[name]) return FIELD_EXAMPLES[name];
  if (/Url$/.test(name)) return 'https://settle.example/p/abc123';
  if (/At$|^at$/.test(name)) return '2026-03-01T09:30:00Z';
  return 'text';
}

const HTML_EXAMPLE = '<!doctype html><html lang="nl"><title>Settle</title></html>';

/** An example value of a schema: its own, else composed from its parts; undefined when none can be told. */
export function exampleOf(
  schema: Schema | undefined,
  components: Components,
  depth = 0,
  name?: string,
): unknown {
  if (!schema || depth > 12) return undefined;
  if ('example' in schema) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if ('default' in schema) return schema.default;
  if (typeof schema.$ref === 'string')
    return exampleOf(
      components[schema.$ref.replace('#/components/schemas/', '')],
      components,
      depth + 1,
      name,
    );
  // Beside properties, combinators constrain an object (e.g. "one of these fields"); alone, they
  // are its forms.
  const constrains = schema.properties !== undefined;
  for (const key of ['anyOf', 'oneOf'] as const)
    if (Array.isArray(schema[key]) && !constrains)
      return exampleOf((schema[key] as Schema[])[0], components, depth + 1, name);
  if (Array.isArray(schema.allOf) && !constrains)
    return Object.assign(
      {},
      ...(schema.allOf as Schema[]).map((part) => exampleOf(part, components, depth + 1) ?? {}),
    );
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const example: Record<string, unknown> = {};
      for (const [propertyName, property] of Object.entries(properties)) {
        const value = exampleOf(property, components, depth + 1, propertyName);
        if (value !== undefined) example[propertyName] = value;
      }
      return example;
    }
    case 'array': {
      const item = exampleOf(schema.items as Schema | undefined, components, depth + 1);
      const count = Math.max(1, Number(schema.minItems ?? 1));
      return item === undefined ? [] : Array.from({ length: count }, () => item);
    }
    case 'string':
      if (typeof schema.format === 'string' && FORMAT_EXAMPLES[schema.format])
        return FORMAT_EXAMPLES[schema.format];
      if (schema.pattern) return undefined;
      return fieldExample(name)
        .padEnd(Number(schema.minLength ?? 0), 'x')
        .slice(0, Number(schema.maxLength ?? Number.POSITIVE_INFINITY));
    case 'integer':
    case 'number':
      return Math.max(Number(schema.minimum ?? 1), Number(schema.exclusiveMinimum ?? 0) + 1);
    case 'boolean':
      return true;
    default:
      return undefined;
  }
}

function exemplify(mediaType: string, media: Media, components: Components): void {
  if (media.example !== undefined || media.examples !== undefined) return;
  const example = mediaType.startsWith('text/html') ? HTML_EXAMPLE : exampleOf(media.schema, components);
  if (example !== undefined) media.example = example;
}

/** transformObject of @fastify/swagger: response descriptions and examples throughout. */
export function finishDocument<Document extends object>(document: Document): Document {
  const openapiObject: OpenApiDocument = document;
  const components = openapiObject.components?.schemas ?? {};
  for (const operations of Object.values(openapiObject.paths ?? {}))
    for (const operation of Object.values(operations)) {
      for (const parameter of operation.parameters ?? []) {
        if (parameter.example !== undefined) continue;
        const example = exampleOf(parameter.schema, components);
        if (example !== undefined) parameter.example = example;
      }
      for (const [mediaType, media] of Object.entries(operation.requestBody?.content ?? {}))
        exemplify(mediaType, media, components);
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (!response.description || response.description === 'Default Response')
          response.description = RESPONSE_DESCRIPTIONS[status] ?? `HTTP ${status}`;
        for (const [mediaType, media] of Object.entries(response.content ?? {}))
          if (isProblem(media.schema)) media.example ??= problemExample(status);
          else exemplify(mediaType, media, components);
      }
    }
  return document;
}
