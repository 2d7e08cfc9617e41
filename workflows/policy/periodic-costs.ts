// How much collection costs a small periodic claim may still bear, given what the debtor's other small
// periodic claims at the same creditor were already charged (legal/small-periodic-claims.ts: the rule,
// its source and why this is the protective reading). Pure: the workflow and the activity that records
// each charge under a lock both use it.
import type { IsoDate } from '../domain.js';
import { isoDateFromParts } from './dates.js';
import { SMALL_PERIODIC_CLAIMS_RULE, type SmallPeriodicClaimsRule } from './legal/small-periodic-claims.js';

/** Costs charged on another small periodic claim of the same debtor and creditor. */
export interface ChargedPeriodicCosts {
  /** The day those costs fell due. */
  owedOn: IsoDate;
  /** Collection costs charged, VAT excluded. */
  cents: number;
}

/** Whether the cap governs costs falling due on `owedOn` on a claim of this principal. */
export function isSmallPeriodicClaim(
  claim: { periodic: boolean; principalCents: number; owedOn: IsoDate },
  rule: SmallPeriodicClaimsRule = SMALL_PERIODIC_CLAIMS_RULE,
): boolean {
  return (
    claim.periodic &&
    claim.principalCents > 0 &&
    claim.principalCents <= rule.thresholdCents &&
    claim.owedOn >= rule.from
  );
}

/** The same day `months` later (earlier when negative); the 31st becomes the month's last day. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return isoDateFromParts(targetYear, targetMonth, Math.min(day, lastDay));
}

/**
 * The days whose charges share the cap with costs falling due on `owedOn`: six months either way, both
 * ends included. Looking both ways keeps every six-month window within one term's amount, whichever
 * invoice's costs happened to be recorded first.
 */
export function periodicCostsWindow(
  owedOn: IsoDate,
  rule: SmallPeriodicClaimsRule = SMALL_PERIODIC_CLAIMS_RULE,
): { from: IsoDate; to: IsoDate } {
  return { from: addMonths(owedOn, -rule.lookBackMonths), to: addMonths(owedOn, rule.lookBackMonths) };
}

export interface PeriodicCostsQuestion {
  /** The day this claim's costs fall due. */
  owedOn: IsoDate;
  /** What this term alone would owe (VAT excluded): the cap for all terms in the window. */
  singleTermCents: number;
  /** At most this: the amount the 14-day letter stated, when it stated one. */
  limitCents?: number;
}

/** What may still be charged on this claim: one term's amount less what others in the window bear. */
export function periodicCostsAllowance(
  question: PeriodicCostsQuestion,
  others: readonly ChargedPeriodicCosts[],
  rule: SmallPeriodicClaimsRule = SMALL_PERIODIC_CLAIMS_RULE,
): { allowedCents: number; alreadyChargedCents: number } {
  const { from, to } = periodicCostsWindow(question.owedOn, rule);
  const alreadyChargedCents = others
    .filter((other) => other.owedOn >= from && other.owedOn <= to)
    .reduce((sum, other) => sum + other.cents, 0);
  const remainder = Math.max(0, question.singleTermCents - alreadyChargedCents);
  const allowedCents = Math.min(remainder, question.limitCents ?? remainder);
  return { allowedCents: Math.max(0, allowedCents), alreadyChargedCents };
}
