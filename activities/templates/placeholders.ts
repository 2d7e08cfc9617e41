// The closed set of `{{placeholder}}` names a template (or a tenant's override) may use, and how
// each gets its value from TemplateData. A closed set lets an override be rejected before it is sent.
import type { TemplateData } from './types.js';

export const PLACEHOLDERS = [
  'debtorName',
  'invoiceId',
  'description',
  'amountDue',
  'principal',
  'costs',
  'interest',
  'paid',
  'dueDate',
  'deadline',
  'collectionCosts',
  'collectionCostsVatNote',
  'collectionAgency',
  'payUrl',
  'selfServiceUrl',
  'creditorName',
  'senderName',
  'creditorEmail',
  'creditorPhone',
  'creditorWebsite',
  'instalmentNumber',
  'instalmentCount',
  'instalmentAmount',
  'instalmentDueDate',
  'planInstalments',
  'planInstalmentAmount',
  'planFirstDueDate',
  'collectionAmount',
  'collectionDate',
  /** SEPA pre-notification: the mandate's reference and the creditor identifier (Incassant ID). */
  'mandateReference',
  'creditorId',
  /** "deze brief" / "this email": the medium, as legal wording refers to it. */
  'thisMessage',
] as const;

export type PlaceholderName = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<PlaceholderName, string>>;

const KNOWN: ReadonlySet<string> = new Set(PLACEHOLDERS);

export function isPlaceholderName(name: string): name is PlaceholderName {
  return KNOWN.has(name);
}

/** Placeholders whose value is a URL: HTML renders them as links. */
export const URL_PLACEHOLDERS: ReadonlySet<PlaceholderName> = new Set(['payUrl', 'selfServiceUrl']);

export function placeholderValues(data: TemplateData, thisMessage: string): PlaceholderValues {
  const { creditor, instalment, plan, collection } = data;
  return {
    debtorName: data.debtorName,
    invoiceId: data.invoiceId,
    description: data.description,
    amountDue: data.amountDue,
    principal: data.principal,
    costs: data.costs,
    interest: data.interest,
    paid: data.paid,
    dueDate: data.dueDate,
    deadline: data.deadline,
    collectionCosts: data.collectionCosts,
    collectionCostsVatNote: data.collectionCostsVatNote,
    collectionAgency: data.collectionAgency,
    payUrl: data.payUrl,
    selfServiceUrl: data.selfServiceUrl,
    creditorName: creditor.name,
    senderName: creditor.senderName,
    creditorEmail: creditor.email,
    creditorPhone: creditor.phone,
    creditorWebsite: creditor.website,
    instalmentNumber: instalment && String(instalment.number),
    instalmentCount: instalment && String(instalment.of),
    instalmentAmount: instalment?.amount,
    instalmentDueDate: instalment?.dueDate,
    planInstalments: plan && String(plan.instalments),
    planInstalmentAmount: plan?.instalmentAmount,
    planFirstDueDate: plan?.firstDueDate,
    collectionAmount: collection?.amount,
    collectionDate: collection?.date,
    mandateReference: collection?.mandateReference,
    creditorId: data.creditorId,
    thisMessage,
  };
}
