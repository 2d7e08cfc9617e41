// Experiments with a holdout (issue 16 item 4): a tenant runs arms — template variants, channel
// order or send slots — on one step of its ladder against a random holdout on the current default,
// and reads the result per arm with the uplift against the holdout. Checks and statistics are in
// workflows/policy/experiments.ts; the workflow asks for an invoice's arm before the step.
import { randomUUID } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Static, Type } from '@sinclair/typebox';
import { stringify } from 'csv-stringify/sync';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/client.js';
import {
  assignedInvoices,
  type ExperimentWithArms,
  getExperiment,
  insertExperiment,
  listExperiments,
  savedOverrideVersions,
  stopExperiment,
} from '../../db/queries/experiments.js';
import { newestTenantPolicies } from '../../db/queries/tenant-policies.js';
import { CHANNELS } from '../../workflows/domain.js';
import {
  type ArmConfig,
  DEFAULT_HOLDOUT_SHARE,
  type ExperimentDraft,
  experimentProblems,
  experimentReport,
  lawfulArmConfig,
  MAX_HOLDOUT_SHARE,
} from '../../workflows/policy/experiments.js';
import { POLICIES, STEP_KINDS } from '../../workflows/policy/ladder.js';
import { tenantOf } from '../auth.js';
import { conflict, notFound, unprocessable } from '../problem.js';
import { ReportFormat } from '../reports/report-route.js';
import { problemResponses } from '../schemas.js';

interface Options {
  db: Database;
  now: () => Date;
  /** Forgets this process's cache of the tenant at once (other processes hear the NOTIFY). */
  tenantChanged: (tenantId: string) => void;
}

const ID_PATTERN = '^exp_[0-9a-f]{32}$';

const Goal = Type.Union(
  [
    Type.Object(
      { kind: Type.Literal('paid-within-days'), days: Type.Integer({ minimum: 1, maximum: 365 }) },
      { additionalProperties: false, description: 'success: paid in full within `days` of the assignment' },
    ),
    Type.Object(
      { kind: Type.Literal('euros-collected'), days: Type.Integer({ minimum: 1, maximum: 365 }) },
      { additionalProperties: false, description: 'success: the share of the claim collected within `days`' },
    ),
  ],
  { description: 'What the bandit maximises and the report measures' },
);

const ArmConfigSchema = Type.Union([
  Type.Object(
    { kind: Type.Literal('template-variant'), version: Type.Integer({ minimum: 1 }) },
    {
      additionalProperties: false,
      description:
        'the tenant’s saved override version of the step’s template (GET /v1/templates/…/versions)',
    },
  ),
  Type.Object(
    {
      kind: Type.Literal('channel-order'),
      order: Type.Array(Type.Union(CHANNELS.map((c) => Type.Literal(c))), { minItems: 1, maxItems: 5 }),
    },
    {
      additionalProperties: false,
      description:
        'these channels first, after a channel the debtor chose themselves; steps on the debtor’s preferred channels only',
    },
  ),
  Type.Object(
    {
      kind: Type.Literal('send-slot'),
      hour: Type.Integer({ minimum: 0, maximum: 23 }),
      minute: Type.Integer({ minimum: 0, maximum: 59 }),
    },
    {
      additionalProperties: false,
      description: 'Amsterdam time of the send; clamped into contact hours (07:00–19:59), never outside them',
    },
  ),
]);

const Arm = Type.Object(
  { key: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' }), config: ArmConfigSchema },
  { additionalProperties: false },
);

const exampleBody = {
  name: 'Reminder 2: SMS first',
  policyId: 'nl-consumer',
  step: { id: 'reminder-2' },
  goal: { kind: 'paid-within-days', days: 14 },
  holdoutShare: 0.1,
  arms: [
    { key: 'email-first', config: { kind: 'channel-order', order: ['email', 'sms'] } },
    { key: 'sms-first', config: { kind: 'channel-order', order: ['sms', 'email'] } },
  ],
};

const CreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    policyId: Type.Optional(
      Type.String({
        description: `only invoices on this policy (${Object.keys(POLICIES).join(', ')} or one of your own, checked at its newest version); default any`,
      }),
    ),
    step: Type.Union([
      Type.Object({ id: Type.String({ minLength: 1 }) }, { additionalProperties: false }),
      Type.Object(
        { kind: Type.String({ description: `one of ${STEP_KINDS.join(', ')}` }) },
        { additionalProperties: false },
      ),
    ]),
    goal: Goal,
    holdoutShare: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: MAX_HOLDOUT_SHARE,
        description: `share of invoices kept on the current default (default ${DEFAULT_HOLDOUT_SHARE})`,
      }),
    ),
    arms: Type.Array(Arm, { minItems: 2, maxItems: 10 }),
  },
  { additionalProperties: false, examples: [exampleBody] },
);

const exampleExperiment = {
  id: 'exp_0f9e8d7c6b5a49382716f5e4d3c2b1a0',
  ...exampleBody,
  status: 'running',
  createdAt: '2026-12-04T09:00:00.000Z',
  startedAt: '2026-12-04T09:00:00.000Z',
  stoppedAt: null,
};

const ExperimentSchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    policyId: Type.Union([Type.String(), Type.Null()]),
    step: Type.Union([Type.Object({ id: Type.String() }), Type.Object({ kind: Type.String() })]),
    goal: Goal,
    holdoutShare: Type.Number(),
    arms: Type.Array(Arm),
    status: Type.Union([Type.Literal('draft'), Type.Literal('running'), Type.Literal('stopped')]),
    createdAt: Type.String({ format: 'date-time' }),
    startedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    stoppedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'Experiment', examples: [exampleExperiment] },
);

const ReportRow = Type.Object({
  arm: Type.String({ description: 'an arm’s key, or holdout' }),
  invoices: Type.Integer({ description: 'assigned' }),
  matured: Type.Integer({ description: 'outcome known: the goal’s window has passed, or paid within it' }),
  paidRate: Type.Union([Type.Number(), Type.Null()], {
    description: 'paid in full within the window, of matured',
  }),
  eurosPerInvoice: Type.Union([Type.Number(), Type.Null()], {
    description: 'collected within the window, per matured invoice',
  }),
  medianDaysToPay: Type.Union([Type.Number(), Type.Null()]),
  goalRate: Type.Number({ description: 'posterior mean of the goal, Beta(1 + successes, 1 + failures)' }),
  upliftMean: Type.Union([Type.Number(), Type.Null()], { description: 'goal rate minus the holdout’s' }),
  upliftLow: Type.Union([Type.Number(), Type.Null()], { description: '95% credible interval, lower end' }),
  upliftHigh: Type.Union([Type.Number(), Type.Null()], { description: '95% credible interval, upper end' }),
  probabilityBetter: Type.Union([Type.Number(), Type.Null()], { description: 'P(arm beats the holdout)' }),
});
type ReportRowType = Static<typeof ReportRow>;

const exampleReport = {
  experimentId: exampleExperiment.id,
  goal: exampleBody.goal,
  asOf: '2026-12-20T09:00:00.000Z',
  rows: [
    {
      arm: 'holdout',
      invoices: 41,
      matured: 40,
      paidRate: 0.3,
      eurosPerInvoice: 52.1,
      medianDaysToPay: 6.5,
      goalRate: 0.3095,
      upliftMean: null,
      upliftLow: null,
      upliftHigh: null,
      probabilityBetter: null,
    },
    {
      arm: 'email-first',
      invoices: 102,
      matured: 100,
      paidRate: 0.33,
      eurosPerInvoice: 57.3,
      medianDaysToPay: 7,
      goalRate: 0.3333,
      upliftMean: 0.0238,
      upliftLow: -0.1426,
      upliftHigh: 0.1853,
      probabilityBetter: 0.6131,
    },
    {
      arm: 'sms-first',
      invoices: 257,
      matured: 250,
      paidRate: 0.46,
      eurosPerInvoice: 80.2,
      medianDaysToPay: 4.2,
      goalRate: 0.4603,
      upliftMean: 0.1508,
      upliftLow: 0,
      upliftHigh: 0.2966,
      probabilityBetter: 0.9749,
    },
  ],
};

const ReportSchema = Type.Object(
  {
    experimentId: Type.String(),
    goal: Goal,
    asOf: Type.String({ format: 'date-time' }),
    rows: Type.Array(ReportRow),
  },
  { examples: [exampleReport] },
);

const REPORT_COLUMNS = Object.keys(ReportRow.properties);
const toCsv = (rows: ReportRowType[]) => stringify(rows, { header: true, columns: REPORT_COLUMNS });

const Params = Type.Object(
  { experimentId: Type.String({ pattern: ID_PATTERN, examples: [exampleExperiment.id] }) },
  { additionalProperties: false },
);

function resource(e: ExperimentWithArms) {
  return {
    id: e.id,
    name: e.name,
    policyId: e.policyId,
    step: e.stepId ? { id: e.stepId } : { kind: e.stepKind! },
    goal: e.goal,
    holdoutShare: e.holdoutShare,
    arms: e.arms.map((a) => ({ key: a.key, config: a.config })),
    status: e.status,
    createdAt: e.createdAt.toISOString(),
    startedAt: e.startedAt?.toISOString() ?? null,
    stoppedAt: e.stoppedAt?.toISOString() ?? null,
  };
}

export const experimentRoutes: FastifyPluginAsync<Options> = async (plugin, { db, now, tenantChanged }) => {
  const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(ExperimentSchema);

  app.post(
    '/experiments',
    {
      schema: {
        summary: 'Start an experiment on a step, against a random holdout',
        security: [{ apiKey: [] }],
        body: CreateBody,
        response: { 201: { $ref: 'Experiment#' }, ...problemResponses },
      },
    },
    async (request, reply) => {
      const tenantId = tenantOf(request);
      const body = request.body as ExperimentDraft;
      const [saved, own] = await Promise.all([
        savedOverrideVersions(db, tenantId),
        newestTenantPolicies(db, tenantId),
      ]);
      // The tenant's own ladders (issue 17 item 6) next to the shipped ones: their steps, named freely,
      // are what an experiment may target by id; new invoices take their newest version.
      const problems = experimentProblems(body, {
        policies: { ...POLICIES, ...Object.fromEntries(own.map((row) => [row.policyId, row.definition])) },
        savedVersions: (template) => saved.get(template) ?? [],
      });
      if (problems.length) throw unprocessable('The experiment cannot run', problems);
      const id = `exp_${randomUUID().replaceAll('-', '')}`;
      await insertExperiment(db, {
        tenantId,
        id,
        name: body.name,
        policyId: body.policyId ?? null,
        stepId: 'id' in body.step ? body.step.id : null,
        stepKind: 'kind' in body.step ? body.step.kind : null,
        goal: body.goal,
        holdoutShare: body.holdoutShare ?? DEFAULT_HOLDOUT_SHARE,
        arms: body.arms.map((a) => ({ key: a.key, config: lawfulArmConfig(a.config as ArmConfig) })),
      });
      tenantChanged(tenantId);
      request.log.info({ tenantId, experimentId: id, arms: body.arms.length }, 'experiment started');
      const created = (await getExperiment(db, tenantId, id))!;
      return reply.code(201).header('location', `/v1/experiments/${id}`).send(resource(created));
    },
  );

  app.get(
    '/experiments',
    {
      schema: {
        summary: 'The tenant’s experiments, newest first',
        security: [{ apiKey: [] }],
        response: {
          200: Type.Object({ items: Type.Array(Type.Ref('Experiment')) }),
          ...problemResponses,
        },
      },
    },
    async (request) => ({ items: (await listExperiments(db, tenantOf(request))).map(resource) }),
  );

  app.get(
    '/experiments/:experimentId',
    {
      schema: {
        summary: 'One experiment with its arms',
        security: [{ apiKey: [] }],
        params: Params,
        response: { 200: { $ref: 'Experiment#' }, ...problemResponses },
      },
    },
    async (request) => {
      const experiment = await getExperiment(db, tenantOf(request), request.params.experimentId);
      if (!experiment) throw notFound(`experiment ${request.params.experimentId}`);
      return resource(experiment);
    },
  );

  app.post(
    '/experiments/:experimentId/stop',
    {
      schema: {
        summary: 'Stop an experiment: no further assignments',
        security: [{ apiKey: [] }],
        params: Params,
        response: { 200: { $ref: 'Experiment#' }, ...problemResponses },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const { experimentId } = request.params;
      const experiment = await getExperiment(db, tenantId, experimentId);
      if (!experiment) throw notFound(`experiment ${experimentId}`);
      if (!(await stopExperiment(db, tenantId, experimentId)))
        throw conflict(`experiment ${experimentId} is not running`);
      tenantChanged(tenantId);
      return resource((await getExperiment(db, tenantId, experimentId))!);
    },
  );

  app.get(
    '/experiments/:experimentId/report',
    {
      schema: {
        summary: 'The result per arm, with the uplift against the holdout',
        security: [{ apiKey: [] }],
        params: Params,
        querystring: Type.Object({ format: ReportFormat }, { additionalProperties: false }),
        response: {
          200: {
            description: 'The report: JSON, or its rows as CSV',
            content: {
              'application/json': { schema: ReportSchema },
              'text/csv': { schema: Type.String({ examples: [toCsv(exampleReport.rows)] }) },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const tenantId = tenantOf(request);
      const { experimentId } = request.params;
      const experiment = await getExperiment(db, tenantId, experimentId);
      if (!experiment) throw notFound(`experiment ${experimentId}`);
      const asOf = now();
      const invoices = await assignedInvoices(db, {
        tenantId,
        experimentId,
        days: experiment.goal.days,
        now: asOf,
      });
      const rows: ReportRowType[] = experimentReport(
        experiment.goal,
        experiment.arms.map((a) => a.key),
        invoices,
      ).map(({ uplift, ...row }) => ({
        ...row,
        upliftMean: uplift?.mean ?? null,
        upliftLow: uplift?.low ?? null,
        upliftHigh: uplift?.high ?? null,
        probabilityBetter: uplift?.probabilityBetter ?? null,
      }));
      const format = request.query.format;
      const csv =
        format === 'csv' || (format === undefined && /(^|,)\s*text\/csv/.test(request.headers.accept ?? ''));
      if (!csv) return reply.send({ experimentId, goal: experiment.goal, asOf: asOf.toISOString(), rows });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${experimentId}.csv"`)
        .send(toCsv(rows));
    },
  );
};
