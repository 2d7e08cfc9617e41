// The shape of the debtor self-service page's texts, one set per language (languages/<code>/page.ts).
// Texts are plain text; the page escapes them (and every value put into them).
import type { InvoiceStatus } from '../../workflows/domain.js';

export const DONE_CODES = [
  'plan',
  'promise',
  'dispute',
  'callback',
  'contact',
  'direct-debit',
  'direct-debit-stopped',
] as const;
export type DoneCode = (typeof DONE_CODES)[number];

export const ERROR_CODES = [
  'plan-invalid',
  'plan-refused',
  'promise-date',
  'promise-refused',
  'dispute-refused',
  'reason-missing',
  'reason-too-long',
  'email-invalid',
  'phone-invalid',
  'contact-empty',
  'collection-day',
  'direct-debit-refused',
  'direct-debit-stop-refused',
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface PageTexts {
  title: (invoiceId: string) => string;
  status: Record<InvoiceStatus, string>;
  amountDue: string;
  invoice: string;
  why: string;
  description: string;
  dueDate: string;
  principal: string;
  costs: string;
  interest: string;
  paid: string;
  pay: {
    heading: string;
    button: string;
    /** What the button pays: everything due. */
    amount: (amount: string) => string;
    /** What the button pays in a plan: the open instalment. */
    instalment: (number: number, of: number, amount: string) => string;
    transfer: string;
    reference: string;
  };
  plan: {
    heading: string;
    intro: string;
    count: string;
    show: string;
    tooSmall: string;
    previewHeading: (n: number) => string;
    previewIntro: string;
    number: string;
    date: string;
    amount: string;
    total: string;
    confirm: string;
    back: string;
    activeHeading: string;
    instalmentPaid: string;
    instalmentOpen: string;
  };
  promise: { heading: string; intro: (latest: string) => string; label: string; button: string };
  promised: (date: string) => string;
  dispute: { heading: string; intro: string; label: string; button: string };
  disputed: string;
  paused: string;
  callback: { heading: string; intro: string; label: string; button: string };
  contact: {
    heading: string;
    intro: string;
    email: string;
    phone: string;
    phoneHint: string;
    button: string;
    onFile: string;
  };
  directDebit: {
    heading: string;
    /** What is collected and when: the amount due, or each instalment of the plan. */
    how: (inPlan: boolean) => string;
    /** The one-time authorisation; `amount` is the verification payment, e.g. € 0,01. */
    consent: (amount: string) => string;
    /** The mandate terms: pre-notification period in days and the creditor identifier (Incassant ID). */
    terms: (leadDays: number, creditorId: string) => string;
    safety: string;
    dayLabel: string;
    dayHint: string;
    button: string;
    buttonHint: string;
    active: string;
    chosenDay: (day: number) => string;
    next: (amount: string, date: string) => string;
    stopLabel: string;
    stopButton: string;
    stopHint: string;
    waitingHeading: string;
    waiting: (amount: string) => string;
    continue: string;
    again: string;
    failed: string;
    stopped: string;
  };
  done: Record<DoneCode, string>;
  errors: Record<ErrorCode, string>;
  closed: Record<'paid' | 'cancelled' | 'handed_over', { heading: string; body: string }>;
  questions: string;
  forbidden: { heading: string; body: string };
  back: string;
}
