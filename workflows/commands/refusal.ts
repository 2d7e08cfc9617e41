// How a command is refused: a non-retryable failure of a type the API maps to an HTTP status (422),
// with a message that tells the caller why.
import { ApplicationFailure } from '@temporalio/workflow';
import { isClosed } from '../dunning-logic.js';
import type { DunningState } from '../dunning-types.js';

/** Failure types the API maps to HTTP statuses. */
export const REFUSAL_TYPES = { notAllowed: 'NotAllowedInState', invalid: 'InvalidCommand' } as const;

function refuse(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

/** The command is well-formed but the invoice's state does not allow it. */
export const notAllowed = (message: string): never => refuse(REFUSAL_TYPES.notAllowed, message);
/** The command's input is wrong whatever the state. */
export const invalid = (message: string): never => refuse(REFUSAL_TYPES.invalid, message);

/** A paid, cancelled or handed-over invoice takes no more commands (money movements excepted). */
export function refuseWhenClosed(state: DunningState): void {
  if (isClosed(state)) notAllowed(`the invoice is ${state.status}`);
}
