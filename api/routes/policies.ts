// Tenant-defined ladders over the API (issue 17 item 6): save a policy or a new version of it, list the
// shipped and own policies, read one with its versions, and choose the policy a debtor segment starts
// on. New invoices take the newest version; an invoice keeps the version it was created with.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/client.js';
import { CHANNELS, SEGMENTS, type Segment, STEP_ID_PATTERN } from '../../workflows/domain.js';
import { NL_CONSUMER, STEP_KINDS } from '../../workflows/policy/ladder.js';
import {
  LADDER_TEMPLATES,
  MAX_LADDER_STEPS,
  TENANT_POLICY_ID_PATTERN,
} from '../../workflows/policy/policy-rules.js';
import { tenantOf } from '../auth.js';
import { notFound } from '../problem.js';
import { problemResponses } from '../schemas.js';
import { type CataloguedPolicy, createTenantPolicies, type PolicyDraft } from '../tenant-policies.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));
const Days = (description: string) => Type.Integer({ description });

const Step = Type.Object(
  {
    id: Type.String({
      pattern: STEP_ID_PATTERN,
      description: 'unique within the ladder, e.g. reminder-3; the built-in ids keep their built-in kind',
    }),
    kind: literals(STEP_KINDS),
    after: Type.Object(
      {
        days: Days('days after the due date, or after the previous step was sent (−60 to 365)'),
        from: literals(['due', 'previous'] as const),
      },
      { additionalProperties: false },
    ),
    channels: Type.Union([Type.Literal('preferred'), Type.Array(literals(CHANNELS), { maxItems: 5 })], {
      description: "'preferred': the debtor's own channel order; a list: only these, in this order",
    }),
    template: Type.Union([literals(LADDER_TEMPLATES), Type.Null()], {
      description:
        'the shipped template the message uses (e.g. reminder-2 for a third reminder); null only for the handover',
    }),
    costDeadline: Type.Optional(
      Type.Object(
        {
          receiptDays: Days('days from sending to assumed receipt'),
          days: Days('the term after receipt: at least 14 (art. 6:96 lid 6 BW)'),
        },
        { additionalProperties: false, description: 'the consumer 14-day letter only' },
      ),
    ),
  },
  { additionalProperties: false },
);

const planLimits = {
  minInstalments: Type.Integer(),
  maxInstalments: Type.Integer({ description: 'at most 12' }),
  minInstalmentCents: Type.Integer(),
  intervalDays: Type.Integer(),
  firstDueDays: Type.Integer(),
  reminderDaysBefore: Type.Integer(),
  followUpAfterDays: Type.Integer(),
  breakAfterFollowUpDays: Type.Integer(),
};

const policyFields = {
  segment: literals(SEGMENTS),
  description: Type.String({ minLength: 1, maxLength: 500 }),
  steps: Type.Array(Step, { minItems: 1, maxItems: MAX_LADDER_STEPS }),
  respectCalendar: Type.Optional(
    Type.Boolean({
      description: 'lawful contact hours and payday alignment; cannot be switched off (default true)',
    }),
  ),
  maxPaydayWaitDays: Type.Integer(),
  costs: literals(['statutory-consumer', 'business', 'business-flat', 'none'] as const),
  interest: literals(['consumer', 'commercial', 'none'] as const),
  paymentPlan: Type.Object(planLimits, { additionalProperties: false }),
  promiseToPay: Type.Object(
    { maxDays: Type.Integer(), graceDays: Type.Integer() },
    { additionalProperties: false },
  ),
  paymentLinkValidDays: Type.Integer(),
  directDebit: Type.Optional(
    Type.Object(
      {
        leadDays: Type.Integer(),
        maxAttempts: Type.Integer(),
        verificationCents: Type.Integer(),
        chargebackWindowDays: Type.Integer(),
      },
      { additionalProperties: false },
    ),
  ),
};

const { version: _version, ...consumerDraft } = NL_CONSUMER;
const exampleDraft = {
  ...consumerDraft,
  id: 'house-consumer',
  description: 'Our consumer ladder: one reminder by SMS first, then the 14-day letter.',
};

const CreateBody = Type.Object(
  {
    id: Type.String({
      pattern: TENANT_POLICY_ID_PATTERN,
      description: 'your own id; never one of the shipped policies’ (the same id again saves a new version)',
    }),
    ...policyFields,
  },
  { additionalProperties: false, examples: [exampleDraft] },
);

const examplePolicy = {
  ...exampleDraft,
  version: 1,
  source: 'tenant',
  assignedTo: ['consumer'],
  createdBy: 'api-key:key_0123',
  createdAt: '2026-12-04T09:00:00.000Z',
};

const PolicySchema = Type.Object(
  {
    id: Type.String(),
    version: Type.Integer(),
    source: literals(['shipped', 'tenant'] as const),
    assignedTo: Type.Array(literals(SEGMENTS), {
      description: 'segments whose new invoices start on it when their create names no policy',
    }),
    createdBy: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    secondsPerDay: Type.Optional(Type.Number({ description: 'demo only: one day lasts this many seconds' })),
    ...policyFields,
    respectCalendar: Type.Boolean(),
  },
  { $id: 'DunningPolicy', examples: [examplePolicy] },
);

const PolicyParams = Type.Object(
  { policyId: Type.String({ pattern: '^[a-z][a-z0-9-]{1,39}$', examples: ['house-consumer'] }) },
  { additionalProperties: false },
);

const SegmentParams = Type.Object({ segment: literals(SEGMENTS) }, { additionalProperties: false });

const AssignmentSchema = Type.Object(
  {
    segment: literals(SEGMENTS),
    policy: Type.String(),
    version: Type.Integer({ description: 'the version new invoices of the segment take now' }),
    assignedAt: Type.String({ format: 'date-time' }),
  },
  {
    examples: [
      { segment: 'consumer', policy: 'house-consumer', version: 3, assignedAt: '2026-12-04T09:00:00.000Z' },
    ],
  },
);

export function policyResource(entry: CataloguedPolicy) {
  return {
    ...entry.policy,
    source: entry.source,
    assignedTo: entry.assignedTo,
    createdBy: entry.createdBy,
    createdAt: entry.createdAt?.toISOString() ?? null,
  };
}

export const policyRoutes: FastifyPluginAsync<{ db: Database }> = async (plugin, { db }) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(PolicySchema);
  const policies = createTenantPolicies(db);
  const byKey = (request: { apiKeyId?: string }) => `api-key:${request.apiKeyId ?? 'unknown'}`;

  app.post(
    '/policies',
    {
      schema: {
        summary: 'Save a ladder of your own, or a new version of it',
        security: [{ apiKey: [] }],
        body: CreateBody,
        response: { 201: { $ref: 'DunningPolicy#' }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const saved = await policies.save(tenantOf(request), request.body as PolicyDraft, byKey(request));
      return reply
        .code(201)
        .header('location', `/v1/policies/${saved.policy.id}`)
        .send(policyResource(saved));
    },
  );

  app.get(
    '/policies',
    {
      schema: {
        summary: 'The shipped policies and your own, each at its newest version',
        security: [{ apiKey: [] }],
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref('DunningPolicy')) }),
          ...problemResponses,
        },
      },
    },
    async (request) => ({ items: (await policies.catalogue(tenantOf(request))).map(policyResource) }),
  );

  app.get(
    '/policies/:policyId',
    {
      schema: {
        summary: 'One policy with all its versions, newest first',
        security: [{ apiKey: [] }],
        params: PolicyParams,
        response: {
          200: Type.Object(
            { id: Type.String(), versions: Type.Array(Type.Ref('DunningPolicy')) },
            { examples: [{ id: examplePolicy.id, versions: [examplePolicy] }] },
          ),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const { policyId } = request.params;
      const versions = await policies.versions(tenantOf(request), policyId);
      if (!versions) throw notFound(`policy ${policyId}`);
      return { id: policyId, versions: versions.map(policyResource) };
    },
  );

  app.put(
    '/policy-assignments/:segment',
    {
      schema: {
        summary: 'Choose the policy new invoices of a debtor segment start on',
        security: [{ apiKey: [] }],
        params: SegmentParams,
        body: Type.Object(
          { policy: Type.String({ minLength: 1, maxLength: 40 }) },
          { additionalProperties: false, examples: [{ policy: 'house-consumer' }] },
        ),
        response: { 200: AssignmentSchema, ...problemResponses },
      },
    },
    async (request) => {
      const segment = request.params.segment as Segment;
      const assigned = await policies.assign(tenantOf(request), segment, request.body.policy, byKey(request));
      return { ...assigned, assignedAt: assigned.assignedAt.toISOString() };
    },
  );
};
