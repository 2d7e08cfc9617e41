// POST/GET /v1/invoice-batches on the real stack: JSON, NDJSON and CSV intake, per-line errors that do
// not hold up the other lines, idempotency per line (as a single create) and per upload, the limits,
// and tenant isolation. The invoices' workflows really start (read back through the API).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiHarness, eventually, invoiceBody, problemOf, startApiHarness, unique } from './harness.js';

let h: ApiHarness;

beforeAll(async () => {
  h = await startApiHarness({ worker: false });
});
afterAll(async () => {
  await h?.close();
});

interface Batch {
  id: string;
  status: string;
  format: string;
  completedAt: string | null;
  lines: { total: number; pending: number; created: number; repeated: number; failed: number };
  failedLines: { line: number; invoiceId: string | null; errors: { field: string; message: string }[] }[];
}

function upload(body: string, contentType: string, as?: Awaited<ReturnType<ApiHarness['newTenant']>>) {
  return h.call('POST', '/v1/invoice-batches', body, {
    headers: { 'content-type': contentType },
    ...(as ? { as } : {}),
  });
}

async function completed(location: string): Promise<Batch> {
  return eventually(async () => {
    const batch = (await h.call('GET', location)).json() as Batch;
    return batch.status === 'completed' && batch;
  });
}

async function invoiceStatus(invoiceId: string): Promise<number> {
  return (await h.call('GET', `/v1/invoices/${invoiceId}`)).statusCode;
}

describe('POST /v1/invoice-batches', () => {
  it('accepts a JSON array at once, starts the valid lines and reports each bad line with its fields', async () => {
    const good = [invoiceBody(), invoiceBody(), invoiceBody()];
    const badDate = invoiceBody({ dueDate: '15-11-2026' });
    const dueBeforeIssue = invoiceBody({ issueDate: '2026-11-20', dueDate: '2026-11-01' });
    const response = await upload(
      JSON.stringify([good[0], badDate, good[1], dueBeforeIssue, good[2]]),
      'application/json',
    );
    expect(response.statusCode).toBe(202);
    const accepted = response.json() as Batch;
    expect(accepted.id).toMatch(/^ib_[0-9a-f]{32}$/);
    expect(response.headers.location).toBe(`/v1/invoice-batches/${accepted.id}`);
    expect(accepted.lines.total).toBe(5);
    // The bad lines are known at once; the good ones are started in the background.
    expect(accepted.lines.failed).toBe(2);

    const batch = await completed(response.headers.location as string);
    expect(batch.lines).toEqual({ total: 5, pending: 0, created: 3, repeated: 0, failed: 2 });
    expect(batch.completedAt).not.toBeNull();
    expect(batch.failedLines.map((l) => [l.line, l.invoiceId])).toEqual([
      [2, badDate.invoiceId],
      [4, dueBeforeIssue.invoiceId],
    ]);
    expect(new Set(batch.failedLines[0]!.errors.map((e) => e.field))).toEqual(new Set(['/dueDate']));
    expect(batch.failedLines[1]!.errors).toEqual([
      { field: '/dueDate', message: 'must not lie before issueDate' },
    ]);
    for (const invoice of good) expect(await invoiceStatus(invoice.invoiceId)).toBe(200);
    expect(await invoiceStatus(badDate.invoiceId)).toBe(404);
  });

  it('treats each line as a single create: identical repeats are `repeated`, other content fails', async () => {
    const [existing, other] = [invoiceBody(), invoiceBody()];
    for (const invoice of [existing, other])
      expect((await h.call('POST', '/v1/invoices', invoice)).statusCode).toBe(201);
    const changed = { ...other, amount: { currency: 'EUR', value: '999.00' } };
    const twin = invoiceBody();
    const twinChanged = { ...twin, description: 'other content' };
    const response = await upload(JSON.stringify([existing, changed, twin, twinChanged]), 'application/json');
    const batch = await completed(response.headers.location as string);
    expect(batch.lines).toMatchObject({ created: 1, repeated: 1, failed: 2 });
    expect(batch.failedLines.map((l) => [l.line, l.errors[0]!.message])).toEqual([
      [2, `invoice ${other.invoiceId} already exists with different content`],
      [4, 'repeats line 3 with different content'],
    ]);
  });

  it('answers an identical upload again with the same batch (200) and starts nothing twice', async () => {
    const body = JSON.stringify([invoiceBody(), invoiceBody()]);
    const first = await upload(body, 'application/json');
    expect(first.statusCode).toBe(202);
    await completed(first.headers.location as string);
    const again = await upload(body, 'application/json');
    expect(again.statusCode).toBe(200);
    expect(again.headers.location).toBe(first.headers.location);
    expect((again.json() as Batch).lines).toMatchObject({ created: 2, repeated: 0, pending: 0 });
  });

  it('reads NDJSON line by line: a line that is not JSON fails alone, blank lines are skipped', async () => {
    const [a, b] = [invoiceBody(), invoiceBody()];
    const text = `${JSON.stringify(a)}\n\n{"invoiceId": "broken\n${JSON.stringify(b)}\n`;
    const response = await upload(text, 'application/x-ndjson');
    expect(response.statusCode).toBe(202);
    const batch = await completed(response.headers.location as string);
    expect(batch.format).toBe('ndjson');
    expect(batch.lines).toMatchObject({ total: 3, created: 2, failed: 1 });
    expect(batch.failedLines).toEqual([
      { line: 3, invoiceId: null, errors: [{ field: '/', message: 'is not valid JSON' }] },
    ]);
  });

  it('reads CSV with named columns into the same create body (address, booleans, default currency)', async () => {
    const [id1, id2, id3] = [unique('INV'), unique('INV'), unique('INV')];
    const csv = [
      'invoiceId,debtorId,debtorType,debtorName,debtorEmail,addressLine1,postalCode,city,country,amount,issueDate,dueDate,policy,periodic',
      `${id1},${unique('D')},consumer,"Jansen, J.",j@delivered.example,Dorpsstraat 1,1234 AB,Utrecht,NL,125.50,2026-11-01,2026-11-15,demo,true`,
      `${id2},${unique('D')},business,Bakkerij BV,,Markt 2,1234 AB,Utrecht,NL,80.00,2026-11-01,2026-11-15,,`,
      `${id3},${unique('D')},consumer,No Contact,,,,,,10.00,2026-11-01,2026-11-15,demo,maybe`,
    ].join('\r\n');
    const response = await upload(csv, 'text/csv; charset=utf-8');
    expect(response.statusCode).toBe(202);
    const batch = await completed(response.headers.location as string);
    expect(batch.lines).toMatchObject({ total: 3, created: 2, failed: 1 });
    expect(batch.failedLines[0]).toMatchObject({ line: 4, invoiceId: id3 });
    expect(batch.failedLines[0]!.errors.map((e) => e.field)).toContain('/periodic');
    const first = (await h.call('GET', `/v1/invoices/${id1}`)).json() as {
      amount: { value: string };
      periodic?: boolean;
    };
    expect(first.amount.value).toBe('125.50');
  });

  it('refuses what cannot be a batch as a whole, with a problem', async () => {
    problemOf(await upload('{"invoiceId":"x"}', 'application/json'), 400);
    problemOf(await upload('[]', 'application/json'), 400);
    problemOf(await upload('invoiceId,amount,colour\nx,1.00,red\n', 'text/csv'), 400);
    problemOf(await upload('a,b', 'text/plain'), 415);
    const tooMany = Array.from({ length: 10_001 }, (_, i) => `{"invoiceId":"L${i}"}`).join('\n');
    const problem = problemOf(await upload(tooMany, 'application/x-ndjson'), 413);
    expect(problem.detail).toContain('10000');
  });

  it('takes 10,000 invoices in one request', async () => {
    const lines = Array.from({ length: 10_000 }, () =>
      JSON.stringify(invoiceBody({ dueDate: '2026-11-01' }).invoiceId),
    );
    // Invalid lines are quickest to store and report: the size limits are what this checks.
    const response = await upload(lines.join('\n'), 'application/x-ndjson');
    expect(response.statusCode).toBe(202);
    expect((response.json() as Batch).lines).toMatchObject({ total: 10_000, failed: 10_000 });
  });

  it('publishes the intake and webhook backlogs as metrics', async () => {
    const metrics = (await h.app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/^settle_invoice_batch_backlog \d+$/m);
    expect(metrics).toMatch(/^settle_webhook_backlog \d+$/m);
  });

  it('shows a batch only to its own tenant', async () => {
    const response = await upload(JSON.stringify([invoiceBody()]), 'application/json');
    const other = await h.newTenant();
    problemOf(await h.call('GET', response.headers.location as string, undefined, { as: other }), 404);
    problemOf(await h.call('GET', '/v1/invoice-batches/not-a-batch'), 400);
  });
});
