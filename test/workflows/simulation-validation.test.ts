// The simulator against the real workflow: 40 invoices of a synthetic population run through the
// dunning workflow on the time-skipping server (real activities, PostgreSQL, sandbox channels), the
// debtors paying through the workflow's payment update on the days the response model says, with the
// very draws the simulator uses for them. The simulator's prediction for the same invoices (their
// workflow inputs as started) must lie within a few percent of what the workflow did.
import { describe, expect, it } from 'vitest';
import { type InvoiceOutcome, simulateInvoice, summarise } from '../../simulation/engine.js';
import { syntheticPopulation } from '../../simulation/population.js';
import { debtorRandom } from '../../simulation/prng.js';
import { dailyHazard, type LastMessage, type ResponseModel } from '../../simulation/response-model.js';
import { projectionQuery } from '../../workflows/definitions.js';
import type { DunningInput, DunningStatus } from '../../workflows/dunning-types.js';
import { isHandover, stepKind } from '../../workflows/policy/ladder.js';
import { harnessPerFile, isoDay } from './harness.js';

const h = harnessPerFile();

const N = 40;
const SEED = 16;
const HORIZON_DAYS = 130;
const DAY_MS = 86_400_000;
/** Reminders work, letters somewhat; half the effect is gone after 5 days. */
const MODEL: ResponseModel = {
  baseDailyHazard: 0.004,
  lift: {
    'payment-request': { '*': 0.03 },
    reminder: { email: 0.05, sms: 0.07, '*': 0.04 },
    'formal-notice': { letter: 0.06, '*': 0.05 },
    'plan-offer': { '*': 0.03 },
    'final-notice': { '*': 0.04 },
  },
  halfLifeDays: 5,
};

function lastLadderMessage(input: DunningInput, status: DunningStatus, now: Date): LastMessage | null {
  const ladder = status.messages
    .map((m) => ({ m, step: input.policy.steps.find((s) => s.id === m.stepKey), at: m.history[0]?.at }))
    .filter((x) => x.step && !isHandover(x.step) && x.at && Date.parse(x.at) <= now.getTime())
    .sort((a, b) => a.at!.localeCompare(b.at!));
  const last = ladder.at(-1);
  return last ? { kind: stepKind(last.step!), channel: last.m.channel, sentAt: new Date(last.at!) } : null;
}

describe('simulator validation against the workflow', () => {
  it('predicts recovered % and messages per invoice within a few percent', async () => {
    const population = syntheticPopulation({ n: N, seed: SEED });
    const start = await h.now();
    const ids: string[] = [];
    for (const invoice of population.invoices) {
      const { reachability } = invoice;
      ids.push(
        await h.createInvoice({
          invoiceId: `${invoice.invoiceId}-${start.getTime()}`,
          amountCents: invoice.principalCents,
          issueDate: isoDay(invoice.issueInDays, start),
          dueDate: isoDay(invoice.dueInDays, start),
          debtor: {
            email: reachability.email ? 'debtor@example.nl' : undefined,
            phone: reachability.sms ? '+31612345678' : undefined,
            whatsappOptIn: reachability.whatsapp,
            ...(invoice.preferredChannel ? { preferredChannel: invoice.preferredChannel } : {}),
          },
        }),
      );
    }
    const inputs = await Promise.all(
      ids.map(async (id) => (await h.handle(id).query(projectionQuery)).input),
    );
    const draws = population.invoices.map((invoice) => debtorRandom(SEED, invoice.index, 'behaviour'));
    const tickZero = await h.now();

    // The workflow: each day the debtors still owing decide, with their own draw for that day.
    const open = new Set(ids.map((_, i) => i));
    const final: DunningStatus[] = [];
    const paidAt: (string | null)[] = ids.map(() => null);
    for (let day = 0; day <= HORIZON_DAYS && open.size > 0; day++) {
      if (day > 0) await h.env.sleep('1 day');
      const now = new Date(tickZero.getTime() + day * DAY_MS);
      for (const i of [...open]) {
        const status = await h.status(ids[i]!);
        if (status.status !== 'open') {
          final[i] = status;
          open.delete(i);
          continue;
        }
        if (draws[i]!() < dailyHazard(MODEL, lastLadderMessage(inputs[i]!, status, now), now)) {
          final[i] = await h.pay(ids[i]!, status.amounts.dueCents, `sim-${day}`);
          paidAt[i] = final[i]!.payments.at(-1)!.paidAt;
          open.delete(i);
        }
      }
    }
    for (const i of open) final[i] = await h.status(ids[i]!);
    const actual: InvoiceOutcome[] = final.map((status, i) => ({
      invoiceId: status.invoiceId,
      policyId: status.policyId,
      principalCents: status.amounts.principalCents,
      principalPaidCents: status.amounts.parts.principal.paidCents,
      paidCents: status.amounts.paidCents,
      paidAt: status.status === 'paid' ? paidAt[i]! : null,
      days: 0,
      messages: status.messages.map((m) => ({ stepId: m.stepKey, channel: m.channel, at: m.history[0]!.at })),
      collectionCostsCents: status.amounts.costsCents,
      handedOver: status.status === 'handed_over',
    }));
    const real = summarise('workflow', actual, { horizonDays: HORIZON_DAYS });

    // The simulator, on the same inputs, the same workflow ids and the same draws.
    const predicted = summarise(
      'simulator',
      inputs.map((input, i) =>
        simulateInvoice(
          input,
          h.handle(ids[i]!).workflowId,
          debtorRandom(SEED, population.invoices[i]!.index, 'behaviour'),
          {
            start: tickZero,
            horizonDays: HORIZON_DAYS,
            model: MODEL,
          },
        ),
      ),
      { horizonDays: HORIZON_DAYS },
    );
    console.log(
      `VALIDATION workflow: recovered=${real.recoveredPercent.toFixed(2)}% messages/invoice=${real.messagesPerInvoice.toFixed(3)} ` +
        `paid=${real.paidInvoices} handedOver=${real.handedOver} costs=${real.collectionCostsChargedCents} | ` +
        `simulator: recovered=${predicted.recoveredPercent.toFixed(2)}% messages/invoice=${predicted.messagesPerInvoice.toFixed(3)} ` +
        `paid=${predicted.paidInvoices} handedOver=${predicted.handedOver} costs=${predicted.collectionCostsChargedCents}`,
    );
    // Both outcomes are spread: some pay, some are handed over (else the comparison says little).
    expect(real.paidInvoices).toBeGreaterThan(N / 4);
    expect(real.handedOver).toBeGreaterThan(0);
    expect(Math.abs(predicted.recoveredPercent - real.recoveredPercent)).toBeLessThanOrEqual(3);
    expect(Math.abs(predicted.messagesPerInvoice - real.messagesPerInvoice)).toBeLessThanOrEqual(
      0.03 * real.messagesPerInvoice,
    );
  }, 180_000);
});
