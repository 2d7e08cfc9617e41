// Small periodic claims: no stacking of collection costs on unpaid terms of a continuing contract.
// Added to the Besluit vergoeding voor buitengerechtelijke incassokosten (BWBR0031557) by the Besluit
// kwaliteit incassodienstverlening of 20 February 2024 (Stb. 2024, 44; nader rapport Stcrt. 2024, 5616:
// "een cumulatieregeling voor buitengerechtelijke incassokosten bij kleine termijnbetalingen"), in force
// since 2024-10-01. It has no expiry: only an amending decree changes it.
//
// THE DECREE'S ARTICLE TEXT COULD NOT BE CHECKED FROM THIS MACHINE (no stored copy of the amended
// article). What is implemented is the most protective reading of the secondary source below, because
// charging a debtor less than the decree allows is always lawful and charging more is not:
// - a claim is "small" when the principal the costs are computed on is at most €266.67 (the principal
//   at which 15% reaches the €40 minimum, so every small term costs exactly the minimum);
// - it is "periodic" when the creditor marks the invoice as a term of a continuing contract;
// - across all small periodic claims of one debtor at one creditor whose costs fall due within six
//   months of each other (both ends included), the costs charged together never exceed the highest
//   amount owed for a single term (each term's own amount is used, which is never more than that).
// When the decree's text is at hand, replace this reading with its exact rule and cite its article.
import type { IsoDate } from '../../domain.js';

export interface SmallPeriodicClaimsRule {
  /** The first day on which costs fall due that the rule governs. */
  from: IsoDate;
  /** Principals up to and including this amount are small. */
  thresholdCents: number;
  /** Costs falling due this many months before or after one another share one term's amount. */
  lookBackMonths: number;
  /** The reading implemented, for operators and judges: the decree's text was not verified. */
  reading: string;
  source: string;
}

export const SMALL_PERIODIC_CLAIMS_RULE: SmallPeriodicClaimsRule = {
  from: '2024-10-01',
  thresholdCents: 26_667,
  lookBackMonths: 6,
  reading:
    'protective reading (decree text not verified): costs of small periodic claims whose costs fall due ' +
    'within six months of each other together at most the amount owed for a single term',
  source:
    'Besluit vergoeding voor buitengerechtelijke incassokosten (BWBR0031557) as amended by the Besluit ' +
    'kwaliteit incassodienstverlening (Stb. 2024, 44, https://zoek.officielebekendmakingen.nl/stb-2024-44.html; ' +
    'nader rapport Stcrt. 2024, 5616, https://zoek.officielebekendmakingen.nl/stcrt-2024-5616.html), in force ' +
    '2024-10-01; rule as summarised by https://kantoorabri.nl/overheid-pakt-stapeling-incassokosten-bij-termijnbetalingen-aan/',
};
