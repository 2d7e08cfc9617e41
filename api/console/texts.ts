// The console's texts, one table per console language (languages/<code>/console.ts), typed so that a
// text missing in one language fails the type check. Plain text: pages escape every text and value.

import type { ConsoleRole } from '../../db/queries/console-users.js';
import { consoleTexts as en } from '../../languages/en/console.js';
import { consoleTexts as nl } from '../../languages/nl/console.js';
import type { RefusalTexts } from '../../workflows/commands/refusal.js';
import type { InvoiceStatus, PaydayPattern, Segment } from '../../workflows/domain.js';
import type {
  DirectDebitLimits,
  DunningPolicy,
  PaymentPlanLimits,
  StepKind,
} from '../../workflows/policy/ladder.js';
import type { ValidationTexts } from '../validation-errors.js';
import type { PaydayRule } from './debtor.js';
import type { ConsoleAction } from './invoice-actions.js';

export const CONSOLE_LANGUAGES = ['nl', 'en'] as const;
export type ConsoleLanguage = (typeof CONSOLE_LANGUAGES)[number];

export const WORKLIST_VIEWS = ['no-channel-left', 'dispute-long', 'promise-broken'] as const;
export type WorklistView = (typeof WORKLIST_VIEWS)[number];

export interface ConsoleTexts {
  product: string;
  skipToContent: string;
  signIn: {
    title: string;
    email: string;
    password: string;
    button: string;
    failed: string;
    /** Locked after repeated failures: when to try again (a formatted local time). */
    locked: (retryAt: string) => string;
    expired: string;
    signedOut: string;
  };
  signOut: string;
  /** The main navigation: one entry per console section. */
  sections: {
    worklist: string;
    dashboards: string;
    templates: string;
    ladders: string;
    users: string;
    account: string;
    navigation: string;
  };
  signedInAs: (email: string, role: string) => string;
  roles: Record<ConsoleRole, string>;
  forbidden: { title: string; role: string; csrf: string };
  worklist: {
    title: string;
    filters: string;
    search: string;
    searchHint: string;
    status: string;
    stage: string;
    channel: string;
    bounced: string;
    disputed: string;
    any: string;
    yes: string;
    no: string;
    amountMin: string;
    amountMax: string;
    overdueMin: string;
    overdueMax: string;
    sort: string;
    sorts: Record<'overdue' | 'amount' | 'invoice' | 'due', string>;
    apply: string;
    reset: string;
    views: string;
    viewNames: Record<WorklistView | 'all', string>;
    columns: {
      invoice: string;
      debtor: string;
      status: string;
      stage: string;
      due: string;
      overdue: string;
      channel: string;
      flags: string;
    };
    flagBounced: string;
    flagDisputed: string;
    none: string;
    count: (shown: number, page: number) => string;
    previous: string;
    next: string;
    masked: string;
  };
  statuses: Record<InvoiceStatus, string>;
  invoice: {
    title: (invoiceId: string) => string;
    back: string;
    debtor: string;
    amountDue: string;
    principal: string;
    costs: string;
    interest: string;
    paid: string;
    nextAction: string;
    notFound: string;
  };
  dashboards: {
    title: string;
    period: string;
    months: (n: number) => string;
    show: string;
    numbers: string;
    headline: { receivables: string; dso: string; collected: string; recovery: string };
    days: (value: string) => string;
    dso: { title: string; column: string; summary: (latest: string) => string };
    cash: { title: string; column: string; summary: (total: string, per: 'week' | 'month') => string };
    recovery: {
      byChannel: string;
      byStep: string;
      rate: string;
      messages: string;
      summary: (best: string, rate: string) => string;
      noneRecovered: string;
      none: string;
    };
    funnel: {
      title: string;
      stages: { sent: string; delivered: string; opened: string; clicked: string; paid: string };
      summary: (sent: number, paid: number) => string;
    };
    aging: {
      title: string;
      column: string;
      buckets: { current: string; '1-30': string; '31-60': string; '61-90': string; 'over-90': string };
      summary: (total: string, overdue: string) => string;
    };
  };
  users: {
    title: string;
    email: string;
    role: string;
    language: string;
    state: string;
    active: string;
    lockedUntil: (at: string) => string;
    add: string;
    addButton: string;
    addedWithPassword: (email: string) => string;
    passwordShownOnce: string;
    exists: string;
    invalidEmail: string;
    saveRole: string;
    roleSaved: (email: string) => string;
    newPassword: string;
    passwordReset: (email: string) => string;
    unlock: string;
    unlocked: (email: string) => string;
    remove: string;
    confirmRemove: (email: string) => string;
    removed: (email: string) => string;
    notConfirmed: string;
    lastAdmin: string;
    notFound: string;
    you: string;
  };
  account: {
    title: string;
    language: string;
    browserLanguage: string;
    languages: Record<ConsoleLanguage, string>;
    saveLanguage: string;
    languageSaved: string;
    password: string;
    current: string;
    next: string;
    repeat: string;
    changePassword: string;
    wrongCurrent: string;
    tooShort: (min: number) => string;
    mismatch: string;
    passwordChanged: string;
  };
  /** The template editor and the house style (issue 17, item 5). */
  templateEditor: {
    title: string;
    intro: string;
    channel: string;
    shipped: string;
    own: (version: number) => string;
    editTitle: (template: string, channel: string, language: string) => string;
    back: string;
    current: (version: number, at: string) => string;
    shippedInUse: string;
    readOnly: string;
    fields: Record<'subject' | 'title' | 'paragraphs' | 'text' | 'html', string>;
    fieldHints: Record<'subject' | 'title' | 'paragraphs' | 'text' | 'html', string>;
    shippedText: string;
    placeholders: string;
    placeholdersHint: string;
    previewHeading: string;
    previewFrame: string;
    previewButton: string;
    pdfDraft: string;
    pdfCurrent: string;
    publish: string;
    published: (version: number) => string;
    useShipped: string;
    shippedNotice: (version: number) => string;
    restoredNotice: (version: number, from: number) => string;
    refused: string;
    empty: string;
    warnings: string;
    whatsappFixed: string;
    whatsappTemplate: (name: string) => string;
    whatsappParameter: string;
    whatsappValue: string;
    subject: string;
    sms: (characters: number, segments: number, encoding: string) => string;
    smsCost: string;
    cannotSend: string;
    hint: {
      heading: string;
      sentences: (average: number) => string;
      longWords: (words: string) => string;
      score: (formula: 'flesch-douma' | 'flesch-reading-ease', score: number) => string;
      meetsB1: string;
      belowB1: string;
    };
    versions: string;
    noVersions: string;
    version: string;
    date: string;
    change: string;
    inUse: string;
    copyOf: (version: number) => string;
    backToShipped: string;
    firstVersion: string;
    changes: (version: number) => string;
    restore: (version: number) => string;
    actions: string;
    notFound: string;
    houseStyle: {
      title: string;
      intro: string;
      fields: Record<
        | 'name'
        | 'senderName'
        | 'email'
        | 'addressLines'
        | 'phone'
        | 'website'
        | 'logoSvg'
        | 'logoUrl'
        | 'primaryColor'
        | 'accentColor'
        | 'footer'
        | 'iban'
        | 'bic'
        | 'collectionCostsVatPercent',
        string
      >;
      addressHint: string;
      logoHint: string;
      save: string;
      saved: string;
      refused: string;
      readOnly: string;
      previewFrame: string;
      pdf: string;
    };
  };
  /** Ladders without IT (issue 17 item 6): the tenant's own policies, versions and segment assignment. */
  ladders: {
    title: string;
    intro: string;
    segmentsTitle: string;
    segmentNames: Record<Segment, string>;
    columns: {
      ladder: string;
      source: string;
      segment: string;
      version: string;
      description: string;
      usedFor: string;
    };
    sources: Record<'shipped' | 'tenant', string>;
    newLadder: string;
    back: string;
    notFound: string;
    editTitle: (id: string) => string;
    readOnly: string;
    shippedReadOnly: string;
    copy: string;
    saved: (version: number) => string;
    assignedNotice: (segment: string) => string;
    invalid: string;
    fields: {
      general: string;
      id: string;
      idHint: string;
      description: string;
      segment: string;
      respectCalendar: string;
      respectCalendarHint: string;
      maxPaydayWaitDays: string;
      costs: string;
      interest: string;
      paymentLinkValidDays: string;
    };
    costNames: Record<DunningPolicy['costs'], string>;
    interestNames: Record<DunningPolicy['interest'], string>;
    steps: string;
    stepsHint: string;
    step: (position: number) => string;
    stepFields: {
      id: string;
      kind: string;
      days: string;
      from: string;
      channels: string;
      channelsHint: string;
      template: string;
      receiptDays: string;
      termDays: string;
      termHint: string;
    };
    noTemplate: string;
    kinds: Record<StepKind, string>;
    fromNames: Record<'due' | 'previous', string>;
    plan: string;
    planFields: Record<keyof PaymentPlanLimits, string>;
    directDebit: string;
    directDebitHint: string;
    directDebitFields: Record<keyof DirectDebitLimits, string>;
    promise: string;
    promiseFields: { maxDays: string; graceDays: string };
    create: string;
    save: string;
    versions: string;
    versionColumns: { version: string; createdBy: string; createdAt: string; invoices: string };
    assign: string;
    assignButton: (segment: string) => string;
  };
  /** The invoice page in full (schedule, timeline, messages, payments, actions) and the debtor page. */
  casework: {
    amounts: string;
    overpaid: string;
    debtorPage: string;
    temporalRun: string;
    done: Record<ConsoleAction, string>;
    schedule: {
      title: string;
      step: string;
      at: string;
      channel: string;
      dueIfUnpaid: string;
      /** Nothing scheduled: the reason (the API's own words). */
      nothing: (reason: string) => string;
      noChannel: string;
    };
    timeline: { title: string; at: string; what: string; detail: string; empty: string };
    messages: {
      title: string;
      empty: string;
      template: (template: string, language: string) => string;
      recipient: string;
      subject: string;
      frameTitle: (subject: string) => string;
      textVersion: string;
      openLetter: string;
      /** WhatsApp: the approved template the message went out as; its parameters follow. */
      whatsappTemplate: (name: string) => string;
      /** The text a message was rendered from. */
      source: {
        shipped: string;
        tenant: (version: number) => string;
        /** The tenant's version could not render with the message's data: the shipped text went out. */
        fallback: (version: number) => string;
      };
      /** Sent before Settle kept copies: only the template and language are known. */
      notStored: string;
      hidden: string;
      history: string;
    };
    payments: { title: string; empty: string; at: string; source: string; amount: string };
    actions: {
      title: string;
      names: Record<ConsoleAction, string>;
      intro: Record<ConsoleAction, string>;
      confirm: string;
      confirmRequired: string;
      submit: string;
      back: string;
      errors: string;
      closed: string;
      fields: {
        reason: string;
        until: string;
        amount: string;
        paidAt: string;
        reference: string;
        date: string;
        outcome: string;
        upheld: string;
        rejected: string;
        instalments: string;
      };
    };
    debtor: {
      title: (debtorId: string) => string;
      notFound: string;
      contact: string;
      name: string;
      type: string;
      types: Record<'consumer' | 'business', string>;
      email: string;
      phone: string;
      address: string;
      addressLine1: string;
      addressLine2: string;
      postalCode: string;
      city: string;
      country: string;
      appUserId: string;
      preferences: string;
      language: string;
      preferredChannel: string;
      noPreference: string;
      whatsappOptIn: string;
      reachable: string;
      payday: string;
      paydayNone: string;
      learned: string;
      learnedNone: string;
      learnedDetail: (confidencePercent: number, basedOn: number) => string;
      /** A payday pattern in words. */
      pattern: (payday: PaydayPattern) => string;
      /** Monday first. */
      weekdays: string[];
      /** The payday the creditor gives (the edit form): it goes before the learned one. */
      paydayHint: string;
      paydayRule: string;
      paydayRules: Record<PaydayRule, string>;
      paydayDayOfMonth: string;
      paydayWeekday: string;
      paydayAnchor: string;
      invoices: string;
      noInvoices: string;
      edit: string;
      editTitle: (debtorId: string) => string;
      save: string;
      saved: (openInvoices: number) => string;
      nothingChanged: string;
      cannotRemove: string;
      yes: string;
      no: string;
    };
  };
  /** Ladder steps named freely (issue 17 item 6): the step id is typed, not chosen from the built-in ones. */
  ladderSteps: {
    idHint: string;
  };
  /** An invoice's refusals of the forms' actions, in this language. */
  refusals: RefusalTexts;
  /** The forms' schema errors, in this language. */
  validation: ValidationTexts;
}

export const CONSOLE_TEXTS: Record<ConsoleLanguage, ConsoleTexts> = { nl, en };

/**
 * The user's own choice, else the first console language the browser asks for (by q-value, then
 * order), else Dutch.
 */
export function consoleLanguage(
  userChoice: ConsoleLanguage | null | undefined,
  acceptLanguage: string | undefined,
): ConsoleLanguage {
  if (userChoice) return userChoice;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { code: tag.toLowerCase().split('-')[0], q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const found = wanted.find((entry) => (CONSOLE_LANGUAGES as readonly string[]).includes(entry.code ?? ''));
  return (found?.code as ConsoleLanguage | undefined) ?? 'nl';
}
