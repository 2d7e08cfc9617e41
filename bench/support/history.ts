// Counting a finished workflow's history: events by kind, and an estimate of the Temporal Cloud
// actions it was billed (the rules are stated in ACTION_RULES and printed by the benchmarks).
import type { Client } from '@temporalio/client';
// Default import: under plain Node ESM (tsx) the package has no static named exports.
import proto from '@temporalio/proto';

const EventType = proto.temporal.api.enums.v1.EventType;
/** The search attribute patched() upserts, and its marker's name (Temporal Core). */
const VERSION_ATTRIBUTE = 'TemporalChangeVersion';
const PATCH_MARKER = 'core_patch';

export interface HistoryCounts {
  runs: number;
  events: number;
  workflowTasks: number;
  activitiesScheduled: number;
  /** Attempts beyond the first (from each activity's started event). */
  activityRetries: number;
  timersStarted: number;
  timersFired: number;
  timersCanceled: number;
  signals: number;
  updatesAccepted: number;
  /** Billed upserts: not those that only record a patch (TemporalChangeVersion). */
  upserts: number;
  /** Upserts of TemporalChangeVersion alone, which patched() makes: not billed. */
  versionUpserts: number;
  /** Billed markers (side effects, local activities): not patch markers. */
  markers: number;
  /** Markers patched() records: not billed. */
  patchMarkers: number;
  continuedAsNew: number;
}

export const ACTION_RULES = [
  'workflow started: 1 per invoice',
  'activity: 1 per ActivityTaskScheduled, plus 1 per retry attempt (attempt - 1 of its started event)',
  'timer: 1 per TimerStarted (fired or cancelled alike)',
  'signal: 1 per WorkflowExecutionSignaled',
  'update: 1 per WorkflowExecutionUpdateAccepted (rejected updates leave no event and are not counted)',
  'search attributes: 1 per UpsertWorkflowSearchAttributes, except one that only sets TemporalChangeVersion (patched()); those given at start are free',
  'query: 1 per query the caller issued (counted by the benchmark, not in history)',
  'continue-as-new: 1 per WorkflowExecutionContinuedAsNew (the new run is not counted as a new start)',
  "markers: side effects and local activities 1 each (none in Settle); patched()'s own markers are free",
  'not counted: workflow tasks, activity completions, the close event',
  'source: docs.temporal.io/cloud/actions (Search Attributes at start and TemporalChangeVersion are exempt; markers are not listed)',
];

export function emptyCounts(): HistoryCounts {
  return {
    runs: 0,
    events: 0,
    workflowTasks: 0,
    activitiesScheduled: 0,
    activityRetries: 0,
    timersStarted: 0,
    timersFired: 0,
    timersCanceled: 0,
    signals: 0,
    updatesAccepted: 0,
    upserts: 0,
    versionUpserts: 0,
    markers: 0,
    patchMarkers: 0,
    continuedAsNew: 0,
  };
}

/** Counts over every run of a workflow id, following continue-as-new back to the first run. */
export async function historyCounts(client: Client, workflowId: string): Promise<HistoryCounts> {
  const counts = emptyCounts();
  let runId: string | undefined;
  for (let run = 0; run < 100; run++) {
    const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
    counts.runs++;
    let previousRun: string | undefined;
    for (const event of history.events ?? []) {
      counts.events++;
      switch (event.eventType) {
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED:
          previousRun = event.workflowExecutionStartedEventAttributes?.continuedExecutionRunId || undefined;
          break;
        case EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED:
          counts.workflowTasks++;
          break;
        case EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
          counts.activitiesScheduled++;
          break;
        case EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
          counts.activityRetries += Math.max(0, (event.activityTaskStartedEventAttributes?.attempt ?? 1) - 1);
          break;
        case EventType.EVENT_TYPE_TIMER_STARTED:
          counts.timersStarted++;
          break;
        case EventType.EVENT_TYPE_TIMER_FIRED:
          counts.timersFired++;
          break;
        case EventType.EVENT_TYPE_TIMER_CANCELED:
          counts.timersCanceled++;
          break;
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
          counts.signals++;
          break;
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED:
          counts.updatesAccepted++;
          break;
        case EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: {
          const fields = Object.keys(
            event.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields ?? {},
          );
          if (fields.length > 0 && fields.every((field) => field === VERSION_ATTRIBUTE))
            counts.versionUpserts++;
          else counts.upserts++;
          break;
        }
        case EventType.EVENT_TYPE_MARKER_RECORDED:
          if (event.markerRecordedEventAttributes?.markerName === PATCH_MARKER) counts.patchMarkers++;
          else counts.markers++;
          break;
        case EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW:
          counts.continuedAsNew++;
          break;
      }
    }
    if (!previousRun) break;
    runId = previousRun;
  }
  return counts;
}

/** Billable actions by ACTION_RULES; `queries` are those the caller issued for this invoice. */
export function billableActions(counts: HistoryCounts, queries: number): number {
  return (
    1 +
    counts.activitiesScheduled +
    counts.activityRetries +
    counts.timersStarted +
    counts.signals +
    counts.updatesAccepted +
    counts.upserts +
    counts.markers +
    counts.continuedAsNew +
    queries
  );
}

/** Field-wise mean of several histories' counts. */
export function meanCounts(all: HistoryCounts[]): Record<keyof HistoryCounts, number> {
  const mean = emptyCounts() as Record<keyof HistoryCounts, number>;
  for (const key of Object.keys(mean) as (keyof HistoryCounts)[]) {
    mean[key] =
      all.length === 0 ? 0 : Math.round((all.reduce((s, c) => s + c[key], 0) / all.length) * 100) / 100;
  }
  return mean;
}
