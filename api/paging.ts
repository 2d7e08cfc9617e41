// Paged lists (invoices, debtor requests): a page size and an opaque cursor. A cursor is the
// base64url spelling (no padding) of the last item's id on the previous page; a string that is not
// one is refused as a malformed request (400), like any other field that breaks its format.
import { Type } from '@sinclair/typebox';
import { Problem } from './problem.js';

export const PageLimit = Type.String({
  pattern: '^([1-9]\\d?|100)$',
  description: '1–100, default 20',
  examples: ['20'],
});

export const Cursor = Type.String({
  pattern: '^[A-Za-z0-9_-]{2,120}$',
  description: 'nextCursor of the previous page (base64url, as the API returned it)',
  examples: ['SU5WLTIwMjYtMDA0Mg'],
});

/** The cursor that continues after the item with this id. */
export const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');

/** The id a cursor continues after; a cursor that spells no id of this kind is a 400 problem. */
export function decodeCursor(cursor: string, id: RegExp): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!id.test(decoded))
    throw new Problem(400, 'Bad Request', 'the request does not match the schema', [
      { field: 'querystring:/cursor', message: 'is not a cursor this API returned' },
    ]);
  return decoded;
}
