// The rules every dunning policy obeys before any invoice may use it: the shipped ones (checked by
// the tests and the simulator) and a tenant's own (checked on every save). One function, so a tenant's
// ladder can never be held to less than Settle's. Each problem names the field by JSON pointer.
import { CHANNELS, SEGMENTS, STEP_ID_PATTERN, STEP_IDS, type StepId, type TemplateId } from '../domain.js';
import {
  type DunningPolicy,
  declaredKind,
  isFormalNotice,
  isHandover,
  KIND_OF_BUILT_IN_STEP,
  type LadderStep,
  POLICIES,
  STEP_KINDS,
  type StepKind,
  stepKind,
} from './ladder.js';
import { FOURTEEN_DAY_LETTER } from './legal/fourteen-day-letter.js';

export interface FieldProblem {
  field: string;
  message: string;
}

/** The message templates a ladder step may use: one per message step of the built-in ladder. */
export const LADDER_TEMPLATES: readonly TemplateId[] = STEP_IDS.filter(
  (id): id is Exclude<typeof id, 'handover'> => id !== 'handover',
);

/**
 * Step ids the workflow already spells keys or stages with: the stages a run has before and beside its
 * ladder, and the step keys of collections, mandates, plans and reopened runs (idempotency-keys.ts).
 */
const RESERVED_STEP_IDS = /^(created|payment-plan|reversal|direct-debit-\d+|mandate-\d+|plan\d+(-.*)?)$/;

/** The kinds a template's text is written for: its wording states what only those steps mean. */
const TEMPLATE_KINDS: Partial<Record<TemplateId, readonly StepKind[]>> = {
  'payment-request': ['payment-request'],
  // The letter states the term and the costs that follow (art. 6:96 lid 6 BW).
  'formal-notice': ['formal-notice'],
  // It names a pay-by day: only steps that state one have it to fill in.
  'final-notice': ['formal-notice', 'final-notice'],
};

/** A ladder's length: room for several reminders, short enough to read on one page. */
export const MAX_LADDER_STEPS = 12;

/** Sane bounds of a step's offset: a payment request up to 60 days before the due date, no step a year out. */
export const OFFSET_DAYS = { min: -60, max: 365 } as const;

const COSTS: readonly DunningPolicy['costs'][] = ['statutory-consumer', 'business', 'business-flat', 'none'];
const INTERESTS: readonly DunningPolicy['interest'][] = ['consumer', 'commercial', 'none'];

/** Kinds whose message or action names the collection costs once they are owed. */
const COST_STATING_KINDS = new Set<string>(['final-notice', 'handover']);

const whole = (value: number, min: number, max: number) =>
  Number.isInteger(value) && value >= min && value <= max;

function stepProblems(policy: DunningPolicy, step: LadderStep, i: number): FieldProblem[] {
  const at = `/steps/${i}`;
  const problems: FieldProblem[] = [];
  problems.push(...idProblems(step, at));
  if (step.kind !== undefined && !(STEP_KINDS as readonly string[]).includes(step.kind))
    problems.push({ field: `${at}/kind`, message: `must be one of ${STEP_KINDS.join(', ')}` });
  const { days, from } = step.after;
  if (!whole(days, OFFSET_DAYS.min, OFFSET_DAYS.max))
    problems.push({
      field: `${at}/after/days`,
      message: `must be a whole number of days from ${OFFSET_DAYS.min} to ${OFFSET_DAYS.max}`,
    });
  else if (i > 0 && from === 'previous' && days < 0)
    problems.push({ field: `${at}/after/days`, message: `${step.id}: negative offset` });
  if (from !== 'due' && from !== 'previous')
    problems.push({ field: `${at}/after/from`, message: 'must be due or previous' });
  if (isHandover(step)) {
    if (i !== policy.steps.length - 1)
      problems.push({ field: `${at}/kind`, message: 'only the last step may be a handover' });
    if (step.template !== null)
      problems.push({ field: `${at}/template`, message: 'a handover sends no message: no template' });
    if (step.channels !== 'preferred' && step.channels.length > 0)
      problems.push({ field: `${at}/channels`, message: 'a handover sends no message: no channels' });
  } else {
    if (step.template === null)
      problems.push({ field: `${at}/template`, message: `${step.id}: needs a template` });
    else if (!LADDER_TEMPLATES.includes(step.template))
      problems.push({ field: `${at}/template`, message: `must be one of ${LADDER_TEMPLATES.join(', ')}` });
    else if (!(TEMPLATE_KINDS[step.template] ?? STEP_KINDS).includes(stepKind(step)))
      problems.push({
        field: `${at}/template`,
        message: `the ${step.template} text is written for a ${TEMPLATE_KINDS[step.template]?.join(' or ')} step`,
      });
    if (step.channels !== 'preferred') {
      if (step.channels.length === 0)
        problems.push({ field: `${at}/channels`, message: 'needs at least one channel, or preferred' });
      step.channels.forEach((channel, c) => {
        if (!(CHANNELS as readonly string[]).includes(channel))
          problems.push({ field: `${at}/channels/${c}`, message: `must be one of ${CHANNELS.join(', ')}` });
      });
      if (new Set(step.channels).size !== step.channels.length)
        problems.push({ field: `${at}/channels`, message: 'names a channel twice' });
    }
  }
  if (step.costDeadline) {
    if (!isFormalNotice(step))
      problems.push({
        field: `${at}/costDeadline`,
        message: 'only the formal notice starts a cost deadline',
      });
    if (!whole(step.costDeadline.receiptDays, 0, 10))
      problems.push({
        field: `${at}/costDeadline/receiptDays`,
        message: 'must be a whole number of days from 0 to 10',
      });
    if (!whole(step.costDeadline.days, FOURTEEN_DAY_LETTER.minTermDays, 60))
      problems.push({
        field: `${at}/costDeadline/days`,
        message: `the term after receipt must be ${FOURTEEN_DAY_LETTER.minTermDays} to 60 days (art. 6:96 lid 6 BW)`,
      });
  }
  return problems;
}

function idProblems(step: LadderStep, at: string): FieldProblem[] {
  if (!new RegExp(STEP_ID_PATTERN).test(step.id))
    return [
      { field: `${at}/id`, message: 'lower-case letters, digits and dashes, 1–40, starting with a letter' },
    ];
  if (RESERVED_STEP_IDS.test(step.id))
    return [{ field: `${at}/id`, message: `${step.id} is a name Settle uses itself: choose another id` }];
  // Policies snapshotted before steps declared their kind are read by these ids: each keeps its meaning.
  if ((STEP_IDS as readonly string[]).includes(step.id) && step.kind !== undefined) {
    const builtIn = KIND_OF_BUILT_IN_STEP[step.id as StepId];
    if (step.kind !== builtIn)
      return [
        {
          field: `${at}/kind`,
          message: `the step id ${step.id} is the built-in ${builtIn} step: name this one differently`,
        },
      ];
  }
  if (declaredKind(step) === undefined) return [{ field: `${at}/kind`, message: `${step.id}: needs a kind` }];
  return [];
}

/**
 * A consumer pays collection costs only after the 14-day letter's term (art. 6:96 lid 6 BW), at the
 * statutory scale, and never commercial interest (art. 6:119a BW is for commercial transactions).
 */
function consumerProblems(policy: DunningPolicy): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (policy.interest === 'commercial')
    problems.push({ field: '/interest', message: 'consumers owe statutory interest, never commercial' });
  if (policy.costs === 'none') return problems;
  if (policy.costs !== 'statutory-consumer') {
    problems.push({ field: '/costs', message: 'consumers owe collection costs only at the statutory scale' });
    return problems;
  }
  const letter = policy.steps.findIndex((s) => isFormalNotice(s) && s.costDeadline);
  if (letter < 0) {
    problems.push({
      field: '/steps',
      message:
        'a consumer ladder that charges costs needs the 14-day letter: a formal-notice step with a costDeadline',
    });
    return problems;
  }
  policy.steps.forEach((step, i) => {
    if (i < letter && COST_STATING_KINDS.has(stepKind(step)))
      problems.push({
        field: `/steps/${i}/kind`,
        message: 'a step that names costs comes after the 14-day letter',
      });
  });
  return problems;
}

/** Every reason the policy may not be used, by JSON pointer (empty: it may). */
export function policyProblems(policy: DunningPolicy): FieldProblem[] {
  // Every other rule reads the steps' kinds: without them, the ids are all there is to say.
  const idErrors = policy.steps.flatMap((step, i) => idProblems(step, `/steps/${i}`));
  if (policy.steps.some((step) => declaredKind(step) === undefined)) return idErrors;
  const problems: FieldProblem[] = [];
  const ids = policy.steps.map((s) => s.id);
  if (new Set(ids).size !== ids.length)
    problems.push({ field: '/steps', message: 'step ids must be unique' });
  if (policy.steps.length > MAX_LADDER_STEPS)
    problems.push({ field: '/steps', message: `at most ${MAX_LADDER_STEPS} steps` });
  const last = policy.steps.at(-1);
  if (!last || !isHandover(last))
    problems.push({ field: '/steps', message: 'the ladder must end with handover' });
  policy.steps.forEach((step, i) => {
    problems.push(...stepProblems(policy, step, i));
  });
  if (policy.segment === 'consumer') problems.push(...consumerProblems(policy));
  if (!(SEGMENTS as readonly string[]).includes(policy.segment))
    problems.push({ field: '/segment', message: `must be one of ${SEGMENTS.join(', ')}` });
  if (!COSTS.includes(policy.costs))
    problems.push({ field: '/costs', message: `must be one of ${COSTS.join(', ')}` });
  if (!INTERESTS.includes(policy.interest))
    problems.push({ field: '/interest', message: `must be one of ${INTERESTS.join(', ')}` });
  if (policy.costs === 'business-flat')
    problems.push({
      field: '/costs',
      message: 'business-flat is kept only for policies snapshotted before the scale',
    });
  // Compressed demo days have no calendar to respect; every real day keeps lawful contact hours.
  if (!policy.respectCalendar && policy.secondsPerDay === undefined)
    problems.push({
      field: '/respectCalendar',
      message: 'contact hours (07:00–20:00, no Sundays or holidays) cannot be switched off',
    });
  if (!whole(policy.maxPaydayWaitDays, 0, 31))
    problems.push({ field: '/maxPaydayWaitDays', message: 'must be a whole number of days from 0 to 31' });
  if (!whole(policy.paymentLinkValidDays, 1, 90))
    problems.push({ field: '/paymentLinkValidDays', message: 'must be a whole number of days from 1 to 90' });
  problems.push(...planProblems(policy));
  return problems;
}

function planProblems(policy: DunningPolicy): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const plan = policy.paymentPlan;
  if (
    !Number.isInteger(plan.minInstalments) ||
    !Number.isInteger(plan.maxInstalments) ||
    plan.minInstalments < 2 ||
    plan.maxInstalments > 12 ||
    plan.minInstalments > plan.maxInstalments
  )
    problems.push({
      field: '/paymentPlan/maxInstalments',
      message: 'payment plan instalments must lie within 2–12',
    });
  const bounds: [keyof typeof plan, number, number][] = [
    ['minInstalmentCents', 100, 1_000_000],
    ['intervalDays', 7, 62],
    ['firstDueDays', 0, 60],
    ['reminderDaysBefore', 0, 14],
    ['followUpAfterDays', 1, 30],
    ['breakAfterFollowUpDays', 1, 60],
  ];
  for (const [key, min, max] of bounds)
    if (!whole(plan[key], min, max))
      problems.push({
        field: `/paymentPlan/${key}`,
        message: `must be a whole number from ${min} to ${max}`,
      });
  if (plan.reminderDaysBefore >= plan.intervalDays)
    problems.push({
      field: '/paymentPlan/reminderDaysBefore',
      message: 'the reminder must come after the previous instalment',
    });
  if (!whole(policy.promiseToPay.maxDays, 1, 90))
    problems.push({ field: '/promiseToPay/maxDays', message: 'must be a whole number of days from 1 to 90' });
  if (!whole(policy.promiseToPay.graceDays, 0, 14))
    problems.push({
      field: '/promiseToPay/graceDays',
      message: 'must be a whole number of days from 0 to 14',
    });
  const directDebit = policy.directDebit;
  if (directDebit) {
    // Whole numbers only, as everywhere: a typed "5,5" or nothing must not pass as no limit.
    if (!whole(directDebit.leadDays, 1, 60))
      problems.push({
        field: '/directDebit/leadDays',
        message: 'direct debit needs at least one day of pre-notification (a whole number up to 60)',
      });
    if (!whole(directDebit.maxAttempts, 1, 10))
      problems.push({
        field: '/directDebit/maxAttempts',
        message: 'direct debit needs at least one collection attempt (a whole number up to 10)',
      });
    if (!whole(directDebit.verificationCents, 1, 10_000))
      problems.push({
        field: '/directDebit/verificationCents',
        message: 'the mandate’s first payment must be at least 1 cent (whole cents, at most 10000)',
      });
    // 13 months: an unauthorised collection's refund right, the longest any debtor has.
    if (!whole(directDebit.chargebackWindowDays, 0, 396))
      problems.push({
        field: '/directDebit/chargebackWindowDays',
        message: 'the chargeback window must be a whole number of days from 0 to 396',
      });
  }
  return problems;
}

/** The checks as sentences, for start-up and the simulator's own policies. */
export function validatePolicy(policy: DunningPolicy): string[] {
  return policyProblems(policy).map((p) => p.message);
}

/** A tenant's own policy id: lower-case words joined by dashes. */
export const TENANT_POLICY_ID_PATTERN = '^[a-z][a-z0-9-]{1,39}$';

/** Ids the console's own pages use (/console/ladders/new). */
const RESERVED_IDS = new Set(['new']);

/** A tenant's policy: the same rules, a name of its own, and real days only. */
export function tenantPolicyProblems(policy: DunningPolicy): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!new RegExp(TENANT_POLICY_ID_PATTERN).test(policy.id))
    problems.push({
      field: '/id',
      message: 'lower-case letters, digits and dashes, 2–40, starting with a letter',
    });
  else if (Object.hasOwn(POLICIES, policy.id))
    problems.push({ field: '/id', message: `${policy.id} is a shipped policy: choose another id` });
  else if (RESERVED_IDS.has(policy.id))
    problems.push({ field: '/id', message: `${policy.id} is reserved: choose another id` });
  if (!policy.description.trim() || policy.description.length > 500)
    problems.push({ field: '/description', message: 'must say in 1–500 characters what the ladder is for' });
  if (policy.secondsPerDay !== undefined)
    problems.push({ field: '/secondsPerDay', message: 'compressed days are for the demo policy only' });
  return [...problems, ...policyProblems(policy)];
}
