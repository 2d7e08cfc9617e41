// Cash collected per period with every period of the range listed: a week without payments is a 0,
// not a gap (a chart or a sum over the rows must see it).
import type { Queryable } from '../../db/client.js';
import { cashCollected } from '../../db/queries/reports.js';
import { periodsCovering } from './periods.js';
import type { ReportRange } from './receivables.js';

export async function cashReport(db: Queryable, range: ReportRange) {
  const cash = await cashCollected(db, range);
  const byStart = new Map(cash.map((entry) => [entry.periodStart, entry]));
  return periodsCovering(range.from, range.to, range.interval).map(
    ({ start }) => byStart.get(start) ?? { periodStart: start, collectedCents: 0, payments: 0 },
  );
}
