// Temporal's remote codec protocol, for operators who may read decrypted payloads in the Temporal UI
// or CLI: POST /codec/decode and /codec/encode take and return {payloads:[…]} in proto3 JSON (bytes as
// base64). Guarded by the operator token; CORS only for the configured UI origins.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../../config.js';
import { payloadCodecFor } from '../../temporal/data-converter.js';
import { Problem } from '../problem.js';
import { codecSessionRoutes, hasOperatorSession } from './codec-session.js';

export interface CodecRouteOptions {
  codec: PayloadCodec;
  operatorToken: string;
  corsOrigins: string[];
  /** The operator sign-in form must be posted from here. */
  publicBaseUrl: string;
}

/** The codec endpoint is served when payloads are encrypted and an operator token is configured. */
export function codecRouteOptions(config: Config): CodecRouteOptions | undefined {
  const codec = payloadCodecFor(config);
  const { operatorToken, corsOrigins } = config.codecServer;
  return codec && operatorToken
    ? { codec, operatorToken, corsOrigins, publicBaseUrl: config.http.publicBaseUrl }
    : undefined;
}

interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

const BASE64 = '^[A-Za-z0-9+/_-]*={0,2}$';
const payloadSchema = {
  type: 'object',
  properties: {
    metadata: { type: 'object', additionalProperties: { type: 'string', pattern: BASE64 } },
    data: { type: 'string', pattern: BASE64 },
  },
} as const;
const payloadsSchema = {
  type: 'object',
  required: ['payloads'],
  properties: { payloads: { type: 'array', maxItems: 1000, items: payloadSchema } },
} as const;
const ENCRYPTED_EXAMPLE = {
  payloads: [
    {
      metadata: { encoding: 'YmluYXJ5L2VuY3J5cHRlZA==', 'encryption-key-id': 'MjAyNi0xMg==' },
      data: 'q2xN0mW1yV8rQ0p1b3R0b20tY2lwaGVydGV4dA==',
    },
  ],
};
const PLAIN_EXAMPLE = {
  payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'eyJpbnZvaWNlSWQiOiJJTlYtMTAwMSJ9' }],
};

const fromJson = (payload: JsonPayload): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64')]),
  ),
  data: Buffer.from(payload.data ?? '', 'base64'),
});
const toJson = (payload: Payload): JsonPayload => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [
      key,
      Buffer.from(value).toString('base64'),
    ]),
  ),
  data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
});

const digest = (value: string) => createHash('sha256').update(value).digest();

export const codecRoutes: FastifyPluginAsync<CodecRouteOptions> = async (app, options) => {
  const expected = digest(`Bearer ${options.operatorToken}`);
  const allowedOrigins = new Set(options.corsOrigins);

  // The Temporal UI calls from the browser: answer its origin (and its preflight) only if allowed.
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin || !allowedOrigins.has(origin)) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('access-control-allow-credentials', 'true');
    reply.header('vary', 'Origin');
  });

  // Compared as digests: constant time, whatever the length of what was sent.
  const tokenMatches = (given: string) => timingSafeEqual(digest(`Bearer ${given}`), expected);

  /** The operator token as Bearer (CLI, a sign-in proxy), or the session the sign-in page set (the UI). */
  function authorise(request: FastifyRequest): void {
    const given = request.headers.authorization;
    if (given ? timingSafeEqual(digest(given), expected) : hasOperatorSession(request, options.operatorToken))
      return;
    throw new Problem(
      401,
      'Unauthorized',
      'an operator token is required (Authorization: Bearer …, or sign in at /codec/sign-in)',
    );
  }

  codecSessionRoutes(app, {
    operatorToken: options.operatorToken,
    publicBaseUrl: options.publicBaseUrl,
    tokenMatches,
  });

  const route = (action: 'encode' | 'decode', summary: string, example: object, answer: object) => {
    const url = `/codec/${action}`;
    app.options(url, { schema: { hide: true } }, async (_request, reply: FastifyReply) =>
      reply
        .code(204)
        .header('access-control-allow-methods', 'POST, OPTIONS')
        .header('access-control-allow-headers', 'content-type, x-namespace, authorization')
        .header('access-control-max-age', '600')
        .send(),
    );
    app.post<{ Body: { payloads: JsonPayload[] } }>(
      url,
      {
        // A workflow's history can carry many payloads at once.
        bodyLimit: 4 * 1024 * 1024,
        // Before the body is looked at: without the token, nothing about it is answered.
        preValidation: async (request) => authorise(request),
        schema: {
          summary,
          tags: ['operators'],
          description:
            'Temporal remote codec protocol (Temporal UI "Codec Server" setting, or `temporal --codec-endpoint` ' +
            'with `--codec-auth`). Authenticated with the operator token CODEC_OPERATOR_TOKEN, not a tenant key.',
          security: [{ apiKey: [] }],
          headers: {
            type: 'object',
            properties: {
              'x-namespace': { type: 'string', description: 'Temporal namespace (informative)' },
            },
          },
          body: { ...payloadsSchema, examples: [example] },
          response: {
            200: { ...payloadsSchema, examples: [answer] },
            401: { $ref: 'Problem#' },
            422: { $ref: 'Problem#' },
          },
        },
      },
      async (request) => {
        const payloads = request.body.payloads.map(fromJson);
        try {
          const converted = await options.codec[action](payloads);
          return { payloads: converted.map(toJson) };
        } catch (error) {
          // Tampered ciphertext, an unknown key id, bytes that are no payload: the caller's input.
          throw new Problem(
            422,
            'Unprocessable Content',
            `payloads cannot be ${action}d: ${(error as Error).message}`,
          );
        }
      },
    );
  };
  route('decode', 'Decrypt Temporal payloads for an operator', ENCRYPTED_EXAMPLE, PLAIN_EXAMPLE);
  route('encode', 'Encrypt Temporal payloads for an operator', PLAIN_EXAMPLE, ENCRYPTED_EXAMPLE);
};
