// The plain-text part of every email: spam filters and accessibility tools expect one, and some
// debtors read mail as text only. Same content as the HTML, in reading order.
import type { AmountRow } from './amount-rows.js';
import { footerLines } from './brand.js';
import { bodyParagraphs, type MessageDocument } from './message-document.js';
import type { CreditorBrand } from './types.js';

export function emailText(
  document: MessageDocument,
  amounts: AmountRow[],
  payNow: string,
  payUrl: string,
  brand: CreditorBrand,
): string {
  const width = Math.max(...amounts.map((row) => row.label.length)) + 2;
  const amountLines = amounts.map(({ label, value }) => `${`${label}:`.padEnd(width)}${value}`);
  return [
    document.title,
    ...bodyParagraphs(document),
    amountLines.join('\n'),
    `${payNow}: ${payUrl}`,
    document.selfService,
    document.closing.join('\n'),
    `-- \n${footerLines(brand).join('\n')}`,
  ].join('\n\n');
}
