// A simulation's result as a table, and the comparison of two policies side by side.
import { CHANNELS } from '../workflows/domain.js';
import type { SimulationResult } from './engine.js';

const euros = (cents: number) => `€${(cents / 100).toFixed(2)}`;

const ROWS: [string, (r: SimulationResult) => string][] = [
  ['invoices', (r) => String(r.invoices)],
  ['DSO (days, principal-weighted)', (r) => r.dsoDays.toFixed(1)],
  ['recovered % of principal', (r) => r.recoveredPercent.toFixed(1)],
  ['paid in full', (r) => String(r.paidInvoices)],
  ['handed over', (r) => String(r.handedOver)],
  ['messages per invoice', (r) => r.messagesPerInvoice.toFixed(2)],
  ...CHANNELS.map((c): [string, (r: SimulationResult) => string] => [
    `  ${c}`,
    (r) => String(r.messagesPerChannel[c]),
  ]),
  ['collection costs charged', (r) => euros(r.collectionCostsChargedCents)],
  ['Temporal actions (estimate)', (r) => String(r.temporalActions)],
  ['Temporal cost per invoice', (r) => `€${r.costPerInvoiceEur.toFixed(6)}`],
];

export function formatTable(results: SimulationResult[]): string {
  const header = ['', ...results.map((r) => r.policyId)];
  const lines = [header, ...ROWS.map(([label, value]) => [label, ...results.map(value)])];
  const widths = header.map((_, i) => Math.max(...lines.map((line) => line[i]!.length)));
  return lines
    .map((line) =>
      line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
    )
    .join('\n');
}

/** One line a script can grep: the headline figures of each policy. */
export function resultLine(results: SimulationResult[]): string {
  return `RESULT ${results
    .map(
      (r) =>
        `${r.policyId}: dso=${r.dsoDays.toFixed(1)} recovered=${r.recoveredPercent.toFixed(1)}% ` +
        `messages/invoice=${r.messagesPerInvoice.toFixed(2)} costs=${euros(r.collectionCostsChargedCents)} ` +
        `actions=${r.temporalActions} eur/invoice=${r.costPerInvoiceEur.toFixed(6)}`,
    )
    .join(' | ')}`;
}
