// One run of the dunning workflow as the code that carries out decisions and effectful commands sees
// it: the invoice, its state, where effects go, and how the timeline is written.
import type { ExperimentTarget, SyncAnswer } from './activity-contract.js';
import type { CommandContext, TimelineEvent } from './commands/command.js';
import type { DunningInput, DunningState } from './dunning-types.js';
import type { EffectScope } from './effects.js';

export interface Run {
  input: DunningInput;
  state: DunningState;
  scope: EffectScope;
  /** What a command sees now. */
  context(): CommandContext;
  /**
   * Writes events to the timeline (at `at`, or now); each one wakes the main loop to decide again.
   */
  record(events: TimelineEvent[], at?: string): void;
  /** The run's `patched()`: runs recorded before a change keep their older behaviour. */
  patched(patchId: string): boolean;
  /** Steps the tenant's running experiments cover, as the last sync answered (experiment.ts). */
  experimentTargets?: ExperimentTarget[];
  /** The deadline date the last message sent stated, if any. */
  lastStatedDate: string | undefined;
  /** When the last send whose records rode along with it was recorded (the step's moment then). */
  lastSentAt?: string | undefined;
  /**
   * Runs whose sync rides along with a ladder step's send (patch sync-rides-along): the audit key of
   * the write a send is about to do, and the report of one written for the state after the step.
   */
  rideAlong?: {
    auditKey(): string;
    written(write: { synced: string; answer?: SyncAnswer }): void;
  };
}
