// One durable workflow per unpaid invoice: walks the policy's ladder at payday-aligned, lawful
// moments and reacts at once to payments, bounces, disputes, promises and payment plans.
// The process reads top to bottom: setup, one line per handler, the main loop. What a command does is
// in commands/, what a decision does in execute.ts, every effect in effects.ts.
import * as wf from '@temporalio/workflow';
import type { SyncAnswer } from './activity-contract.js';
import {
  acceptPaymentPlan,
  type Command,
  type CommandContext,
  cancel,
  collectionFailed,
  contactUpdated,
  delivery,
  endDirectDebit,
  inviteDirectDebit,
  mandateGranted,
  openDispute,
  pause,
  promiseToPay,
  type Report,
  recordChargeback,
  recordPayment,
  resolveDispute,
  resume,
  type TimelineEvent,
} from './commands/index.js';
import {
  acceptPaymentPlanUpdate,
  cancelUpdate,
  collectionFailedSignal,
  contactUpdatedSignal,
  deliverySignal,
  endDirectDebitUpdate,
  inviteDirectDebitUpdate,
  mandateGrantedSignal,
  openDisputeUpdate,
  pauseUpdate,
  projectionQuery,
  promiseToPayUpdate,
  recordChargebackUpdate,
  recordPaymentUpdate,
  resolveDisputeUpdate,
  resumeUpdate,
  statusQuery,
} from './definitions.js';
import { chargebackWindowEnd } from './direct-debit-logic.js';
import { amounts, decide, initialState, isClosed, nextActionOf } from './dunning-logic.js';
import type { CollectionFailedInput, DunningInput, DunningState, DunningStatus } from './dunning-types.js';
import { publishChangedSearchAttributes, publishSearchAttributes, syncInvoice } from './effects.js';
import { execute, inviteDirectDebit as invite } from './execute.js';
import { auditKey, effectKeyBase } from './idempotency-keys.js';
import type { Run } from './run.js';
import { KEPT_EVENTS, snapshotDigest } from './snapshot.js';

export async function dunningWorkflow(input: DunningInput): Promise<DunningStatus> {
  const { workflowId } = wf.workflowInfo();
  const state: DunningState = input.carried ?? initialState(input);
  // One patch for this release. A run that has it would get every earlier patch as well (patched() is
  // true in any new run), so it asks for none of them: no marker and no TemporalChangeVersion upsert
  // each. Runs recorded before it ask for each earlier patch where they always did.
  // The newest release's patch stands for every one before it: a new run asks only for it.
  // Fewer billed actions (issue 15): search attributes upserted only when what operators filter by
  // changes, no upsert for what the run started with.
  // No activity only to mirror state (issue 15): a ladder step's send writes the records of the state
  // after the step, and the API stored the first snapshot with the invoice.
  const ridesAlong = wf.patched('sync-rides-along');
  const fewerActions = ridesAlong || wf.patched('fewer-actions');
  const release = fewerActions || wf.patched('release-2026-12');
  const patched = (patchId: string) => release || wf.patched(patchId);
  // Runs recorded before receipt-based cost deadlines and waiting out stated deadlines keep the old rules.
  if (patched('lawful-deadlines')) state.lawfulDeadlines = true;
  // Runs recorded before payment requests named a fresh pay-by day name the past due date.
  if (patched('fresh-payment-deadline')) state.freshPaymentDeadline = true;
  // Runs recorded before messages carried only the stable pay link mint a PSP link for every step.
  if (release) state.linkOnDemand = true;
  const scope = {
    ref: { tenantId: input.tenantId, invoiceId: input.invoiceId, workflowId },
    keyBase: effectKeyBase(workflowId, input.reopened),
  };
  /** Collection failures reported before their submission's result reached the workflow. */
  const earlyCollectionFailures: CollectionFailedInput[] = [];
  let version = 0;
  const record = (events: TimelineEvent[], at?: string) => {
    for (const { kind, detail } of events) {
      version++;
      state.events.push({ at: at ?? new Date().toISOString(), kind, ...(detail ? { detail } : {}) });
      if (state.events.length > KEPT_EVENTS) state.events.splice(0, state.events.length - KEPT_EVENTS);
      // Callers of an update read the status it returns: show them the next action already.
      state.nextAction = nextActionOf(decide(input, state, new Date(), workflowId));
    }
  };
  const context = (): CommandContext => ({
    input,
    state,
    now: new Date(),
    patched,
    earlyCollectionFailures,
  });
  // The sync bookkeeping (the main loop's): what the last write held, how many this run did, and the
  // digest of records written elsewhere (the API's first snapshot, a step's send) still to be matched.
  let lastSynced = '';
  let syncs = 0;
  let written: { synced: string; answer?: SyncAnswer } | undefined =
    ridesAlong && !input.carried && input.initialSnapshot
      ? {
          synced: input.initialSnapshot.digest,
          answer: { experimentTargets: input.initialSnapshot.experimentTargets },
        }
      : undefined;
  const run: Run = {
    input,
    state,
    scope,
    context,
    record,
    patched,
    lastStatedDate: undefined,
    ...(ridesAlong
      ? {
          rideAlong: {
            auditKey: () => auditKey(workflowId, wf.workflowInfo().runId, ++syncs),
            written: (write: { synced: string; answer?: SyncAnswer }) => {
              written = write;
            },
          },
        }
      : {}),
  };

  const status = (): DunningStatus => ({
    tenantId: input.tenantId,
    invoiceId: input.invoiceId,
    status: state.status,
    stage: state.stage,
    policyId: input.policy.id,
    amounts: amounts(input, state),
    currency: input.currency,
    dueDate: input.dueDate,
    nextAction: state.nextAction,
    costDeadline: state.costDeadline,
    paymentUrl: state.paymentLink?.url ?? null,
    messages: state.messages,
    payments: state.payments,
    plan: state.plan,
    promise: state.promise,
    dispute: state.dispute,
    pause: state.pause,
    directDebit: state.directDebit ?? null,
    events: state.events,
  });
  // A command or report applies to the state; its events go on the timeline and wake the main loop.
  // An update answers with the status after it, and is refused by its validator before the history.
  const react =
    <A>(report: Report<A>) =>
    (arg: A): void =>
      record(report.apply(context(), arg));
  const handle =
    <A>(command: Command<A>) =>
    (arg: A): DunningStatus => {
      record(command.apply(context(), arg));
      return status();
    };
  const validator =
    <A, B>(command: Command<A, B>) =>
    (arg: A): void =>
      command.validate(context(), arg);
  const update = <A>(command: Command<A>) => [handle(command), { validator: validator(command) }] as const;

  wf.setHandler(statusQuery, status);
  wf.setHandler(projectionQuery, () => ({ input: { ...input, carried: null }, state }));
  wf.setHandler(recordPaymentUpdate, ...update(recordPayment));
  wf.setHandler(recordChargebackUpdate, ...update(recordChargeback));
  wf.setHandler(pauseUpdate, ...update(pause));
  wf.setHandler(resumeUpdate, ...update(resume));
  wf.setHandler(cancelUpdate, ...update(cancel));
  wf.setHandler(promiseToPayUpdate, ...update(promiseToPay));
  wf.setHandler(openDisputeUpdate, ...update(openDispute));
  wf.setHandler(resolveDisputeUpdate, ...update(resolveDispute));
  wf.setHandler(acceptPaymentPlanUpdate, ...update(acceptPaymentPlan));
  wf.setHandler(endDirectDebitUpdate, ...update(endDirectDebit));
  wf.setHandler(inviteDirectDebitUpdate, (arg) => invite(run, arg).then(status), {
    validator: validator(inviteDirectDebit),
  });
  wf.setHandler(deliverySignal, react(delivery));
  wf.setHandler(contactUpdatedSignal, react(contactUpdated));
  wf.setHandler(mandateGrantedSignal, react(mandateGranted));
  wf.setHandler(collectionFailedSignal, react(collectionFailed));

  // ---- the main loop ----

  /** The `version` whose events the last sync carried to Settle's records (the timeline reads them). */
  let syncedVersion = -1;
  async function syncIfChanged(reason: string): Promise<void> {
    const due = amounts(input, state);
    const fingerprint = JSON.stringify([
      state.status,
      state.stage,
      due,
      state.nextAction,
      state.paymentLink?.url,
      state.messages.length,
    ]);
    const writtenElsewhere = written;
    written = undefined;
    if (fingerprint === lastSynced) return;
    lastSynced = fingerprint;
    syncedVersion = version;
    if (fewerActions) publishChangedSearchAttributes(state, due);
    else publishSearchAttributes(state, due);
    // Written already with exactly this content: nothing to write (else, e.g. a report came in while
    // the send ran, or the next action is decided differently now, the workflow writes it itself).
    if (writtenElsewhere && snapshotDigest(state, due) === writtenElsewhere.synced) {
      // What that write answered, as a sync would have (the tenant's running experiments).
      run.experimentTargets = writtenElsewhere.answer?.experimentTargets ?? [];
      return;
    }
    syncs++;
    const answer = await syncInvoice(scope, syncs, { state, amounts: due, reason, closed: isClosed(state) });
    // The tenant's running experiments ride along: only a step one covers asks for an arm (experiment.ts).
    run.experimentTargets = answer?.experimentTargets ?? [];
  }

  let lastEvent = 'started';
  async function walkLadder(): Promise<void> {
    for (;;) {
      if (wf.workflowInfo().continueAsNewSuggested && !isClosed(state)) {
        await wf.condition(wf.allHandlersFinished);
        // An input recorded with a description (older API versions) does not pass it on to the next run.
        // The first snapshot the API stored is the first run's only.
        const { description: _recordedDescription, initialSnapshot: _first, ...continued } = input;
        await wf.continueAsNew<typeof dunningWorkflow>({ ...continued, carried: state });
      }
      const decision = decide(input, state, new Date(), workflowId);
      // Taken before any await: a signal or update arriving during the sync must wake the wait below.
      const seen = version;
      state.nextAction = nextActionOf(decision);
      await syncIfChanged(state.events.at(-1)?.kind ?? lastEvent);
      if (decision.kind === 'close') {
        // Paid by direct debit: the debtor may still reverse a collection; reopen if they do. Invoices
        // that completed before this wait existed replay without it.
        const windowEnd = chargebackWindowEnd(input.policy, state);
        if (windowEnd && patched('chargeback-window')) {
          const delay = windowEnd.getTime() - Date.now();
          if (delay > 0 && (await wf.condition(() => version !== seen, delay))) continue;
        }
        break;
      }
      if (decision.kind === 'wait-for-signal') {
        await wf.condition(() => version !== seen);
        continue;
      }
      const delay = decision.at.getTime() - Date.now();
      if (delay > 0 && (await wf.condition(() => version !== seen, delay))) continue;
      lastEvent = decision.kind;
      await execute(run, decision);
    }
  }

  try {
    await walkLadder();
  } catch (error) {
    // Cancelled by an operator (Temporal UI or CLI): Settle's records and the debtor's page follow
    // before the run ends as cancelled. Runs cancelled before this existed replay as they ended.
    if (!wf.isCancellation(error) || !patched('record-cancellation')) throw error;
    state.status = 'cancelled';
    state.cancelReason = 'cancelled in Temporal';
    record([{ kind: 'cancelled-in-temporal' }]);
    await wf.CancellationScope.nonCancellable(() => syncIfChanged('cancelled-in-temporal'));
    throw error;
  }
  await wf.condition(wf.allHandlersFinished);
  // Events after the last sync (a report that came in while it ran) still reach the closed invoice's
  // timeline. Runs that closed before this replay as they ended.
  if (version !== syncedVersion && patched('timeline-events-stored')) {
    syncs++;
    const reason = state.events.at(-1)?.kind ?? lastEvent;
    await syncInvoice(scope, syncs, {
      state,
      amounts: amounts(input, state),
      reason,
      closed: isClosed(state),
    });
    await wf.condition(wf.allHandlersFinished);
  }
  return status();
}
