// A tenant's own ladder with steps it named itself, run by the real workflow and activities on the
// time-skipping server: three reminders go out in order with the templates the ladder chose, and the
// custom step ids are what the run's stage, its search attribute and the read model show.
import { describe, expect, it } from 'vitest';
import { createTenantPolicies } from '../../api/tenant-policies.js';
import { getInvoice } from '../../db/queries/invoices.js';
import { SEARCH_ATTRIBUTES } from '../../workflows/definitions.js';
import { type LadderStep, NL_CONSUMER } from '../../workflows/policy/ladder.js';
import { harnessPerFile } from './harness.js';

const h = harnessPerFile();

const reminder = (id: string, template: 'reminder-1' | 'reminder-2'): LadderStep => ({
  id,
  kind: 'reminder',
  after: { days: 7, from: 'previous' },
  channels: 'preferred',
  template,
});

/** nl-consumer with its two reminders replaced by three of the tenant's own naming. */
function threeReminders() {
  const [request, , , ...rest] = NL_CONSUMER.steps;
  const { version: _version, ...consumer } = NL_CONSUMER;
  return {
    ...consumer,
    id: 'drie-herinneringen',
    description: 'Three reminders before the 14-day letter',
    steps: [
      request!,
      { ...reminder('herinnering-1', 'reminder-1'), after: { days: 3, from: 'due' as const } },
      reminder('herinnering-2', 'reminder-2'),
      // A third reminder has no text of its own: it reuses the second's.
      reminder('herinnering-3', 'reminder-2'),
      ...rest,
    ],
  };
}

describe('a tenant ladder with steps named freely', () => {
  it('runs through three reminders with the chosen templates, and shows the custom stage', async () => {
    const saved = await createTenantPolicies(h.database.db).save(h.tenantId, threeReminders(), 'test');
    expect(saved.policy.version).toBe(1);
    const id = await h.createInvoice({ policyId: 'drie-herinneringen' });

    const third = await h.waitFor(id, (s) => s.messages.some((m) => m.stepKey === 'herinnering-3'));
    expect(third.stage).toBe('herinnering-3');
    expect(third.messages.map((m) => `${m.stepKey}:${m.template}`)).toEqual([
      'payment-request:payment-request',
      'herinnering-1:reminder-1',
      'herinnering-2:reminder-2',
      'herinnering-3:reminder-2',
    ]);
    const description = await h.handle(id).describe();
    expect(description.typedSearchAttributes.get(SEARCH_ATTRIBUTES.stage)).toBe('herinnering-3');
    expect((await getInvoice(h.database.db, h.tenantId, id))?.stage).toBe('herinnering-3');

    const result = await h.runToEnd(id);
    expect(result.status).toBe('handed_over');
    expect(result.stage).toBe('handover');
    expect(result.messages.map((m) => `${m.stepKey}:${m.channel}:${m.template}`)).toEqual([
      'payment-request:email:payment-request',
      'herinnering-1:email:reminder-1',
      'herinnering-2:email:reminder-2',
      'herinnering-3:email:reminder-2',
      'formal-notice:letter:formal-notice',
      'payment-plan-offer:email:payment-plan-offer',
      'final-notice:email:final-notice',
    ]);
    // Seven days between the reminders the tenant named, as its ladder says (at whole days).
    const sentDay = (step: string) =>
      Date.parse(result.messages.find((m) => m.stepKey === step)!.history[0]!.at) / 86_400_000;
    expect(Math.round(sentDay('herinnering-3') - sentDay('herinnering-2'))).toBeGreaterThanOrEqual(7);
  });
});
