// The debtor self-service page in Dutch and English: plain, short sentences (B1). Texts are plain
// text; the page escapes them (and every value put into them).
import type { InvoiceStatus, Language } from '../../workflows/domain.js';

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
  htmlLang: string;
  otherLanguage: { lang: Language; label: string };
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

const nl: PageTexts = {
  htmlLang: 'nl',
  otherLanguage: { lang: 'en', label: 'English' },
  title: (id) => `Factuur ${id}`,
  status: {
    open: 'Openstaand',
    paid: 'Betaald',
    in_plan: 'Betalingsregeling',
    disputed: 'In behandeling',
    paused: 'Gepauzeerd',
    cancelled: 'Geannuleerd',
    handed_over: 'Uit handen gegeven',
  },
  amountDue: 'Nog te betalen',
  invoice: 'Factuur',
  why: 'Waar gaat dit over?',
  description: 'Omschrijving',
  dueDate: 'Vervaldatum',
  principal: 'Factuurbedrag',
  costs: 'Kosten',
  interest: 'Rente',
  paid: 'Al betaald',
  pay: {
    heading: 'Nu betalen',
    button: 'Betaal nu',
    amount: (amount) => `U betaalt wat nog openstaat: ${amount}.`,
    instalment: (n, of, amount) => `U betaalt termijn ${n} van ${of}: ${amount}.`,
    transfer: 'Liever overmaken? Maak het bedrag over naar',
    reference: 'met betalingskenmerk',
  },
  plan: {
    heading: 'Betalen in termijnen',
    intro: 'Kiest u het aantal termijnen. U ziet eerst de bedragen en data, daarna bevestigt u.',
    count: 'Aantal termijnen',
    show: 'Bekijk de termijnen',
    tooSmall: 'Voor dit bedrag is een betalingsregeling niet mogelijk.',
    previewHeading: (n) => `Uw regeling in ${n} termijnen`,
    previewIntro: 'Controleer de termijnen. Pas na bevestigen is de regeling afgesproken.',
    number: 'Termijn',
    date: 'Uiterlijk op',
    amount: 'Bedrag',
    total: 'Totaal',
    confirm: 'Bevestig deze regeling',
    back: 'Ander aantal kiezen',
    activeHeading: 'Uw betalingsregeling',
    instalmentPaid: 'betaald',
    instalmentOpen: 'open',
  },
  promise: {
    heading: 'Later betalen',
    intro: (latest) =>
      `Geef aan wanneer u betaalt, uiterlijk ${latest}. Tot die datum sturen wij geen herinneringen.`,
    label: 'Ik betaal op',
    button: 'Datum doorgeven',
  },
  promised: (date) => `U heeft toegezegd te betalen op ${date}. Tot dan sturen wij geen herinneringen.`,
  dispute: {
    heading: 'Klopt er iets niet?',
    intro: 'Vertel ons wat er niet klopt. Wij pauzeren de herinneringen en bekijken uw bericht.',
    label: 'Wat klopt er niet?',
    button: 'Bezwaar indienen',
  },
  disputed: 'Wij bekijken uw bezwaar. Tot die tijd sturen wij geen herinneringen.',
  paused: 'De herinneringen voor deze factuur zijn gepauzeerd.',
  callback: {
    heading: 'Terugbelverzoek',
    intro: 'Liever even praten? Wij bellen u terug op het telefoonnummer dat bij ons bekend is.',
    label: 'Waar wilt u het over hebben?',
    button: 'Bel mij terug',
  },
  contact: {
    heading: 'Contactgegevens wijzigen',
    intro: 'Vul alleen in wat er verandert.',
    email: 'E-mailadres',
    phone: 'Mobiel nummer',
    phoneHint: 'Met landcode, bijvoorbeeld +31612345678',
    button: 'Opslaan',
    onFile: 'Nu bij ons bekend',
  },
  directDebit: {
    heading: 'Automatisch betalen met incasso',
    how: (inPlan) =>
      inPlan
        ? 'Wij schrijven elke termijn van uw regeling automatisch af van uw rekening. U kiest zelf de dag van de maand, bijvoorbeeld vlak na de dag dat u uw salaris krijgt.'
        : 'Wij schrijven het bedrag automatisch af van uw rekening. U kiest zelf de dag van de maand, bijvoorbeeld vlak na de dag dat u uw salaris krijgt.',
    consent: (amount) =>
      `U geeft één keer toestemming met een betaling van ${amount} via uw bank (iDEAL). Dat bedrag gaat van de factuur af.`,
    terms: (leadDays, creditorId) =>
      `U krijgt van elke afschrijving ten minste ${leadDays} dagen van tevoren bericht, met het bedrag, de datum, het kenmerk van uw machtiging en ons Incassant-ID ${creditorId}. Met het aanzetten gaat u akkoord met deze termijn van ${leadDays} dagen.`,
    safety:
      'Voor elke afschrijving krijgt u eerst bericht. U kunt altijd stoppen. Uw bank kan een afschrijving binnen 8 weken terugboeken.',
    dayLabel: 'Dag van de maand',
    dayHint: 'Kies een dag van 1 tot en met 28.',
    button: 'Automatisch betalen aanzetten',
    buttonHint: 'Daarna gaat u naar uw bank om toestemming te geven.',
    active: 'Automatisch betalen staat aan. Voor elke afschrijving krijgt u eerst bericht.',
    chosenDay: (day) => `Gekozen dag van de maand: ${day}.`,
    next: (amount, date) => `Volgende afschrijving: ${amount} op ${date}.`,
    stopLabel: 'Waarom stopt u? (niet verplicht)',
    stopButton: 'Automatisch betalen stoppen',
    stopHint: 'Stopt u? Dan betaalt u weer zelf, met de knop op deze pagina.',
    waitingHeading: 'Wacht op toestemming van uw bank',
    waiting: (amount) =>
      `U heeft automatisch betalen aangevraagd. Geef nog toestemming bij uw bank met de betaling van ${amount}.`,
    continue: 'Verder naar uw bank',
    again: 'Lukt het niet? Begin dan opnieuw.',
    failed:
      'De laatste afschrijvingen zijn niet gelukt. Daarom is automatisch betalen gestopt. U kunt zelf betalen of het opnieuw aanzetten.',
    stopped: 'Automatisch betalen is gestopt. U kunt zelf betalen of het opnieuw aanzetten.',
  },
  done: {
    plan: 'Uw betalingsregeling is afgesproken. U krijgt een herinnering voor elke termijn.',
    promise: 'Dank u. Wij hebben uw betaaldatum genoteerd.',
    dispute: 'Wij hebben uw bezwaar ontvangen. De herinneringen staan stil.',
    callback: 'Wij hebben uw terugbelverzoek ontvangen en bellen u zo snel mogelijk.',
    contact: 'Uw contactgegevens zijn bijgewerkt.',
    'direct-debit': 'Automatisch betalen staat aan. Voor elke afschrijving krijgt u eerst bericht.',
    'direct-debit-stopped': 'Automatisch betalen is gestopt. U betaalt weer zelf.',
  },
  errors: {
    'plan-invalid': 'Kies een aantal termijnen uit de lijst.',
    'plan-refused': 'Een betalingsregeling is nu niet mogelijk.',
    'promise-date': 'Kies een datum tussen vandaag en de genoemde uiterste datum.',
    'promise-refused': 'Een betaaldatum doorgeven is nu niet mogelijk.',
    'dispute-refused': 'Een bezwaar indienen is nu niet mogelijk.',
    'reason-missing': 'Schrijf in een paar woorden waar het over gaat.',
    'reason-too-long': 'Uw bericht is te lang (maximaal 500 tekens).',
    'email-invalid': 'Dit e-mailadres lijkt niet te kloppen.',
    'phone-invalid':
      'Dit telefoonnummer lijkt niet te kloppen. Gebruik de landcode, bijvoorbeeld +31612345678.',
    'contact-empty': 'Vul een e-mailadres of telefoonnummer in.',
    'collection-day': 'Kies een dag van de maand uit de lijst (1 tot en met 28).',
    'direct-debit-refused': 'Automatisch betalen is nu niet mogelijk.',
    'direct-debit-stop-refused': 'Automatisch betalen staat al uit.',
    unavailable: 'Dat lukte nu even niet. Probeer het over een paar minuten opnieuw.',
  },
  closed: {
    paid: { heading: 'Deze factuur is betaald', body: 'Dank u wel! U hoeft niets meer te doen.' },
    cancelled: { heading: 'Deze factuur is vervallen', body: 'U hoeft deze factuur niet te betalen.' },
    handed_over: {
      heading: 'Deze factuur is uit handen gegeven',
      body: 'Deze pagina werkt niet meer. Neem voor deze factuur contact met ons op.',
    },
  },
  questions: 'Vragen? Neem contact op met',
  forbidden: {
    heading: 'Dit formulier is niet verstuurd',
    body: 'Het formulier kwam niet van deze pagina. Open de link uit ons bericht en probeer het opnieuw.',
  },
  back: 'Terug naar de factuur',
};

const en: PageTexts = {
  htmlLang: 'en',
  otherLanguage: { lang: 'nl', label: 'Nederlands' },
  title: (id) => `Invoice ${id}`,
  status: {
    open: 'Open',
    paid: 'Paid',
    in_plan: 'Payment plan',
    disputed: 'Under review',
    paused: 'Paused',
    cancelled: 'Cancelled',
    handed_over: 'Handed over',
  },
  amountDue: 'Amount due',
  invoice: 'Invoice',
  why: 'What is this for?',
  description: 'Description',
  dueDate: 'Due date',
  principal: 'Invoice amount',
  costs: 'Costs',
  interest: 'Interest',
  paid: 'Already paid',
  pay: {
    heading: 'Pay now',
    button: 'Pay now',
    amount: (amount) => `You pay what is still due: ${amount}.`,
    instalment: (n, of, amount) => `You pay instalment ${n} of ${of}: ${amount}.`,
    transfer: 'Prefer a bank transfer? Transfer the amount to',
    reference: 'with payment reference',
  },
  plan: {
    heading: 'Pay in instalments',
    intro: 'Choose the number of instalments. You will see the amounts and dates before you confirm.',
    count: 'Number of instalments',
    show: 'Show the instalments',
    tooSmall: 'A payment plan is not possible for this amount.',
    previewHeading: (n) => `Your plan in ${n} instalments`,
    previewIntro: 'Check the instalments. The plan is agreed only when you confirm.',
    number: 'Instalment',
    date: 'Pay by',
    amount: 'Amount',
    total: 'Total',
    confirm: 'Confirm this plan',
    back: 'Choose another number',
    activeHeading: 'Your payment plan',
    instalmentPaid: 'paid',
    instalmentOpen: 'open',
  },
  promise: {
    heading: 'Pay later',
    intro: (latest) =>
      `Tell us when you will pay, by ${latest} at the latest. We send no reminders until then.`,
    label: 'I will pay on',
    button: 'Send date',
  },
  promised: (date) => `You promised to pay on ${date}. We send no reminders until then.`,
  dispute: {
    heading: 'Is something not right?',
    intro: 'Tell us what is wrong. We pause the reminders and look into your message.',
    label: 'What is not right?',
    button: 'Send dispute',
  },
  disputed: 'We are looking into your dispute. We send no reminders in the meantime.',
  paused: 'Reminders for this invoice are paused.',
  callback: {
    heading: 'Call-back request',
    intro: 'Prefer to talk? We will call you back on the phone number we have for you.',
    label: 'What would you like to talk about?',
    button: 'Call me back',
  },
  contact: {
    heading: 'Change contact details',
    intro: 'Only fill in what changes.',
    email: 'Email address',
    phone: 'Mobile number',
    phoneHint: 'With country code, for example +31612345678',
    button: 'Save',
    onFile: 'What we have now',
  },
  directDebit: {
    heading: 'Pay automatically by direct debit',
    how: (inPlan) =>
      inPlan
        ? 'We collect each instalment of your plan from your account automatically. You choose the day of the month, for example just after your payday.'
        : 'We collect the amount due from your account automatically. You choose the day of the month, for example just after your payday.',
    consent: (amount) =>
      `You give permission once, with a payment of ${amount} through your bank (iDEAL). This amount counts towards the invoice.`,
    terms: (leadDays, creditorId) =>
      `We tell you about each collection at least ${leadDays} days before, with the amount, the date, your mandate reference and our creditor identifier ${creditorId}. By turning this on you agree to this period of ${leadDays} days.`,
    safety:
      'We always tell you before each collection. You can stop at any time. Your bank can reverse a collection within 8 weeks.',
    dayLabel: 'Day of the month',
    dayHint: 'Choose a day from 1 to 28.',
    button: 'Turn on automatic payment',
    buttonHint: 'You then go to your bank to give permission.',
    active: 'Automatic payment is on. We always tell you before each collection.',
    chosenDay: (day) => `Chosen day of the month: ${day}.`,
    next: (amount, date) => `Next collection: ${amount} on ${date}.`,
    stopLabel: 'Why are you stopping? (optional)',
    stopButton: 'Stop automatic payment',
    stopHint: 'If you stop, you pay yourself again, with the button on this page.',
    waitingHeading: 'Waiting for your bank authorisation',
    waiting: (amount) =>
      `You asked for automatic payment. Please give permission at your bank with the payment of ${amount}.`,
    continue: 'Continue to your bank',
    again: 'Did it not work? Then start again.',
    failed:
      'The last collections did not go through, so automatic payment has stopped. You can pay yourself or turn it on again.',
    stopped: 'Automatic payment has stopped. You can pay yourself or turn it on again.',
  },
  done: {
    plan: 'Your payment plan is agreed. We will remind you before each instalment.',
    promise: 'Thank you. We have noted your payment date.',
    dispute: 'We have received your dispute. The reminders are paused.',
    callback: 'We have received your call-back request and will call you as soon as we can.',
    contact: 'Your contact details have been updated.',
    'direct-debit': 'Automatic payment is on. We will tell you before each collection.',
    'direct-debit-stopped': 'Automatic payment has stopped. You pay yourself again.',
  },
  errors: {
    'plan-invalid': 'Choose a number of instalments from the list.',
    'plan-refused': 'A payment plan is not possible right now.',
    'promise-date': 'Choose a date between today and the latest date shown.',
    'promise-refused': 'A payment date cannot be set right now.',
    'dispute-refused': 'A dispute cannot be opened right now.',
    'reason-missing': 'Please tell us in a few words what it is about.',
    'reason-too-long': 'Your message is too long (500 characters at most).',
    'email-invalid': 'This email address does not look right.',
    'phone-invalid': 'This phone number does not look right. Use the country code, for example +31612345678.',
    'contact-empty': 'Fill in an email address or a phone number.',
    'collection-day': 'Choose a day of the month from the list (1 to 28).',
    'direct-debit-refused': 'Automatic payment is not possible right now.',
    'direct-debit-stop-refused': 'Automatic payment is already off.',
    unavailable: 'That did not work just now. Please try again in a few minutes.',
  },
  closed: {
    paid: { heading: 'This invoice has been paid', body: 'Thank you! There is nothing more you need to do.' },
    cancelled: { heading: 'This invoice has been cancelled', body: 'You do not need to pay this invoice.' },
    handed_over: {
      heading: 'This invoice has been handed over',
      body: 'This page no longer works. Please contact us about this invoice.',
    },
  },
  questions: 'Questions? Contact',
  forbidden: {
    heading: 'This form was not sent',
    body: 'The form did not come from this page. Open the link from our message and try again.',
  },
  back: 'Back to the invoice',
};

export const PAGE_TEXTS: Readonly<Record<Language, PageTexts>> = { nl, en };

const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/** `2026-11-25` → `25 november 2026` / `25 November 2026`. */
export function formatDate(isoDate: string, lang: Language): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString(LOCALES[lang], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** An instant in Amsterdam time with the clock, for compressed (demo) policies. */
export function formatDateTime(iso: string, lang: Language): string {
  return new Date(iso).toLocaleString(LOCALES[lang], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  });
}
