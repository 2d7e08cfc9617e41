// Which legal tables are out of date on a given day. Pure: the API and the worker call it at start-up,
// on /readyz and for the settle_legal_data_stale metric, with the Amsterdam date of "now".
//
// Every dated table in this folder exports a LegalTableValidity; register it by adding one line to
// LEGAL_TABLES below. A table with no expiry (a scale that changes only when a decree amends it, such
// as the collection cost scale) has nothing to register.

import type { IsoDate } from '../../domain.js';
import { toAmsterdamParts } from '../calendar.js';
import { HOLIDAYS_VALIDITY } from './holidays.js';
import { INTEREST_RATES_VALIDITY } from './interest-rates.js';

export interface LegalTableValidity {
  /** Metric label and /readyz name, e.g. "holidays". */
  table: string;
  /** The first day on which the table must count as stale. */
  staleFrom: IsoDate;
  /** What is missing once stale, and where the update comes from (for operators). */
  reason: string;
}

export const LEGAL_TABLES: readonly LegalTableValidity[] = [HOLIDAYS_VALIDITY, INTEREST_RATES_VALIDITY];

export interface StaleLegalTable {
  table: string;
  staleSince: IsoDate;
  reason: string;
}

/** The tables that are stale on `today`, in registration order. */
export function staleLegalTables(
  today: IsoDate,
  tables: readonly LegalTableValidity[] = LEGAL_TABLES,
): StaleLegalTable[] {
  return tables
    .filter((table) => today >= table.staleFrom)
    .map(({ table, staleFrom, reason }) => ({ table, staleSince: staleFrom, reason }));
}

/** The tables stale at an instant, judged by its Europe/Amsterdam date (Dutch law counts Dutch days). */
export function staleLegalTablesAt(
  instant: Date,
  tables: readonly LegalTableValidity[] = LEGAL_TABLES,
): StaleLegalTable[] {
  return staleLegalTables(toAmsterdamParts(instant).date, tables);
}

/** The start-up warning for a stale table, as the API and the worker log it. */
export function staleLegalTableWarning({ table, staleSince, reason }: StaleLegalTable): string {
  return `legal data "${table}" is stale since ${staleSince}: ${reason}`;
}
