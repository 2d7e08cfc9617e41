// A command's world without Temporal: a consumer invoice, its fresh state, a fixed clock, and every
// patch in force unless a test says otherwise.
import { ApplicationFailure } from '@temporalio/common';
import { expect } from 'vitest';
import type { CommandContext } from '../../../workflows/commands/command.js';
import { API_REFUSALS, REFUSAL_TYPES, refusalOf, refusalText } from '../../../workflows/commands/refusal.js';
import type { Reachability } from '../../../workflows/domain.js';
import { initialState } from '../../../workflows/dunning-logic.js';
import type { DunningInput } from '../../../workflows/dunning-types.js';
import { NL_CONSUMER } from '../../../workflows/policy/ladder.js';

export const NOW = new Date('2026-11-25T10:00:00Z'); // a Wednesday, no holiday
const reachable: Reachability = { email: true, sms: true, whatsapp: true, letter: true, app: false };

export function commandContext(
  overrides: { input?: Partial<DunningInput>; patched?: (patchId: string) => boolean } = {},
): CommandContext {
  const input: DunningInput = {
    tenantId: 't',
    invoiceId: 'INV-1',
    debtor: { id: 'D-1', segment: 'consumer', language: 'nl', reachability: reachable },
    principalCents: 12_345,
    currency: 'EUR',
    issueDate: '2026-11-01',
    dueDate: '2026-12-09',
    policy: NL_CONSUMER,
    ...overrides.input,
  };
  return {
    input,
    state: initialState(input),
    now: NOW,
    patched: overrides.patched ?? (() => true),
    earlyCollectionFailures: [],
  };
}

/** Asserts that `validate` refuses with this failure type and a message containing `message`. */
export function expectRefusal(validate: () => void, type: keyof typeof REFUSAL_TYPES, message: string): void {
  let thrown: unknown;
  try {
    validate();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(ApplicationFailure);
  expect(thrown).toMatchObject({ type: REFUSAL_TYPES[type], nonRetryable: true });
  expect((thrown as ApplicationFailure).message).toContain(message);
  // The reason travels as data too, and its English words are the message.
  const refusal = refusalOf(thrown as ApplicationFailure);
  expect(refusal).toBeDefined();
  expect(refusalText(API_REFUSALS, refusal!)).toBe((thrown as ApplicationFailure).message);
}
