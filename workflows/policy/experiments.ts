// Experiments with a holdout (issue 16 item 4), as pure functions: which arm an invoice gets
// (Thompson sampling on the goal, the holdout drawn first with a fixed probability), the legal guard
// rails an experiment must pass, where a send slot lands within contact hours, and the report per arm
// with its uplift against the holdout (Monte Carlo from the Beta posteriors, seeded: deterministic).
// Every draw takes its random source as an argument; nothing here reads a clock or the database.
import type { Channel, IsoDate } from '../domain.js';
import { CHANNELS } from '../domain.js';
import {
  addDays,
  CONTACT_END_MINUTE,
  CONTACT_START_MINUTE,
  fromAmsterdamLocal,
  isContactDay,
  toAmsterdamParts,
} from './calendar.js';
import { type DunningPolicy, isFormalNotice, isHandover, STEP_KINDS, stepKind } from './ladder.js';
import { type Random, seededRandom } from './random.js';

/** What counts as success: paid in full within N days of the assignment, or the share of the claim collected in N days. */
export type ExperimentGoal =
  | { kind: 'paid-within-days'; days: number }
  | { kind: 'euros-collected'; days: number };

export type ArmConfig =
  /** The tenant's saved override version of the step's template (PUT /v1/templates/…). */
  | { kind: 'template-variant'; version: number }
  /** These channels first (after a channel the debtor chose themselves), then the usual order. */
  | { kind: 'channel-order'; order: Channel[] }
  /** Amsterdam wall-clock time of the send, always within contact hours. */
  | { kind: 'send-slot'; hour: number; minute: number };

export const HOLDOUT = 'holdout';
export const DEFAULT_HOLDOUT_SHARE = 0.1;
export const MAX_HOLDOUT_SHARE = 0.5;

function standardNormal(random: Random): number {
  // Box–Muller; 1 - u keeps the logarithm finite.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Gamma(shape, 1) by Marsaglia–Tsang; shapes below 1 by the boost Gamma(a+1)·U^(1/a). */
export function sampleGamma(shape: number, random: Random): number {
  if (shape < 1) return sampleGamma(shape + 1, random) * (1 - random()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = standardNormal(random);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

export function sampleBeta(alpha: number, beta: number, random: Random): number {
  const x = sampleGamma(alpha, random);
  return x / (x + sampleGamma(beta, random));
}

/** An arm's (or the holdout's) outcomes so far; fractional for the euros goal. */
export interface ArmOutcome {
  arm: string;
  successes: number;
  failures: number;
}

/**
 * The arm for the next invoice: the holdout with probability `holdoutShare`, else the arm whose draw
 * from Beta(1 + successes, 1 + failures) is highest. Arms without outcomes count as Beta(1, 1).
 */
export function chooseArm(
  arms: readonly string[],
  outcomes: readonly ArmOutcome[],
  holdoutShare: number,
  random: Random,
): string {
  if (random() < holdoutShare) return HOLDOUT;
  let best = arms[0]!;
  let bestDraw = -1;
  for (const arm of arms) {
    const o = outcomes.find((x) => x.arm === arm);
    const draw = sampleBeta(1 + (o?.successes ?? 0), 1 + (o?.failures ?? 0), random);
    if (draw > bestDraw) [best, bestDraw] = [arm, draw];
  }
  return best;
}

/** A send slot moved into lawful contact hours (07:00–19:59 Amsterdam): never overridden. */
export function clampSlot(hour: number, minute: number): { hour: number; minute: number } {
  const wanted = Math.round(hour) * 60 + Math.round(minute);
  const clamped = Math.min(Math.max(wanted, CONTACT_START_MINUTE), CONTACT_END_MINUTE - 1);
  return { hour: Math.floor(clamped / 60), minute: clamped % 60 };
}

/** The first moment at or after `now` at the slot's wall-clock time on a contact day. */
export function sendSlotAt(now: Date, slot: { hour: number; minute: number }): Date {
  const { hour, minute } = clampSlot(slot.hour, slot.minute);
  let day: IsoDate = toAmsterdamParts(now).date;
  for (let i = 0; i < 14; i++, day = addDays(day, 1)) {
    if (!isContactDay(day)) continue;
    const at = fromAmsterdamLocal(day, hour, minute);
    if (at >= now) return at;
  }
  return now;
}

/** Whether an experiment applies to the step the workflow is about to take (by policy, step id or kind). */
export function experimentCovers(
  target: { policyId: string | null; stepId: string | null; stepKind: string | null },
  at: { policyId: string; stepId: string; stepKind: string },
): boolean {
  if (target.policyId && target.policyId !== at.policyId) return false;
  return target.stepId ? target.stepId === at.stepId : target.stepKind === at.stepKind;
}

// ---- validation -------------------------------------------------------------------------------

export interface ExperimentDraft {
  name: string;
  policyId?: string;
  step: { id: string } | { kind: string };
  goal: ExperimentGoal;
  holdoutShare?: number;
  arms: { key: string; config: ArmConfig }[];
}

export interface FieldProblem {
  field: string;
  message: string;
}

export interface ValidationContext {
  policies: Readonly<Record<string, DunningPolicy>>;
  /** The override versions (with content) the tenant saved of a template. */
  savedVersions(template: string): readonly number[];
}

/** The steps an experiment would run on. */
export function targetedSteps(draft: Pick<ExperimentDraft, 'policyId' | 'step'>, ctx: ValidationContext) {
  const policies = draft.policyId
    ? [ctx.policies[draft.policyId]].filter(Boolean)
    : Object.values(ctx.policies);
  return (policies as DunningPolicy[]).flatMap((p) =>
    p.steps.filter((s) => ('id' in draft.step ? s.id === draft.step.id : stepKind(s) === draft.step.kind)),
  );
}

/** Every reason the experiment cannot run, by JSON pointer (empty: it can). */
export function experimentProblems(draft: ExperimentDraft, ctx: ValidationContext): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (draft.policyId && !ctx.policies[draft.policyId])
    problems.push({
      field: '/policyId',
      message: `unknown policy; one of ${Object.keys(ctx.policies).join(', ')}`,
    });
  if ('kind' in draft.step && !(STEP_KINDS as readonly string[]).includes(draft.step.kind))
    problems.push({ field: '/step/kind', message: `must be one of ${STEP_KINDS.join(', ')}` });
  const steps = targetedSteps(draft, ctx);
  const stepField = 'id' in draft.step ? '/step/id' : '/step/kind';
  if (problems.length === 0 && steps.length === 0)
    problems.push({ field: stepField, message: 'no such step in the policy' });
  if (steps.some(isHandover))
    problems.push({ field: stepField, message: 'the handover sends no message to experiment with' });
  const holdout = draft.holdoutShare ?? DEFAULT_HOLDOUT_SHARE;
  if (!(holdout >= 0 && holdout <= MAX_HOLDOUT_SHARE))
    problems.push({ field: '/holdoutShare', message: `must lie between 0 and ${MAX_HOLDOUT_SHARE}` });
  if (!(Number.isInteger(draft.goal.days) && draft.goal.days >= 1 && draft.goal.days <= 365))
    problems.push({ field: '/goal/days', message: 'must be a whole number of days from 1 to 365' });
  if (draft.arms.length < 2) problems.push({ field: '/arms', message: 'needs at least 2 arms' });
  const keys = new Set<string>();
  const formalNotice = steps.some(isFormalNotice);
  draft.arms.forEach((arm, i) => {
    const at = `/arms/${i}`;
    if (arm.key === HOLDOUT)
      problems.push({ field: `${at}/key`, message: `'${HOLDOUT}' is the holdout's name` });
    if (keys.has(arm.key)) problems.push({ field: `${at}/key`, message: 'repeats an earlier arm’s key' });
    keys.add(arm.key);
    const { config } = arm;
    // The 14-day letter's wording and channel are the law's (art. 6:96 lid 6 BW): only its time may vary.
    if (formalNotice && config.kind !== 'send-slot') {
      problems.push({
        field: `${at}/config/kind`,
        message: 'the 14-day letter (formal notice) keeps its channel and wording; only a send-slot may vary',
      });
      return;
    }
    if (config.kind === 'template-variant') {
      const templates = [
        ...new Set(steps.map((s) => s.template).filter((t): t is NonNullable<typeof t> => !!t)),
      ];
      const missing = templates.filter((t) => !ctx.savedVersions(t).includes(config.version));
      if (missing.length)
        problems.push({
          field: `${at}/config/version`,
          message: `no saved override version ${config.version} of ${missing.join(', ')} (PUT /v1/templates/…)`,
        });
    }
    if (config.kind === 'channel-order') {
      const bad = config.order.filter((c) => !(CHANNELS as readonly string[]).includes(c));
      if (config.order.length === 0 || bad.length)
        problems.push({
          field: `${at}/config/order`,
          message: `must list channels of ${CHANNELS.join(', ')}`,
        });
      else if (new Set(config.order).size !== config.order.length)
        problems.push({ field: `${at}/config/order`, message: 'names a channel twice' });
      else if (steps.some((s) => s.channels !== 'preferred'))
        problems.push({
          field: `${at}/config/order`,
          message: 'the step’s channels are fixed by the policy',
        });
    }
    if (config.kind === 'send-slot') {
      if (!(Number.isInteger(config.hour) && config.hour >= 0 && config.hour <= 23))
        problems.push({ field: `${at}/config/hour`, message: 'must be an hour from 0 to 23' });
      if (!(Number.isInteger(config.minute) && config.minute >= 0 && config.minute <= 59))
        problems.push({ field: `${at}/config/minute`, message: 'must be a minute from 0 to 59' });
    }
  });
  return problems;
}

/** The arms as stored: send slots clamped into contact hours. */
export function lawfulArmConfig(config: ArmConfig): ArmConfig {
  return config.kind === 'send-slot'
    ? { kind: 'send-slot', ...clampSlot(config.hour, config.minute) }
    : config;
}

// ---- report ---------------------------------------------------------------------------------------

/** One assigned invoice as the report sees it. */
export interface AssignedInvoice {
  arm: string;
  amountCents: number;
  /** Collected within the goal's window (net of chargebacks). */
  collectedCents: number;
  /** Paid in full within the window: days from assignment to the payment that settled it. */
  daysToPay: number | null;
  /** The window has passed, or the invoice was paid within it: its outcome is known. */
  matured: boolean;
}

/** The invoice's outcome on the goal: 1 = success; for euros the share of the claim collected. */
export function successOf(goal: ExperimentGoal, invoice: AssignedInvoice): number {
  if (goal.kind === 'paid-within-days') return invoice.daysToPay !== null ? 1 : 0;
  return invoice.amountCents > 0 ? Math.min(1, Math.max(0, invoice.collectedCents / invoice.amountCents)) : 0;
}

/** Successes and failures per arm over invoices whose outcome is known. */
export function outcomesOf(goal: ExperimentGoal, invoices: readonly AssignedInvoice[]): ArmOutcome[] {
  const byArm = new Map<string, ArmOutcome>();
  for (const invoice of invoices) {
    if (!invoice.matured) continue;
    const o = byArm.get(invoice.arm) ?? { arm: invoice.arm, successes: 0, failures: 0 };
    const s = successOf(goal, invoice);
    o.successes += s;
    o.failures += 1 - s;
    byArm.set(invoice.arm, o);
  }
  return [...byArm.values()];
}

export interface ArmReport {
  arm: string;
  invoices: number;
  /** Outcome known (window passed or paid). */
  matured: number;
  paidRate: number | null;
  eurosPerInvoice: number | null;
  medianDaysToPay: number | null;
  /** Posterior mean success rate on the goal, Beta(1 + s, 1 + f). */
  goalRate: number;
  /** This arm's goal rate minus the holdout's, with a 95% credible interval; null for the holdout. */
  uplift: { mean: number; low: number; high: number; probabilityBetter: number } | null;
}

export const REPORT_DRAWS = 20_000;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** The report per arm (the holdout first), deterministic for a given seed. */
export function experimentReport(
  goal: ExperimentGoal,
  arms: readonly string[],
  invoices: readonly AssignedInvoice[],
  seed = 20_261_204,
): ArmReport[] {
  const outcomes = outcomesOf(goal, invoices);
  const posterior = (arm: string) => {
    const o = outcomes.find((x) => x.arm === arm);
    return [1 + (o?.successes ?? 0), 1 + (o?.failures ?? 0)] as const;
  };
  const random = seededRandom(seed);
  const holdoutDraws = Array.from({ length: REPORT_DRAWS }, () => sampleBeta(...posterior(HOLDOUT), random));
  return [HOLDOUT, ...arms].map((arm) => {
    const mine = invoices.filter((i) => i.arm === arm);
    const matured = mine.filter((i) => i.matured);
    const paid = matured.filter((i) => i.daysToPay !== null);
    const [a, b] = posterior(arm);
    let uplift: ArmReport['uplift'] = null;
    if (arm !== HOLDOUT) {
      const diffs = holdoutDraws.map((h) => sampleBeta(a, b, random) - h).sort((x, y) => x - y);
      uplift = {
        mean: round(diffs.reduce((s, d) => s + d, 0) / diffs.length),
        low: round(quantile(diffs, 0.025)),
        high: round(quantile(diffs, 0.975)),
        probabilityBetter: round(diffs.filter((d) => d > 0).length / diffs.length),
      };
    }
    return {
      arm,
      invoices: mine.length,
      matured: matured.length,
      paidRate: matured.length ? round(paid.length / matured.length) : null,
      eurosPerInvoice: matured.length
        ? Math.round(matured.reduce((s, i) => s + i.collectedCents, 0) / matured.length) / 100
        : null,
      medianDaysToPay: median(paid.map((i) => i.daysToPay!)),
      goalRate: round(a / (a + b)),
      uplift,
    };
  });
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
