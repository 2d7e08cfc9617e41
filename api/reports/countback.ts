// Days sales outstanding by the countback method. Receivables at the measurement date are explained
// by the most recent sales: walk back period by period, newest first; while the balance left is at
// least the period's sales, the whole period's days count and its sales are taken off the balance;
// in the period where the balance runs out only its share counts (balance left ÷ sales × days).
// The measured period counts the days up to the measurement date only. A balance older than all
// sales on record counts every period walked (the history is the limit of what it can explain).

export interface CountbackPeriod {
  /** Days of the period (up to the measurement date for the period measured in). */
  days: number;
  salesCents: number;
}

/** DSO in days (one decimal) of `receivablesCents`, given the periods newest first. */
export function countbackDso(receivablesCents: number, newestFirst: readonly CountbackPeriod[]): number {
  let balance = receivablesCents;
  let days = 0;
  for (const period of newestFirst) {
    if (balance <= 0) break;
    if (period.salesCents >= balance) {
      days += (balance / period.salesCents) * period.days;
      balance = 0;
    } else {
      days += period.days;
      balance -= period.salesCents;
    }
  }
  return Math.round(days * 10) / 10;
}
