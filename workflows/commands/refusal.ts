// How a command is refused: a non-retryable failure of a type the API maps to an HTTP status (422),
// with a message that tells the caller why, and the reason as data (the failure's details) so that
// the console can say it in the user's language (languages/nl/refusals.ts).
import { ApplicationFailure } from '@temporalio/workflow';
import { isClosed } from '../dunning-logic.js';
import type { DunningState } from '../dunning-types.js';

/** Failure types the API maps to HTTP statuses. */
export const REFUSAL_TYPES = { notAllowed: 'NotAllowedInState', invalid: 'InvalidCommand' } as const;

/** Why a command was refused. */
export type Refusal =
  /** No run is left to ask: the workflow has ended (the API's answer, never a workflow's). */
  | { code: 'ended' }
  | { code: 'closed'; status: string }
  | { code: 'disputed' }
  | { code: 'disputed-pause' }
  | { code: 'already-disputed' }
  | { code: 'no-open-dispute' }
  | { code: 'not-paused' }
  | { code: 'in-plan' }
  | { code: 'has-active-plan' }
  | { code: 'direct-debit-active' }
  | { code: 'direct-debit-not-active' }
  | { code: 'collection-day' }
  | { code: 'until-not-future' }
  | { code: 'date-out-of-range'; from: string; to: string }
  | { code: 'amount-not-positive' }
  | { code: 'overpayment'; dueCents: number }
  | { code: 'instalments-out-of-range'; min: number; max: number }
  | { code: 'instalment-too-small'; minCents: number; maxInstalments: number };

/** A language's words for every refusal. */
export type RefusalTexts = { [C in Refusal['code']]: (refusal: Extract<Refusal, { code: C }>) => string };

/** The API's words for each refusal (English, like every API message); the console's English too. */
export const API_REFUSALS: RefusalTexts = {
  ended: () => 'the invoice is closed; no further actions are possible',
  closed: ({ status }) => `the invoice is ${status}`,
  disputed: () => 'the invoice is disputed',
  'disputed-pause': () => 'the invoice is disputed; resolve the dispute instead',
  'already-disputed': () => 'the invoice is already disputed',
  'no-open-dispute': () => 'the invoice has no open dispute',
  'not-paused': () => 'the invoice is not paused',
  'in-plan': () => 'the invoice is in a payment plan',
  'has-active-plan': () => 'the invoice already has an active payment plan',
  'direct-debit-active': () => 'direct debit is already active',
  'direct-debit-not-active': () => 'direct debit is not active',
  'collection-day': () => 'collectionDay must be a whole number from 1 to 28',
  'until-not-future': () => 'until must lie in the future',
  'date-out-of-range': ({ from, to }) => `date must lie between ${from} and ${to}`,
  'amount-not-positive': () => 'amount must be positive',
  overpayment: ({ dueCents }) => `overpayment: at most ${dueCents} cents are due`,
  'instalments-out-of-range': ({ min, max }) => `instalments must be between ${min} and ${max}`,
  'instalment-too-small': ({ minCents, maxInstalments }) =>
    `each instalment must be at least ${minCents} cents; at most ${maxInstalments} instalments for this amount`,
};

/** The refusal in a language's words. */
export function refusalText(texts: RefusalTexts, refusal: Refusal): string {
  return (texts[refusal.code] as (r: Refusal) => string)(refusal);
}

/** The refusal a failure carries (see `refuse`), if it carries one. */
export function refusalOf(failure: ApplicationFailure): Refusal | undefined {
  const [reason] = failure.details ?? [];
  const code = (reason as Partial<Refusal> | undefined)?.code;
  return code !== undefined && code in API_REFUSALS ? (reason as Refusal) : undefined;
}

function refuse(type: string, refusal: Refusal): never {
  throw ApplicationFailure.create({
    type,
    message: refusalText(API_REFUSALS, refusal),
    details: [refusal],
    nonRetryable: true,
  });
}

/** The command is well-formed but the invoice's state does not allow it. */
export const notAllowed = (refusal: Refusal): never => refuse(REFUSAL_TYPES.notAllowed, refusal);
/** The command's input is wrong whatever the state. */
export const invalid = (refusal: Refusal): never => refuse(REFUSAL_TYPES.invalid, refusal);

/** A paid, cancelled or handed-over invoice takes no more commands (money movements excepted). */
export function refuseWhenClosed(state: DunningState): void {
  if (isClosed(state)) notAllowed({ code: 'closed', status: state.status });
}
