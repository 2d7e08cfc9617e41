// Payments against a claim, in the order the law sets: each payment goes first to the collection costs,
// then to the interest, then to the principal (art. 6:44 lid 1 BW). Interest runs day by day on the
// principal still unpaid (art. 6:119 lid 1 BW), so a payment that reaches the principal lowers the
// interest from its day on; unpaid interest of a full year bears interest itself (art. 6:119 lid 2 BW).
// Pure and deterministic: the workflow and the API both use it.
import type { IsoDate } from '../domain.js';
import {
  accrueInterest,
  type InterestKind,
  STATUTORY_INTEREST_RATES,
  type StatutoryInterestRate,
  startInterest,
} from './money.js';

export interface ClaimTerms {
  principalCents: number;
  /** Collection costs charged (VAT included); payments made before `owedFrom` cannot go to them. */
  costs: { cents: number; owedFrom: IsoDate } | null;
  /**
   * Statutory interest from `from`, accrued up to (not including) `until`: the day the amounts were
   * last stated, so that paying a stated amount settles the claim. Or a fixed amount already stated,
   * owed before any payment (invoices whose interest was computed before this allocation existed).
   */
  interest:
    | { kind: InterestKind; from: IsoDate; until: IsoDate; rates?: readonly StatutoryInterestRate[] }
    | { fixedCents: number }
    | null;
}

export interface DatedPayment {
  /** The day the money arrived (Europe/Amsterdam). */
  on: IsoDate;
  /** Negative for money taken back (a chargeback): it undoes what payments settled, last part first. */
  amountCents: number;
}

export interface ClaimPart {
  chargedCents: number;
  paidCents: number;
  outstandingCents: number;
}

export interface ClaimAllocation {
  principal: ClaimPart;
  costs: ClaimPart;
  interest: ClaimPart;
  /** Paid beyond everything charged; negative when more was taken back than had been paid. */
  surplusCents: number;
}

/** Allocates the payments, in order of their day, to costs, interest and principal. */
export function allocatePayments(terms: ClaimTerms, payments: readonly DatedPayment[]): ClaimAllocation {
  const costsCents = terms.costs?.cents ?? 0;
  const interestTerms = terms.interest;
  const accrual =
    interestTerms && 'kind' in interestTerms
      ? startInterest(interestTerms.kind, interestTerms.from, interestTerms.rates ?? STATUTORY_INTEREST_RATES)
      : null;
  let principalOutstanding = terms.principalCents;
  const accrueUntil = (day: IsoDate) => {
    if (!accrual || !interestTerms || !('kind' in interestTerms)) return;
    const to = day < interestTerms.until ? day : interestTerms.until;
    if (to > accrual.until) accrueInterest(accrual, principalOutstanding, to);
  };
  let costsPaid = 0;
  let interestPaid = 0;
  let surplus = 0;
  // Fixed interest is owed in whole from the start; accrued interest is owed as far as it has run.
  const fixedInterest = interestTerms && 'fixedCents' in interestTerms ? interestTerms.fixedCents : 0;
  const interestOwed = () =>
    accrual ? accrual.capitalisedCents + accrual.currentCents : fixedInterest - interestPaid;

  const ordered = [...payments].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  for (const payment of ordered) {
    accrueUntil(payment.on);
    if (accrual) roundAccrual(accrual);
    let rest = payment.amountCents;
    if (rest >= 0) {
      const refill = Math.min(rest, Math.max(0, -surplus));
      surplus += refill;
      rest -= refill;
      if (terms.costs && payment.on >= terms.costs.owedFrom) {
        const take = Math.min(rest, costsCents - costsPaid);
        costsPaid += take;
        rest -= take;
      }
      const toInterest = Math.min(rest, interestOwed());
      if (accrual) takeFromAccrual(accrual, toInterest);
      interestPaid += toInterest;
      rest -= toInterest;
      const toPrincipal = Math.min(rest, principalOutstanding);
      principalOutstanding -= toPrincipal;
      surplus += rest - toPrincipal;
      continue;
    }
    // Money taken back: first the surplus, then principal, interest and costs, in reverse order.
    let back = -rest;
    const fromSurplus = Math.min(back, surplus);
    surplus -= fromSurplus;
    back -= fromSurplus;
    const fromPrincipal = Math.min(back, terms.principalCents - principalOutstanding);
    principalOutstanding += fromPrincipal;
    back -= fromPrincipal;
    const fromInterest = Math.min(back, interestPaid);
    interestPaid -= fromInterest;
    if (accrual) accrual.currentCents += fromInterest;
    back -= fromInterest;
    const fromCosts = Math.min(back, costsPaid);
    costsPaid -= fromCosts;
    surplus -= back - fromCosts;
  }
  if (interestTerms && 'kind' in interestTerms) accrueUntil(interestTerms.until);
  const interestOutstanding = accrual
    ? Math.round(accrual.capitalisedCents + accrual.currentCents)
    : fixedInterest - interestPaid;
  return {
    principal: part(terms.principalCents, terms.principalCents - principalOutstanding),
    costs: part(costsCents, costsPaid),
    interest: part(interestPaid + interestOutstanding, interestPaid),
    surplusCents: surplus,
  };
}

function part(chargedCents: number, paidCents: number): ClaimPart {
  return { chargedCents, paidCents, outstandingCents: chargedCents - paidCents };
}

/** On the day of a payment the interest owed is a sum in whole cents (half a cent rounds up). */
function roundAccrual(accrual: { capitalisedCents: number; currentCents: number }): void {
  const total = Math.round(accrual.capitalisedCents + accrual.currentCents);
  accrual.capitalisedCents = Math.round(accrual.capitalisedCents);
  accrual.currentCents = total - accrual.capitalisedCents;
}

/**
 * Pays interest: the capitalised part first, as it is the older debt and itself bears interest (the
 * more onerous one, art. 6:43 lid 2 BW).
 */
function takeFromAccrual(accrual: { capitalisedCents: number; currentCents: number }, cents: number): void {
  const fromCapitalised = Math.min(cents, accrual.capitalisedCents);
  accrual.capitalisedCents -= fromCapitalised;
  accrual.currentCents -= cents - fromCapitalised;
}
