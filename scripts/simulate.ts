// npm run simulate -- [--tenant <tenant-id>] [policy[@version]] [otherPolicy[@version]]: a synthetic
// population (SIM_N invoices, seed SIM_SEED) through one policy or two side by side, with the default
// response model. With --tenant, a policy may be one of that tenant's own (from DATABASE_URL), at its
// newest version or the one named. Prints a table and a RESULT line. Nothing is stored or sent.
import { parseArgs } from 'node:util';
import { policyToTry, shippedToTry } from '../api/policy-to-try.js';
import { loadConfig, requireSetting } from '../config.js';
import { connectDatabase } from '../db/client.js';
import { DEFAULT_HORIZON_DAYS, simulate } from '../simulation/engine.js';
import { SIMULATION_POLICY_IDS } from '../simulation/policies.js';
import { syntheticPopulation } from '../simulation/population.js';
import { formatTable, resultLine } from '../simulation/report.js';
import { DEFAULT_RESPONSE_MODEL } from '../simulation/response-model.js';

const config = loadConfig();
const { values, positionals } = parseArgs({
  options: { tenant: { type: 'string' } },
  allowPositionals: true,
  args: process.argv.slice(2).filter((a) => a !== '--'),
});
const [first = 'nl-consumer', second] = positionals;
const asked = [first, ...(second ? [second] : [])].map((arg) => {
  const [id = '', version] = arg.split('@');
  return { id, version: version === undefined ? undefined : Number(version) };
});
const tenantId = values.tenant;
const database = tenantId
  ? connectDatabase(requireSetting(config.databaseUrl, 'DATABASE_URL'), { max: 1 })
  : undefined;
const found = await Promise.all(
  asked.map(({ id, version }) =>
    database && tenantId
      ? policyToTry(database.db, tenantId, id, version)
      : Promise.resolve(
          shippedToTry(id, version) ?? {
            problem: `one of ${SIMULATION_POLICY_IDS.join(', ')} (or --tenant for a tenant's own)`,
          },
        ),
  ),
);
await database?.close();
const policies = found.map((f, i) => {
  if ('problem' in f) {
    console.error(`policy ${asked[i]!.id}: ${f.problem}`);
    process.exit(2);
  }
  return f.policy;
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
