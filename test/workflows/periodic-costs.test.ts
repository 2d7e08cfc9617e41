// Small periodic claims (Besluit vergoeding voor buitengerechtelijke incassokosten, since 2024-10-01;
// protective reading, see workflows/policy/legal/small-periodic-claims.ts): the terms of one debtor at
// one creditor share one term's collection costs, on the time-skipping server with real activities and
// PostgreSQL. A one-off claim of the same debtor and another debtor's term keep their own costs.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getInvoice } from '../../db/queries/invoices.js';
import { sandboxMessages } from '../../db/schema.js';
import type { DunningStatus } from '../../workflows/dunning-types.js';
import { addDays } from '../../workflows/policy/calendar.js';
import { pdfText } from '../templates/pdf-raster.js';
import { harnessPerFile, isoDay } from './harness.js';

const h = harnessPerFile();

async function letterText(status: DunningStatus): Promise<string> {
  const letter = status.messages.find((m) => m.stepKey === 'formal-notice');
  if (!letter) throw new Error(`no 14-day letter for ${status.invoiceId}`);
  const [sent] = await h.database.db
    .select()
    .from(sandboxMessages)
    .where(eq(sandboxMessages.messageId, letter.messageId));
  // A printed letter: its words are in the PDF the print house gets.
  return pdfText(Buffer.from(sent!.pdf!, 'base64')).replace(/\s+/g, ' ');
}

describe('small periodic claims', () => {
  it("three monthly €50 terms of one debtor owe €40 in total; the debtor's one-off claim and another debtor's term keep their own €40", async () => {
    const now = await h.now();
    const debtor = `D-${randomBytes(3).toString('hex')}`;
    const other = `D-${randomBytes(3).toString('hex')}`;
    const term = (offsetDays: number, debtorId: string, periodic: boolean) =>
      h.createInvoice({
        amountCents: 5_000,
        issueDate: isoDay(offsetDays - 14, now),
        dueDate: isoDay(offsetDays, now),
        debtor: { id: debtorId },
        ...(periodic ? { periodic: true } : {}),
      });
    const terms = [await term(14, debtor, true), await term(44, debtor, true), await term(74, debtor, true)];
    const oneOff = await term(44, debtor, false);
    const othersTerm = await term(44, other, true);

    const results: Record<string, DunningStatus> = {};
    for (const id of [...terms, oneOff, othersTerm]) results[id] = await h.runToEnd(id, 300);
    const costs = (id: string) => results[id]!.amounts.costsCents;

    // Every run went through the 14-day letter and was handed over unpaid.
    for (const id of Object.keys(results)) expect(results[id]!.status).toBe('handed_over');
    expect(terms.map(costs)).toEqual([4_000, 0, 0]);
    expect(terms.map(costs).reduce((a, b) => a + b, 0)).toBe(4_000);
    expect(costs(oneOff)).toBe(4_000);
    expect(costs(othersTerm)).toBe(4_000);

    // The letters state what is really charged: the first term €40, the later ones name no costs at all.
    expect(await letterText(results[terms[0]!]!)).toContain('€ 40,00 aan incassokosten');
    for (const id of terms.slice(1)) {
      expect(await letterText(results[id]!)).not.toMatch(/kosten/);
      expect(results[id]!.events.map((e) => e.kind)).toContain('periodic-costs-capped');
    }
    expect(await letterText(results[oneOff]!)).toContain('€ 40,00 aan incassokosten');

    // The database records each term's share, with the day its costs fell due.
    const recorded = await getInvoice(h.database.db, h.tenantId, terms[1]!);
    expect(recorded).toMatchObject({ periodic: true, periodicCostsCents: 0 });
    expect(recorded!.periodicCostsOwedOn).toBe(addDays(results[terms[1]!]!.costDeadline!, 1));
    expect((await getInvoice(h.database.db, h.tenantId, oneOff))!.periodicCostsOwedOn).toBeNull();
  });
});
