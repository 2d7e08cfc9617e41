// Items of "lawful to the day" on the time-skipping server with the real activities: the 14-day
// letter's clock runs from its lawful receipt, a lost letter starts none (and costs charged on it are
// withdrawn), a resend restarts it, and no step follows on the day a message named as its deadline.
import { describe, expect, it } from 'vitest';
import { invoiceTimeline } from '../../api/timeline.js';
import { getInvoice } from '../../db/queries/invoices.js';
import { deliverySignal } from '../../workflows/definitions.js';
import type { DunningStatus } from '../../workflows/dunning-types.js';
import { addDays, fromAmsterdamLocal, toAmsterdamParts } from '../../workflows/policy/calendar.js';
import { expectLawfulSendTimes } from './assertions.js';
import { harnessPerFile } from './harness.js';

const h = harnessPerFile();

const amsterdamDate = (iso: string) => toAmsterdamParts(new Date(iso)).date;
const messageOf = (status: DunningStatus, stepKey: string, channel?: string) => {
  const message = status.messages.find((m) => m.stepKey === stepKey && (!channel || m.channel === channel));
  if (!message) throw new Error(`no ${channel ?? ''} message for ${stepKey}`);
  return message;
};
const sentOn = (status: DunningStatus, stepKey: string, channel?: string) =>
  amsterdamDate(messageOf(status, stepKey, channel).history[0]!.at);

async function sleepUntil(instant: Date): Promise<void> {
  const ms = instant.getTime() - (await h.now()).getTime();
  if (ms > 0) await h.env.sleep(ms);
}

describe('the 14-day letter, lawful to the day', () => {
  it('a letter sent the Thursday before Christmas: costs and the next step only after 13 January; returned, the costs go and the email resend restarts the clock', async () => {
    const start = await h.now();
    expect(start < new Date('2026-12-10T00:00:00Z'), 'this test walks the ladder of December 2026').toBe(
      true,
    );
    // Paid on Mondays: Thursdays lie within the days after payday, so no step moves for payday.
    // Reminder 1 on Thursday 10 December, reminder 2 a week later, the 14-day letter on Thursday 24 December.
    const id = await h.createInvoice({
      issueDate: '2026-11-23',
      dueDate: '2026-12-07',
      // Agreed to email: a resend of the 14-day letter may then go by email.
      debtor: { payday: { rule: 'weekly', weekday: 1 }, preferredChannel: 'email' },
    });
    const noticed = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'formal-notice'), 30);
    const letter = messageOf(noticed, 'formal-notice', 'letter');
    expect(sentOn(noticed, 'formal-notice')).toBe('2026-12-24');
    // Posted the same day before the print batch's cut-off, else Monday 28 December (25/26 are holidays).
    expect(['2026-12-24', '2026-12-28']).toContain(letter.postedOn);
    // Either way the D+2 standard's last delivery day is Wednesday 30 December: 14 days after it end 13 January.
    expect(noticed.costDeadline).toBe('2027-01-13');
    expect(noticed.events.find((e) => e.kind === 'cost-clock-started')?.detail).toBe('deadline 2027-01-13');

    // The old rule (two days after sending, then 14) charged costs from 10 January: nothing happens yet.
    await sleepUntil(fromAmsterdamLocal('2027-01-13', 21, 0));
    const onDeadline = await h.status(id);
    expect(onDeadline.amounts.costsCents).toBe(0);
    expect(onDeadline.messages.some((m) => m.stepKey === 'payment-plan-offer')).toBe(false);

    const offered = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'payment-plan-offer'), 5);
    expect(sentOn(offered, 'payment-plan-offer')).toBe('2027-01-14');
    // €123.45 → 15% is €18.52, under the €40 minimum of the statutory scale.
    expect(offered.amounts.costsCents).toBe(4_000);

    // The print house reports the letter came back: it never started a term, the costs were never due.
    await h.handle(id).signal(deliverySignal, {
      messageId: letter.messageId,
      status: 'returned',
      at: (await h.now()).toISOString(),
    });
    const resent = await h.waitFor(
      id,
      (s) => s.messages.some((m) => m.stepKey === 'formal-notice' && m.channel === 'email'),
      3,
    );
    expect(resent.amounts.costsCents).toBe(0);
    expect(resent.costDeadline).toBeNull();
    const kinds = resent.events.map((e) => `${e.kind}:${e.detail ?? ''}`);
    expect(kinds).toContain('cost-clock-stopped:letter:returned');
    expect(kinds).toContain('costs-withdrawn:4000');

    // The email resend counts from the day after its delivery.
    const email = messageOf(resent, 'formal-notice', 'email');
    const deliveredAt = new Date(Date.parse(email.history[0]!.at) + 60_000);
    await h.handle(id).signal(deliverySignal, {
      messageId: email.messageId,
      status: 'delivered',
      at: deliveredAt.toISOString(),
    });
    const restarted = await h.waitFor(id, (s) => s.costDeadline !== null, 1);
    const newDeadline = addDays(amsterdamDate(deliveredAt.toISOString()), 14);
    expect(restarted.costDeadline).toBe(newDeadline);

    // The final notice waits for the restarted 14 days; the handover for the day the final notice named.
    const finalNoticed = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'final-notice'), 40);
    const finalDay = sentOn(finalNoticed, 'final-notice');
    expect(finalDay > newDeadline).toBe(true);
    expect(finalNoticed.amounts.costsCents).toBe(4_000);
    const result = await h.runToEnd(id, 40);
    expect(result.status).toBe('handed_over');
    const handoverDay = amsterdamDate(
      result.events.find((e) => e.kind === 'step' && e.detail === 'handover')!.at,
    );
    // The final notice said "pay by" its day + 14: the handover comes after that day, not on it.
    expect(handoverDay > addDays(finalDay, 14)).toBe(true);
    expectLawfulSendTimes(result);
  });

  it('a bounced email 14-day letter with no other channel: no costs ever, and the timeline says why', async () => {
    // The 14-day letter goes by email only where the debtor chose email.
    const id = await h.createInvoice({
      debtor: { address: undefined, phone: undefined, preferredChannel: 'email' },
    });
    const noticed = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'formal-notice'), 60);
    const email = messageOf(noticed, 'formal-notice', 'email');
    await h.handle(id).signal(deliverySignal, {
      messageId: email.messageId,
      status: 'bounced',
      at: (await h.now()).toISOString(),
    });
    const bounced = await h.waitFor(id, (s) => s.events.some((e) => e.kind === 'unreachable'), 2);
    expect(bounced.costDeadline).toBeNull();
    const row = await getInvoice(h.database.db, h.tenantId, id);
    const timeline = await invoiceTimeline(h.database.db, row!, bounced);
    expect(timeline.entries).toContainEqual(
      expect.objectContaining({ type: 'event', kind: 'cost-clock-stopped', detail: 'email:bounced' }),
    );
    const result = await h.runToEnd(id, 80);
    expect(result.status).toBe('handed_over');
    expect(result.amounts.costsCents).toBe(0);
    expect(result.events.some((e) => e.kind === 'cost-clock-started')).toBe(false);
  });
});
