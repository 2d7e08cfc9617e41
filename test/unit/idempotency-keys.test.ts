// Idempotency keys must keep their spelling: providers deduplicate on them and stored histories carry
// them. Every key in every stored history (test/histories) must come out of idempotency-keys.ts again.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DunningInput, Instalment } from '../../workflows/dunning-types.js';
import {
  auditKey,
  collectionKey,
  collectionStepKey,
  contactUpdateStepKey,
  effectKeyBase,
  handoverKey,
  instalmentLinkKey,
  instalmentStepKey,
  mandateKey,
  messageKey,
  paymentLinkKey,
  planConfirmationStepKey,
} from '../../workflows/idempotency-keys.js';

const instalment = (number: number): Instalment => ({
  number,
  dueAt: '2026-12-01T00:00:00.000Z',
  dueDate: '2026-12-01',
  amountCents: 100,
  reminded: false,
  followedUp: false,
});

describe('idempotency keys', () => {
  const base = 'dunning:t:INV-1';

  it('start from the workflow id, or from the reversal that reopened the claim', () => {
    expect(effectKeyBase(base, undefined)).toBe(base);
    const reopened = { byPaymentId: 'bank-all' } as NonNullable<DunningInput['reopened']>;
    expect(effectKeyBase(base, reopened)).toBe(`${base}:reversal:bank-all`);
  });

  it.each([
    [messageKey(base, 'reminder-1', 'email'), `${base}:reminder-1:email`],
    [paymentLinkKey(base, 'formal-notice'), `${base}:formal-notice:link`],
    [
      paymentLinkKey(base, instalmentLinkKey('plan1-instalment-1-due')),
      `${base}:plan1-instalment-1-due:instalment:link`,
    ],
    [handoverKey(base), `${base}:handover`],
    [mandateKey(base, 2), `${base}:mandate-2`],
    [collectionKey(base, 3), `${base}:direct-debit-3:collect`],
    [auditKey(base, 'run-1', 4), `${base}:run-1:4`],
    [collectionStepKey(1), 'direct-debit-1'],
    [instalmentStepKey(2, instalment(3), 'missed'), 'plan2-instalment-3-missed'],
    [instalmentStepKey(undefined, instalment(1), 'due'), 'plan0-instalment-1-due'],
    [planConfirmationStepKey(1), 'plan1-confirmation'],
    [contactUpdateStepKey('payment-request'), 'payment-request:contact-update'],
  ])('%s', (built, expected) => {
    expect(built).toBe(expected);
  });
});

interface HistoryEvent {
  workflowExecutionStartedEventAttributes?: {
    input: { payloads: { data: string }[] };
    originalExecutionRunId: string;
  };
  activityTaskScheduledEventAttributes?: {
    activityType: { name: string };
    input: { payloads: { data: string }[] };
  };
}

type ActivityInput = Record<string, unknown> & { workflowId: string };

const HISTORIES = join(import.meta.dirname, '..', 'histories');
const decode = (payload: { data: string }): unknown =>
  JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8'));

/** Each scheduled activity of a stored history: its type and input, in order. */
function activitiesOf(file: string): {
  input: DunningInput;
  runId: string;
  calls: [string, ActivityInput][];
} {
  const { events } = JSON.parse(readFileSync(join(HISTORIES, file), 'utf8')) as { events: HistoryEvent[] };
  const started = events[0]!.workflowExecutionStartedEventAttributes!;
  const calls = events.flatMap((e): [string, ActivityInput][] => {
    const scheduled = e.activityTaskScheduledEventAttributes;
    return scheduled
      ? [[scheduled.activityType.name, decode(scheduled.input.payloads[0]!) as ActivityInput]]
      : [];
  });
  return {
    input: decode(started.input.payloads[0]!) as DunningInput,
    runId: started.originalExecutionRunId,
    calls,
  };
}

describe.each(readdirSync(HISTORIES).filter((f) => f.endsWith('.json')))('the keys in %s', (file) => {
  const { input, runId, calls } = activitiesOf(file);

  it('are the keys the builders make', () => {
    let syncs = 0;
    let invitations = 0;
    let announcements = 0;
    calls.forEach(([type, call], i) => {
      const keyBase = effectKeyBase(call.workflowId, input.reopened);
      const nextMessage = calls.slice(i + 1).find(([t]) => t === 'sendMessage')?.[1];
      const expected: Record<string, () => string> = {
        sendMessage: () => messageKey(keyBase, call.stepKey as string, call.channel as 'email'),
        ensurePaymentLink: () => {
          const stepKey = nextMessage!.stepKey as string;
          return paymentLinkKey(keyBase, nextMessage!.instalment ? instalmentLinkKey(stepKey) : stepKey);
        },
        handOver: () => handoverKey(keyBase),
        inviteMandate: () => mandateKey(keyBase, ++invitations),
        collectDirectDebit: () => collectionKey(keyBase, announcements),
        syncInvoice: () => auditKey(call.workflowId, runId, ++syncs),
        periodicCosts: () => '',
      };
      if (type === 'sendMessage' && call.collection) announcements++;
      const key = type === 'syncInvoice' ? call.auditKey : (call.idempotencyKey ?? '');
      expect(key, `${type} #${i}`).toBe(expected[type]!());
      // A send that writes the records of the state after its step (patch sync-rides-along) takes the
      // audit key the next sync would have had: numbered with the syncs.
      const snapshot = call.snapshot as { auditKey?: string } | undefined;
      if (type === 'sendMessage' && snapshot?.auditKey)
        expect(snapshot.auditKey, `${type} #${i} records`).toBe(auditKey(call.workflowId, runId, ++syncs));
    });
  });

  it('name messages by step keys the builders make', () => {
    const ladder = new Set(input.policy.steps.map((s) => s.id as string));
    const built = (call: ActivityInput): string[] => {
      const number = (call.instalment as { number: number } | undefined)?.number ?? 0;
      const plans = [1, 2, 3];
      return [
        ...ladder,
        ...[...ladder].map(contactUpdateStepKey),
        ...plans.flatMap((plan) => [
          planConfirmationStepKey(plan),
          instalmentStepKey(plan, instalment(number), 'due'),
          instalmentStepKey(plan, instalment(number), 'missed'),
        ]),
        ...[1, 2, 3].map(collectionStepKey),
      ];
    };
    for (const [type, call] of calls) {
      if (type === 'sendMessage') expect(built(call)).toContain(call.stepKey);
    }
  });
});
