// What-if simulations (issue 16 item 5): one policy or two side by side — shipped, or the caller's own
// tenant's (issue 17 item 6) — over a synthetic population or one shaped like the caller's own history
// (its fitted response model), with the workflow's own decisions in simulated time. Synchronous and
// bounded; nothing is stored or sent.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../db/client.js';
import { simulationHistory } from '../../db/queries/simulation-history.js';
import { SIMULATION_POLICY_IDS } from '../../simulation/policies.js';
import { historyPopulation, syntheticPopulation } from '../../simulation/population.js';
import { runSimulation } from '../../simulation/run.js';
import { CHANNELS } from '../../workflows/domain.js';
import { tenantOf } from '../auth.js';
import { policyToTry } from '../policy-to-try.js';
import { unprocessable } from '../problem.js';
import { problemResponses } from '../schemas.js';

/** Invoices per simulation: a synchronous answer within seconds (about 2 ms per invoice and policy). */
export const MAX_SIMULATED_INVOICES = 5_000;

const PolicyId = Type.String({
  description: `A shipped policy or a variant (${SIMULATION_POLICY_IDS.join(', ')}), or one of your own (GET /v1/policies)`,
  minLength: 1,
  maxLength: 64,
});
const Version = Type.Integer({
  minimum: 1,
  description: 'A version of your own policy (default: its newest); a shipped one has only its own',
});
const N = Type.Integer({ minimum: 1, maximum: MAX_SIMULATED_INVOICES, description: 'Invoices to simulate' });
const Seed = Type.Integer({ minimum: 0, maximum: 4_294_967_295, description: 'Same seed, same answer' });

const SimulationBody = Type.Object(
  {
    policy: PolicyId,
    policyVersion: Type.Optional(Version),
    comparePolicy: Type.Optional(PolicyId),
    comparePolicyVersion: Type.Optional(Version),
    population: Type.Union([
      Type.Object(
        { synthetic: Type.Object({ n: N, seed: Seed }, { additionalProperties: false }) },
        { additionalProperties: false },
      ),
      Type.Object(
        {
          history: Type.Object(
            { n: Type.Optional(N), seed: Type.Optional(Seed) },
            {
              additionalProperties: false,
              description: 'Shaped like your own invoices, with the model fitted from them',
            },
          ),
        },
        { additionalProperties: false },
      ),
    ]),
  },
  {
    additionalProperties: false,
    examples: [
      {
        policy: 'nl-consumer',
        comparePolicy: 'nl-consumer-lean',
        population: { synthetic: { n: 1000, seed: 1 } },
      },
    ],
  },
);

const Hazards = Type.Record(Type.String(), Type.Record(Type.String(), Type.Number()));
const Result = Type.Object({
  policyId: Type.String(),
  policyVersion: Type.Integer(),
  invoices: Type.Integer(),
  horizonDays: Type.Integer(),
  principalCents: Type.Integer(),
  principalRecoveredCents: Type.Integer(),
  recoveredPercent: Type.Number({ description: 'Principal paid within the horizon, of all principal' }),
  dsoDays: Type.Number({
    description: 'Principal-weighted days from issue to payment; unpaid until the horizon',
  }),
  paidInvoices: Type.Integer(),
  handedOver: Type.Integer(),
  messagesPerChannel: Type.Object(Object.fromEntries(CHANNELS.map((c) => [c, Type.Integer()]))),
  messagesPerInvoice: Type.Number(),
  collectionCostsChargedCents: Type.Integer({
    description: 'Collection costs charged to debtors, VAT included',
  }),
  temporalActions: Type.Integer({
    description: 'Estimate: 8 per invoice, 5 per message, 2 per payment, 1 per handover',
  }),
  costPerInvoiceEur: Type.Number({
    description: 'Temporal actions at ACTION_PRICE_PER_MILLION, per invoice',
  }),
});
const exampleResult = {
  policyId: 'nl-consumer',
  policyVersion: 1,
  invoices: 1000,
  horizonDays: 180,
  principalCents: 38_201_544,
  principalRecoveredCents: 31_936_490,
  recoveredPercent: 83.6,
  dsoDays: 56.4,
  paidInvoices: 831,
  handedOver: 169,
  messagesPerChannel: { email: 2316, sms: 432, whatsapp: 0, letter: 614, app: 0 },
  messagesPerInvoice: 3.36,
  collectionCostsChargedCents: 2_092_426,
  temporalActions: 26_641,
  costPerInvoiceEur: 0.000666,
};
const SimulationAnswer = Type.Object(
  {
    population: Type.Union([Type.Literal('synthetic'), Type.Literal('history')]),
    model: Type.Object({
      baseDailyHazard: Type.Number({ description: 'Daily probability of paying with no message in effect' }),
      lift: Hazards,
      halfLifeDays: Type.Optional(Type.Number()),
    }),
    results: Type.Array(Result, { minItems: 1, maxItems: 2 }),
  },
  {
    examples: [
      {
        population: 'synthetic',
        model: { baseDailyHazard: 0.004, lift: { reminder: { email: 0.04 } }, halfLifeDays: 5 },
        results: [exampleResult],
      },
    ],
  },
);

export const simulationRoutes: FastifyPluginAsync<{
  db: Database;
  now: () => Date;
  actionPricePerMillionEur: number;
  horizonDays: number;
}> = async (app, { db, now, actionPricePerMillionEur, horizonDays }) => {
  app.withTypeProvider<TypeBoxTypeProvider>().post(
    '/simulations',
    {
      schema: {
        summary: 'Predict what a policy, or two side by side, would do over a population',
        security: [{ apiKey: [] }],
        body: SimulationBody,
        response: { 200: SimulationAnswer, ...problemResponses },
      },
    },
    async (request) => {
      const tenantId = tenantOf(request);
      const { body } = request;
      const asked = [
        { field: '/policy', id: body.policy, version: body.policyVersion },
        ...(body.comparePolicy
          ? [{ field: '/comparePolicy', id: body.comparePolicy, version: body.comparePolicyVersion }]
          : []),
      ];
      if (body.comparePolicyVersion !== undefined && !body.comparePolicy)
        throw unprocessable('a version without a policy', [
          { field: '/comparePolicyVersion', message: 'needs comparePolicy' },
        ]);
      const found = await Promise.all(asked.map((a) => policyToTry(db, tenantId, a.id, a.version)));
      const errors = found.flatMap((f, i) =>
        'problem' in f ? [{ field: asked[i]!.field, message: f.problem }] : [],
      );
      if (errors.length > 0) throw unprocessable('unknown policy', errors);
      const policies = found
        .map((f) => ('policy' in f ? f.policy : undefined))
        .filter((p) => p !== undefined);
      const ids = policies.map((p) => `${p.id}@${p.version}`);
      let population: ReturnType<typeof syntheticPopulation>;
      let seed: number;
      if ('synthetic' in body.population) {
        ({ seed } = body.population.synthetic);
        population = syntheticPopulation(body.population.synthetic);
      } else {
        seed = body.population.history.seed ?? 1;
        const history = await simulationHistory(db, { tenantId });
        if (history.invoices.length === 0)
          throw unprocessable('there is no history to fit: this tenant has no invoices yet', [
            { field: '/population/history', message: 'has no invoices to fit' },
          ]);
        population = historyPopulation(history.invoices, history.messages, {
          seed,
          asOf: now(),
          n: Math.min(body.population.history.n ?? history.invoices.length, MAX_SIMULATED_INVOICES),
        });
      }
      const answer = runSimulation({
        policies,
        population,
        seed,
        start: now(),
        horizonDays,
        actionPricePerMillionEur,
      });
      request.log.info({ tenantId, invoices: population.invoices.length, policies: ids }, 'simulation run');
      return {
        population: 'synthetic' in body.population ? ('synthetic' as const) : ('history' as const),
        model: answer.model,
        results: answer.results.map((result, i) => ({ ...result, policyVersion: policies[i]!.version })),
      };
    },
  );
};
