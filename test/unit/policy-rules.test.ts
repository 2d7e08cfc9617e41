// The rules a tenant's own ladder is held to — the same function the shipped policies pass — with the
// vectors of art. 6:96 lid 6 BW (the 14-day letter before any costs) and the contact-hour rule.
import { describe, expect, it } from 'vitest';
import {
  DEMO,
  type DunningPolicy,
  type LadderStep,
  NL_BUSINESS,
  NL_CONSUMER,
  POLICIES,
} from '../../workflows/policy/ladder.js';
import { policyProblems, tenantPolicyProblems } from '../../workflows/policy/policy-rules.js';

const own = (changes: Partial<DunningPolicy> = {}): DunningPolicy => ({
  ...NL_CONSUMER,
  id: 'house-consumer',
  ...changes,
});
const withStep = (policy: DunningPolicy, id: string, change: Partial<LadderStep>): DunningPolicy => ({
  ...policy,
  steps: policy.steps.map((s) => (s.id === id ? { ...s, ...change } : s)),
});
const fields = (policy: DunningPolicy) => tenantPolicyProblems(policy).map((p) => p.field);
const letter = NL_CONSUMER.steps.findIndex((s) => s.id === 'formal-notice');

describe('the shipped policies pass the rules tenants are held to', () => {
  it.each(Object.values(POLICIES))('$id', (policy) => {
    expect(policyProblems(policy)).toEqual([]);
  });

  it('a copy of nl-consumer under an own id is a valid tenant policy', () => {
    expect(tenantPolicyProblems(own())).toEqual([]);
  });
});

describe('art. 6:96 lid 6 BW: the consumer 14-day letter before any costs', () => {
  it.each([
    [14, []],
    [21, []],
    [13, [`/steps/${letter}/costDeadline/days`]],
    [7, [`/steps/${letter}/costDeadline/days`]],
  ])('a term of %i days after receipt', (days, expected) => {
    const policy = withStep(own(), 'formal-notice', { costDeadline: { receiptDays: 2, days } });
    expect(fields(policy)).toEqual(expected);
  });

  it('a consumer ladder that charges costs without the letter is refused', () => {
    const policy = withStep(own(), 'formal-notice', { costDeadline: undefined });
    expect(tenantPolicyProblems(policy)).toEqual([
      {
        field: '/steps',
        message:
          'a consumer ladder that charges costs needs the 14-day letter: a formal-notice step with a costDeadline',
      },
    ]);
  });

  it('the same ladder charging no costs needs no letter', () => {
    const policy = withStep(own({ costs: 'none' }), 'formal-notice', { costDeadline: undefined });
    expect(tenantPolicyProblems(policy)).toEqual([]);
  });

  it('a final notice before the letter is refused at its index', () => {
    const steps = [...NL_CONSUMER.steps];
    const [notice] = steps.splice(5, 1); // final-notice
    steps.splice(2, 0, notice!);
    expect(tenantPolicyProblems(own({ steps }))).toEqual([
      { field: '/steps/2/kind', message: 'a step that names costs comes after the 14-day letter' },
    ]);
  });

  it.each([
    ['business', ['/costs']],
    ['business-flat', ['/costs', '/costs']],
  ] as const)('consumers are never charged the %s costs', (costs, expected) => {
    expect(fields(own({ costs }))).toEqual(expected);
  });

  it('consumers never owe commercial interest; businesses may', () => {
    expect(fields(own({ interest: 'commercial' }))).toEqual(['/interest']);
    expect(fields({ ...NL_BUSINESS, id: 'house-business' })).toEqual([]);
  });

  it('only a formal notice starts a cost deadline, and only the letter uses its template', () => {
    const deadline = withStep(own(), 'reminder-2', { costDeadline: { receiptDays: 2, days: 14 } });
    expect(fields(deadline)).toEqual(['/steps/2/costDeadline']);
    const template = withStep(own(), 'reminder-2', { template: 'formal-notice' });
    expect(fields(template)).toEqual(['/steps/2/template']);
  });
});

describe('contact hours, ids, channels, offsets and limits', () => {
  it('contact hours cannot be switched off, and no tenant compresses days', () => {
    expect(fields(own({ respectCalendar: false }))).toEqual(['/respectCalendar']);
    expect(fields({ ...DEMO, id: 'fast-demo' })).toEqual(['/secondsPerDay']);
  });

  it.each([['nl-consumer'], ['demo'], ['Bad Id'], ['x'], ['new']])('the id %s is refused', (id) => {
    expect(fields(own({ id }))).toEqual(['/id']);
  });

  it('channels must exist, differ, and a message step needs one', () => {
    const unknown = withStep(own(), 'reminder-1', { channels: ['email', 'fax' as 'email'] });
    expect(fields(unknown)).toEqual(['/steps/1/channels/1']);
    expect(fields(withStep(own(), 'reminder-1', { channels: [] }))).toEqual(['/steps/1/channels']);
    expect(fields(withStep(own(), 'reminder-1', { channels: ['sms', 'sms'] }))).toEqual([
      '/steps/1/channels',
    ]);
  });

  it('templates exist; the handover has none', () => {
    expect(fields(withStep(own(), 'reminder-1', { template: 'instalment-due' }))).toEqual([
      '/steps/1/template',
    ]);
    expect(fields(withStep(own(), 'handover', { template: 'reminder-1' }))).toEqual(['/steps/6/template']);
  });

  it.each([
    [{ after: { days: -61, from: 'due' as const } }, '/steps/1/after/days'],
    [{ after: { days: 366, from: 'previous' as const } }, '/steps/1/after/days'],
    [{ after: { days: -1, from: 'previous' as const } }, '/steps/1/after/days'],
    [{ after: { days: 1.5, from: 'previous' as const } }, '/steps/1/after/days'],
  ])('offset %j is refused', (change, field) => {
    expect(fields(withStep(own(), 'reminder-1', change))).toEqual([field]);
  });

  it.each([
    [{ maxInstalments: 13 }, '/paymentPlan/maxInstalments'],
    [{ minInstalments: 1 }, '/paymentPlan/maxInstalments'],
    [{ intervalDays: 90 }, '/paymentPlan/intervalDays'],
    [{ minInstalmentCents: 50 }, '/paymentPlan/minInstalmentCents'],
  ])('plan limit %j is refused', (change, field) => {
    expect(fields(own({ paymentPlan: { ...NL_CONSUMER.paymentPlan, ...change } }))).toEqual([field]);
  });

  it('promise and link limits stay sane', () => {
    expect(fields(own({ promiseToPay: { maxDays: 0, graceDays: 3 }, paymentLinkValidDays: 365 }))).toEqual([
      '/paymentLinkValidDays',
      '/promiseToPay/maxDays',
    ]);
  });
});

describe('steps named freely: behaviour by kind, ids that cannot spell a derived key', () => {
  const reminder = (id: string, template: LadderStep['template'] = 'reminder-2'): LadderStep => ({
    id,
    kind: 'reminder',
    after: { days: 7, from: 'previous' },
    channels: 'preferred',
    template,
  });
  /** nl-consumer with extra steps after its second reminder (index 2). */
  const withReminders = (...extra: LadderStep[]): DunningPolicy =>
    own({ steps: [...NL_CONSUMER.steps.slice(0, 3), ...extra, ...NL_CONSUMER.steps.slice(3)] });

  it('three reminders of its own, the third with the reminder-2 template, pass', () => {
    expect(tenantPolicyProblems(withReminders(reminder('herinnering-3')))).toEqual([]);
    const renamed = own({
      steps: NL_CONSUMER.steps.map((s, i) => (i > 0 && i < 3 ? { ...s, id: `reminder-${i}x` } : s)),
    });
    expect(tenantPolicyProblems(renamed)).toEqual([]);
  });

  it('a longer ladder fits up to 12 steps', () => {
    const extra = (n: number) => Array.from({ length: n }, (_, i) => reminder(`extra-${i + 1}`));
    expect(tenantPolicyProblems(withReminders(...extra(5)))).toEqual([]);
    expect(fields(withReminders(...extra(6)))).toEqual(['/steps']);
  });

  it.each([['Reminder-3'], ['3rd-reminder'], ['reminder:3'], ['reminder 3'], ['a'.repeat(41)], ['']])(
    'the step id %j does not match the pattern',
    (id) => {
      expect(tenantPolicyProblems(withReminders(reminder(id)))).toEqual([
        {
          field: '/steps/3/id',
          message: 'lower-case letters, digits and dashes, 1–40, starting with a letter',
        },
      ]);
    },
  );

  it.each([
    ['created'],
    ['payment-plan'],
    ['reversal'],
    ['direct-debit-1'],
    ['mandate-2'],
    ['plan1'],
    ['plan2-confirmation'],
  ])('the step id %s is a stage or step key of the workflow', (id) => {
    expect(tenantPolicyProblems(withReminders(reminder(id)))).toEqual([
      { field: '/steps/3/id', message: `${id} is a name Settle uses itself: choose another id` },
    ]);
  });

  it('ids are unique; a built-in id keeps its kind; a custom id needs one', () => {
    expect(fields(withReminders(reminder('reminder-1')))).toEqual(['/steps']);
    const clash = withReminders(reminder('final-notice'));
    const renamedFinal = {
      ...clash,
      steps: clash.steps.map((s, i) => (i === 6 ? { ...s, id: 'laatste' } : s)),
    };
    expect(tenantPolicyProblems(renamedFinal)).toEqual([
      {
        field: '/steps/3/kind',
        message: 'the step id final-notice is the built-in final-notice step: name this one differently',
      },
    ]);
    const { kind: _, ...kindless } = reminder('reminder-3');
    expect(tenantPolicyProblems(withReminders(kindless))).toEqual([
      { field: '/steps/3/kind', message: 'reminder-3: needs a kind' },
    ]);
  });

  it('a template goes only with the kinds its text is written for', () => {
    expect(fields(withReminders(reminder('reminder-3', 'payment-request')))).toEqual(['/steps/3/template']);
    expect(tenantPolicyProblems(withReminders(reminder('reminder-3', 'final-notice')))).toEqual([
      {
        field: '/steps/3/template',
        message: 'the final-notice text is written for a formal-notice or final-notice step',
      },
    ]);
    expect(tenantPolicyProblems(withReminders(reminder('reminder-3', 'payment-plan-offer')))).toEqual([]);
  });

  it('behaviour follows the kind: a renamed 14-day letter still holds back the final notice', () => {
    const renamed = withStep(own(), 'formal-notice', { id: 'veertiendagenbrief' });
    expect(tenantPolicyProblems(renamed)).toEqual([]);
    const swapped = own({
      steps: [
        ...NL_CONSUMER.steps.slice(0, 3),
        { ...NL_CONSUMER.steps[5]!, id: 'laatste' },
        { ...NL_CONSUMER.steps[3]!, id: 'veertiendagenbrief' },
        NL_CONSUMER.steps[6]!,
      ],
    });
    expect(tenantPolicyProblems(swapped)).toEqual([
      { field: '/steps/3/kind', message: 'a step that names costs comes after the 14-day letter' },
    ]);
  });
});
