// RFC 9457 problem details: every error the API answers looks like this, with field-level detail.
import type { FastifyReply, RouteOptions } from 'fastify';
import { API_REFUSALS, type Refusal, refusalText } from '../workflows/commands/refusal.js';
import { RESPONSE_DESCRIPTIONS } from './openapi-document.js';

export interface FieldError {
  field: string;
  message: string;
}

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    /** A workflow's refusal behind the problem, as data: the console words it in the user's language. */
    readonly refusal?: Refusal,
  ) {
    super(detail ?? title);
  }
}

export const notFound = (what: string) => new Problem(404, 'Not Found', `${what} does not exist`);
export const unprocessable = (detail: string, errors?: FieldError[]) =>
  new Problem(422, 'Unprocessable Content', detail, errors);
/** An invoice's refusal of a command, in the API's words, carrying the refusal itself. */
export const refused = (refusal: Refusal) =>
  new Problem(422, 'Unprocessable Content', refusalText(API_REFUSALS, refusal), undefined, refusal);
export const conflict = (detail: string) => new Problem(409, 'Conflict', detail);

const TYPE_BASE = 'https://settle.dev/problems/';

export function sendProblem(reply: FastifyReply, problem: Problem) {
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send({
      type: `${TYPE_BASE}${problem.status}`,
      title: problem.title,
      status: problem.status,
      ...(problem.detail ? { detail: problem.detail } : {}),
      ...(problem.errors ? { errors: problem.errors } : {}),
      instance: reply.request.url.split('?')[0],
    });
}

/** OpenAPI/JSON schema of a problem body, referenced by every route's error responses. */
export const problemSchema = {
  $id: 'Problem',
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
} as const;

/** Statuses any route can answer with, whatever its own schema says (malformed requests, limits, outages). */
// 405 too: a path whose segments normalise to another route (`/v1/invoices/./x`) meets that route's methods.
const UNIVERSAL_PROBLEMS = [400, 404, 405, 413, 414, 415, 429, 503] as const;
const AUTHENTICATED_PROBLEMS = [401, 403] as const;

const problemResponse = (status: number | string) => ({
  description: `${RESPONSE_DESCRIPTIONS[String(status)] ?? `HTTP ${status}`} (RFC 9457 problem details)`,
  content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
});

/** onRoute hook: every route documents (and serialises) its problem answers as application/problem+json. */
export function documentProblemResponses(route: RouteOptions): void {
  route.schema ??= {};
  const schema = route.schema;
  const response = (schema.response ?? {}) as Record<string, unknown>;
  const statuses = route.url.startsWith('/v1')
    ? [...UNIVERSAL_PROBLEMS, ...AUTHENTICATED_PROBLEMS]
    : UNIVERSAL_PROBLEMS;
  for (const status of Object.keys(response)) {
    if (Number(status) >= 400 && isProblemRef(response[status])) response[status] = problemResponse(status);
  }
  for (const status of statuses) {
    const own = response[status] as { content?: Record<string, unknown> } | undefined;
    // A route's own answer for a universal status (a console page's 404) keeps its media type; a
    // request that reaches no route (a path that normalises to nothing) answers the problem document.
    if (own?.content && !own.content['application/problem+json'])
      own.content = { ...own.content, ...problemResponse(status).content };
    response[status] ??= problemResponse(status);
  }
  schema.response = response;
}

function isProblemRef(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { $ref?: string }).$ref === 'Problem#';
}
