// The file a collection agency takes a claim over with: the claim split into principal, costs, interest
// and paid; every contact with its date and delivery proof; the 14-day letter as it was printed.
// Built from Settle's own records, so a retried handover builds the same file.
import { createHash } from 'node:crypto';
import type { CommunicationRow } from '../../db/queries/communications.js';
import type { DebtorRow } from '../../db/queries/debtors.js';
import type { InvoiceRow } from '../../db/queries/invoices.js';
import type { LetterPrinter } from '../../providers/types.js';
import type { Amounts } from '../../workflows/dunning-types.js';

/** Statuses that prove the message reached the debtor (a letter: handed to the print house and post). */
const PROOF_STATUSES = new Set(['delivered', 'opened', 'clicked']);

export interface HandoverContact {
  messageId: string;
  step: string;
  template: string;
  channel: string;
  provider: string;
  providerMessageId: string | null;
  sentAt: string | null;
  status: string;
  /** The first report that the message reached the debtor, when the provider gave one. */
  deliveryProof: { status: string; at: string } | null;
  statusHistory: { status: string; at: string; detail?: string }[];
}

export interface HandoverDocument {
  kind: 'formal-notice';
  messageId: string;
  file: string;
  sha256: string;
}

export interface HandoverClaim {
  type: 'settle.handover';
  version: 1;
  /** Stable for the invoice's handover: an agency dedupes deliveries on it. */
  deliveryId: string;
  handedOverAt: string;
  tenantId: string;
  invoiceId: string;
  workflowId: string;
  creditor: { name: string; sepaCreditorId: string | null };
  agency: { name: string } | null;
  debtor: {
    id: string;
    type: string;
    name: string;
    email: string | null;
    phone: string | null;
    language: string;
    address: DebtorRow['address'];
  };
  invoice: { issueDate: string; dueDate: string; description: string | null; currency: string };
  /** In cents: what the debtor owes and why, as the workflow computed it at the handover. */
  claim: Amounts;
  payments: { source: string; amountCents: number; paidAt: string; reference: string | null }[];
  contacts: HandoverContact[];
  documents: HandoverDocument[];
}

export interface HandoverFile {
  claim: HandoverClaim;
  contactsCsv: string;
  pdfs: { file: string; pdf: Buffer }[];
}

export function handoverDeliveryId(idempotencyKey: string): string {
  return `ho_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
}

function contactOf(row: CommunicationRow): HandoverContact {
  const sent = row.statusHistory.find((change) => change.status === 'sent');
  const proof = row.statusHistory.find((change) => PROOF_STATUSES.has(change.status));
  return {
    messageId: row.id,
    step: row.step,
    template: row.template,
    channel: row.channel,
    provider: row.provider,
    providerMessageId: row.providerMessageId,
    sentAt: sent?.at ?? null,
    status: row.status,
    deliveryProof: proof ? { status: proof.status, at: proof.at } : null,
    statusHistory: row.statusHistory,
  };
}

const CSV_COLUMNS = [
  'sentAt',
  'channel',
  'template',
  'step',
  'status',
  'deliveryProofStatus',
  'deliveryProofAt',
  'provider',
  'providerMessageId',
  'messageId',
] as const;

function csvCell(value: string | null): string {
  const text = value ?? '';
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180: a header row, then one row per contact, CRLF line ends. */
export function contactsCsv(contacts: HandoverContact[]): string {
  const rows = contacts.map((c) =>
    [
      c.sentAt,
      c.channel,
      c.template,
      c.step,
      c.status,
      c.deliveryProof?.status ?? null,
      c.deliveryProof?.at ?? null,
      c.provider,
      c.providerMessageId,
      c.messageId,
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

export async function buildHandoverFile(params: {
  deliveryId: string;
  handedOverAt: string;
  invoice: InvoiceRow;
  debtor: DebtorRow;
  creditor: HandoverClaim['creditor'];
  agency: HandoverClaim['agency'];
  amounts: Amounts;
  payments: HandoverClaim['payments'];
  communications: CommunicationRow[];
  /** The ladder's 14-day letter steps: their printed letters go into the file. */
  formalNoticeSteps: readonly string[];
  letters: LetterPrinter;
}): Promise<HandoverFile> {
  const { invoice, debtor } = params;
  const contacts = params.communications.map(contactOf);
  const pdfs: HandoverFile['pdfs'] = [];
  const documents: HandoverDocument[] = [];
  // The 14-day letter as printed: the consumer ladder posts it so that its receipt can be proven.
  for (const row of params.communications) {
    const isFormalNotice = params.formalNoticeSteps.includes(row.step);
    if (!isFormalNotice || row.channel !== 'letter' || !row.providerMessageId) continue;
    const pdf = await params.letters.letterPdf(row.providerMessageId);
    if (!pdf) continue;
    const file = `formal-notice-${row.id}.pdf`;
    pdfs.push({ file, pdf });
    documents.push({
      kind: 'formal-notice',
      messageId: row.id,
      file,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    });
  }
  const claim: HandoverClaim = {
    type: 'settle.handover',
    version: 1,
    deliveryId: params.deliveryId,
    handedOverAt: params.handedOverAt,
    tenantId: invoice.tenantId,
    invoiceId: invoice.invoiceId,
    workflowId: invoice.workflowId,
    creditor: params.creditor,
    agency: params.agency,
    debtor: {
      id: debtor.id,
      type: debtor.type,
      name: debtor.name,
      email: debtor.email,
      phone: debtor.phone,
      language: debtor.language,
      address: debtor.address,
    },
    invoice: {
      issueDate: invoice.issueDate,
      dueDate: invoice.dueDate,
      description: invoice.description,
      currency: invoice.currency,
    },
    claim: params.amounts,
    payments: params.payments,
    contacts,
    documents,
  };
  return { claim, contactsCsv: contactsCsv(contacts), pdfs };
}
