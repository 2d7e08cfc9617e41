// Realistic, fictional data for previews (admin UI, render-samples script) and tests. Every optional
// field is filled so that each template shows all its paragraphs.

import { languagePack } from '../../languages/index.js';
import type { Language, Segment, TemplateId } from '../../workflows/domain.js';
import type { CreditorBrand, TemplateData } from './types.js';

const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 40">
<circle cx="20" cy="20" r="16" fill="#f2a900"/>
<path d="M4 28 Q20 18 36 28 L36 36 L4 36 Z" fill="#0b4f6c"/>
<rect x="44" y="12" width="72" height="6" fill="#0b4f6c"/>
<rect x="44" y="24" width="52" height="6" fill="#0b4f6c"/>
</svg>`;

/** The sample creditor, signed in the language's words. */
function sampleBrand(language: Language): CreditorBrand {
  return {
    name: 'Polderstroom B.V.',
    senderName: languagePack(language).samples.senderName,
    email: 'klantenservice@polderstroom.nl',
    addressLines: ['Postbus 1234', '3500 AB Utrecht'],
    phone: '+31 30 123 45 67',
    website: 'www.polderstroom.nl',
    logoSvg: LOGO_SVG,
    logoUrl: 'https://www.polderstroom.nl/logo.png',
    primaryColor: '#0b4f6c',
    accentColor: '#f2a900',
    footer: 'KvK 12345678 · btw NL001234567B01 · IBAN NL91 ABNA 0417 1643 00',
  };
}

/** Templates a plan's instalment is sent with: only their amounts show it as what is paid now. */
const WITH_INSTALMENT: ReadonlySet<TemplateId> = new Set([
  'instalment-due',
  'instalment-missed',
  'plan-confirmation',
  'direct-debit-notice',
  'direct-debit-failed',
]);

/** Templates that name a pay-by day of their own (a timely payment request names the due date). */
const WITH_DEADLINE: ReadonlySet<TemplateId> = new Set(['formal-notice', 'final-notice']);

/**
 * Sample data; for a template, only the facts that template is really sent with (a preview of a
 * payment request shows the timely variant, a reminder no instalment). Without one: every field.
 */
export function sampleTemplateData(
  language: Language,
  segment: Segment = 'consumer',
  templateId?: TemplateId,
): TemplateData {
  const every = everySampleField(language, segment);
  if (!templateId) return every;
  const { deadline, instalment, ...data } = every;
  return {
    ...data,
    ...(deadline && WITH_DEADLINE.has(templateId) ? { deadline } : {}),
    ...(instalment && WITH_INSTALMENT.has(templateId) ? { instalment } : {}),
  };
}

function everySampleField(language: Language, segment: Segment): TemplateData {
  const { formats, messages, samples } = languagePack(language);
  const euro = formats.money;
  const day = formats.date;
  return {
    segment,
    debtorName: segment === 'business' ? 'Bakkerij Van den Berg' : 'Anna de Vries',
    invoiceId: 'F2026-004812',
    description: samples.description,
    // € 245,50 + € 2,18 interest − € 50,00 paid = € 197,68 still due.
    amountDue: euro(19_768),
    principal: euro(24_550),
    interest: euro(218),
    paid: euro(5_000),
    dueDate: day('2026-11-14'),
    deadline: day('2026-12-09'),
    collectionCosts: euro(4_000),
    collectionCostsVatNote: messages.vat.none,
    collectionAgency: 'Incassobureau Noordkust B.V.',
    creditorId: 'NL79ZZZ999999990000',
    payUrl: 'https://paymentlink.mollie.com/payment/al7x0Z8ZCirXSnqDYyRXc/',
    selfServiceUrl: 'https://pay.polderstroom.nl/s/al7x0Z8ZCirXSnqD',
    creditor: sampleBrand(language),
    instalment: { number: 2, of: 6, amount: euro(3_300), dueDate: day('2026-12-28') },
    plan: { instalments: 6, instalmentAmount: euro(3_300), firstDueDate: day('2026-11-28') },
    collection: { amount: euro(19_768), date: day('2026-12-01'), mandateReference: 'mdt_h3gAaD5zP' },
  };
}
