// A batch upload as numbered items: a JSON array, NDJSON (one create body per line) or CSV (one
// invoice per row, flat columns). What cannot be read at all refuses the whole batch; what can be read
// but is wrong stays an item, and its line fails on its own.
import type { BatchFormat } from '../../db/queries/invoice-batches.js';
import { csvRecords } from '../csv-records.js';
import { unstorableJson } from '../json-body.js';
import { Problem } from '../problem.js';

export const MAX_BATCH_LINES = 10_000;

/** `line`: the item's 1-based position (JSON), its line in the file (NDJSON, CSV with the header as line 1). */
export type BatchItem = { line: number; value: unknown } | { line: number; unreadable: string };

export const BATCH_MEDIA_TYPES: Record<BatchFormat, string> = {
  json: 'application/json',
  ndjson: 'application/x-ndjson',
  csv: 'text/csv',
};

export function batchFormatOf(contentType: string | undefined): BatchFormat | undefined {
  const media = contentType?.split(';')[0]?.trim().toLowerCase();
  return (Object.keys(BATCH_MEDIA_TYPES) as BatchFormat[]).find((f) => BATCH_MEDIA_TYPES[f] === media);
}

function tooMany(count: number): Problem {
  return new Problem(
    413,
    'Content Too Large',
    `a batch holds at most ${MAX_BATCH_LINES} invoices, this one ${count}`,
  );
}

function empty(): Problem {
  return new Problem(400, 'Bad Request', 'the batch holds no invoices', [
    { field: '/', message: 'must not be empty' },
  ]);
}

export function jsonItems(body: unknown): BatchItem[] {
  if (!Array.isArray(body))
    throw new Problem(400, 'Bad Request', 'a JSON batch is an array of invoices', [
      { field: '/', message: 'must be an array' },
    ]);
  if (body.length === 0) throw empty();
  if (body.length > MAX_BATCH_LINES) throw tooMany(body.length);
  return body.map((value, index) => ({ line: index + 1, value }));
}

export function ndjsonItems(text: string): BatchItem[] {
  const items: BatchItem[] = [];
  text.split('\n').forEach((raw, index) => {
    const source = raw.trim();
    if (source === '') return;
    const line = index + 1;
    try {
      const value: unknown = JSON.parse(source);
      const unstorable = unstorableJson(value);
      items.push(
        unstorable ? { line, unreadable: `${unstorable.field} ${unstorable.message}` } : { line, value },
      );
    } catch {
      items.push({ line, unreadable: 'is not valid JSON' });
    }
  });
  if (items.length === 0) throw empty();
  if (items.length > MAX_BATCH_LINES) throw tooMany(items.length);
  return items;
}

/** CSV columns and where each goes in the create body; an empty cell is a value left out. */
const CSV_COLUMNS: Record<string, readonly string[]> = {
  invoiceId: ['invoiceId'],
  debtorId: ['debtor', 'id'],
  debtorType: ['debtor', 'type'],
  debtorName: ['debtor', 'name'],
  debtorEmail: ['debtor', 'email'],
  debtorPhone: ['debtor', 'phone'],
  debtorWhatsappOptIn: ['debtor', 'whatsappOptIn'],
  debtorAppUserId: ['debtor', 'appUserId'],
  debtorLanguage: ['debtor', 'language'],
  debtorPreferredChannel: ['debtor', 'preferredChannel'],
  addressLine1: ['debtor', 'address', 'line1'],
  addressLine2: ['debtor', 'address', 'line2'],
  postalCode: ['debtor', 'address', 'postalCode'],
  city: ['debtor', 'address', 'city'],
  country: ['debtor', 'address', 'country'],
  amount: ['amount', 'value'],
  currency: ['amount', 'currency'],
  issueDate: ['issueDate'],
  dueDate: ['dueDate'],
  description: ['description'],
  policy: ['policy'],
  periodic: ['periodic'],
};
const CSV_BOOLEANS = new Set(['debtorWhatsappOptIn', 'periodic']);

export const CSV_COLUMN_NAMES = Object.keys(CSV_COLUMNS);

function cellValue(column: string, cell: string): unknown {
  if (!CSV_BOOLEANS.has(column)) return cell;
  // Anything else stays a string, so the schema names the cell that is not a boolean.
  return cell === 'true' ? true : cell === 'false' ? false : cell;
}

function bodyOfRow(record: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [column, cell] of Object.entries(record)) {
    if (cell === '') continue;
    const path = CSV_COLUMNS[column]!;
    let target = body;
    for (const key of path.slice(0, -1)) {
      target[key] ??= {};
      target = target[key] as Record<string, unknown>;
    }
    target[path.at(-1)!] = cellValue(column, cell);
  }
  // A currency column is optional: the API only takes euros.
  if (body.amount && typeof body.amount === 'object' && !('currency' in body.amount))
    (body.amount as Record<string, unknown>).currency = 'EUR';
  return body;
}

export function csvItems(text: string): BatchItem[] {
  const rows = csvRecords(text, CSV_COLUMN_NAMES);
  if (rows.length === 0) throw empty();
  if (rows.length > MAX_BATCH_LINES) throw tooMany(rows.length);
  return rows.map(({ record, line }) => ({ line, value: bodyOfRow(record) }));
}

export function batchItems(format: BatchFormat, body: unknown): BatchItem[] {
  if (format === 'json') return jsonItems(body);
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : String(body ?? '');
  return format === 'ndjson' ? ndjsonItems(text) : csvItems(text);
}
