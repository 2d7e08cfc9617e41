// What a payment reversed after the invoice closed puts back on the claim. The closed run had charged
// principal, collection costs and interest; the ledger (the reversal included) says what is still paid.
// What is still paid goes to costs, then interest, then principal (art. 6:44 lid 1 BW) — the order in
// which the workflow itself undoes a chargeback — so the reversed amount reopens principal first, then
// interest, then costs. The new run carries the charges as they were: it never charges the statutory
// costs a second time for the same claim. Pure: the API and the tests use it.

/** What the closed run had charged (costs VAT included; interest accrued up to its close). */
export interface ClosedCharges {
  principalCents: number;
  costsCents: number;
  interestCents: number;
}

/** What is owed again, part by part, after the reversal. */
export interface ReopenedSplit {
  principalCents: number;
  costsCents: number;
  interestCents: number;
  /** Everything owed again: the parts, plus money taken back beyond what had been paid. */
  dueCents: number;
}

/** Allocates what is still paid (`netPaidCents`, the reversal deducted) to costs, interest, principal. */
export function reopenedSplit(charges: ClosedCharges, netPaidCents: number): ReopenedSplit {
  let paid = Math.max(0, netPaidCents);
  const take = (charged: number) => {
    const taken = Math.min(paid, charged);
    paid -= taken;
    return charged - taken;
  };
  const costsCents = take(charges.costsCents);
  const interestCents = take(charges.interestCents);
  const principalCents = take(charges.principalCents);
  return {
    principalCents,
    costsCents,
    interestCents,
    dueCents: principalCents + costsCents + interestCents + Math.max(0, -netPaidCents),
  };
}

/**
 * Splits collection costs that include VAT into costs and VAT (the letters name both), at the rate the
 * creditor charges; without a rate there is no VAT.
 */
export function splitCostsVat(
  totalCents: number,
  vatRatePercent: number | undefined,
): { costsCents: number; vatCents: number } {
  if (!vatRatePercent) return { costsCents: totalCents, vatCents: 0 };
  const vatCents = Math.round((totalCents * vatRatePercent) / (100 + vatRatePercent));
  return { costsCents: totalCents - vatCents, vatCents };
}
