import { expect } from 'vitest';
import type { DunningStatus } from '../../workflows/dunning-types.js';
import { isContactDay, toAmsterdamParts } from '../../workflows/policy/calendar.js';

/** Every message went out inside lawful contact hours: 07:00–20:00 Amsterdam, no Sunday, no holiday. */
export function expectLawfulSendTimes(status: DunningStatus): void {
  for (const message of status.messages) {
    const sentAt = new Date(message.history[0]!.at);
    const local = toAmsterdamParts(sentAt);
    expect(local.hour, `${message.stepKey} at ${sentAt.toISOString()}`).toBeGreaterThanOrEqual(7);
    expect(local.hour, `${message.stepKey} at ${sentAt.toISOString()}`).toBeLessThan(20);
    expect(local.weekday, `${message.stepKey} on a Sunday`).not.toBe(7);
    expect(isContactDay(local.date), `${message.stepKey} on a no-contact day`).toBe(true);
  }
}

export const steps = (status: DunningStatus) => status.messages.map((m) => `${m.stepKey}:${m.channel}`);

/** Update refusals arrive as "Workflow Update failed" with the validator's message as the cause. */
export async function expectRefusal(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e as Error & { cause?: Error },
  );
  expect(error, 'expected the update to be refused').toBeDefined();
  expect(error?.cause?.message ?? error?.message).toMatch(message);
}
