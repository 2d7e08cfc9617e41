// One simulation request, whatever asks for it (the API, a script): the population, the response
// model that goes with it, and one or two policies run side by side over the same debtors.
import type { DunningPolicy } from '../workflows/policy/ladder.js';
import { type SimulationResult, simulate } from './engine.js';
import type { Population } from './population.js';
import { DEFAULT_RESPONSE_MODEL, type ResponseModel } from './response-model.js';

export interface SimulationRequest {
  policies: DunningPolicy[];
  population: Population;
  /** Absent: the model fitted with the population, else the default model. */
  model?: ResponseModel;
  seed: number;
  start: Date;
  horizonDays: number;
  actionPricePerMillionEur: number;
}

export interface SimulationAnswer {
  model: ResponseModel;
  results: SimulationResult[];
}

export function runSimulation(request: SimulationRequest): SimulationAnswer {
  const model = request.model ?? request.population.fittedModel ?? DEFAULT_RESPONSE_MODEL;
  return {
    model,
    results: request.policies.map((policy) =>
      simulate(request.population, policy, {
        start: request.start,
        horizonDays: request.horizonDays,
        model,
        seed: request.seed,
        actionPricePerMillionEur: request.actionPricePerMillionEur,
      }),
    ),
  };
}
