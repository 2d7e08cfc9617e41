// Statutory interest rates, one row per half-year (rates change only on 1 January and 1 July).
//
// Consumer ("wettelijke rente", art. 6:119 BW): set by AMvB under art. 6:120 lid 1 BW, since
// 2023-01-01 the Besluit vaststelling wettelijke rente (BWBR0047640). The published method: the ECB
// main refinancing rate at the end of October / April plus 2.25 points, rounded to a whole percent
// (halves up), a change limited to 2 points; it is a decree, not a formula, so the decree's figure is
// what counts (1 July 2025 kept 6% although the method gives 5%).
//
// Commercial ("wettelijke handelsrente", art. 6:119a lid 2 BW, art. 6:120 lid 2 BW): the ECB main
// refinancing rate on the first calendar day of the half-year plus 8 points, without rounding.
//
// To add a half-year: append a row with both rates and their sources; INTEREST_RATES_VALIDITY then
// moves to the next half-year by itself.

import type { IsoDate } from '../../domain.js';
import type { LegalTableValidity } from './staleness.js';

export interface StatutoryInterestRate {
  from: IsoDate;
  consumerPercent: number;
  commercialPercent: number;
}

export interface SourcedInterestRate extends StatutoryInterestRate {
  consumerSource: string;
  commercialSource: string;
}

const DECREE_2015 =
  'Besluit van 4 december 2014 (Stb. 2014, 491), 2% from 2015-01-01, unchanged until 2023-01-01: https://zoek.officielebekendmakingen.nl/stb-2014-491.html';
const decreeVersion = (version: IsoDate, note = '') =>
  `Besluit vaststelling wettelijke rente art. 1, version of ${version}${note}: https://wetten.overheid.nl/BWBR0047640/${version}`;
const ecbPlus8 = (day: IsoDate, ecbPercent: string) =>
  `art. 6:119a lid 2 BW: ECB main refinancing rate on ${day} ${ecbPercent}% + 8 points (ECB key interest rates, https://www.ecb.europa.eu/stats/policy_and_exchange_rates/key_ecb_interest_rates/html/index.en.html)`;

/** Each row holds from its date until the next row's date. */
export const STATUTORY_INTEREST_RATES: readonly SourcedInterestRate[] = [
  {
    from: '2016-07-01',
    consumerPercent: 2,
    commercialPercent: 8,
    consumerSource: DECREE_2015,
    commercialSource: ecbPlus8('2016-07-01', '0.00'),
  },
  {
    from: '2017-01-01',
    consumerPercent: 2,
    commercialPercent: 8,
    consumerSource: DECREE_2015,
    commercialSource: ecbPlus8('2017-01-01', '0.00'),
  },
  {
    from: '2017-07-01',
    consumerPercent: 2,
    commercialPercent: 8,
    consumerSource: DECREE_2015,
    commercialSource: ecbPlus8('2017-07-01', '0.00'),
  },
  {
    from: '2018-01-01',
    consumerPercent: 2,
    commercialPercent: 8,
    consumerSource: DECREE_2015,
    commercialSource: ecbPlus8('2018-01-01', '0.00'),
  },
  {
    from: '2018-07-01',
    consumerPercent: 2,
    commercialPercent: 8,
    consumerSource: DECREE_2015,
    commercialSource: ecbPlus8('2018-07-01', '0.00'),
  },
  {
    from: '2019-01-01',
    consumerPercent: 2,
    commercialPercent: 8,
    consumerSource: DECREE_2015,
    commercialSource: ecbPlus8('2019-01-01', '0.00'),
  },
  {
    from: '2019-07-01',
    consumerPercent: 2,
    commercialPercent: 8,
    consumerSource: DECREE_2015,
    commercialSource: ecbPlus8('2019-07-01', '0.00'),
  },
  {
    from: '2020-01-01',
    consumerPercent: 2,
    commercialPercent: 8,
    consumerSource: DECREE_2015,
    commercialSource: ecbPlus8('2020-01-01', '0.00'),
  },
  {
    from: '2020-07-01',
    consumerPercent: 2,
    commercialPercent: 8,
    consumerSource: DECREE_2015,
    commercialSource: ecbPlus8('2020-07-01', '0.00'),
  },
  {
    from: '2021-01-01',
    consumerPercent: 2,
    commercialPercent: 8,
    consumerSource: DECREE_2015,
    commercialSource: ecbPlus8('2021-01-01', '0.00'),
  },
  {
    from: '2021-07-01',
    consumerPercent: 2,
    commercialPercent: 8,
    consumerSource: DECREE_2015,
    commercialSource: ecbPlus8('2021-07-01', '0.00'),
  },
  {
    from: '2022-01-01',
    consumerPercent: 2,
    commercialPercent: 8,
    consumerSource: DECREE_2015,
    commercialSource: ecbPlus8('2022-01-01', '0.00'),
  },
  {
    // The ECB raised its rates only from 27 July 2022.
    from: '2022-07-01',
    consumerPercent: 2,
    commercialPercent: 8,
    consumerSource: DECREE_2015,
    commercialSource: ecbPlus8('2022-07-01', '0.00'),
  },
  {
    from: '2023-01-01',
    consumerPercent: 4,
    commercialPercent: 10.5,
    consumerSource: decreeVersion('2023-01-01'),
    commercialSource: ecbPlus8('2023-01-01', '2.50'),
  },
  {
    from: '2023-07-01',
    consumerPercent: 6,
    commercialPercent: 12,
    consumerSource: decreeVersion('2023-07-01'),
    commercialSource: ecbPlus8('2023-07-01', '4.00'),
  },
  {
    from: '2024-01-01',
    consumerPercent: 7,
    commercialPercent: 12.5,
    consumerSource: decreeVersion('2024-01-01'),
    commercialSource: ecbPlus8('2024-01-01', '4.50'),
  },
  {
    from: '2024-07-01',
    consumerPercent: 7,
    commercialPercent: 12.25,
    consumerSource: decreeVersion('2024-01-01', ', unchanged on 2024-07-01'),
    commercialSource: ecbPlus8('2024-07-01', '4.25'),
  },
  {
    from: '2025-01-01',
    consumerPercent: 6,
    commercialPercent: 11.15,
    consumerSource: decreeVersion('2025-01-01'),
    commercialSource: ecbPlus8('2025-01-01', '3.15'),
  },
  {
    from: '2025-07-01',
    consumerPercent: 6,
    commercialPercent: 10.15,
    consumerSource: decreeVersion('2025-01-01', ', unchanged on 2025-07-01'),
    commercialSource: ecbPlus8('2025-07-01', '2.15'),
  },
  {
    // Method: ECB 2.15% at the end of October 2025 + 2.25 = 4.40, rounded to 4%.
    from: '2026-01-01',
    consumerPercent: 4,
    commercialPercent: 10.15,
    consumerSource: decreeVersion('2026-01-01'),
    commercialSource: ecbPlus8('2026-01-01', '2.15'),
  },
];

/** The 1 January or 1 July after `date`. */
export function nextHalfYearStart(date: IsoDate): IsoDate {
  const year = Number(date.slice(0, 4));
  return date.slice(5) < '07-01' ? `${year}-07-01` : `${String(year + 1).padStart(4, '0')}-01-01`;
}

const NEWEST_RATE = STATUTORY_INTEREST_RATES[STATUTORY_INTEREST_RATES.length - 1]!.from;

/** Stale once the half-year after the newest row has begun without a row for it. */
export const INTEREST_RATES_VALIDITY: LegalTableValidity = {
  table: 'interest_rates',
  staleFrom: nextHalfYearStart(NEWEST_RATE),
  reason: `the statutory interest rates end with the half-year from ${NEWEST_RATE}: add the rates from ${nextHalfYearStart(NEWEST_RATE)} (Besluit vaststelling wettelijke rente; ECB main refinancing rate + 8) to workflows/policy/legal/interest-rates.ts`,
};
