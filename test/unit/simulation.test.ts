// The what-if simulator: reproducible per seed, reminders recover more where the model says they work,
// and its DSO and cost arithmetic checked on populations small enough to compute by hand.
import { describe, expect, it } from 'vitest';
import {
  costOfActions,
  type InvoiceOutcome,
  simulate,
  simulateInvoice,
  summarise,
  TEMPORAL_ACTIONS,
  temporalActionsOf,
} from '../../simulation/engine.js';
import { NL_CONSUMER_LEAN, NL_CONSUMER_NO_REMINDERS } from '../../simulation/policies.js';
import { fitResponseModel, syntheticPopulation } from '../../simulation/population.js';
import { debtorRandom } from '../../simulation/prng.js';
import { dailyHazard, type ResponseModel } from '../../simulation/response-model.js';
import { NL_CONSUMER } from '../../workflows/policy/ladder.js';
import { seededRandom } from '../../workflows/policy/random.js';

const start = new Date('2027-01-04T09:00:00.000Z');
const model: ResponseModel = {
  baseDailyHazard: 0.002,
  lift: { 'payment-request': { '*': 0.05 }, reminder: { '*': 0.08 }, 'formal-notice': { '*': 0.02 } },
  halfLifeDays: 4,
};
const options = { start, horizonDays: 180, model, seed: 7 };

describe('prng', () => {
  it('the seeded generator repeats its sequence for a seed and differs between seeds and debtors', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(first[0]);
    expect(debtorRandom(1, 0, 'behaviour')()).not.toBe(debtorRandom(1, 1, 'behaviour')());
    expect(debtorRandom(1, 0, 'behaviour')()).not.toBe(debtorRandom(1, 0, 'population')());
  });
});

describe('simulate', () => {
  it('gives the same result for the same seed, and a different one for another seed', () => {
    const population = syntheticPopulation({ n: 60, seed: 3 });
    const once = simulate(population, NL_CONSUMER, options);
    expect(simulate(syntheticPopulation({ n: 60, seed: 3 }), NL_CONSUMER, options)).toEqual(once);
    expect(simulate(population, NL_CONSUMER, { ...options, seed: 8 })).not.toEqual(once);
    expect(once.invoices).toBe(60);
  });

  it('a policy without reminders recovers less, and later, where reminders raise the hazard', () => {
    const population = syntheticPopulation({ n: 300, seed: 11 });
    const full = simulate(population, NL_CONSUMER, options);
    const bare = simulate(population, NL_CONSUMER_NO_REMINDERS, options);
    const lean = simulate(population, NL_CONSUMER_LEAN, options);
    expect(bare.recoveredPercent).toBeLessThan(full.recoveredPercent - 5);
    expect(bare.dsoDays).toBeGreaterThan(full.dsoDays);
    expect(lean.messagesPerInvoice).toBeLessThan(full.messagesPerInvoice);
    expect(full.handedOver).toBeLessThan(bare.handedOver);
  });

  it('with no response at all nobody pays, every claim is handed over and costs follow the 14-day letter', () => {
    const population = syntheticPopulation({ n: 20, seed: 5 });
    const none = simulate(population, NL_CONSUMER, {
      ...options,
      model: { baseDailyHazard: 0, lift: {} },
    });
    expect(none.recoveredPercent).toBe(0);
    expect(none.paidInvoices).toBe(0);
    expect(none.handedOver).toBe(20);
    // The statutory scale on each principal (at least €40) once the letter's term ran out.
    expect(none.collectionCostsChargedCents).toBeGreaterThanOrEqual(20 * 4_000);
    // Six messages per invoice: payment request, two reminders, 14-day letter, plan offer, final notice.
    expect(none.messagesPerInvoice).toBe(6);
  });

  it('a certain payer pays on the first day, before any message', () => {
    const [invoice] = syntheticPopulation({ n: 1, seed: 1 }).invoices;
    const outcome = simulateInvoice(
      {
        tenantId: 't',
        invoiceId: invoice!.invoiceId,
        debtor: { id: 'd', segment: 'consumer', language: 'nl', reachability: invoice!.reachability },
        principalCents: 10_000,
        currency: 'EUR',
        issueDate: '2026-12-28',
        dueDate: '2027-01-11',
        policy: NL_CONSUMER,
      },
      'dunning:t:x',
      () => 0,
      { start, horizonDays: 10, model: { baseDailyHazard: 1, lift: {} } },
    );
    expect(outcome.paidAt).toBe(start.toISOString());
    expect(outcome.principalPaidCents).toBe(10_000);
    expect(outcome.days).toBe(7); // 28 December to 4 January
    expect(outcome.messages).toEqual([]);
  });
});

describe('arithmetic', () => {
  const outcome = (
    principalCents: number,
    days: number,
    paid: boolean,
    messages: number,
  ): InvoiceOutcome => ({
    invoiceId: `I${principalCents}`,
    policyId: 'p',
    principalCents,
    principalPaidCents: paid ? principalCents : 0,
    paidCents: paid ? principalCents : 0,
    paidAt: paid ? '2027-02-01T00:00:00.000Z' : null,
    days,
    messages: Array.from({ length: messages }, () => ({
      stepId: 'reminder-1',
      channel: 'email' as const,
      at: '',
    })),
    collectionCostsCents: paid ? 0 : 4_000,
    handedOver: !paid,
  });

  it('DSO is principal-weighted and counts the unpaid until the horizon', () => {
    // €100 paid after 10 days, €300 paid after 30, €600 unpaid at a 90-day horizon:
    // (100·10 + 300·30 + 600·90) / 1000 = (1000 + 9000 + 54000) / 1000 = 64 days.
    const result = summarise(
      'p',
      [outcome(10_000, 10, true, 1), outcome(30_000, 30, true, 2), outcome(60_000, 90, false, 6)],
      {
        horizonDays: 90,
        actionPricePerMillionEur: 25,
      },
    );
    expect(result.dsoDays).toBe(64);
    expect(result.recoveredPercent).toBe(40);
    expect(result.messagesPerInvoice).toBe(3);
    expect(result.messagesPerChannel.email).toBe(9);
    expect(result.collectionCostsChargedCents).toBe(4_000);
    // 3 invoices · 8 + 9 messages · 5 + 2 payments · 2 + 1 handover · 1 = 24 + 45 + 4 + 1 = 74 actions.
    expect(result.temporalActions).toBe(74);
    // 74 actions at €25 per million: €0.00185, over 3 invoices €0.000616…
    expect(result.costPerInvoiceEur).toBeCloseTo(0.00185 / 3, 12);
  });

  it('the action estimate and its price are the documented constants', () => {
    expect(TEMPORAL_ACTIONS).toEqual({ perInvoice: 8, perMessage: 5, perPayment: 2, perHandover: 1 });
    expect(temporalActionsOf({ invoices: 1000, messages: 3000, payments: 800, handovers: 200 })).toBe(
      8_000 + 15_000 + 1_600 + 200,
    );
    expect(costOfActions(2_000_000, 25)).toBe(50);
  });
});

describe('response model', () => {
  it('the lift of the last message halves every half-life', () => {
    const sentAt = new Date('2027-01-04T09:00:00.000Z');
    const last = { kind: 'reminder' as const, channel: 'sms' as const, sentAt };
    expect(dailyHazard(model, null, sentAt)).toBe(0.002);
    expect(dailyHazard(model, last, sentAt)).toBeCloseTo(0.082, 12);
    expect(dailyHazard(model, last, new Date(sentAt.getTime() + 4 * 86_400_000))).toBeCloseTo(0.042, 12);
  });

  it('is fitted from history: payments after a message over the days at risk', () => {
    // Two invoices issued 1 January: one gets a reminder by email on 11 January and pays 2 days later; the
    // other, with no message, pays on 6 January.
    const fitted = fitResponseModel(
      [
        {
          invoiceId: 'a',
          debtorType: 'consumer',
          amountCents: 100,
          issueDate: '2027-01-01',
          dueDate: '2027-01-01',
          paidAt: '2027-01-13T00:00:00.000Z',
        },
        {
          invoiceId: 'b',
          debtorType: 'consumer',
          amountCents: 100,
          issueDate: '2027-01-01',
          dueDate: '2027-01-01',
          paidAt: '2027-01-06T00:00:00.000Z',
        },
      ],
      [
        {
          invoiceId: 'a',
          step: 'reminder-1',
          channel: 'email',
          template: 'reminder-1',
          sentAt: '2027-01-11T00:00:00.000Z',
        },
      ],
    );
    // Base: a had 10 days at risk without a message, b paid after 5 days without one: 1 / 15.
    expect(fitted.baseDailyHazard).toBeCloseTo(1 / 15, 12);
    // After the reminder: 2 days at risk, 1 payment: 0.5 a day, minus the base rate.
    expect(fitted.lift.reminder?.email).toBeCloseTo(0.5 - 1 / 15, 12);
  });
});
