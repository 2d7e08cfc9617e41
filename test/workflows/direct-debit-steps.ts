// Direct debit steps on the workflow harness: the sandbox PSP settles, and its outcomes reach the
// workflow the way the webhook processor delivers them after fetch-back.
import { expect } from 'vitest';
import {
  type SandboxCollectionOutcome,
  SandboxPaymentProvider,
} from '../../providers/sandbox/sandbox-psp.js';
import {
  collectionFailedSignal,
  inviteDirectDebitUpdate,
  mandateGrantedSignal,
  recordPaymentUpdate,
} from '../../workflows/definitions.js';
import type { DunningStatus } from '../../workflows/dunning-types.js';
import type { Harness } from './harness.js';

export function directDebitSteps(h: Harness) {
  const psp = () => new SandboxPaymentProvider(h.database.db, 'http://127.0.0.1:9');

  /** A verified PSP payment that was paid: a first payment also grants its mandate. */
  async function paidAtPsp(id: string, paymentId: string): Promise<DunningStatus> {
    const payment = await psp().getPayment(paymentId);
    if (payment?.status !== 'paid') throw new Error(`payment ${paymentId} is ${payment?.status}`);
    if (payment.sequenceType === 'first') {
      await h.handle(id).signal(mandateGrantedSignal, {
        customerId: payment.providerCustomerId!,
        mandateId: payment.providerMandateId!,
      });
    }
    return h.handle(id).executeUpdate(recordPaymentUpdate, {
      args: [
        {
          dedupeKey: `psp:${paymentId}`,
          amountCents: payment.amountCents,
          paidAt: new Date(await h.now()).toISOString(),
          source: 'psp',
          providerPaymentId: paymentId,
        },
      ],
    });
  }

  /** Invites, completes the first payment at the sandbox checkout, and reports it. */
  async function grantMandate(
    id: string,
    collections: SandboxCollectionOutcome = 'paid',
    collectionDay = 27,
  ) {
    const invited = await h.handle(id).executeUpdate(inviteDirectDebitUpdate, { args: [{ collectionDay }] });
    expect(invited.directDebit).toMatchObject({ status: 'invited', collectionDay, mandate: null });
    const checkoutUrl = invited.directDebit!.checkoutUrl!;
    expect(checkoutUrl).toMatch(/^http:\/\/127\.0\.0\.1:9\/sandbox\/checkout\/tr_sandbox[0-9a-f]{16}$/);
    const paymentId = checkoutUrl.split('/').at(-1)!;
    await psp().settle(paymentId, 'paid', collections);
    return paidAtPsp(id, paymentId);
  }

  /** Skips time until collection `number` was submitted to the PSP; returns its payment id. */
  async function submittedCollection(id: string, number: number): Promise<string> {
    const status = await h.waitFor(
      id,
      (s) => s.directDebit?.collections.find((c) => c.number === number)?.outcome === 'pending',
      45,
    );
    return status.directDebit!.collections.find((c) => c.number === number)!.providerPaymentId!;
  }

  /** The bank refuses collection `number` for lack of funds, and the webhook reports it. */
  async function bounce(id: string, number: number): Promise<void> {
    const paymentId = await submittedCollection(id, number);
    await psp().settle(paymentId, 'failed');
    await h.handle(id).signal(collectionFailedSignal, { providerPaymentId: paymentId, reason: 'AM04' });
  }

  /** The bank collects collection `number`, and the webhook reports it. */
  async function collect(id: string, number: number): Promise<DunningStatus> {
    const paymentId = await submittedCollection(id, number);
    await psp().settle(paymentId, 'paid');
    return paidAtPsp(id, paymentId);
  }

  return { psp, paidAtPsp, grantMandate, submittedCollection, bounce, collect };
}
