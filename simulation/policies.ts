// The policies a simulation can run: the shipped ones (the very objects invoices get) and variants
// to compare them with. A variant is a shipped policy with its ladder changed, nothing else.
import { type DunningPolicy, NL_CONSUMER, POLICIES } from '../workflows/policy/ladder.js';
import { validatePolicy } from '../workflows/policy/policy-rules.js';

/** nl-consumer without the second reminder and the plan offer: fewer messages, the same legal steps. */
export const NL_CONSUMER_LEAN: DunningPolicy = {
  ...NL_CONSUMER,
  id: 'nl-consumer-lean',
  description: 'Variant of nl-consumer for comparison: one reminder, no payment-plan offer.',
  steps: NL_CONSUMER.steps.filter((s) => s.id !== 'reminder-2' && s.id !== 'payment-plan-offer'),
};

/** nl-consumer with only the legally needed steps: the 14-day letter, then the handover. */
export const NL_CONSUMER_NO_REMINDERS: DunningPolicy = {
  ...NL_CONSUMER,
  id: 'nl-consumer-no-reminders',
  description:
    'Variant of nl-consumer for comparison: no payment request or reminders before the 14-day letter.',
  steps: NL_CONSUMER.steps
    .filter((s) => s.id === 'formal-notice' || s.id === 'final-notice' || s.id === 'handover')
    .map((s) => (s.id === 'formal-notice' ? { ...s, after: { days: 3, from: 'due' as const } } : s)),
};

export const SIMULATION_POLICIES: Readonly<Record<string, DunningPolicy>> = {
  ...Object.fromEntries(Object.entries(POLICIES).filter(([id]) => id !== 'demo')),
  [NL_CONSUMER_LEAN.id]: NL_CONSUMER_LEAN,
  [NL_CONSUMER_NO_REMINDERS.id]: NL_CONSUMER_NO_REMINDERS,
};

export const SIMULATION_POLICY_IDS = Object.keys(SIMULATION_POLICIES);

export function simulationPolicy(id: string): DunningPolicy | undefined {
  return SIMULATION_POLICIES[id];
}

for (const policy of Object.values(SIMULATION_POLICIES)) {
  const problems = validatePolicy(policy);
  if (problems.length > 0) throw new Error(`${policy.id}: ${problems.join('; ')}`);
}
