// An invoice's amounts as the API shows them: live from the workflow while it runs, else from the
// database mirror. Mirror rows written before payments were allocated carry only totals; their split
// follows the same legal order (costs, then interest, then principal, art. 6:44 BW).
import type { InvoiceRow } from '../db/queries/invoices.js';
import type { Amounts, DunningStatus } from '../workflows/dunning-types.js';
import { allocatePayments } from '../workflows/policy/allocation.js';

export function invoiceAmounts(row: InvoiceRow, live: DunningStatus | undefined): Amounts {
  // A worker still on older code answers without the split.
  if (live?.amounts.parts) return { ...live.amounts, overpaidCents: overpaidOf(live.amounts) };
  const totals = live?.amounts ?? {
    principalCents: row.amountCents,
    costsCents: row.costsCents,
    interestCents: row.interestCents,
    paidCents: row.paidCents,
    dueCents: row.amountDueCents,
  };
  const parts = (!live && row.amountParts) || splitOfTotals(totals);
  return { ...totals, parts, overpaidCents: overpaidOf({ ...totals, parts }) };
}

/**
 * Paid beyond everything charged (e.g. costs withdrawn after the debtor paid them): what the payments
 * did not settle. Mirrors and older workers carry no such figure; it follows from the split.
 */
function overpaidOf(amounts: Amounts): number {
  if (amounts.overpaidCents !== undefined) return amounts.overpaidCents;
  const { principal, costs, interest } = amounts.parts;
  return Math.max(0, amounts.paidCents - principal.paidCents - costs.paidCents - interest.paidCents);
}

function splitOfTotals(totals: Omit<Amounts, 'parts'>): Amounts['parts'] {
  const { principal, costs, interest } = allocatePayments(
    {
      principalCents: totals.principalCents,
      costs: totals.costsCents > 0 ? { cents: totals.costsCents, owedFrom: '0000-01-01' } : null,
      interest: { fixedCents: totals.interestCents },
    },
    [{ on: '0000-01-01', amountCents: totals.paidCents }],
  );
  return { principal, costs, interest };
}
