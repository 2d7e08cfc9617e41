// The read model's write versions grow with the workflow's writes: later scheduled, later version;
// in one workflow task, the later activity; a retry keeps its place.
import { describe, expect, it } from 'vitest';
import { mirrorVersionOf } from '../../activities/mirror-version.js';

describe('mirrorVersionOf', () => {
  it('orders writes by when the workflow scheduled them, then by their activity sequence', () => {
    const t = Date.parse('2026-12-02T10:00:00.000Z');
    const versions = [
      mirrorVersionOf({ scheduledTimestampMs: t, activityId: '7' }),
      mirrorVersionOf({ scheduledTimestampMs: t, activityId: '9' }),
      mirrorVersionOf({ scheduledTimestampMs: t + 1, activityId: '1' }),
      // A later run of the same workflow starts its ids again, but is scheduled later.
      mirrorVersionOf({ scheduledTimestampMs: t + 60_000, activityId: '1' }),
    ];
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    expect(
      Number.isSafeInteger(
        mirrorVersionOf({ scheduledTimestampMs: Date.parse('2200-01-01'), activityId: '999' }),
      ),
    ).toBe(true);
  });
});
