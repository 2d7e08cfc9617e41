// Each dunning path end to end on the time-skipping server, with real activities and PostgreSQL.
import { describe, expect, it } from 'vitest';
import {
  cancelUpdate,
  deliverySignal,
  openDisputeUpdate,
  resolveDisputeUpdate,
} from '../../workflows/definitions.js';
import type { DunningStatus } from '../../workflows/dunning-types.js';
import { expectLawfulSendTimes, expectRefusal, steps } from './assertions.js';
import { harnessPerFile } from './harness.js';

const h = harnessPerFile();

const pay = (id: string, amountCents: number, key = `pay-${amountCents}`) => h.pay(id, amountCents, key);

describe('dunning paths (nl-consumer)', () => {
  it('paid before the due date: one payment request, nothing after', async () => {
    const id = await h.createInvoice({});
    const status = await h.waitFor(id, (s) => s.messages.length === 1);
    expect(steps(status)).toEqual(['payment-request:email']);
    await pay(id, 12_345);
    const result = await h.runToEnd(id);
    expect(result.status).toBe('paid');
    expect(result.amounts).toMatchObject({ paidCents: 12_345, dueCents: 0, costsCents: 0 });
    expect(steps(result)).toEqual(['payment-request:email']);
  });

  it('paid after reminder 1', async () => {
    const id = await h.createInvoice({});
    const status = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-1'));
    expect(steps(status)).toEqual(['payment-request:email', 'reminder-1:email']);
    expect(status.stage).toBe('reminder-1');
    await pay(id, 12_345);
    const result = await h.runToEnd(id);
    expect(result.status).toBe('paid');
    expectLawfulSendTimes(result);
  });

  it('email bounce → SMS → paid, and a duplicate bounce has one effect', async () => {
    const id = await h.createInvoice({});
    const first = await h.waitFor(id, (s) => s.messages.length === 1);
    const bounce = {
      messageId: first.messages[0]!.messageId,
      status: 'bounced' as const,
      at: (await h.now()).toISOString(),
    };
    await h.handle(id).signal(deliverySignal, bounce);
    await h.handle(id).signal(deliverySignal, bounce);
    const fallback = await h.waitFor(id, (s) => s.messages.length === 3);
    expect(steps(fallback)).toEqual([
      'payment-request:email',
      'payment-request:sms',
      'payment-request:contact-update:sms',
    ]);
    await h.env.sleep('2 days');
    expect((await h.status(id)).messages).toHaveLength(3);
    await pay(id, 12_345);
    expect((await h.runToEnd(id)).status).toBe('paid');
  });

  it('every digital channel fails → printed letter', async () => {
    const id = await h.createInvoice({ debtor: { whatsappOptIn: true } });
    for (const expected of ['email', 'sms', 'whatsapp']) {
      const request = (s: DunningStatus) =>
        s.messages.find((m) => m.stepKey === 'payment-request' && m.channel === expected);
      const last = request(await h.waitFor(id, (s) => request(s) !== undefined))!;
      await h.handle(id).signal(deliverySignal, {
        messageId: last.messageId,
        status: expected === 'email' ? 'bounced' : 'failed',
        at: (await h.now()).toISOString(),
      });
    }
    const status = await h.waitFor(id, (s) => s.messages.some((m) => m.channel === 'letter'));
    expect(
      steps(status).filter((s) => s.startsWith('payment-request') && !s.includes('contact-update')),
    ).toEqual([
      'payment-request:email',
      'payment-request:sms',
      'payment-request:whatsapp',
      'payment-request:letter',
    ]);
    // Later steps go straight to the channel that still works.
    const later = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-1'));
    expect(steps(later).at(-1)).toBe('reminder-1:letter');
  });

  it('partial payments reduce what is due; the rest settles it', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    const partial = await pay(id, 5_000, 'first');
    expect(partial.amounts.dueCents).toBe(7_345);
    expect(partial.status).toBe('open');
    // The same payment reported twice is recorded once.
    expect((await pay(id, 5_000, 'first')).amounts.paidCents).toBe(5_000);
    await expectRefusal(pay(id, 10_000, 'too-much'), /overpayment/);
    await pay(id, 7_345, 'second');
    const result = await h.runToEnd(id);
    expect(result.status).toBe('paid');
    expect(result.payments.map((p) => p.amountCents)).toEqual([5_000, 7_345]);
  });

  it('cancel (credit note) ends dunning', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    await h.handle(id).executeUpdate(cancelUpdate, { args: [{ reason: 'credit note CN-1' }] });
    const result = await h.runToEnd(id);
    expect(result.status).toBe('cancelled');
    await expect(pay(id, 100)).rejects.toThrow();
  });

  it('a dispute pauses the ladder; rejected, it resumes', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    const disputed = await h
      .handle(id)
      .executeUpdate(openDisputeUpdate, { args: [{ reason: 'never received the goods' }] });
    expect(disputed.status).toBe('disputed');
    await expectRefusal(
      h.handle(id).executeUpdate(openDisputeUpdate, { args: [{ reason: 'again' }] }),
      /already disputed/,
    );
    await h.env.sleep('60 days');
    const paused = await h.status(id);
    expect(paused.messages).toHaveLength(1);
    expect(paused.nextAction).toBeNull();
    const resumed = await h
      .handle(id)
      .executeUpdate(resolveDisputeUpdate, { args: [{ outcome: 'rejected' }] });
    expect(resumed.status).toBe('open');
    const next = await h.waitFor(id, (s) => s.messages.length === 2, 10);
    expect(next.messages[1]!.stepKey).toBe('reminder-1');
  });

  it('a dispute upheld cancels the claim', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    await h.handle(id).executeUpdate(openDisputeUpdate, { args: [{ reason: 'wrong amount' }] });
    await h.handle(id).executeUpdate(resolveDisputeUpdate, { args: [{ outcome: 'upheld' }] });
    expect((await h.runToEnd(id)).status).toBe('cancelled');
  });
});
