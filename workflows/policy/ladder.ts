// Dunning policies are data: an ordered ladder of steps per segment, versioned and validated.
// The workflow walks the ladder; which step is next and when is decided by pure functions here.
import type { Channel, Segment, StepId, TemplateId } from '../domain.js';

/**
 * What a ladder step is: behaviour (payday alignment, the deadline a notice states, the handover) follows
 * the kind, never the step's id, so a tenant's own ladder names its steps freely.
 */
export const STEP_KINDS = [
  /** The first message: the invoice is (nearly) due. */
  'payment-request',
  'reminder',
  /** The 14-day letter (consumers) or the formal demand (businesses). */
  'formal-notice',
  'plan-offer',
  'final-notice',
  'handover',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export interface LadderStep {
  /** Unique within the ladder: a built-in id (StepId) or, in a tenant's ladder, one of its own. */
  id: string;
  /** Absent in policies snapshotted before steps declared their kind: the built-in id tells it. */
  kind?: StepKind;
  /** Days after the invoice's due date, or after the previous step was sent. */
  after: { days: number; from: 'due' | 'previous' };
  /** 'preferred': the debtor's own channel order; a list: only these, in this order. */
  channels: 'preferred' | Channel[];
  template: TemplateId | null;
  /**
   * The consumer 14-day letter: collection costs may be charged only when the debtor has not paid
   * within 14 days after the day of receipt (receipt assumed `receiptDays` after sending).
   */
  costDeadline?: { receiptDays: number; days: number };
}

export interface PaymentPlanLimits {
  minInstalments: number;
  maxInstalments: number;
  minInstalmentCents: number;
  intervalDays: number;
  /** Days from acceptance to the first instalment. */
  firstDueDays: number;
  /** Reminder this many days before each instalment is due. */
  reminderDaysBefore: number;
  /** A missed instalment gets one follow-up this many days after its due date… */
  followUpAfterDays: number;
  /** …and the plan breaks when it is still unpaid this many days after the follow-up. */
  breakAfterFollowUpDays: number;
}

export interface DirectDebitLimits {
  /**
   * SEPA pre-notification: the debtor hears of each collection at least this many days before. Fewer
   * than SEPA's 14 days only because the mandate terms the debtor accepts say so (the self-service
   * offer states this period and the creditor identifier): see policy/legal/sepa.ts.
   */
  leadDays: number;
  /** Consecutive failed collections before Settle stops collecting and the ladder resumes. */
  maxAttempts: number;
  /** The first payment that creates the mandate; it counts towards the invoice. */
  verificationCents: number;
  /**
   * A SEPA debtor may have a collection reversed within 8 weeks, no questions asked: an invoice paid by
   * direct debit stays open to that news this long before its workflow completes.
   */
  chargebackWindowDays: number;
}

/** The kinds of the built-in step ids, for policies snapshotted before steps declared their kind. */
export const KIND_OF_BUILT_IN_STEP: Readonly<Record<StepId, StepKind>> = {
  'payment-request': 'payment-request',
  'reminder-1': 'reminder',
  'reminder-2': 'reminder',
  'formal-notice': 'formal-notice',
  'payment-plan-offer': 'plan-offer',
  'final-notice': 'final-notice',
  handover: 'handover',
};

/** The kind a step declares, or its built-in id's; undefined only for a custom id without a kind. */
export function declaredKind(step: LadderStep): StepKind | undefined {
  return (
    step.kind ??
    (Object.hasOwn(KIND_OF_BUILT_IN_STEP, step.id) ? KIND_OF_BUILT_IN_STEP[step.id as StepId] : undefined)
  );
}

export function stepKind(step: LadderStep): StepKind {
  const kind = declaredKind(step);
  // Unreachable for a validated policy (policy-rules.ts requires the kind of every custom id).
  if (!kind) throw new Error(`ladder step ${step.id} declares no kind`);
  return kind;
}

/** The first message, about the invoice itself: sent once it is due, it names a fresh pay-by day. */
export function isPaymentRequest(step: LadderStep): boolean {
  return stepKind(step) === 'payment-request';
}

/** The last step: the claim goes to the collection agency; no message, not aligned to a payday. */
export function isHandover(step: LadderStep): boolean {
  return stepKind(step) === 'handover';
}

/** A notice that names a pay-by date: the 14-day letter and the final notice. */
export function statesDeadline(step: LadderStep): boolean {
  const kind = stepKind(step);
  return kind === 'formal-notice' || kind === 'final-notice';
}

/** The 14-day letter (art. 6:96 lid 6 BW): it names the costs that follow when it is not paid in time. */
export function isFormalNotice(step: LadderStep): boolean {
  return stepKind(step) === 'formal-notice';
}

/** The ladder step whose message uses `template`, if any. */
export function stepWithTemplate(policy: DunningPolicy, template: TemplateId): LadderStep | undefined {
  return policy.steps.find((s) => s.template === template);
}

/** One policy day in milliseconds: a real day, or a few seconds in the demo policy. */
export function dayMs(policy: DunningPolicy): number {
  return (policy.secondsPerDay ?? 86_400) * 1000;
}

export const DEFAULT_DIRECT_DEBIT: DirectDebitLimits = {
  leadDays: 5,
  maxAttempts: 2,
  verificationCents: 1,
  chargebackWindowDays: 56,
};

export interface DunningPolicy {
  id: string;
  version: number;
  segment: Segment;
  description: string;
  steps: LadderStep[];
  /** Demo only: one policy day lasts this many seconds; contact hours and paydays are ignored. */
  secondsPerDay?: number;
  /** Lawful contact hours (07:00–20:00, no Sundays/holidays) and payday alignment. */
  respectCalendar: boolean;
  maxPaydayWaitDays: number;
  /**
   * statutory-consumer: the scale after the 14-day letter's term; business: the tenant's agreed costs
   * (snapshotted into the invoice) or else the scale, at least €40, from the day after the due date;
   * business-flat: €40 — only in policies snapshotted before business claims got the scale.
   */
  costs: 'statutory-consumer' | 'business' | 'business-flat' | 'none';
  interest: 'consumer' | 'commercial' | 'none';
  paymentPlan: PaymentPlanLimits;
  promiseToPay: { maxDays: number; graceDays: number };
  paymentLinkValidDays: number;
  /** Absent in policies snapshotted before direct debit existed: DEFAULT_DIRECT_DEBIT applies. */
  directDebit?: DirectDebitLimits;
}

const WEEK = 7;

const standardPlan: PaymentPlanLimits = {
  minInstalments: 2,
  maxInstalments: 12,
  minInstalmentCents: 2500,
  intervalDays: 30,
  firstDueDays: 7,
  reminderDaysBefore: 3,
  followUpAfterDays: 3,
  breakAfterFollowUpDays: 7,
};

/** A message step sent on the debtor's preferred channels, its template named after the step. */
function step(
  id: Exclude<StepId, 'handover'>,
  days: number,
  from: 'due' | 'previous' = 'previous',
): LadderStep {
  return { id, kind: KIND_OF_BUILT_IN_STEP[id], after: { days, from }, channels: 'preferred', template: id };
}

const handover = (days: number): LadderStep => ({
  id: 'handover',
  kind: 'handover',
  after: { days, from: 'previous' },
  channels: [],
  template: null,
});

const consumerSteps: LadderStep[] = [
  step('payment-request', -14, 'due'),
  step('reminder-1', 3, 'due'),
  step('reminder-2', WEEK),
  {
    ...step('formal-notice', WEEK),
    // By post so receipt can be proven; email only counts where the debtor agreed to email.
    channels: ['letter', 'email'],
    costDeadline: { receiptDays: 2, days: 14 },
  },
  step('payment-plan-offer', 17),
  step('final-notice', 10),
  handover(14),
];

export const NL_CONSUMER: DunningPolicy = {
  id: 'nl-consumer',
  version: 1,
  segment: 'consumer',
  description: 'Dutch consumers: WIK-compliant ladder with the 14-day letter before any collection costs.',
  steps: consumerSteps,
  respectCalendar: true,
  maxPaydayWaitDays: 10,
  costs: 'statutory-consumer',
  interest: 'consumer',
  paymentPlan: standardPlan,
  promiseToPay: { maxDays: 30, graceDays: 3 },
  paymentLinkValidDays: 30,
  directDebit: DEFAULT_DIRECT_DEBIT,
};

export const NL_BUSINESS: DunningPolicy = {
  id: 'nl-business',
  version: 2,
  segment: 'business',
  description:
    'Dutch businesses: collection costs of the terms or the statutory scale (at least €40) and commercial ' +
    'interest from the due date; shorter ladder.',
  steps: [
    step('payment-request', -14, 'due'),
    step('reminder-1', 1, 'due'),
    step('reminder-2', WEEK),
    step('formal-notice', WEEK),
    step('payment-plan-offer', WEEK),
    step('final-notice', WEEK),
    handover(10),
  ],
  respectCalendar: true,
  maxPaydayWaitDays: 0,
  costs: 'business',
  interest: 'commercial',
  paymentPlan: { ...standardPlan, maxInstalments: 6 },
  promiseToPay: { maxDays: 14, graceDays: 2 },
  paymentLinkValidDays: 30,
  directDebit: DEFAULT_DIRECT_DEBIT,
};

/** For watching the whole flow in about two minutes. Never for real debtors. */
export const DEMO: DunningPolicy = {
  ...NL_CONSUMER,
  id: 'demo',
  description: 'Demo: the consumer ladder with one day compressed into two seconds; ignores contact hours.',
  secondsPerDay: 2,
  respectCalendar: false,
  maxPaydayWaitDays: 0,
  costs: 'none',
  interest: 'none',
  // Every step counts from the one before (the first from creation), so the whole ladder runs in
  // about two minutes whatever the invoice's dates: a due date in the future waits no real days.
  steps: consumerSteps.map((s) => ({ ...s, after: { days: Math.max(0, s.after.days), from: 'previous' } })),
};

export const POLICIES: Readonly<Record<string, DunningPolicy>> = {
  [NL_CONSUMER.id]: NL_CONSUMER,
  [NL_BUSINESS.id]: NL_BUSINESS,
  [DEMO.id]: DEMO,
};

export function defaultPolicyId(segment: Segment): string {
  return segment === 'business' ? NL_BUSINESS.id : NL_CONSUMER.id;
}
