// The ladder editor's form: a policy as form values, the values back as a draft, and the form with
// each problem of the rules (a JSON pointer) shown at its field. Every field's name is its pointer
// without the leading slash, so a problem finds its field without a table of names.
import { escapeHtml as h } from '../../activities/templates/safety.js';
import { SEGMENTS } from '../../workflows/domain.js';
import {
  DEFAULT_DIRECT_DEBIT,
  type DirectDebitLimits,
  type DunningPolicy,
  type LadderStep,
  STEP_KINDS,
} from '../../workflows/policy/ladder.js';
import {
  type FieldProblem,
  LADDER_TEMPLATES,
  MAX_LADDER_STEPS,
} from '../../workflows/policy/policy-rules.js';
import type { PolicyDraft } from '../tenant-policies.js';
import type { ConsoleTexts } from './texts.js';

export type FormValues = Record<string, string>;

/** One row per possible step; a row whose id is left empty is not used. */
const STEP_ROWS = MAX_LADDER_STEPS;
const PLAN_FIELDS = [
  'minInstalments',
  'maxInstalments',
  'minInstalmentCents',
  'intervalDays',
  'firstDueDays',
  'reminderDaysBefore',
  'followUpAfterDays',
  'breakAfterFollowUpDays',
] as const;
const DIRECT_DEBIT_FIELDS = ['leadDays', 'maxAttempts', 'verificationCents', 'chargebackWindowDays'] as const;
const COSTS = ['statutory-consumer', 'business', 'none'] as const;
const INTERESTS = ['consumer', 'commercial', 'none'] as const;

export function valuesOfPolicy(policy: DunningPolicy, id: string): FormValues {
  const values: FormValues = {
    id,
    description: policy.description,
    segment: policy.segment,
    respectCalendar: policy.respectCalendar ? 'on' : '',
    maxPaydayWaitDays: String(policy.maxPaydayWaitDays),
    costs: policy.costs,
    interest: policy.interest,
    paymentLinkValidDays: String(policy.paymentLinkValidDays),
    'promiseToPay/maxDays': String(policy.promiseToPay.maxDays),
    'promiseToPay/graceDays': String(policy.promiseToPay.graceDays),
  };
  for (const field of PLAN_FIELDS) values[`paymentPlan/${field}`] = String(policy.paymentPlan[field]);
  // A policy without limits of its own collects with the defaults: the form shows what applies.
  const directDebit = { ...DEFAULT_DIRECT_DEBIT, ...policy.directDebit };
  for (const field of DIRECT_DEBIT_FIELDS) values[`directDebit/${field}`] = String(directDebit[field]);
  policy.steps.forEach((step, i) => {
    const at = `steps/${i}`;
    values[`${at}/id`] = step.id;
    values[`${at}/kind`] = step.kind ?? '';
    values[`${at}/after/days`] = String(step.after.days);
    values[`${at}/after/from`] = step.after.from;
    values[`${at}/channels`] = step.channels === 'preferred' ? 'preferred' : step.channels.join(', ');
    values[`${at}/template`] = step.template ?? '';
    values[`${at}/costDeadline/receiptDays`] = step.costDeadline ? String(step.costDeadline.receiptDays) : '';
    values[`${at}/costDeadline/days`] = step.costDeadline ? String(step.costDeadline.days) : '';
  });
  return values;
}

/** Whole numbers only: anything else becomes NaN, which every bound of the rules refuses. */
const integer = (value: string | undefined) =>
  /^\s*-?\d{1,7}\s*$/.test(value ?? '') ? Number(value) : Number.NaN;

function channelsOf(value: string | undefined): LadderStep['channels'] {
  const text = (value ?? '').trim().toLowerCase();
  if (text === 'preferred') return 'preferred';
  return text.split(/[\s,]+/).filter(Boolean) as LadderStep['channels'];
}

export interface ParsedForm {
  draft: PolicyDraft;
  /** The form row of each step of the draft (rows left on "not used" are skipped). */
  rowOfStep: number[];
}

/** The submitted form as a draft. */
export function draftOfValues(values: FormValues, id: string): ParsedForm {
  const steps: LadderStep[] = [];
  const rowOfStep: number[] = [];
  for (let row = 0; row < STEP_ROWS; row++) {
    const at = `steps/${row}`;
    const stepId = values[`${at}/id`]?.trim();
    if (!stepId) continue;
    const receipt = values[`${at}/costDeadline/receiptDays`]?.trim();
    const term = values[`${at}/costDeadline/days`]?.trim();
    steps.push({
      id: stepId,
      kind: (values[`${at}/kind`] || undefined) as LadderStep['kind'],
      after: {
        days: integer(values[`${at}/after/days`]),
        from: values[`${at}/after/from`] as 'due' | 'previous',
      },
      channels: channelsOf(values[`${at}/channels`]),
      template: (values[`${at}/template`] || null) as LadderStep['template'],
      ...(receipt || term ? { costDeadline: { receiptDays: integer(receipt), days: integer(term) } } : {}),
    });
    rowOfStep.push(row);
  }
  const paymentPlan = Object.fromEntries(
    PLAN_FIELDS.map((field) => [field, integer(values[`paymentPlan/${field}`])]),
  ) as unknown as DunningPolicy['paymentPlan'];
  const draft: PolicyDraft = {
    id,
    segment: values.segment as DunningPolicy['segment'],
    description: (values.description ?? '').trim(),
    steps,
    respectCalendar: values.respectCalendar === 'on',
    maxPaydayWaitDays: integer(values.maxPaydayWaitDays),
    costs: values.costs as DunningPolicy['costs'],
    interest: values.interest as DunningPolicy['interest'],
    paymentPlan,
    promiseToPay: {
      maxDays: integer(values['promiseToPay/maxDays']),
      graceDays: integer(values['promiseToPay/graceDays']),
    },
    paymentLinkValidDays: integer(values.paymentLinkValidDays),
    directDebit: Object.fromEntries(
      DIRECT_DEBIT_FIELDS.map((field) => [field, integer(values[`directDebit/${field}`])]),
    ) as unknown as DirectDebitLimits,
  };
  return { draft, rowOfStep };
}

/** The problems keyed by the form field that shows them: the pointer, or its nearest field above. */
function problemsByField(
  problems: readonly FieldProblem[],
  rowOfStep: readonly number[],
  fields: Set<string>,
) {
  const byField = new Map<string, string[]>();
  for (const problem of problems) {
    // A step's index in the draft is its row in the form.
    let name = problem.field
      .slice(1)
      .replace(/^steps\/(\d+)/, (_all, i: string) => `steps/${rowOfStep[Number(i)] ?? i}`);
    while (name && !fields.has(name)) name = name.includes('/') ? name.slice(0, name.lastIndexOf('/')) : '';
    byField.set(name, [...(byField.get(name) ?? []), problem.message]);
  }
  return byField;
}

export interface LadderFormOptions {
  texts: ConsoleTexts['ladders'];
  stepTexts: ConsoleTexts['ladderSteps'];
  values: FormValues;
  problems: readonly FieldProblem[];
  rowOfStep: readonly number[];
  action: string;
  submit: string;
  /** Admins edit; everyone else reads the same form disabled. */
  editable: boolean;
  idEditable: boolean;
  csrf: string;
}

export function ladderForm(o: LadderFormOptions): string {
  const t = o.texts;
  const fields = new Set<string>(['', 'steps']);
  const idOf = (name: string) => `f-${name.replaceAll('/', '-')}`;
  const errorsOf = (name: string) => byField.get(name) ?? [];
  // Controls render after every field is declared, so a problem finds the nearest field that exists.
  let byField = new Map<string, string[]>();
  type Control = () => string;
  const describe = (name: string, hint?: string) => {
    const ids = [hint ? `${idOf(name)}-hint` : '', errorsOf(name).length ? `${idOf(name)}-error` : '']
      .filter(Boolean)
      .join(' ');
    const invalid = errorsOf(name).length ? ' aria-invalid="true"' : '';
    return `${ids ? ` aria-describedby="${ids}"` : ''}${invalid}`;
  };
  const after = (name: string, hint?: string) =>
    `${hint ? `<small id="${idOf(name)}-hint">${h(hint)}</small>` : ''}${errorsOf(name).length ? `<small id="${idOf(name)}-error" class="field-error">${h(errorsOf(name).join(' '))}</small>` : ''}`;
  const input = (name: string, label: string, type = 'text', hint?: string, extra = ''): Control => {
    fields.add(name);
    return () =>
      `<label for="${idOf(name)}">${h(label)}<input id="${idOf(name)}" name="${name}" type="${type}" value="${h(o.values[name] ?? '')}"${extra}${describe(name, hint)}>${after(name, hint)}</label>`;
  };
  const select = (name: string, label: string, options: [string, string][]): Control => {
    fields.add(name);
    return () => {
      const current = o.values[name] ?? '';
      const items = options
        .map(
          ([value, text]) =>
            `<option value="${h(value)}"${value === current ? ' selected' : ''}>${h(text)}</option>`,
        )
        .join('');
      return `<label for="${idOf(name)}">${h(label)}<select id="${idOf(name)}" name="${name}"${describe(name)}>${items}</select>${after(name)}</label>`;
    };
  };
  const checkbox = (name: string, label: string, hint: string): Control => {
    fields.add(name);
    return () =>
      `<label for="${idOf(name)}"><input id="${idOf(name)}" name="${name}" type="checkbox" role="switch"${o.values[name] === 'on' ? ' checked' : ''}${describe(name, hint)}>${h(label)}</label>${after(name, hint)}`;
  };
  const number = ' inputmode="numeric"';

  const general = [
    o.idEditable
      ? input('id', t.fields.id, 'text', t.fields.idHint, ' required maxlength="40" autocomplete="off"')
      : input('id', t.fields.id, 'text', undefined, ' readonly'),
    input('description', t.fields.description, 'text', undefined, ' required maxlength="500"'),
    select(
      'segment',
      t.fields.segment,
      SEGMENTS.map((s) => [s, t.segmentNames[s]]),
    ),
    select(
      'costs',
      t.fields.costs,
      COSTS.map((c) => [c, t.costNames[c]]),
    ),
    select(
      'interest',
      t.fields.interest,
      INTERESTS.map((i) => [i, t.interestNames[i]]),
    ),
    input('maxPaydayWaitDays', t.fields.maxPaydayWaitDays, 'text', undefined, number),
    input('paymentLinkValidDays', t.fields.paymentLinkValidDays, 'text', undefined, number),
  ];
  const calendar = checkbox('respectCalendar', t.fields.respectCalendar, t.fields.respectCalendarHint);
  const f = t.stepFields;
  const steps = Array.from({ length: STEP_ROWS }, (_, row) => {
    const at = `steps/${row}`;
    return [
      input(`${at}/id`, f.id, 'text', o.stepTexts.idHint, ' maxlength="40" autocomplete="off"'),
      select(
        `${at}/kind`,
        f.kind,
        STEP_KINDS.map((k) => [k, t.kinds[k]]),
      ),
      input(`${at}/after/days`, f.days, 'text', undefined, number),
      select(`${at}/after/from`, f.from, [
        ['due', t.fromNames.due],
        ['previous', t.fromNames.previous],
      ]),
      input(`${at}/channels`, f.channels, 'text', f.channelsHint),
      select(`${at}/template`, f.template, [
        ['', t.noTemplate],
        ...LADDER_TEMPLATES.map((id): [string, string] => [id, id]),
      ]),
      input(`${at}/costDeadline/receiptDays`, f.receiptDays, 'text', undefined, number),
      input(`${at}/costDeadline/days`, f.termDays, 'text', f.termHint, number),
    ];
  });
  const plan = PLAN_FIELDS.map((field) =>
    input(`paymentPlan/${field}`, t.planFields[field], 'text', undefined, number),
  );
  const directDebit = DIRECT_DEBIT_FIELDS.map((field) =>
    input(`directDebit/${field}`, t.directDebitFields[field], 'text', undefined, number),
  );
  const promise = [
    input('promiseToPay/maxDays', t.promiseFields.maxDays, 'text', undefined, number),
    input('promiseToPay/graceDays', t.promiseFields.graceDays, 'text', undefined, number),
  ];
  byField = problemsByField(o.problems, o.rowOfStep, fields);

  const render = (list: Control[]) => list.map((c) => c()).join('');
  const groupErrors = (name: string) =>
    errorsOf(name).length ? `<p class="field-error" role="alert">${h(errorsOf(name).join(' '))}</p>` : '';
  const stepSets = steps
    .map(
      (row, i) =>
        `<fieldset class="ladder-step"><legend>${h(t.step(i + 1))}</legend><div class="ladder-grid">${render(row)}</div></fieldset>`,
    )
    .join('');
  const summary = o.problems.length
    ? `<div class="form-errors" role="alert"><p><strong>${h(t.invalid)}</strong></p>${groupErrors('')}</div>`
    : '';
  return `${summary}<form method="post" action="${h(o.action)}" novalidate>${o.csrf}<fieldset${o.editable ? '' : ' disabled'}><fieldset><legend>${h(t.fields.general)}</legend><div class="ladder-grid">${render(general)}</div>${render([calendar])}</fieldset><fieldset><legend>${h(t.steps)}</legend><p>${h(t.stepsHint)}</p>${groupErrors('steps')}${stepSets}</fieldset><fieldset><legend>${h(t.plan)}</legend><div class="ladder-grid">${render(plan)}</div></fieldset><fieldset><legend>${h(t.promise)}</legend><div class="ladder-grid">${render(promise)}</div></fieldset><fieldset><legend>${h(t.directDebit)}</legend><p><small>${h(t.directDebitHint)}</small></p><div class="ladder-grid">${render(directDebit)}</div></fieldset>${o.editable ? `<button type="submit">${h(o.submit)}</button>` : ''}</fieldset></form>`;
}
