// Mirror rows written before allocation carry only totals: the API splits them in the legal order
// (costs, then interest, then principal, art. 6:44 BW).
import { describe, expect, it } from 'vitest';
import { invoiceAmounts } from '../../api/invoice-amounts.js';
import type { InvoiceRow } from '../../db/queries/invoices.js';

const row = (values: Partial<InvoiceRow>) =>
  ({
    amountCents: 100_000,
    costsCents: 15_000,
    interestCents: 2_000,
    paidCents: 20_000,
    amountDueCents: 97_000,
    amountParts: null,
    ...values,
  }) as InvoiceRow;

describe('invoiceAmounts', () => {
  it('splits an older mirror row: €200 paid covers €150 costs, €20 interest, then €30 principal', () => {
    expect(invoiceAmounts(row({}), undefined).parts).toEqual({
      costs: { chargedCents: 15_000, paidCents: 15_000, outstandingCents: 0 },
      interest: { chargedCents: 2_000, paidCents: 2_000, outstandingCents: 0 },
      principal: { chargedCents: 100_000, paidCents: 3_000, outstandingCents: 97_000 },
    });
  });

  it('uses the split the workflow stored', () => {
    const parts = {
      principal: { chargedCents: 100_000, paidCents: 0, outstandingCents: 100_000 },
      costs: { chargedCents: 15_000, paidCents: 15_000, outstandingCents: 0 },
      interest: { chargedCents: 2_000, paidCents: 2_000, outstandingCents: 0 },
    };
    expect(invoiceAmounts(row({ amountParts: parts, paidCents: 17_000 }), undefined).parts).toBe(parts);
  });
});
