// Money policy: amounts, statutory collection costs and statutory interest. Integer cents throughout;
// pure and deterministic so workflows can use it.

import type { IsoDate } from '../domain.js';
import { daysBetween } from './calendar.js';
import { COLLECTION_COST_SCALE } from './legal/collection-costs.js';
import { STATUTORY_INTEREST_RATES, type StatutoryInterestRate } from './legal/interest-rates.js';

/** Largest amount Settle accepts: €10 billion. */
export const MAX_AMOUNT_CENTS = 1_000_000_000_000;

const DECIMAL_AMOUNT = /^(\d{1,13})(?:\.(\d{1,2}))?$/;

/** "123.45" / "123.4" / "123" → cents. Anything else (signs, exponents, 3 decimals, …) → undefined. */
export function parseAmount(value: string): number | undefined {
  const match = DECIMAL_AMOUNT.exec(value);
  if (!match) return undefined;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return cents <= MAX_AMOUNT_CENTS ? cents : undefined;
}

function assertCents(cents: number): void {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not an amount in cents: ${cents}`);
}

function splitCents(cents: number): { sign: string; euros: string; centsPart: string } {
  assertCents(cents);
  const abs = Math.abs(cents);
  return {
    sign: cents < 0 ? '-' : '',
    euros: String(Math.floor(abs / 100)),
    centsPart: String(abs % 100).padStart(2, '0'),
  };
}

/** Cents → "123.45" (machine format: EPC QR, PSP APIs). */
export function formatAmount(cents: number): string {
  const { sign, euros, centsPart } = splitCents(cents);
  return `${sign}${euros}.${centsPart}`;
}

/** round(numerator / denominator) with halves rounded up; both non-negative integers. */
function divideRoundingHalfUp(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

// ---------------------------------------------------------------------------------------------------
// Collection costs (Besluit vergoeding voor buitengerechtelijke incassokosten, art. 2).

const WIK_BRACKETS = COLLECTION_COST_SCALE.brackets;
export const WIK_MINIMUM_CENTS = COLLECTION_COST_SCALE.minimumCents;
export const WIK_MAXIMUM_CENTS = COLLECTION_COST_SCALE.maximumCents;

export interface CollectionCosts {
  costsCents: number;
  vatCents: number;
}

/**
 * Statutory collection costs for a principal, on the WIK scale. VAT is added only when a rate is
 * given: a creditor who can deduct VAT may not charge it. A principal of zero or less costs nothing.
 */
export function statutoryCollectionCosts(
  principalCents: number,
  { vatRatePercent }: { vatRatePercent?: number } = {},
): CollectionCosts {
  assertCents(principalCents);
  if (principalCents <= 0) return { costsCents: 0, vatCents: 0 };
  let remaining = principalCents;
  let perMilleCents = 0;
  for (const bracket of WIK_BRACKETS) {
    const inBracket = Math.min(remaining, bracket.sizeCents);
    perMilleCents += inBracket * bracket.perMille;
    remaining -= inBracket;
  }
  const scaled = divideRoundingHalfUp(perMilleCents, 1000);
  const costsCents = Math.min(WIK_MAXIMUM_CENTS, Math.max(WIK_MINIMUM_CENTS, scaled));
  return { costsCents, vatCents: vatOn(costsCents, vatRatePercent) };
}

function vatOn(cents: number, ratePercent: number | undefined): number {
  if (ratePercent === undefined) return 0;
  if (!Number.isFinite(ratePercent) || ratePercent < 0 || ratePercent > 100) {
    throw new RangeError(`VAT rate must be 0..100 percent, got ${ratePercent}`);
  }
  // Basis points keep rates like 20.5% exact.
  return divideRoundingHalfUp(cents * Math.round(ratePercent * 100), 10_000);
}

/** Costs limited to `capCents` (VAT excluded); VAT, if any, follows what is left. */
export function capCollectionCosts(
  costs: CollectionCosts,
  capCents: number,
  { vatRatePercent }: { vatRatePercent?: number } = {},
): CollectionCosts {
  if (costs.costsCents <= capCents) return costs;
  const costsCents = Math.max(0, capCents);
  return { costsCents, vatCents: vatOn(costsCents, vatRatePercent) };
}

/** Collection costs a tenant's terms set for business debtors, instead of the statutory scale. */
export type ContractualCollectionCosts =
  | { kind: 'percentage'; percent: number }
  | { kind: 'fixed'; amountCents: number };

/**
 * Collection costs of a business claim (a commercial transaction, art. 6:119a BW). The statutory scale
 * applies to business claims too (Besluit vergoeding voor buitengerechtelijke incassokosten, art. 1–2);
 * the parties may agree other costs (art. 6:96 lid 5 BW forbids deviating only to a consumer's
 * detriment), and at least €40 is due from the day after the payment term ends, without any notice
 * (art. 6:96 lid 4 BW). A judge may still mitigate agreed extrajudicial costs (art. 242 Rv; agreed
 * costs framed as a penalty also art. 6:94 BW): Settle does not guess where that line lies. VAT is added
 * to the scale only (see `statutoryCollectionCosts`); agreed costs are charged as agreed.
 */
export function businessCollectionCosts(
  principalCents: number,
  contract: ContractualCollectionCosts | undefined,
  vat: { vatRatePercent?: number } = {},
): CollectionCosts {
  assertCents(principalCents);
  if (principalCents <= 0) return { costsCents: 0, vatCents: 0 };
  if (!contract) return statutoryCollectionCosts(principalCents, vat);
  const agreed =
    contract.kind === 'fixed' ? contract.amountCents : Math.round((principalCents * contract.percent) / 100);
  return { costsCents: Math.max(WIK_MINIMUM_CENTS, agreed), vatCents: 0 };
}

// ---------------------------------------------------------------------------------------------------
// Statutory interest (art. 6:119 BW consumers, art. 6:119a BW commercial transactions).

// The dated, sourced rates live in legal/interest-rates.ts.
export type { StatutoryInterestRate } from './legal/interest-rates.js';
export { STATUTORY_INTEREST_RATES };

export type InterestKind = 'consumer' | 'commercial';

/** The n-th anniversary of a date; 29 February's falls on 28 February in common years. */
function anniversary(date: IsoDate, years: number): IsoDate {
  const year = Number(date.slice(0, 4)) + years;
  const monthDay = date.slice(4) === '-02-29' && !isLeapYear(year) ? '-02-28' : date.slice(4);
  return `${String(year).padStart(4, '0')}${monthDay}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Simple actual/365 interest over [from, to), split where the rate changes. */
function simpleInterest(
  baseCents: number,
  from: IsoDate,
  to: IsoDate,
  kind: InterestKind,
  rates: readonly StatutoryInterestRate[],
): number {
  let interest = 0;
  for (let i = 0; i < rates.length; i++) {
    const rate = rates[i]!;
    const start = rate.from > from ? rate.from : from;
    const nextFrom = rates[i + 1]?.from;
    const end = nextFrom !== undefined && nextFrom < to ? nextFrom : to;
    if (start >= end) continue;
    const percent = kind === 'consumer' ? rate.consumerPercent : rate.commercialPercent;
    interest += (baseCents * percent * daysBetween(start, end)) / (100 * 365);
  }
  return interest;
}

/**
 * Statutory interest running on a claim, in (fractional) cents. Interest of a year still unpaid at its
 * end is added to the sum that bears interest (art. 6:119 lid 2 BW); years count from `from`.
 */
export interface InterestAccrual {
  readonly kind: InterestKind;
  /** Interest runs from this day; it compounds on every anniversary of it. */
  readonly from: IsoDate;
  /** Accrued up to (not including) this day. */
  until: IsoDate;
  /** Unpaid interest of completed years: it bears interest itself. */
  capitalisedCents: number;
  /** Unpaid interest of the year running: it bears none yet. */
  currentCents: number;
  readonly rates: readonly StatutoryInterestRate[];
}

export function startInterest(
  kind: InterestKind,
  from: IsoDate,
  rates: readonly StatutoryInterestRate[] = STATUTORY_INTEREST_RATES,
): InterestAccrual {
  const sorted = [...rates].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  if (sorted.length === 0 || sorted[0]!.from > from) {
    throw new RangeError(`no statutory interest rate known for ${from}`);
  }
  return { kind, from, until: from, capitalisedCents: 0, currentCents: 0, rates: sorted };
}

/**
 * Accrues interest up to `to` on `principalCents` (unchanged in between) plus the capitalised interest,
 * compounding on each anniversary of the start that falls within the period.
 */
export function accrueInterest(accrual: InterestAccrual, principalCents: number, to: IsoDate): void {
  for (let year = 1; accrual.until < to; year++) {
    const yearEnd = anniversary(accrual.from, year);
    if (yearEnd <= accrual.until) continue;
    const periodEnd = yearEnd < to ? yearEnd : to;
    accrual.currentCents += simpleInterest(
      principalCents + accrual.capitalisedCents,
      accrual.until,
      periodEnd,
      accrual.kind,
      accrual.rates,
    );
    accrual.until = periodEnd;
    if (periodEnd === yearEnd) {
      accrual.capitalisedCents += accrual.currentCents;
      accrual.currentCents = 0;
    }
  }
}

/**
 * Statutory interest on a principal that stays unpaid over [from, to), in cents, compounding yearly
 * (art. 6:119 lid 2 BW). With part-payments, see `allocatePayments` (policy/allocation.ts).
 */
export function statutoryInterest(
  principalCents: number,
  from: IsoDate,
  to: IsoDate,
  kind: InterestKind,
  rates: readonly StatutoryInterestRate[] = STATUTORY_INTEREST_RATES,
): number {
  assertCents(principalCents);
  if (daysBetween(from, to) <= 0 || principalCents <= 0) return 0;
  const accrual = startInterest(kind, from, rates);
  accrueInterest(accrual, principalCents, to);
  return Math.round(accrual.capitalisedCents + accrual.currentCents);
}
