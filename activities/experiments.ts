// The experiment assignment activity: reads the outcomes so far from PostgreSQL, draws the arm
// (policy/experiments.ts) and records it once per (experiment, invoice), so a retry or a replay gets
// the stored assignment and the workflow's history holds the answer.
import type { Database } from '../db/client.js';
import {
  assignedInvoices,
  assignmentOf,
  recordAssignment,
  runningExperiments,
} from '../db/queries/experiments.js';
import type { ExperimentActivities, ExperimentAssignment } from '../workflows/activity-contract.js';
import {
  type ArmConfig,
  chooseArm,
  experimentCovers,
  HOLDOUT,
  outcomesOf,
} from '../workflows/policy/experiments.js';
import type { Random } from '../workflows/policy/random.js';

export interface ExperimentDeps {
  db: Database;
  /** Uniform in [0, 1); tests pass a seeded one. */
  random?: Random;
  now?: () => Date;
}

export function createExperimentActivities(deps: ExperimentDeps): ExperimentActivities {
  const { db } = deps;
  const random = deps.random ?? Math.random;
  const now = deps.now ?? (() => new Date());
  return {
    async assignExperimentArm(input) {
      const running = await runningExperiments(db, input.tenantId);
      // The oldest running experiment on the step wins; a step runs one experiment at a time.
      const experiment = running.find((e) => experimentCovers(e, input));
      if (!experiment) return null;
      const answer = (arm: string): ExperimentAssignment => {
        const config = experiment.arms.find((a) => a.key === arm)?.config as ArmConfig | undefined;
        return { experimentId: experiment.id, arm, ...(config && arm !== HOLDOUT ? { config } : {}) };
      };
      const stored = await assignmentOf(db, input.tenantId, experiment.id, input.invoiceId);
      if (stored) return answer(stored.arm);
      const invoices = await assignedInvoices(db, {
        tenantId: input.tenantId,
        experimentId: experiment.id,
        days: experiment.goal.days,
        now: now(),
      });
      const arm = chooseArm(
        experiment.arms.map((a) => a.key),
        outcomesOf(experiment.goal, invoices),
        experiment.holdoutShare,
        random,
      );
      const recorded = await recordAssignment(db, {
        tenantId: input.tenantId,
        experimentId: experiment.id,
        invoiceId: input.invoiceId,
        arm,
      });
      return answer(recorded.arm);
    },
  };
}
