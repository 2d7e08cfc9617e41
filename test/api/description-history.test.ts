// The invoice's free-text description may hold personal data: it reaches the PSP (payment link,
// mandate first payment, direct debit collection) but never the workflow history, which only names
// the invoice. Real API, real worker, real Temporal dev server, sandbox PSP.
import { and, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sandboxPayments } from '../../db/schema.js';
import { checkoutBehind } from '../../devstack/pay-link.js';
import { historyText } from '../support/history-payloads.js';
import { type ApiHarness, eventually, invoiceBody, startApiHarness } from './harness.js';

let h: ApiHarness;
beforeAll(async () => {
  h = await startApiHarness();
});
afterAll(async () => {
  await h?.close();
});

interface Invoice {
  workflowId: string;
  stage: string;
  paymentUrl: string | null;
  directDebit: { checkoutUrl: string | null; collections: { status: string }[] } | null;
}
const invoice = async (invoiceId: string): Promise<Invoice> =>
  (await h.call('GET', `/v1/invoices/${invoiceId}?consistency=live`)).json();

describe('the invoice description and the workflow history', () => {
  it('goes to the PSP for the link, the first payment and the collection, never into the history', async () => {
    const description = 'Fysiotherapie mw. Zonnebloem-Qx7 knie';
    const body = invoiceBody({ description });
    expect((await h.call('POST', '/v1/invoices', body)).statusCode).toBe(201);
    const { invoiceId } = body;
    const requested = await eventually(async () => {
      const current = await invoice(invoiceId);
      return current.stage === 'payment-request' && current;
    });
    // The debtor follows the message's pay link: Settle mints a payment link at the PSP.
    await checkoutBehind(requested.paymentUrl!);

    const invited = await h.call('POST', `/v1/invoices/${invoiceId}/direct-debit`, { collectionDay: 5 });
    expect(invited.statusCode).toBe(200);
    const checkout = new URL((invited.json() as Invoice).directDebit!.checkoutUrl!).pathname;
    const settled = await h.app.inject({
      method: 'POST',
      url: checkout,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ outcome: 'paid', collections: 'paid' }).toString(),
    });
    expect(settled.statusCode).toBe(303);
    // Demo policy: the collection is submitted 5 policy days (10 s) after the pre-notification.
    const collecting = await eventually(async () => {
      const current = await invoice(invoiceId);
      return current.directDebit?.collections[0]?.status === 'pending' && current;
    }, 40_000);

    const sentToPsp = await h.database.db
      .select()
      .from(sandboxPayments)
      .where(
        and(
          sql`${sandboxPayments.metadata}->>'tenantId' = ${h.tenantId}`,
          sql`${sandboxPayments.metadata}->>'invoiceId' = ${invoiceId}`,
        ),
      );
    // Payment links (one per amount asked), the mandate's first payment and the collection.
    expect(new Set(sentToPsp.map((p) => `${p.kind}:${p.sequenceType ?? '-'}`))).toEqual(
      new Set(['link:-', 'payment:first', 'payment:recurring']),
    );
    for (const request of sentToPsp) expect(request.description).toBe(description);

    const history = await h.temporal.workflow.getHandle(collecting.workflowId).fetchHistory();
    const text = historyText(history);
    // The history does name the invoice and the PSP calls (so the search below can find text)…
    expect(text).toContain(invoiceId);
    expect(text).toContain('collectDirectDebit');
    // …but not a word of its description.
    expect(text).not.toContain(description);
    expect(text).not.toContain('Zonnebloem');
  }, 90_000);
});
