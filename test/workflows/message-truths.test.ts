// What the workflow's messages state is true when they are sent (issue 13 item 7), on the time-skipping
// server with the real activities: a payment request for an invoice already past its due date names a
// fresh pay-by day and the first reminder waits until that day is over; the demo policy, which charges
// no costs, never names any.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sandboxMessages } from '../../db/schema.js';
import { isoDay } from '../../devstack/dates.js';
import { endOfDay } from '../../workflows/policy/stated-deadlines.js';
import { pdfText } from '../templates/pdf-raster.js';
import { harnessPerFile } from './harness.js';

const h = harnessPerFile();

async function sentText(messageId: string): Promise<string> {
  const [row] = await h.database.db
    .select()
    .from(sandboxMessages)
    .where(eq(sandboxMessages.messageId, messageId));
  return row!.text;
}

const dutchDay = (iso: string) =>
  new Date(`${iso}T12:00:00Z`).toLocaleDateString('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

describe('messages say what is true when they are sent', () => {
  it('a payment request past the due date names a fresh pay-by day, and the reminder waits for it', async () => {
    const now = await h.now();
    const dueDate = isoDay(-16, now);
    const id = await h.createInvoice({ issueDate: isoDay(-46, now), dueDate });
    const requested = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'payment-request'), 3);
    const request = requested.messages.find((m) => m.stepKey === 'payment-request')!;
    const sentOn = request.history[0]!.at.slice(0, 10);
    const fresh = isoDay(14, new Date(request.history[0]!.at));
    const text = await sentText(request.messageId);
    expect(text).toContain(`uiterlijk ${dutchDay(fresh)} betalen`);
    expect(text).not.toContain(`betaal factuur ${id} uiterlijk ${dutchDay(dueDate)}`);
    expect(text).not.toMatch(new RegExp(`(?<!had )uiterlijk ${dutchDay(dueDate)}`));
    expect(fresh > sentOn).toBe(true);

    const reminded = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-1'), 30);
    const reminder = reminded.messages.find((m) => m.stepKey === 'reminder-1')!;
    expect(Date.parse(reminder.history[0]!.at)).toBeGreaterThanOrEqual(endOfDay(fresh).getTime());
  });

  it('the demo policy charges no costs, so its formal notice names none', async () => {
    const id = await h.createInvoice({ policyId: 'demo' });
    const noticed = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'formal-notice'), 3);
    const notice = noticed.messages.find((m) => m.stepKey === 'formal-notice')!;
    expect(notice.channel).toBe('letter');
    const [row] = await h.database.db
      .select()
      .from(sandboxMessages)
      .where(eq(sandboxMessages.messageId, notice.messageId));
    const text = pdfText(Buffer.from(row!.pdf!, 'base64'));
    expect(text).toContain('Aanmaning');
    expect(text).not.toMatch(/kosten/i);
    expect(noticed.amounts.costsCents).toBe(0);
  });
});
