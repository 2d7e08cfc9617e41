// Experiments in the workflow (issue 16 item 4): before a message step, the invoice's assignment in
// the tenant's running experiment on that step, made and recorded by an activity so a replay reads
// it from the history. An arm changes only what it names — the template variant, the channel order
// (after a channel the debtor chose), the send time within contact hours; the holdout and invoices
// outside any experiment get the default. Runs recorded before patch 'experiments' never ask.
import * as wf from '@temporalio/workflow';
import type { ExperimentActivities } from './activity-contract.js';
import type { Channel } from './domain.js';
import { experimentCovers, sendSlotAt } from './policy/experiments.js';
import { isFormalNotice, isHandover, type LadderStep, stepKind } from './policy/ladder.js';
import type { Run } from './run.js';

const activities = wf.proxyActivities<ExperimentActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/** What an arm changes about the step's message. */
export interface StepVariation {
  templateVersion?: number;
  channelOrder?: Channel[];
}

/**
 * The variation for this step, or null when the step must not run now: the invoice's status changed
 * while it waited for its send slot (paid, paused…), and the main loop decides again.
 */
export async function experimentVariation(run: Run, step: LadderStep): Promise<StepVariation | null> {
  const { input, state, scope } = run;
  const at = { policyId: input.policy.id, stepId: step.id, stepKind: stepKind(step) };
  // Invoices on steps no running experiment covers pay no extra action, no marker: nothing is asked.
  const covered = (run.experimentTargets ?? []).some((target) => experimentCovers(target, at));
  if (isHandover(step) || !step.template || !covered || !wf.patched('experiments')) return {};
  const assignment = await activities.assignExperimentArm({
    ...scope.ref,
    ...at,
  });
  if (!assignment) return {};
  run.record([{ kind: 'experiment-assigned', detail: `${assignment.experimentId}:${assignment.arm}` }]);
  const config = assignment.config;
  // The 14-day letter's channel and wording are the law's: only its send time may vary (checked at creation too).
  if (!config || (isFormalNotice(step) && config.kind !== 'send-slot')) return {};
  if (config.kind === 'template-variant') return { templateVersion: config.version };
  if (config.kind === 'channel-order') return { channelOrder: config.order };
  // A send slot: the same contact day's wall-clock time (or the next contact day's), never outside contact hours.
  if (!input.policy.respectCalendar) return {};
  const status = state.status;
  const delay = sendSlotAt(new Date(), config).getTime() - Date.now();
  if (delay > 0) await wf.condition(() => state.status !== status, delay);
  return state.status === status ? {} : null;
}
