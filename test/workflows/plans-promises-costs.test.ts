// Promises, payment plans, statutory costs and interest, and calendar alignment,
// on the time-skipping server with real activities and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { replaceTenantSettings } from '../../db/queries/tenants.js';
import { acceptPaymentPlanUpdate, promiseToPayUpdate } from '../../workflows/definitions.js';
import type { DunningStatus } from '../../workflows/dunning-types.js';
import { addDays, nextPayday, toAmsterdamParts } from '../../workflows/policy/calendar.js';
import { statutoryInterest } from '../../workflows/policy/money.js';
import { extendedByAtw, letterReceiptDate } from '../../workflows/policy/receipt.js';
import { expectLawfulSendTimes, expectRefusal, steps } from './assertions.js';
import { harnessPerFile, isoDay } from './harness.js';

const h = harnessPerFile();

const pay = (id: string, amountCents: number, key: string) => h.pay(id, amountCents, key);
const amsterdamDate = (iso: string) => toAmsterdamParts(new Date(iso)).date;
const sentOn = (status: DunningStatus, stepKey: string) => {
  const message = status.messages.find((m) => m.stepKey === stepKey);
  if (!message) throw new Error(`no message for ${stepKey}`);
  return amsterdamDate(message.history[0]!.at);
};
const eventDay = (status: DunningStatus, kind: string, detail?: string) => {
  const event = status.events.find((e) => e.kind === kind && (detail === undefined || e.detail === detail));
  if (!event) throw new Error(`no event ${kind} ${detail ?? ''}`);
  return amsterdamDate(event.at);
};

describe('promise to pay', () => {
  it('kept: paying before the promised date settles it', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    const promised = await h
      .handle(id)
      .executeUpdate(promiseToPayUpdate, { args: [{ date: isoDay(5, await h.now()) }] });
    expect(promised.status).toBe('paused');
    await expectRefusal(
      h.handle(id).executeUpdate(promiseToPayUpdate, { args: [{ date: isoDay(90, await h.now()) }] }),
      /date must lie between/,
    );
    await h.env.sleep('3 days');
    await pay(id, 12_345, 'kept');
    const result = await h.runToEnd(id);
    expect(result.status).toBe('paid');
    expect(steps(result)).toEqual(['payment-request:email']);
  });

  it('broken: the ladder resumes after the date plus grace', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    await h.handle(id).executeUpdate(promiseToPayUpdate, { args: [{ date: isoDay(20, await h.now()) }] });
    // Reminder 1 would be due within these days, but the promise holds it back.
    await h.env.sleep('19 days');
    expect((await h.status(id)).messages).toHaveLength(1);
    const resumed = await h.waitFor(id, (s) => s.messages.length === 2, 15);
    expect(resumed.events.map((e) => e.kind)).toContain('promise-expired');
    expect(resumed.status).toBe('open');
    expect(resumed.messages[1]!.stepKey).toBe('reminder-1');
  });
});

describe('payment plan', () => {
  it('kept: a reminder per instalment with its own link, paid in full', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    await expectRefusal(
      h.handle(id).executeUpdate(acceptPaymentPlanUpdate, { args: [{ instalments: 13 }] }),
      /between 2 and 12/,
    );
    await expectRefusal(
      h.handle(id).executeUpdate(acceptPaymentPlanUpdate, { args: [{ instalments: 6 }] }),
      /at least 2500 cents/,
    );
    const planned = await h.handle(id).executeUpdate(acceptPaymentPlanUpdate, { args: [{ instalments: 3 }] });
    expect(planned.status).toBe('in_plan');
    expect(planned.plan?.instalments.map((i) => i.amountCents)).toEqual([4_115, 4_115, 4_115]);
    for (const n of [1, 2, 3]) {
      const reminded = await h.waitFor(
        id,
        (s) => s.messages.some((m) => m.stepKey === `plan1-instalment-${n}-due`),
        40,
      );
      expect(reminded.status).toBe('in_plan');
      await pay(id, 4_115, `instalment-${n}`);
    }
    const result = await h.runToEnd(id);
    expect(result.status).toBe('paid');
    expect(result.plan?.status).toBe('kept');
    expect(result.messages.filter((m) => m.template === 'instalment-missed')).toHaveLength(0);
    // The plan is confirmed in writing once, before the first instalment's reminder.
    expect(result.messages.map((m) => m.stepKey).slice(1, 3)).toEqual([
      'plan1-confirmation',
      'plan1-instalment-1-due',
    ]);
    expectLawfulSendTimes(result);
  });

  it('broken: a missed instalment gets one follow-up, then the ladder resumes for the remainder', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    await h.handle(id).executeUpdate(acceptPaymentPlanUpdate, { args: [{ instalments: 2 }] });
    const followedUp = await h.waitFor(
      id,
      (s) => s.messages.some((m) => m.template === 'instalment-missed'),
      30,
    );
    expect(followedUp.status).toBe('in_plan');
    const broken = await h.waitFor(id, (s) => s.plan?.status === 'broken', 15);
    expect(broken.status).toBe('open');
    const resumed = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-1'), 20);
    expect(resumed.messages.filter((m) => m.template === 'instalment-missed')).toHaveLength(1);
  });
});

describe('costs and interest', () => {
  it('consumer: costs only after the 14-day letter deadline, statutory interest from then, then handover', async () => {
    const id = await h.createInvoice({});
    const noticed = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'formal-notice'), 60);
    expect(noticed.messages.find((m) => m.stepKey === 'formal-notice')?.channel).toBe('letter');
    expect(noticed.amounts.costsCents).toBe(0);
    const result = await h.runToEnd(id);
    expect(result.status).toBe('handed_over');
    expect(steps(result)).toEqual([
      'payment-request:email',
      'reminder-1:email',
      'reminder-2:email',
      'formal-notice:letter',
      'payment-plan-offer:email',
      'final-notice:email',
    ]);
    // €123.45 → 15% is €18.52, under the €40 minimum of the statutory scale.
    expect(result.amounts.costsCents).toBe(4_000);
    // 14 days after the letter's lawful receipt: posted with its print batch, delivered by the postal standard.
    const letter = result.messages.find((m) => m.stepKey === 'formal-notice')!;
    expect(letter.postedOn! >= sentOn(result, 'formal-notice')).toBe(true);
    const deadline = extendedByAtw(addDays(letterReceiptDate(letter.postedOn!), 14));
    expect(result.costDeadline).toBe(deadline);
    const interest = statutoryInterest(12_345, deadline, eventDay(result, 'step', 'handover'), 'consumer');
    expect(interest).toBeGreaterThan(0);
    expect(result.amounts.interestCents).toBe(interest);
    expect(result.amounts.dueCents).toBe(12_345 + 4_000 + interest);
    expectLawfulSendTimes(result);
  });

  it('consumer paying within the 14 days after the letter owes no costs', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'formal-notice'), 60);
    await h.env.sleep('10 days');
    expect((await h.status(id)).amounts.costsCents).toBe(0);
    await pay(id, 12_345, 'in-time');
    const result = await h.runToEnd(id);
    expect(result.status).toBe('paid');
    expect(result.amounts).toMatchObject({ costsCents: 0, interestCents: 0, dueCents: 0 });
  });

  it('business: the statutory scale (not €40) and commercial interest from the due date', async () => {
    const id = await h.createInvoice({
      policyId: 'nl-business',
      amountCents: 100_000,
      debtor: { type: 'business', name: 'Bakkerij De Korenaar B.V.' },
    });
    const reminded = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-1'), 40);
    // Besluit art. 2: 15% × €1,000 = €150, owed from the day after the due date (art. 6:96 lid 4 BW).
    expect(reminded.amounts.costsCents).toBe(15_000);
    const result = await h.runToEnd(id);
    expect(result.status).toBe('handed_over');
    expect(result.amounts.costsCents).toBe(15_000);
    const interest = statutoryInterest(
      100_000,
      result.dueDate,
      eventDay(result, 'step', 'handover'),
      'commercial',
    );
    expect(interest).toBeGreaterThan(0);
    expect(result.amounts.interestCents).toBe(interest);
  });

  it('business: a part-payment pays costs and interest first; interest then runs on the rest only', async () => {
    const id = await h.createInvoice({
      policyId: 'nl-business',
      amountCents: 100_000,
      debtor: { type: 'business', name: 'Bakkerij De Korenaar B.V.' },
    });
    await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-1'), 40);
    await h.env.sleep('2 days');
    const paidOn = amsterdamDate((await h.now()).toISOString());
    const afterPayment = await pay(id, 60_000, 'part');
    const result = await h.runToEnd(id);
    expect(result.status).toBe('handed_over');
    // On the payment day: €150 costs, then the interest accrued since the due date, then principal.
    const interestThen = statutoryInterest(100_000, result.dueDate, paidOn, 'commercial');
    const principalLeft = 100_000 - (60_000 - 15_000 - interestThen);
    expect(afterPayment.amounts.parts.costs).toMatchObject({ paidCents: 15_000, outstandingCents: 0 });
    expect(result.amounts.parts.principal.outstandingCents).toBe(principalLeft);
    const interestAfter = statutoryInterest(
      principalLeft,
      paidOn,
      eventDay(result, 'step', 'handover'),
      'commercial',
    );
    expect(result.amounts.parts.interest).toEqual({
      chargedCents: interestThen + interestAfter,
      paidCents: interestThen,
      outstandingCents: interestAfter,
    });
    expect(result.amounts.dueCents).toBe(principalLeft + interestAfter);
  });

  it('business: contractual costs of the tenant terms at creation, not later settings', async () => {
    await replaceTenantSettings(h.database.db, h.tenantId, {
      businessCollectionCosts: { kind: 'percentage', percent: 10 },
    });
    const id = await h.createInvoice({
      policyId: 'nl-business',
      amountCents: 300_000,
      debtor: { type: 'business', name: 'Bakkerij De Korenaar B.V.' },
    });
    // Changed after the invoice was created: the invoice keeps the terms it was created under.
    await replaceTenantSettings(h.database.db, h.tenantId, {});
    const reminded = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-1'), 40);
    expect(reminded.amounts.costsCents).toBe(30_000); // 10% × €3,000
  });
});

describe('calendar', () => {
  it('sends right after the debtor payday, inside lawful hours', async () => {
    const now = await h.now();
    // Reminder 1 falls due 17 days from now; the debtor is paid 5 days after that.
    const reminderDay = isoDay(17, now);
    const payday = { dayOfMonth: Math.min(28, Number(isoDay(22, now).slice(8, 10))) };
    const expectedPayday = nextPayday(payday, reminderDay);
    const id = await h.createInvoice({ debtor: { payday } });
    const status = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-1'), 40);
    const sent = sentOn(status, 'reminder-1');
    expect(sent > expectedPayday).toBe(true);
    expect(sent <= addDays(expectedPayday, 4)).toBe(true);
    expectLawfulSendTimes(status);
  });
});
