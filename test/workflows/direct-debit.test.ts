// SEPA direct debit on the time-skipping server with real activities, PostgreSQL and the sandbox PSP:
// invitation → mandate → pre-notification → collection on the chosen day → paid, and the unhappy paths.
// The PSP's webhook outcomes are fed to the workflow the way the webhook processor does after fetch-back.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { replaceTenantSettings } from '../../db/queries/tenants.js';
import { sandboxMessages } from '../../db/schema.js';
import {
  acceptPaymentPlanUpdate,
  collectionFailedSignal,
  endDirectDebitUpdate,
  inviteDirectDebitUpdate,
  recordChargebackUpdate,
} from '../../workflows/definitions.js';
import { collectionDate, NO_NOTICE_REASON } from '../../workflows/direct-debit-logic.js';
import { addDays, daysBetween, toAmsterdamParts } from '../../workflows/policy/calendar.js';
import { isTarget2BusinessDay } from '../../workflows/policy/legal/target2.js';
import { expectRefusal } from './assertions.js';
import { directDebitSteps } from './direct-debit-steps.js';
import { harnessPerFile, TEST_CREDITOR_ID } from './harness.js';

const h = harnessPerFile();
const { psp, paidAtPsp, grantMandate, submittedCollection, collect } = directDebitSteps(h);
const amsterdamDate = (iso: string) => toAmsterdamParts(new Date(iso)).date;

describe('direct debit', () => {
  it('collects what is due on the chosen day after a pre-notification, and the invoice closes paid', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    const granted = await grantMandate(id);
    expect(granted.directDebit?.status).toBe('active');
    expect(granted.amounts.paidCents).toBe(1); // the mandate's first payment counts towards the invoice
    const today = amsterdamDate(new Date(await h.now()).toISOString());

    const noticed = await h.waitFor(id, (s) => s.directDebit!.collections.length === 1, 2);
    const collection = noticed.directDebit!.collections[0]!;
    expect(collection).toMatchObject({ number: 1, amountCents: 12_344, outcome: 'scheduled' });
    expect(collection.collectDate).toBe(collectionDate(27, addDays(today, 5)));
    const notice = noticed.messages.find((m) => m.stepKey === 'direct-debit-1');
    expect(notice).toMatchObject({ template: 'direct-debit-notice', channel: 'email' });

    const paymentId = await submittedCollection(id, 1);
    const submittedAt = (await h.status(id)).events.find((e) => e.kind === 'collection-submitted')!.at;
    expect(amsterdamDate(submittedAt)).toBe(collection.collectDate);
    const atPsp = await psp().getPayment(paymentId);
    expect(atPsp).toMatchObject({ status: 'pending', amountCents: 12_344, sequenceType: 'recurring' });

    await psp().settle(paymentId, 'paid');
    await paidAtPsp(id, paymentId);
    const result = await h.runToEnd(id);
    expect(result.status).toBe('paid');
    expect(result.directDebit!.collections[0]!.outcome).toBe('paid');
    // No reminder went out while the mandate was collecting: the due date passed in between.
    expect(result.messages.map((m) => m.template)).toEqual(['payment-request', 'direct-debit-notice']);
  });

  it('pre-notifies at least the agreed days before a collection on a TARGET2 business day, naming mandate reference and Incassant ID', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    // The 25th: in December Christmas, and TARGET2 is closed on 25 and 26 December.
    const granted = await grantMandate(id, 'paid', 25);
    expect(granted.directDebit).toMatchObject({ agreedLeadDays: 5 });
    const noticed = await h.waitFor(id, (s) => s.directDebit!.collections.length === 1, 2);
    const event = noticed.events.find((e) => e.kind === 'collection-announced')!;
    const noticeDay = amsterdamDate(event.at);
    const collection = noticed.directDebit!.collections[0]!;
    expect(collection.collectDate).toBe(collectionDate(25, addDays(noticeDay, 5)));
    expect(isTarget2BusinessDay(collection.collectDate)).toBe(true);
    expect(daysBetween(noticeDay, collection.collectDate)).toBeGreaterThanOrEqual(5);
    if (collection.collectDate.slice(5, 7) === '12') expect(collection.collectDate.slice(8)).toBe('28');

    const notice = noticed.messages.find((m) => m.stepKey === 'direct-debit-1')!;
    const [sent] = await h.database.db
      .select()
      .from(sandboxMessages)
      .where(eq(sandboxMessages.messageId, notice.messageId));
    expect(sent!.text).toContain(noticed.directDebit!.mandate!.mandateId);
    expect(sent!.text).toContain(TEST_CREDITOR_ID);

    const paymentId = await submittedCollection(id, 1);
    const submittedAt = (await h.status(id)).events.find((e) => e.kind === 'collection-submitted')!.at;
    expect(amsterdamDate(submittedAt)).toBe(collection.collectDate);
    expect(daysBetween(noticeDay, amsterdamDate(submittedAt))).toBeGreaterThanOrEqual(5);
    await psp().settle(paymentId, 'paid');
    await paidAtPsp(id, paymentId);
  });

  it('collects nothing when no pre-notification reached the debtor (the creditor identifier was removed)', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    await grantMandate(id);
    await replaceTenantSettings(h.database.db, h.tenantId, {});
    try {
      const ended = await h.waitFor(id, (s) => s.directDebit?.status === 'ended', 3);
      expect(ended.directDebit).toMatchObject({ endReason: NO_NOTICE_REASON });
      expect(ended.directDebit!.collections.map((c) => c.outcome)).toEqual(['skipped']);
      expect(ended.messages.filter((m) => m.stepKey.startsWith('direct-debit'))).toEqual([]);
      // The ladder takes over again (its messages, too, wait for a channel that works).
      const resumed = await h.waitFor(id, (s) => s.stage === 'reminder-1', 30);
      expect(resumed.directDebit!.collections.every((c) => c.providerPaymentId === null)).toBe(true);
    } finally {
      await replaceTenantSettings(h.database.db, h.tenantId, { sepaCreditorId: TEST_CREDITOR_ID });
    }
  });

  it('retries a bounced collection once with its own notice, then stops and the ladder resumes', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    await grantMandate(id, 'failed', 3);
    for (const number of [1, 2]) {
      const paymentId = await submittedCollection(id, number);
      await psp().settle(paymentId, 'failed');
      const failed = await psp().getPayment(paymentId);
      expect(failed).toMatchObject({ status: 'failed', failureReason: 'AM04' });
      await h.handle(id).signal(collectionFailedSignal, { providerPaymentId: paymentId, reason: 'AM04' });
      // A duplicate webhook changes nothing.
      await h.handle(id).signal(collectionFailedSignal, { providerPaymentId: paymentId, reason: 'AM04' });
    }
    const ended = await h.waitFor(id, (s) => s.directDebit?.status === 'ended', 2);
    expect(ended.directDebit).toMatchObject({ endReason: '2 collections failed' });
    expect(ended.directDebit!.collections.map((c) => [c.outcome, c.failureReason])).toEqual([
      ['failed', 'AM04'],
      ['failed', 'AM04'],
    ]);
    expect(ended.messages.filter((m) => m.stepKey.startsWith('direct-debit')).map((m) => m.template)).toEqual(
      ['direct-debit-notice', 'direct-debit-failed'],
    );
    const resumed = await h.waitFor(id, (s) => s.messages.at(-1)!.stepKey.startsWith('reminder'), 20);
    expect(resumed.status).toBe('open');
  });

  it('reuses a debtor’s valid mandate for their next invoice without a new first payment', async () => {
    const debtor = { id: `D-dd-${Date.now()}` };
    const first = await h.createInvoice({ debtor });
    await h.waitFor(first, (s) => s.messages.length === 1);
    await grantMandate(first);
    const second = await h.createInvoice({ debtor });
    await h.waitFor(second, (s) => s.messages.length === 1);
    const invited = await h
      .handle(second)
      .executeUpdate(inviteDirectDebitUpdate, { args: [{ collectionDay: 1 }] });
    expect(invited.directDebit).toMatchObject({ status: 'active', checkoutUrl: null, collectionDay: 1 });
    expect(invited.directDebit!.mandate).toEqual((await h.status(first)).directDebit!.mandate);
    expect(invited.events.map((e) => e.kind)).toContain('mandate-reused');
  });

  it('refuses bad days, double activation and ending what is not running; ending stops collections', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    await expectRefusal(
      h.handle(id).executeUpdate(endDirectDebitUpdate, { args: [{ reason: 'nothing to end' }] }),
      /direct debit is not active/,
    );
    for (const collectionDay of [0, 29, 2.5]) {
      await expectRefusal(
        h.handle(id).executeUpdate(inviteDirectDebitUpdate, { args: [{ collectionDay }] }),
        /collectionDay must be a whole number from 1 to 28/,
      );
    }
    await grantMandate(id);
    await expectRefusal(
      h.handle(id).executeUpdate(inviteDirectDebitUpdate, { args: [{ collectionDay: 5 }] }),
      /already active/,
    );
    // The notice goes out on the next contact day: up to three days away around Christmas or Easter.
    await h.waitFor(id, (s) => s.directDebit!.collections.length === 1, 5);
    const ended = await h
      .handle(id)
      .executeUpdate(endDirectDebitUpdate, { args: [{ reason: 'mandate revoked at the bank' }] });
    expect(ended.directDebit).toMatchObject({ status: 'ended', endReason: 'mandate revoked at the bank' });
    expect(ended.directDebit!.collections[0]!.outcome).toBe('skipped');
    // The ladder takes over again: the next reminder comes, no collection is submitted.
    const resumed = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-1'), 30);
    expect(resumed.directDebit!.collections.every((c) => c.providerPaymentId === null)).toBe(true);
  });

  it('collects each instalment of a payment plan on its due date', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    await h.handle(id).executeUpdate(acceptPaymentPlanUpdate, { args: [{ instalments: 2 }] });
    await grantMandate(id);
    const plan = (await h.status(id)).plan!;
    for (const number of [1, 2]) {
      const paymentId = await submittedCollection(id, number);
      const instalment = plan.instalments[number - 1]!;
      const status = await h.status(id);
      const collection = status.directDebit!.collections[number - 1]!;
      expect(collection.collectDate >= instalment.dueDate).toBe(true);
      // The mandate's cent was paid towards the first instalment.
      expect(collection.amountCents).toBe(instalment.amountCents - (number === 1 ? 1 : 0));
      await psp().settle(paymentId, 'paid');
      await paidAtPsp(id, paymentId);
    }
    const result = await h.runToEnd(id);
    expect(result.status).toBe('paid');
    expect(result.plan!.status).toBe('kept');
    expect(result.messages.some((m) => m.template === 'instalment-due')).toBe(false);
  });

  it('stays open to a reversal for 8 weeks after the last collection; a reversal reopens the invoice', async () => {
    const paidByDirectDebit = async () => {
      const id = await h.createInvoice({});
      await h.waitFor(id, (s) => s.messages.length === 1);
      await grantMandate(id);
      await collect(id, 1);
      return id;
    };
    const kept = await paidByDirectDebit();
    const reversed = await paidByDirectDebit();
    const paidAt = Date.parse((await h.status(kept)).directDebit!.collections[0]!.paidAt!);
    expect((await h.status(kept)).status).toBe('paid');
    expect((await h.handle(kept).describe()).status.name).toBe('RUNNING');

    const collectionId = (await h.status(reversed)).directDebit!.collections[0]!.providerPaymentId!;
    const chargeback = {
      dedupeKey: `chargeback:${collectionId}`,
      providerPaymentId: collectionId,
      amountCents: 12_344,
      at: new Date(await h.now()).toISOString(),
    };
    const reopened = await h.handle(reversed).executeUpdate(recordChargebackUpdate, { args: [chargeback] });
    expect(reopened).toMatchObject({ status: 'open', amounts: { paidCents: 1, dueCents: 12_344 } });
    expect(reopened.directDebit).toMatchObject({
      status: 'ended',
      endReason: 'a collection was reversed at the debtor’s bank',
    });
    expect(reopened.directDebit!.collections[0]!.outcome).toBe('charged_back');
    // The webhook may report it twice: one effect.
    const again = await h.handle(reversed).executeUpdate(recordChargebackUpdate, { args: [chargeback] });
    expect(again.amounts.dueCents).toBe(12_344);
    const reminded = await h.waitFor(
      reversed,
      (s) => s.messages.some((m) => m.stepKey.startsWith('reminder')),
      30,
    );
    expect(reminded.status).toBe('open');

    const closed = await h.runToEnd(kept);
    expect(closed.status).toBe('paid');
    const closedAt = (await h.handle(kept).describe()).closeTime!.getTime();
    expect(closedAt - paidAt).toBeGreaterThanOrEqual(56 * 86_400_000);
    expect(closedAt - paidAt).toBeLessThan(58 * 86_400_000);
  });
});
