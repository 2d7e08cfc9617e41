// The dunning workflow's input, state, and the messages it exchanges with its callers.
import type { ExperimentTarget } from './activity-contract.js';
import type {
  Channel,
  DeliveryStatus,
  InvoiceStatus,
  IsoDate,
  Language,
  PaydayPattern,
  Reachability,
  Segment,
  TemplateId,
} from './domain.js';
import type { StepVariation } from './experiment.js';
import type { DunningPolicy } from './policy/ladder.js';
import type { ContractualCollectionCosts } from './policy/money.js';

export interface DebtorSnapshot {
  id: string;
  segment: Segment;
  language: Language;
  reachability: Reachability;
  preferredChannel?: Channel;
  payday?: PaydayPattern;
}

export interface DunningInput {
  tenantId: string;
  invoiceId: string;
  debtor: DebtorSnapshot;
  principalCents: number;
  currency: 'EUR';
  issueDate: IsoDate;
  dueDate: IsoDate;
  /**
   * Only in histories recorded before the description stayed out of workflows; ignored (activities
   * read it from PostgreSQL). New inputs never carry it.
   */
  description?: string;
  /** VAT on collection costs, for creditors that cannot deduct VAT. */
  collectionCostsVatPercent?: number;
  /**
   * A term of a continuing contract (rent, subscription, insurance premium): small ones share one term's
   * collection costs with the debtor's other terms (policy/periodic-costs.ts). Absent: a one-off claim.
   */
  periodic?: boolean;
  /**
   * Business debtors: the collection costs of the tenant's terms when the invoice was created (the terms
   * of the contract, not today's settings). Absent: the statutory scale.
   */
  businessCollectionCosts?: ContractualCollectionCosts;
  /** A snapshot: later changes to shipped policies never alter invoices already in flight. */
  policy: DunningPolicy;
  /** Present when the workflow continued as new. */
  carried?: DunningState | null;
  /**
   * A new run after the invoice had closed: a payment was reversed (a SEPA refund can come 13 months
   * later). It starts from the invoice's ledger, the reversal included, so it collects what was reversed.
   * `charges`: what the closed run had charged (absent in runs reopened before they were carried). A run
   * that carries costs or interest owes them as they were and charges none of its own: the statutory
   * costs are not charged twice for one claim (policy/reopened-claim.ts).
   */
  reopened?: { byPaymentId: string; payments: PaymentRecord[]; charges?: CarriedCharges };
  /**
   * The first snapshot the API stored with the invoice: its digest (snapshotDigest), and what a sync
   * would have answered (the steps the tenant's running experiments cover). A run whose own first
   * snapshot has that digest writes none (patch sync-rides-along). Absent: the run writes its first.
   */
  initialSnapshot?: { digest: string; experimentTargets: ExperimentTarget[] };
}

/** Collection costs (VAT apart, as the letters name them) and interest a closed run had charged. */
export interface CarriedCharges {
  costsCents: number;
  costsVatCents: number;
  interestCents: number;
}

/** What the projection query answers: the input (without carried state) and the current state. */
export interface WorkflowProjection {
  input: DunningInput;
  state: DunningState;
}

export interface MessageRecord {
  messageId: string;
  /** Ladder step id or instalment key: what this message is about. */
  stepKey: string;
  channel: Channel;
  template: TemplateId;
  status: DeliveryStatus;
  history: { status: DeliveryStatus; at: string }[];
  /** Letters: the day its print batch is posted (absent for letters sent before this was known). */
  postedOn?: IsoDate;
}

export interface PaymentRecord {
  dedupeKey: string;
  /** Negative for a chargeback: money the PSP took back. */
  amountCents: number;
  paidAt: string;
  source: 'psp' | 'manual' | 'chargeback';
  providerPaymentId?: string;
}

export interface Instalment {
  number: number;
  dueDate: IsoDate;
  /** The moment it falls due (policy time: compressed in the demo policy). */
  dueAt: string;
  amountCents: number;
  reminded: boolean;
  followedUp: boolean;
}

export interface PlanState {
  planNumber: number;
  /** Total paid on the invoice when the plan started: instalments are paid from what comes after. */
  paidAtStartCents: number;
  instalments: Instalment[];
  status: 'active' | 'kept' | 'broken';
  /** false until the debtor got the plan's confirmation; absent in plans agreed before confirmations. */
  confirmed?: boolean;
}

export interface DirectDebitCollection {
  number: number;
  amountCents: number;
  /** The day announced to the debtor in the pre-notification. */
  collectDate: IsoDate;
  /** When the collection is submitted to the PSP (policy time). */
  collectAt: string;
  providerPaymentId: string | null;
  /**
   * scheduled → pending (submitted) → paid | failed; skipped when nothing was left to collect;
   * charged_back when the debtor had a paid collection reversed at their bank.
   */
  outcome: 'scheduled' | 'pending' | 'paid' | 'failed' | 'skipped' | 'charged_back';
  /** When the PSP reported it paid: the chargeback window runs from here. */
  paidAt?: string;
  failureReason?: string;
}

/** Automatic collection on a SEPA mandate the debtor granted through a bank-authenticated first payment. */
export interface DirectDebitState {
  status: 'invited' | 'active' | 'ended';
  /** Day of the month the debtor chose (after their payday): fewer bounced collections. */
  collectionDay: number;
  invitations: number;
  checkoutUrl: string | null;
  mandate: { customerId: string; mandateId: string } | null;
  collections: DirectDebitCollection[];
  endReason: string | null;
  /**
   * Days of pre-notification the mandate terms shown to the debtor agree (the policy's `leadDays`).
   * Absent for invitations made before the terms stated a period: SEPA's 14 days apply to those.
   */
  agreedLeadDays?: number;
}

export interface DunningState {
  status: InvoiceStatus;
  /** The id of the ladder step sent last (a tenant's ladder names its own), or where the run stands. */
  stage: string;
  /** Index of the next ladder step to send. */
  nextStepIndex: number;
  lastStepAt: string | null;
  costsCents: number;
  costsVatCents: number;
  interestCents: number;
  /**
   * The day costs and interest were last brought up to date: interest is accrued up to it and payments
   * are allocated to costs, interest and principal (art. 6:44 BW). Absent in runs whose charges were
   * computed before allocation existed: their stated costs and interest are owed before any payment.
   */
  chargesAsOf?: IsoDate;
  /**
   * Small periodic claims: the most collection costs (VAT excluded) this term may bear, and the day they
   * fall due that this was decided for; `charged` once recorded against the debtor's other terms (before
   * that, the amount the 14-day letter states). Absent: no cap applies.
   */
  periodicCosts?: { owedOn: IsoDate; allowedCents: number; charged: boolean };
  /** Consumer: the 14-day letter's deadline; costs are due from the day after. */
  costDeadline: IsoDate | null;
  /**
   * Receipt-based cost deadlines and waiting out stated deadlines (patch `lawful-deadlines`); absent in
   * runs that started before them, which keep the old rules.
   */
  lawfulDeadlines?: boolean;
  /**
   * A payment request sent on or after the due date names a fresh pay-by day (patch
   * `fresh-payment-deadline`); absent in runs that started before, which named the past due date.
   */
  freshPaymentDeadline?: boolean;
  /**
   * Messages carry only the stable pay link, which mints a PSP checkout when followed, and the
   * workflow's actions are trimmed (patch `release-2026-12`); absent in runs that started before,
   * which mint a link for every step.
   */
  linkOnDemand?: boolean;
  /** The deadline the last ladder message named: the next step waits until it is over. */
  statedDeadline?: StatedDeadline | null;
  /**
   * The experiment arm's variation per ladder step that had one, so that a resend after a bounce
   * keeps the arm's channel order and template (patch `resend-keeps-variation`).
   */
  stepVariations?: Record<string, StepVariation>;
  payments: PaymentRecord[];
  messages: MessageRecord[];
  failedChannels: Channel[];
  engagedChannel: Channel | undefined;
  /** Step keys whose message failed and must go out again on the next channel. */
  pendingFallbacks: string[];
  pause: { reason: string; until: string | null } | null;
  dispute: { reason: string; openedAt: string } | null;
  promise: { date: IsoDate; resumeAt: string } | null;
  plan: PlanState | null;
  plansStarted: number;
  /** The PSP link minted for the last step; runs that mint links on demand (linkOnDemand) have none. */
  paymentLink: { url: string; amountCents: number; expiresAt: string } | null;
  nextAction: { kind: string; at: string } | null;
  debtor: DebtorSnapshot;
  cancelReason: string | null;
  /** Delivery reports that arrived before their message was recorded. */
  earlyDeliveries: DeliveryInput[];
  /** Absent in states carried over from before direct debit existed. */
  directDebit?: DirectDebitState | null;
  events: { at: string; kind: string; detail?: string }[];
}

/** One part of the claim: what was charged, what of it was paid, what is still open. */
export interface AmountPart {
  chargedCents: number;
  paidCents: number;
  outstandingCents: number;
}

export interface StatedDeadline {
  /** The date the message names (none for the 14-day letter: "14 days after receipt"). */
  date: IsoDate | null;
  /** The first moment the next ladder step may follow. */
  notBefore: string;
}

export interface Amounts {
  principalCents: number;
  /** Collection costs charged, VAT included. */
  costsCents: number;
  interestCents: number;
  paidCents: number;
  dueCents: number;
  /**
   * Paid beyond everything charged (e.g. costs withdrawn after the debtor paid them): the creditor owes
   * it back. Absent in statuses of workers from before it was shown.
   */
  overpaidCents?: number;
  /** Payments allocated to costs, then interest, then principal (art. 6:44 BW). */
  parts: { principal: AmountPart; costs: AmountPart; interest: AmountPart };
}

export interface DunningStatus {
  tenantId: string;
  invoiceId: string;
  status: InvoiceStatus;
  stage: DunningState['stage'];
  policyId: string;
  amounts: Amounts;
  currency: 'EUR';
  dueDate: IsoDate;
  nextAction: DunningState['nextAction'];
  /** The 14-day letter's deadline once its receipt is known; costs may follow from the day after. */
  costDeadline?: IsoDate | null;
  paymentUrl: string | null;
  messages: MessageRecord[];
  payments: PaymentRecord[];
  plan: PlanState | null;
  promise: DunningState['promise'];
  dispute: DunningState['dispute'];
  pause: DunningState['pause'];
  directDebit: DirectDebitState | null;
  events: DunningState['events'];
}

// ---- Update / signal payloads ----

export interface PaymentInput {
  dedupeKey: string;
  amountCents: number;
  paidAt: string;
  source: 'psp' | 'manual';
  /** The PSP's payment id: marks a direct debit collection as paid. */
  providerPaymentId?: string;
}
export interface PauseInput {
  reason: string;
  until?: string;
}
export interface PromiseInput {
  date: IsoDate;
}
export interface DisputeInput {
  reason: string;
}
export interface ResolveDisputeInput {
  outcome: 'upheld' | 'rejected';
}
export interface PlanInput {
  instalments: number;
}
export interface CancelInput {
  reason: string;
}
export interface DeliveryInput {
  messageId: string;
  status: DeliveryStatus;
  at: string;
}
export interface ContactInput {
  language?: Language;
  reachability?: Reachability;
  preferredChannel?: Channel | null;
  payday?: PaydayPattern | null;
}
export interface ChargebackInput {
  dedupeKey: string;
  providerPaymentId: string;
  /** What the PSP took back (positive). */
  amountCents: number;
  at: string;
}
export interface DirectDebitInput {
  /** Day of the month to collect on, 1–28 (every month has it). */
  collectionDay: number;
}
export interface MandateInput {
  customerId: string;
  mandateId: string;
}
export interface CollectionFailedInput {
  providerPaymentId: string;
  reason?: string;
}
export interface EndDirectDebitInput {
  reason: string;
}
