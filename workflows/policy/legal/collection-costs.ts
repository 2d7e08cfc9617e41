// The scale of statutory collection costs ("WIK-staffel"): Besluit vergoeding voor buitengerechtelijke
// incassokosten (Stb. 2012, 141, BWBR0031500), art. 2 lid 1 (brackets and maximum) and lid 2 (minimum),
// in force since 2012-07-01. It has no expiry: it changes only when a decree amends art. 2, and then the
// new scale gets a row here with the date it applies from.

import type { IsoDate } from '../../domain.js';

export interface CollectionCostScale {
  from: IsoDate;
  /** Brackets from the first euro up; rates in per mille so the sum stays an exact integer. */
  brackets: readonly { sizeCents: number; perMille: number }[];
  minimumCents: number;
  maximumCents: number;
  source: string;
}

export const COLLECTION_COST_SCALE: CollectionCostScale = {
  from: '2012-07-01',
  brackets: [
    { sizeCents: 250_000, perMille: 150 }, // 15% over the first €2,500
    { sizeCents: 250_000, perMille: 100 }, // 10% over the next €2,500
    { sizeCents: 500_000, perMille: 50 }, // 5% over the next €5,000
    { sizeCents: 19_000_000, perMille: 10 }, // 1% over the next €190,000
    { sizeCents: Number.POSITIVE_INFINITY, perMille: 5 }, // 0.5% over the rest
  ],
  minimumCents: 4_000,
  maximumCents: 677_500,
  source:
    'Besluit vergoeding voor buitengerechtelijke incassokosten art. 2 lid 1 and 2 (Stb. 2012, 141): https://zoek.officielebekendmakingen.nl/stb-2012-141.html',
};
