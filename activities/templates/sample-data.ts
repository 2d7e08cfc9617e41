// Realistic, fictional data for previews (admin UI, render-samples script) and tests. Every optional
// field is filled so that each template shows all its paragraphs.
import type { Language, Segment } from '../../workflows/domain.js';
import type { CreditorBrand, TemplateData } from './types.js';

const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">
<circle cx="20" cy="20" r="16" fill="#f2a900"/>
<path d="M4 28 Q20 18 36 28 L36 36 L4 36 Z" fill="#0b4f6c"/>
<rect x="44" y="12" width="72" height="6" fill="#0b4f6c"/>
<rect x="44" y="24" width="52" height="6" fill="#0b4f6c"/>
</svg>`;

const BRAND: Record<Language, CreditorBrand> = {
  nl: {
    name: 'Polderstroom B.V.',
    senderName: 'Team Klantenservice',
    email: 'klantenservice@polderstroom.nl',
    addressLines: ['Postbus 1234', '3500 AB Utrecht'],
    phone: '030 123 45 67',
    website: 'www.polderstroom.nl',
    logoSvg: LOGO_SVG,
    logoUrl: 'https://www.polderstroom.nl/logo.png',
    primaryColor: '#0b4f6c',
    accentColor: '#f2a900',
    footer: 'KvK 12345678 · btw NL001234567B01 · IBAN NL91 ABNA 0417 1643 00',
  },
  en: {
    name: 'Polderstroom B.V.',
    senderName: 'Customer Service Team',
    email: 'service@polderstroom.nl',
    addressLines: ['PO Box 1234', '3500 AB Utrecht', 'The Netherlands'],
    phone: '+31 30 123 45 67',
    website: 'www.polderstroom.nl',
    logoSvg: LOGO_SVG,
    logoUrl: 'https://www.polderstroom.nl/logo.png',
    primaryColor: '#0b4f6c',
    accentColor: '#f2a900',
    footer: 'Chamber of Commerce 12345678 · VAT NL001234567B01 · IBAN NL91 ABNA 0417 1643 00',
  },
};

// Formatted as the policy layer formats them: nl "€ 1.234,56", en "€1,234.56".
const FORMATTED = {
  nl: {
    amountDue: '€ 197,68',
    principal: '€ 245,50',
    interest: '€ 2,18',
    paid: '€ 50,00',
    collectionCosts: '€ 40,00',
    collectionCostsVatNote: 'Over de incassokosten rekenen wij geen btw.',
    description: 'Energierekening oktober 2026',
    dueDate: '14 november 2026',
    deadline: '9 december 2026',
    instalmentAmount: '€ 33,00',
    instalmentDueDate: '28 december 2026',
    planFirstDueDate: '28 november 2026',
    collectionDate: '1 december 2026',
  },
  en: {
    amountDue: '€197.68',
    principal: '€245.50',
    interest: '€2.18',
    paid: '€50.00',
    collectionCosts: '€40.00',
    collectionCostsVatNote: 'No VAT is charged on the collection costs.',
    description: 'Energy bill October 2026',
    dueDate: '14 November 2026',
    deadline: '9 December 2026',
    instalmentAmount: '€33.00',
    instalmentDueDate: '28 December 2026',
    planFirstDueDate: '28 November 2026',
    collectionDate: '1 December 2026',
  },
} as const;

export function sampleTemplateData(language: Language, segment: Segment = 'consumer'): TemplateData {
  const f = FORMATTED[language];
  return {
    segment,
    debtorName: segment === 'business' ? 'Bakkerij Van den Berg' : 'Anna de Vries',
    invoiceId: 'F2026-004812',
    description: f.description,
    amountDue: f.amountDue,
    principal: f.principal,
    interest: f.interest,
    paid: f.paid,
    dueDate: f.dueDate,
    deadline: f.deadline,
    collectionCosts: f.collectionCosts,
    collectionCostsVatNote: f.collectionCostsVatNote,
    collectionAgency: 'Incassobureau Noordkust B.V.',
    creditorId: 'NL79ZZZ999999990000',
    payUrl: 'https://paymentlink.mollie.com/payment/al7x0Z8ZCirXSnqDYyRXc/',
    selfServiceUrl: 'https://pay.polderstroom.nl/s/al7x0Z8ZCirXSnqD',
    creditor: BRAND[language],
    instalment: { number: 2, of: 6, amount: f.instalmentAmount, dueDate: f.instalmentDueDate },
    plan: { instalments: 6, instalmentAmount: f.instalmentAmount, firstDueDate: f.planFirstDueDate },
    collection: { amount: f.amountDue, date: f.collectionDate, mandateReference: 'mdt_h3gAaD5zP' },
  };
}
