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

/**
 * A December in which the 14-day letter goes out on the last posting day before Christmas, so its
 * receipt and term run over the Christmas holidays. Every date is worked out by hand from the rules'
 * sources, never with the code under test: the ladder (nl-consumer: payment request at due − 14,
 * reminder 1 at due + 3, reminder 2 and the letter a week apart, the plan offer not before the day
 * after the letter's deadline), a weekly payday three days before the letter's weekday (so no step
 * moves for payday), the print house's posting (weekdays, noon cut-off, never on a holiday), the
 * postal delivery standard (Postbesluit 2009 as amended: D+2 from 1 July 2026, D+3 from 1 July 2027,
 * delivery Tuesday to Saturday, never on a holiday), the Atw holidays (25/26 December, 1 January) and
 * the deadline: receipt + 14 days, run on past a weekend or holiday (Atw art. 1).
 */
interface ChristmasLayout {
  issueDate: string;
  dueDate: string;
  /** ISO weekday of the debtor's weekly payday. */
  paydayWeekday: number;
  /** The 14-day letter's day: the last posting day before Christmas. */
  letterOn: string;
  /**
   * Per posting day (before the noon cut-off the letter's own day, else the next posting day; the
   * send slot is spread over 09:00–17:59 by the invoice's id): the letter's deadline and the day the
   * plan offer follows (the day after the deadline, on a contact day after payday); the letter reported
   * returned that evening, the email resend's day (the next contact day, not moved for payday) and its
   * deadline (delivery + 14, run on past a weekend or holiday).
   */
  posted: Record<
    string,
    { costDeadline: string; planOfferOn: string; resentOn: string; resendDeadline: string }
  >;
}

// Returned on the evening of Thursday 14 January 2027: resent Friday 15; + 14 = Friday 29 January.
const resent2026 = { resentOn: '2027-01-15', resendDeadline: '2027-01-29' };
// Returned on the evening of Friday 14 January 2028: resent Saturday 15 (a contact day); + 14 =
// Saturday 29 January, run on to Monday 31.
const resent2027 = { resentOn: '2028-01-15', resendDeadline: '2028-01-31' };

const CHRISTMAS_LAYOUTS: readonly ChristmasLayout[] = [
  {
    // Thursday 24 December 2026; 25/26 Friday and Saturday. D+2: posted Thursday 24 or Monday 28,
    // delivered by Wednesday 30 December either way (Monday is no delivery day); + 14 = Wednesday 13 January.
    issueDate: '2026-11-23',
    dueDate: '2026-12-07',
    paydayWeekday: 1,
    letterOn: '2026-12-24',
    posted: {
      '2026-12-24': { costDeadline: '2027-01-13', planOfferOn: '2027-01-14', ...resent2026 },
      '2026-12-28': { costDeadline: '2027-01-13', planOfferOn: '2027-01-14', ...resent2026 },
    },
  },
  {
    // Friday 24 December 2027; 25/26 on the weekend. D+3: posted Friday 24 (Tuesday 28, Wednesday 29,
    // Thursday 30) or Monday 27 (the same three days): Thursday 30 December; + 14 = Thursday 13 January.
    issueDate: '2027-11-23',
    dueDate: '2027-12-07',
    paydayWeekday: 2,
    letterOn: '2027-12-24',
    posted: {
      '2027-12-24': { costDeadline: '2028-01-13', planOfferOn: '2028-01-14', ...resent2027 },
      '2027-12-27': { costDeadline: '2028-01-13', planOfferOn: '2028-01-14', ...resent2027 },
    },
  },
  {
    // Sunday 24 December 2028; 25/26 Monday and Tuesday, so the last posting day is Friday 22. D+3:
    // posted Friday 22 → Saturday 23, Wednesday 27, Thursday 28; + 14 = Thursday 11 January. Posted after
    // the cut-off → Wednesday 27 → Thursday 28, Friday 29, Saturday 30; + 14 = Saturday 13 January, run on
    // to Monday 15; the plan offer then waits for the day after Tuesday's payday, Wednesday 17.
    issueDate: '2028-11-21',
    dueDate: '2028-12-05',
    paydayWeekday: 2,
    letterOn: '2028-12-22',
    posted: {
      '2028-12-22': {
        costDeadline: '2029-01-11',
        planOfferOn: '2029-01-12',
        // Resent Saturday 13 January; + 14 = Saturday 27, run on to Monday 29.
        resentOn: '2029-01-13',
        resendDeadline: '2029-01-29',
      },
      '2028-12-27': {
        costDeadline: '2029-01-15',
        planOfferOn: '2029-01-17',
        // Resent Thursday 18 January; + 14 = Thursday 1 February.
        resentOn: '2029-01-18',
        resendDeadline: '2029-02-01',
      },
    },
  },
];

/** The test server's clock only moves forward: the first December whose ladder has not begun yet. */
function nextChristmasLayout(now: Date): ChristmasLayout & { startAt: Date } {
  const layout = CHRISTMAS_LAYOUTS.map((l) => ({
    ...l,
    startAt: fromAmsterdamLocal(l.issueDate, 8, 0),
  })).find((l) => l.startAt > now);
  if (!layout) {
    throw new Error(
      `no Christmas layout starts after ${now.toISOString()}: add the coming December to CHRISTMAS_LAYOUTS (and its Atw decree to legal/holidays.ts)`,
    );
  }
  return layout;
}

describe('the 14-day letter, lawful to the day', () => {
  it('a letter sent on the last posting day before Christmas: costs and the next step only after its deadline; returned, the costs go and the email resend restarts the clock', async () => {
    // The scenario runs on a December the test controls: the clock skips to its issue date first.
    const layout = nextChristmasLayout(await h.now());
    await sleepUntil(layout.startAt);
    // Paid weekly three days before the letter's weekday: no step moves for payday.
    const id = await h.createInvoice({
      issueDate: layout.issueDate,
      dueDate: layout.dueDate,
      // Agreed to email: a resend of the 14-day letter may then go by email.
      debtor: { payday: { rule: 'weekly', weekday: layout.paydayWeekday }, preferredChannel: 'email' },
    });
    const noticed = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'formal-notice'), 40);
    const letter = messageOf(noticed, 'formal-notice', 'letter');
    expect(sentOn(noticed, 'formal-notice')).toBe(layout.letterOn);
    // Posted the same day before the print batch's cut-off, else on the next posting day after Christmas.
    expect(Object.keys(layout.posted)).toContain(letter.postedOn);
    const expected = layout.posted[letter.postedOn!]!;
    // From the postal standard's last delivery day, 14 days (and past a weekend or holiday).
    expect(noticed.costDeadline).toBe(expected.costDeadline);
    expect(noticed.events.find((e) => e.kind === 'cost-clock-started')?.detail).toBe(
      `deadline ${expected.costDeadline}`,
    );

    // The old rule (two days after sending, then 14) charged costs days earlier: on the deadline's own
    // evening nothing has happened yet.
    await sleepUntil(fromAmsterdamLocal(expected.costDeadline, 21, 0));
    const onDeadline = await h.status(id);
    expect(onDeadline.amounts.costsCents).toBe(0);
    expect(onDeadline.messages.some((m) => m.stepKey === 'payment-plan-offer')).toBe(false);

    const offered = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'payment-plan-offer'), 5);
    expect(sentOn(offered, 'payment-plan-offer')).toBe(expected.planOfferOn);
    // €123.45 → 15% is €18.52, under the €40 minimum of the statutory scale.
    expect(offered.amounts.costsCents).toBe(4_000);

    // The print house reports that evening that the letter came back: it never started a term, the costs
    // were never due.
    await sleepUntil(fromAmsterdamLocal(expected.planOfferOn, 21, 0));
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
    expect(sentOn(resent, 'formal-notice', 'email')).toBe(expected.resentOn);
    const email = messageOf(resent, 'formal-notice', 'email');
    const deliveredAt = new Date(Date.parse(email.history[0]!.at) + 60_000);
    await h.handle(id).signal(deliverySignal, {
      messageId: email.messageId,
      status: 'delivered',
      at: deliveredAt.toISOString(),
    });
    const restarted = await h.waitFor(id, (s) => s.costDeadline !== null, 1);
    const newDeadline = expected.resendDeadline;
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
