// Public types of the template layer. Amounts and dates arrive already formatted (money and
// date formatting belong to the policy layer), so templates never do arithmetic or locale work.
import type { Channel, Language, Segment, TemplateId } from '../../workflows/domain.js';
import type { SmsSegmentInfo } from './sms-segments.js';

export type { Channel, Language, Segment, TemplateId };

/** The creditor's house style: every message carries it so a payment request never looks like phishing. */
export interface CreditorBrand {
  /** Legal or trading name, e.g. `Acme Energie B.V.` */
  name: string;
  /** Who signs, e.g. `Team Klantenservice`. */
  senderName: string;
  email: string;
  /** Postal address lines of the creditor, printed in footers and as the letter's return address. */
  addressLines: string[];
  phone?: string;
  website?: string;
  /** Inline SVG (path/rect/circle/polygon subset), drawn as vectors on letters. */
  logoSvg?: string;
  /** https URL of the logo for email; a `data:image/png|jpeg;base64,…` URL also works on letters. */
  logoUrl?: string;
  /** `#rrggbb`; header bar and headings. */
  primaryColor: string;
  /** `#rrggbb`; the pay button. */
  accentColor: string;
  /** Small print: chamber of commerce number, VAT id, IBAN. */
  footer: string;
}

export interface InstalmentData {
  number: number;
  of: number;
  /** formatted, e.g. `€ 50,00` */
  amount: string;
  /** formatted */
  dueDate: string;
}

export interface PlanData {
  instalments: number;
  /** formatted amount of one instalment */
  instalmentAmount: string;
  /** formatted; known once the plan is agreed */
  firstDueDate?: string;
}

/** A SEPA direct debit collection on the debtor's mandate. */
export interface CollectionData {
  /** formatted amount that will be (or could not be) collected */
  amount: string;
  /** formatted day of the (next) collection */
  date: string;
  /** The mandate the collection is made under, as the debtor's bank shows it. */
  mandateReference?: string;
}

/** Everything a template may show. All amounts and dates are formatted strings. */
export interface TemplateData {
  /** Consumer or business debtor: picks the legal variant of the formal notice. */
  segment: Segment;
  debtorName: string;
  invoiceId: string;
  description?: string;
  /** What the debtor must pay now (principal + costs + interest − paid). */
  amountDue: string;
  principal: string;
  costs?: string;
  interest?: string;
  paid?: string;
  dueDate: string;
  /** Pay-by date of a business formal notice or a final notice. */
  deadline?: string;
  /** Exact collection costs charged if the formal notice is not met (art. 6:96 lid 6 BW). */
  collectionCosts?: string;
  /** Whether VAT is included in / added to the collection costs, as one sentence. */
  collectionCostsVatNote?: string;
  /** Named in the final notice only when a handover is really planned (no empty threats). */
  collectionAgency?: string;
  /** SEPA creditor identifier (Incassant ID): every direct debit notice names it. */
  creditorId?: string;
  payUrl: string;
  selfServiceUrl: string;
  creditor: CreditorBrand;
  instalment?: InstalmentData;
  plan?: PlanData;
  /** Direct debit notice and failed collection: what is collected, and on which day. */
  collection?: CollectionData;
}

/** Tenant-specific replacement texts in `{{placeholder}}` syntax. Which keys apply depends on the channel. */
export interface MessageOverrides {
  /** email */
  subject?: string;
  /** letter, app; the heading in email */
  title?: string;
  /** email and letter body, one entry per paragraph */
  paragraphs?: string[];
  /** sms, app; the whole text part of an email */
  text?: string;
  /** the whole HTML document of an email; inserted values are HTML-escaped */
  html?: string;
}

export interface RenderedEmail {
  channel: 'email';
  subject: string;
  html: string;
  text: string;
}

export interface RenderedSms extends SmsSegmentInfo {
  channel: 'sms';
  text: string;
}

export interface RenderedWhatsApp {
  channel: 'whatsapp';
  /** Pre-approved template name, e.g. `settle_payment_request_v1`. */
  templateName: string;
  language: Language;
  /** Values for `{{1}}`, `{{2}}`, … in order. */
  params: string[];
  /** The message as the debtor will read it. */
  text: string;
}

export interface RenderedLetter {
  channel: 'letter';
  title: string;
  /** Absent when the tenant's own text opens with a salutation. */
  greeting?: string;
  paragraphs: string[];
  /** Where to pay in parts, promise a date, dispute or ask a question. */
  selfService: string;
  /** Sign-off lines: closing phrase, sender, creditor. */
  closing: string[];
}

export interface RenderedApp {
  channel: 'app';
  title: string;
  text: string;
}

export type RenderedMessage = RenderedEmail | RenderedSms | RenderedWhatsApp | RenderedLetter | RenderedApp;

/** The rendered message type for one channel. */
export type RenderedFor<C extends Channel> = Extract<RenderedMessage, { channel: C }>;
