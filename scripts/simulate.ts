// npm run simulate -- [policy] [otherPolicy]: a synthetic population (SIM_N invoices, seed SIM_SEED)
// through one policy or two side by side, with the default response model. Prints a table and a
// RESULT line. Nothing is stored and nothing is sent.
import { loadConfig } from '../config.js';
import { DEFAULT_HORIZON_DAYS, simulate } from '../simulation/engine.js';
import { SIMULATION_POLICY_IDS, simulationPolicy } from '../simulation/policies.js';
import { syntheticPopulation } from '../simulation/population.js';
import { formatTable, resultLine } from '../simulation/report.js';
import { DEFAULT_RESPONSE_MODEL } from '../simulation/response-model.js';

const config = loadConfig();
const [first = 'nl-consumer', second] = process.argv.slice(2).filter((a) => a !== '--');
const policies = [first, ...(second ? [second] : [])].map((id) => {
  const policy = simulationPolicy(id);
  if (!policy) {
    console.error(`unknown policy ${id}; one of: ${SIMULATION_POLICY_IDS.join(', ')}`);
    process.exit(2);
  }
  return policy;
});
const { n, seed } = config.simulation;
const horizonDays = DEFAULT_HORIZON_DAYS;
const start = new Date('2027-01-04T09:00:00.000Z');
const population = syntheticPopulation({ n, seed });
const began = performance.now();
const results = policies.map((policy) =>
  simulate(population, policy, {
    start,
    horizonDays,
    model: DEFAULT_RESPONSE_MODEL,
    seed,
    actionPricePerMillionEur: config.simulation.actionPricePerMillionEur,
  }),
);
console.log(
  `${n} synthetic invoices, seed ${seed}, ${horizonDays} days from ${start.toISOString().slice(0, 10)}\n`,
);
console.log(formatTable(results));
console.log(`\n(${Math.round(performance.now() - began)} ms)`);
console.log(resultLine(results));
