// The amounts breakdown shown in email and letter. Rows without a value are left out, so a plain
// payment request shows two lines and a formal notice with costs and interest shows them all.
import type { LanguageTexts } from './text-schema.js';
import type { TemplateData } from './types.js';

export interface AmountRow {
  label: string;
  value: string;
  /** The amount to pay; layouts emphasise it. */
  total: boolean;
}

export function amountRows(data: TemplateData, labels: LanguageTexts['amounts']): AmountRow[] {
  const parts: [string, string | undefined][] = [
    [labels.principal, data.principal],
    [labels.costs, data.costs],
    [labels.interest, data.interest],
    [labels.paid, data.paid],
  ];
  return [
    ...parts.flatMap(([label, value]) => (value === undefined ? [] : [{ label, value, total: false }])),
    { label: labels.amountDue, value: data.amountDue, total: true },
  ];
}
