// The engine's floor for the lifecycle benchmark: a workflow with the identical shape of the
// dunning workflow's "paid after the first reminder" path on the demo policy — the same loop, the
// same activities (as no-ops), search-attribute upserts, timers, signal and update — and nothing
// else. Bundled and run only by the benchmark's floor worker (bench/worker-child.ts).
//
// The real path, step by step (dunningWorkflow on DEMO, debtor pays once reminder-1 is delivered):
//   its one patch (a marker and a TemporalChangeVersion upsert); no sync of its own at the start
//   (the API stored the first snapshot with the invoice) → sendMessage(payment-request, carrying the
//   stable pay link and writing the records of the state after the step, patch sync-rides-along) →
//   upsert (stage) → timer until reminder-1 (the "delivered" report is stored by the webhook
//   processor, not signalled: the workflow does not act on it) → sendMessage(reminder-1) → upsert →
//   timer until reminder-2, which the payment update cuts short → upsert (amount 0) + syncInvoice
//   (closed) → syncInvoice of the events recorded after it (the payment's) → complete.
import * as wf from '@temporalio/workflow';
import { SEARCH_ATTRIBUTES } from '../workflows/definitions.js';

export interface FloorInput {
  invoiceId: string;
  /** Policy time from payment-request to reminder-1, and from reminder-1 to reminder-2 (ms). */
  firstGapMs: number;
  secondGapMs: number;
}

export interface FloorStatus {
  invoiceId: string;
  paid: boolean;
  steps: number;
  deliveries: number;
}

export interface FloorActivities {
  floorSync(input: { workflowId: string; reason: string; steps: number; closed: boolean }): Promise<void>;
  floorSend(input: { workflowId: string; step: string }): Promise<{ messageId: string }>;
}

/** Same names as the dunning workflow's, so the messages on the wire are alike. */
export const floorDeliverySignal =
  wf.defineSignal<[{ messageId: string; status: string; at: string }]>('delivery');
export const floorPaymentUpdate = wf.defineUpdate<FloorStatus, [{ dedupeKey: string; amountCents: number }]>(
  'recordPayment',
);
export const floorStatusQuery = wf.defineQuery<FloorStatus>('status');

const acts = wf.proxyActivities<FloorActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const STEPS = ['payment-request', 'reminder-1', 'reminder-2'] as const;

export async function floorWorkflow(input: FloorInput): Promise<FloorStatus> {
  const { workflowId } = wf.workflowInfo();
  // The dunning workflow's patch of this release, called at its start in every new run.
  wf.patched('fewer-actions');
  let version = 0;
  let paid = false;
  let step = 0;
  let deliveries = 0;
  let lastStepAt = 0;
  const status = (): FloorStatus => ({ invoiceId: input.invoiceId, paid, steps: step, deliveries });

  wf.setHandler(floorStatusQuery, status);
  wf.setHandler(
    floorPaymentUpdate,
    () => {
      paid = true;
      version++;
      return status();
    },
    { validator: (payment) => void payment.dedupeKey },
  );
  // Like a non-failed delivery in the dunning workflow: recorded, but the ladder is not woken.
  wf.setHandler(floorDeliverySignal, () => {
    deliveries++;
  });

  let lastSynced = '';
  // Records written elsewhere with the state as it is: by the API at the start, then by each send.
  let written = true;
  async function syncIfChanged(nextAt: number | null, reason: string): Promise<void> {
    const fingerprint = `${paid}|${step}|${nextAt}`;
    if (fingerprint === lastSynced) return;
    lastSynced = fingerprint;
    // As the dunning workflow: upserted only when the stage or the amount differ from the run's.
    const stage = step === 0 ? 'created' : STEPS[step - 1]!;
    const amountDueCents = paid ? 0 : 12_345;
    const current = wf.workflowInfo().typedSearchAttributes;
    if (
      current.get(SEARCH_ATTRIBUTES.stage) !== stage ||
      current.get(SEARCH_ATTRIBUTES.amountDueCents) !== amountDueCents
    )
      wf.upsertSearchAttributes([
        { key: SEARCH_ATTRIBUTES.stage, value: stage },
        { key: SEARCH_ATTRIBUTES.amountDueCents, value: amountDueCents },
        { key: SEARCH_ATTRIBUTES.nextActionAt, value: nextAt === null ? null : new Date(nextAt) },
      ]);
    if (written) {
      written = false;
      return;
    }
    await acts.floorSync({ workflowId, reason, steps: step, closed: paid });
  }

  for (;;) {
    const seen = version;
    if (paid || step >= STEPS.length) {
      await syncIfChanged(null, 'closed');
      break;
    }
    const nextAt = step === 0 ? Date.now() : lastStepAt + (step === 1 ? input.firstGapMs : input.secondGapMs);
    await syncIfChanged(nextAt, 'step');
    const delay = nextAt - Date.now();
    if (delay > 0 && (await wf.condition(() => version !== seen, delay))) continue;
    await acts.floorSend({ workflowId, step: STEPS[step]! });
    written = true;
    step++;
    lastStepAt = Date.now();
    version++;
  }
  await wf.condition(wf.allHandlersFinished);
  // As the dunning workflow: the events recorded after its last sync reach the closed invoice.
  await acts.floorSync({ workflowId, reason: 'events-stored', steps: step, closed: paid });
  return status();
}
