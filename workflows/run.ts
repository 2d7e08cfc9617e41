// One run of the dunning workflow as the code that carries out decisions and effectful commands sees
// it: the invoice, its state, where effects go, and how the timeline is written.
import type { ExperimentTarget } from './activity-contract.js';
import type { CommandContext, TimelineEvent } from './commands/command.js';
import type { DunningInput, DunningState } from './dunning-types.js';
import type { EffectScope } from './effects.js';

export interface Run {
  input: DunningInput;
  state: DunningState;
  scope: EffectScope;
  /** What a command sees now. */
  context(): CommandContext;
  /** Writes events to the timeline; each one wakes the main loop to decide again. */
  record(events: TimelineEvent[]): void;
  /** The run's `patched()`: runs recorded before a change keep their older behaviour. */
  patched(patchId: string): boolean;
  /** Steps the tenant's running experiments cover, as the last sync answered (experiment.ts). */
  experimentTargets?: ExperimentTarget[];
  /** The deadline date the last message sent stated, if any. */
  lastStatedDate: string | undefined;
}
