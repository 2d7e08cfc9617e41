// Records finished dunning histories for the replay test. Runs only when asked:
//   RECORD_HISTORIES=1 npx vitest run test/workflows/record-histories.test.ts
// Re-record only for a change that is *meant* to break replay of in-flight invoices, never to make
// the replay test pass (see README, "Changing the workflow").
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils.js';
import { describe, it } from 'vitest';
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

  it('paid after reminder 1, with a bounce on the way', async () => {
    const id = await h.createInvoice({});
    const first = await h.waitFor(id, (s) => s.messages.length === 1);
    await h.handle(id).signal(deliverySignal, {
      messageId: first.messages[0]!.messageId,
      status: 'bounced',
      at: (await h.now()).toISOString(),
    });
    await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'reminder-1'));
    await pay(id, 12_345, 'full');
    await save('paid-after-reminder-1', id);
  });

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
});
