// Reading an uploaded CSV file (invoice batches, payment history): a header row naming known
// columns, then one record per row with the line it stands on, so that errors can name the line.
// A file that cannot be read, or names a column nobody knows, is refused whole (400).
import { parse as parseCsv } from 'csv-parse/sync';
import { Problem } from './problem.js';

/** `line`: the row's line in the file, the header being line 1. */
export interface CsvRecord {
  line: number;
  record: Record<string, string>;
}

export function csvRecords(text: string, columns: readonly string[]): CsvRecord[] {
  try {
    const rows = parseCsv(text, {
      columns: (header: string[]) => {
        const unknown = header.filter((name) => !columns.includes(name));
        if (unknown.length > 0)
          throw new Problem(
            400,
            'Bad Request',
            `unknown CSV columns: ${unknown.join(', ')}`,
            unknown.map((name) => ({
              field: `header:${name}`,
              message: `is not one of ${columns.join(', ')}`,
            })),
          );
        return header;
      },
      bom: true,
      trim: true,
      skip_empty_lines: true,
      info: true,
    }) as { record: Record<string, string>; info: { lines: number } }[];
    return rows.map(({ record, info }) => ({ line: info.lines, record }));
  } catch (error) {
    if (error instanceof Problem) throw error;
    throw new Problem(400, 'Bad Request', `the CSV cannot be read: ${(error as Error).message}`);
  }
}
