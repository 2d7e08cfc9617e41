// The amounts breakdown shown in email and letter. Rows without a value are left out, so a plain
// payment request shows two lines and a formal notice with costs and interest shows them all. The
// rows add up: principal + costs + interest − paid = what is still to pay. A message about a plan's
// instalment shows that instalment below the total, as what the pay link pays now.
import type { MessageTexts } from './text-schema.js';
import type { TemplateData } from './types.js';

export interface AmountRow {
  label: string;
  value: string;
  /** The amount to pay now; layouts emphasise it. */
  total: boolean;
}

/** What the pay button, the pay link and a letter's QR codes pay now: the instalment, or all that is due. */
export function payNowRow(data: TemplateData, labels: MessageTexts['amounts']): AmountRow {
  const { instalment } = data;
  if (!instalment) return { label: labels.amountDue, value: data.amountDue, total: true };
  const label = labels.instalment
    .replace('{number}', String(instalment.number))
    .replace('{of}', String(instalment.of));
  return { label, value: instalment.amount, total: true };
}

export function amountRows(data: TemplateData, labels: MessageTexts['amounts']): AmountRow[] {
  const parts: [string, string | undefined][] = [
    [labels.principal, data.principal],
    [labels.costs, data.costs],
    [labels.interest, data.interest],
    [labels.paid, data.paid],
  ];
  const rows = parts.flatMap(([label, value]) =>
    value === undefined ? [] : [{ label, value, total: false }],
  );
  if (!data.instalment) return [...rows, payNowRow(data, labels)];
  return [...rows, { label: labels.amountDue, value: data.amountDue, total: false }, payNowRow(data, labels)];
}
