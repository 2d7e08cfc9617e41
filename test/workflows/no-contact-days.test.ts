// The no-contact calendar in a running workflow (time-skipping server): a payment request that falls
// due on Goede Vrijdag (Algemene termijnenwet art. 3 lid 2; Besluit kwaliteit incassodienstverlening
// art. 4.2 lid 2) goes out on the next contact day, Easter Saturday.
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isoDateOf, toAmsterdamParts } from '../../workflows/policy/calendar.js';
import { easterSunday } from '../../workflows/policy/legal/holidays.js';
import { expectLawfulSendTimes } from './assertions.js';
import { harnessPerFile } from './harness.js';

const h = harnessPerFile();

/** The first Goede Vrijdag at least three weeks after `today`. */
function nextGoodFriday(today: string): string {
  for (let year = Number(today.slice(0, 4)); ; year++) {
    const goodFriday = addDays(easterSunday(year), -2);
    if (daysBetween(today, goodFriday) >= 21) return goodFriday;
  }
}

describe('no-contact days', () => {
  it('moves a payment request due on Goede Vrijdag to Easter Saturday', async () => {
    const today = isoDateOf(await h.now());
    const goodFriday = nextGoodFriday(today);
    // The payment request goes out 14 days before the due date. A Thursday payday keeps the payday
    // alignment on Goede Vrijdag itself, so only the holiday moves it.
    const id = await h.createInvoice({
      dueDate: addDays(goodFriday, 14),
      debtor: { payday: { rule: 'weekly', weekday: 4 } },
    });
    await h.env.sleep(`${daysBetween(today, goodFriday) - 2} days`);
    const status = await h.waitFor(id, (s) => s.messages.length > 0, 10);
    const sentAt = new Date(status.messages[0]!.history[0]!.at);
    expect(status.messages[0]!.stepKey).toBe('payment-request');
    expect(toAmsterdamParts(sentAt).date).toBe(addDays(goodFriday, 1));
    expectLawfulSendTimes(status);
  });
});
