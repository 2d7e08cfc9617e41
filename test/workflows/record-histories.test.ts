// Records finished dunning histories for the replay test. Runs only when asked:
//   RECORD_HISTORIES=1 npx vitest run test/workflows/record-histories.test.ts
// Re-record only for a change that is *meant* to break replay of in-flight invoices, never to make
// the replay test pass (see README, "Changing the workflow").
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { describe, it } from 'vitest';
import { createInvoiceService } from '../../api/invoice-service.js';
import { getInvoice } from '../../db/queries/invoices.js';
import { insertPayment } from '../../db/queries/payments.js';
import {
  acceptPaymentPlanUpdate,
  deliverySignal,
  openDisputeUpdate,
  resolveDisputeUpdate,
} from '../../workflows/definitions.js';
import { directDebitSteps } from './direct-debit-steps.js';
import { harnessPerFile } from './harness.js';

const DIR = join(import.meta.dirname, '..', 'histories');

describe.runIf(process.env.RECORD_HISTORIES === '1')('record histories', () => {
  const h = harnessPerFile();
  const pay = (id: string, amountCents: number, key: string) => h.pay(id, amountCents, key);
  const save = async (name: string, id: string) => {
    await h.runToEnd(id);
    const history = await h.handle(id).fetchHistory();
    writeFileSync(join(DIR, `${name}.json`), `${historyToJSON(history)}\n`);
  };

  const paidAfterReminder1WithBounce = async (name: string) => {
    const id = await h.createInvoice({});
    const first = await h.waitFor(id, (s) => s.messages.length === 1);
    await h.handle(id).signal(deliverySignal, {
      messageId: first.messages[0]!.messageId,
      status: 'bounced',
      at: (await h.now()).toISOString(),
    });
    await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-1'));
    await pay(id, 12_345, 'full');
    await save(name, id);
  };

  it('paid after reminder 1, with a bounce on the way', () =>
    paidAfterReminder1WithBounce('paid-after-reminder-1'));

  // The same path once messages carry only the stable pay link (patch release-2026-12).
  it('paid after reminder 1, links minted on demand', () =>
    paidAfterReminder1WithBounce('paid-after-reminder-1-link-on-demand'));

  // The same path with search attributes upserted only when stage or amount change (patch fewer-actions).
  it('paid after reminder 1, fewer actions', () =>
    paidAfterReminder1WithBounce('paid-after-reminder-1-fewer-actions'));

  // The same path with the read model riding along (patch sync-rides-along): the API stored the first
  // snapshot, each ladder step's send writes the records of the state after it.
  it('paid after reminder 1, sync rides along', () =>
    paidAfterReminder1WithBounce('paid-after-reminder-1-sync-rides-along'));

  it('full consumer ladder to handover', async () => {
    await save('consumer-ladder-to-handover', await h.createInvoice({}));
  });

  it('payment plan kept after a rejected dispute', async () => {
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    await h.handle(id).executeUpdate(openDisputeUpdate, { args: [{ reason: 'unclear' }] });
    await h.handle(id).executeUpdate(resolveDisputeUpdate, { args: [{ outcome: 'rejected' }] });
    await h.handle(id).executeUpdate(acceptPaymentPlanUpdate, { args: [{ instalments: 3 }] });
    for (const n of [1, 2, 3]) {
      await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === `plan1-instalment-${n}-due`), 40);
      await pay(id, 4_115, `instalment-${n}`);
    }
    await save('plan-kept-after-dispute', id);
  });

  it('business ladder with a part-payment allocated to costs, interest and principal', async () => {
    const id = await h.createInvoice({
      policyId: 'nl-business',
      amountCents: 100_000,
      debtor: { type: 'business', name: 'Bakkerij De Korenaar B.V.' },
    });
    await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-1'), 40);
    await pay(id, 60_000, 'part');
    await save('business-part-payment-to-handover', id);
  });

  it('direct debit: a bounced collection, then collected on the retry', async () => {
    const steps = directDebitSteps(h);
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    await steps.grantMandate(id, 'paid', 27);
    await steps.bounce(id, 1);
    await steps.collect(id, 2);
    await save('direct-debit-bounce-then-collected', id);
  });

  it("small periodic claims: the second monthly term of a debtor shares the first term's costs", async () => {
    const debtor = { id: 'D-periodic' };
    const now = await h.now();
    const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
    const term = (offset: number) =>
      h.createInvoice({
        amountCents: 5_000,
        periodic: true,
        issueDate: day(offset - 14),
        dueDate: day(offset),
        debtor,
      });
    const first = await term(14);
    const second = await term(44);
    await h.runToEnd(first);
    await save('periodic-term-costs-capped', second);
  });

  it('direct debit paid, then a late bounce in the reversal window (events stored after the last sync)', async () => {
    const steps = directDebitSteps(h);
    const id = await h.createInvoice({});
    await h.waitFor(id, (s) => s.messages.length === 1);
    await steps.grantMandate(id, 'paid', 27);
    const paid = await steps.collect(id, 1);
    await h.handle(id).signal(deliverySignal, {
      messageId: paid.messages.find((m) => m.stepKey === 'direct-debit-1')!.messageId,
      status: 'bounced',
      at: (await h.now()).toISOString(),
    });
    await h.waitFor(id, (s) => s.events.some((e) => e.kind === 'delivery-failed'), 1);
    await save('direct-debit-paid-late-bounce', id);
  });

  it('costs withdrawn after the debtor paid them: a surplus to refund', async () => {
    const id = await h.createInvoice({});
    const charged = await h.waitFor(
      id,
      (s) => s.messages.some((m) => m.stepKey === 'payment-plan-offer'),
      90,
    );
    await pay(id, 13_000, 'part');
    const letter = charged.messages.find((m) => m.stepKey === 'formal-notice' && m.channel === 'letter')!;
    await h.handle(id).signal(deliverySignal, {
      messageId: letter.messageId,
      status: 'returned',
      at: (await h.now()).toISOString(),
    });
    await save('overpaid-after-withdrawn-costs', id);
  });

  it('a reversal after close: the reopened run carries the costs and interest of the closed one', async () => {
    const id = await h.createInvoice({
      policyId: 'nl-business',
      amountCents: 100_000,
      debtor: { type: 'business', name: 'Bakkerij De Korenaar B.V.' },
    });
    const charged = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-2'), 40);
    const dueCents = charged.amounts.dueCents;
    const ledger = { tenantId: h.tenantId, invoiceId: id, currency: 'EUR', reference: 'bank-all' } as const;
    await insertPayment(h.database.db, {
      ...ledger,
      source: 'manual',
      dedupeKey: 'all',
      amountCents: dueCents,
      paidAt: await h.now(),
    });
    await pay(id, dueCents, 'all');
    await h.runToEnd(id);
    await insertPayment(h.database.db, {
      ...ledger,
      source: 'chargeback',
      dedupeKey: 'chargeback:bank-all',
      amountCents: -dueCents,
      paidAt: await h.now(),
    });
    const service = createInvoiceService({
      db: h.database.db,
      temporal: h.env.client,
      taskQueue: h.taskQueue,
      urls: { baseUrl: 'http://127.0.0.1:9', tokenSecret: 'x'.repeat(32) },
      appChannelConfigured: false,
    });
    const row = (await getInvoice(h.database.db, h.tenantId, id))!;
    await service.reopenAfterReversal(row, {
      paymentId: 'bank-all',
      amountCents: dueCents,
      dedupeKey: 'chargeback:bank-all',
      at: (await h.now()).toISOString(),
    });
    await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-2'), 40);
    await pay(id, dueCents, 'again');
    await save('reopened-with-carried-charges', id);
  });
});
