// What a write of Settle's records holds (the invoice row's mirror, the plan, the timeline), and how a
// ladder step's send leaves the state: pure, so the activity that sends a step's message, the API that
// stores a new invoice's first snapshot and the workflow compute the identical snapshot (issue 15:
// no activity exists only to mirror state when it can ride along with another).

import type { SentMessage } from './activity-contract.js';
import type { TimelineEvent } from './commands/command.js';
import type { Channel, TemplateId } from './domain.js';
import { amounts, decide, initialState, isClosed, nextActionOf } from './dunning-logic.js';
import type { Amounts, DunningInput, DunningState } from './dunning-types.js';
import type { LadderStep } from './policy/ladder.js';
import { recordStepOutcome } from './step-outcome.js';

/** The workflow keeps its last 200 events; older ones are on the stored timeline. */
export const KEPT_EVENTS = 200;

/** Appends events at one moment, as the workflow's timeline does. */
export function pushEvents(state: DunningState, events: readonly TimelineEvent[], at: string): void {
  for (const { kind, detail } of events) {
    state.events.push({ at, kind, ...(detail ? { detail } : {}) });
    if (state.events.length > KEPT_EVENTS) state.events.splice(0, state.events.length - KEPT_EVENTS);
  }
}

/** The message a send put out, as the state records it. */
export function recordSent(
  state: DunningState,
  message: { stepKey: string; channel: Channel; template: TemplateId },
  sent: SentMessage,
  at: string,
): TimelineEvent[] {
  state.messages.push({
    messageId: sent.messageId,
    stepKey: message.stepKey,
    channel: message.channel,
    template: message.template,
    status: 'sent',
    history: [{ status: 'sent', at }],
    ...(sent.postedOn ? { postedOn: sent.postedOn } : {}),
  });
  return sent.overrideFallback
    ? [
        {
          kind: 'template-override-failed',
          detail: `${message.channel}:${message.template}:v${sent.overrideFallback.version}`,
        },
      ]
    : [];
}

/** What a ladder step leaves on the timeline once its message went out (or none did: `channel` null). */
export function stepTaken(
  input: DunningInput,
  state: DunningState,
  step: LadderStep,
  channel: Channel | null,
  statedDate: string | undefined,
  at: Date,
): TimelineEvent[] {
  return [
    ...recordStepOutcome(input, state, step, channel, statedDate, at),
    { kind: 'step', detail: step.id },
  ];
}

/** What a ladder step's send needs to write the records of the state after the step (sync-rides-along). */
export interface StepSnapshotRequest {
  /** The run's input without its carried state. */
  input: DunningInput;
  /** The state as the send starts. */
  state: DunningState;
  stepId: string;
  statedDate?: string;
  /** The audit entry's key for this write. */
  auditKey: string;
}

/**
 * The state after a ladder step whose message `sent` went out at `at`, with the next action decided
 * at that moment: what the workflow holds after the step when nothing else happened meanwhile.
 */
export function stateAfterStep(
  request: StepSnapshotRequest,
  sent: SentMessage,
  at: string,
  workflowId: string,
): DunningState {
  const { input } = request;
  const state = structuredClone(request.state);
  const step = input.policy.steps.find((s) => s.id === request.stepId);
  if (!step?.template) throw new Error(`no ladder step ${request.stepId} with a message`);
  pushEvents(
    state,
    recordSent(state, { stepKey: step.id, channel: sent.channel, template: step.template }, sent, at),
    at,
  );
  pushEvents(state, stepTaken(input, state, step, sent.channel, request.statedDate, new Date(at)), at);
  state.nextAction = nextActionOf(decide(input, state, new Date(at), workflowId));
  return state;
}

/** Everything a write of the records holds, but the moment it is written. */
function recordsOf(state: DunningState, due: Amounts) {
  return [
    state.status,
    state.stage,
    due,
    state.nextAction,
    state.paymentLink?.url ?? null,
    state.directDebit ?? null,
    isClosed(state),
    state.plan ?? null,
    state.events,
  ];
}

/**
 * A digest of what a write of the records holds: the workflow compares its own state's with the one a
 * write that rode along reports, and writes again when they differ. 64 bits of two FNV-1a hashes.
 * Whether a sync activity runs follows from it: what it covers, and the code that makes the state it
 * digests (firstSnapshot, stateAfterStep, decide), change for runs in flight only behind a new patch.
 */
export function snapshotDigest(state: DunningState, due: Amounts): string {
  const text = JSON.stringify(recordsOf(state, due));
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
    b = (b ^ (b >>> 13)) >>> 0;
  }
  return `${a.toString(16).padStart(8, '0')}${b.toString(16).padStart(8, '0')}:${text.length}`;
}

/** The first snapshot a new run would write: its initial state with the next action decided at `now`. */
export function firstSnapshot(
  input: DunningInput,
  now: Date,
  workflowId: string,
): { state: DunningState; amounts: Amounts; digest: string } {
  const state = initialState(input);
  state.nextAction = nextActionOf(decide(input, state, now, workflowId));
  const due = amounts(input, state);
  return { state, amounts: due, digest: snapshotDigest(state, due) };
}
