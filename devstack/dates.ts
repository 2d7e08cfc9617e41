// Calendar days for invoices that tests, benchmarks and drills create.

const DAY_MS = 86_400_000;

/** YYYY-MM-DD (UTC), `offsetDays` from `from` (today by default; negative for the past). */
export function isoDay(offsetDays: number, from: Date = new Date()): string {
  return new Date(from.getTime() + offsetDays * DAY_MS).toISOString().slice(0, 10);
}
