// A command is what a caller asks of an invoice's workflow, as two pure functions: `validate` refuses
// it before it enters the history (update validators are synchronous), `apply` changes the state and
// says what the timeline records. Reports (signals) cannot be refused: they only apply.
import type { CollectionFailedInput, DunningInput, DunningState } from '../dunning-types.js';

export interface CommandContext {
  input: DunningInput;
  state: DunningState;
  now: Date;
  /** The workflow's `patched()`: runs recorded before a change keep their older behaviour. */
  patched: (patchId: string) => boolean;
  /** Collection failures reported before their submission's result: applied once that arrives. */
  earlyCollectionFailures: CollectionFailedInput[];
}

/** One entry of the invoice's timeline. */
export interface TimelineEvent {
  kind: string;
  detail?: string;
}

export interface Report<A> {
  apply(ctx: CommandContext, arg: A): TimelineEvent[];
}

/** `Applied`: what apply takes, when carrying the command out needs an effect's result first. */
export interface Command<Input, Applied = Input> extends Report<Applied> {
  /** Throws a refusal (see refusal.ts) when the command is not allowed now or its input is invalid. */
  validate(ctx: CommandContext, arg: Input): void;
}
