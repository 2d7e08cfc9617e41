// The version of a workflow's write to its invoice row: when the workflow scheduled the write, then
// the write's place among the workflow's activities (their ids count up within a run). A retry keeps
// its original schedule, so it can never overtake a later write; a later run schedules later still.
import { Context } from '@temporalio/activity';

export function mirrorVersionOf(info: { scheduledTimestampMs: number; activityId: string }): number {
  const sequence = Number.parseInt(info.activityId, 10);
  return Math.trunc(info.scheduledTimestampMs) * 1000 + (Number.isFinite(sequence) ? sequence % 1000 : 0);
}

/** The running activity's write version; outside an activity (a direct call) the write counts as now. */
export function currentMirrorVersion(now = Date.now()): number {
  try {
    return mirrorVersionOf(Context.current().info);
  } catch {
    return now * 1000;
  }
}
