// What the dunning workflow asks of the outside world. Workflows own this contract and
// activities/ implements it, so workflow code never imports activity code.
import type { Channel, IsoDate, TemplateId } from './domain.js';
import type { Amounts, DunningState } from './dunning-types.js';
import type { ArmConfig } from './policy/experiments.js';
import type { StepSnapshotRequest } from './snapshot.js';

/**
 * What the workflow names an invoice by. Its free-text description (it may hold personal data) never
 * travels through the history: activities read it from PostgreSQL when a provider needs it. Inputs in
 * histories recorded before carry a `description`; activities ignore it.
 */
export interface InvoiceRef {
  tenantId: string;
  invoiceId: string;
  workflowId: string;
}

export interface EnsurePaymentLinkInput extends InvoiceRef {
  /** workflow id + step: the same link on every retry of the same step. */
  idempotencyKey: string;
  amountCents: number;
  expiresAt: string;
}
export interface PaymentLinkResult {
  url: string;
  expiresAt: string;
}

export interface SendMessageInput extends InvoiceRef {
  idempotencyKey: string;
  /** When the workflow sent it: a letter goes into a print batch no earlier than this. */
  requestedAt?: string;
  debtorId: string;
  stepKey: string;
  channel: Channel;
  template: TemplateId;
  amounts: Amounts;
  dueDate: IsoDate;
  /** The 14-day letter's deadline and the exact costs that will be charged after it. */
  deadline?: IsoDate;
  collectionCostsCents?: number;
  collectionCostsVatCents?: number;
  instalment?: { number: number; of: number; amountCents: number; dueDate: IsoDate };
  /** Plan confirmation: how many instalments of how much, the first due when. */
  plan?: { instalments: number; instalmentAmountCents: number; firstDueDate: IsoDate };
  /**
   * Direct debit pre-notification: what will be collected, on which day, under which mandate (the PSP's
   * mandate id is the mandate reference the bank sees). The creditor identifier is a tenant setting.
   */
  collection?: { amountCents: number; date: IsoDate; mandateReference?: string };
  /** An experiment's template-variant arm: this saved override version of the template, if it exists for the channel and language. */
  templateVersion?: number;
  /**
   * A ladder step's message (sync-rides-along): once sent, the activity also writes Settle's records
   * of the state after the step, so no separate sync follows.
   */
  snapshot?: StepSnapshotRequest;
}
export interface SentMessage {
  messageId: string;
  channel: Channel;
  /** Letters: the day the print batch holding it is posted (the print house's posting schedule). */
  postedOn?: IsoDate;
  /** The tenant's override version could not be sent: the shipped text went out instead (audited). */
  overrideFallback?: { version: number };
  /** With a snapshot request: the moment the send was recorded, the step's moment (the same on a retry). */
  at?: string;
  /** With a snapshot request: the digest (snapshotDigest) of the records written for the state after the step. */
  synced?: string;
  /** With a snapshot request: what a sync answers (the tenant's running experiments), as of that write. */
  answer?: SyncAnswer;
}

export interface InvoiceSnapshot extends InvoiceRef {
  state: DunningState;
  amounts: Amounts;
  /** Why this snapshot is written; also the audit entry's action. */
  reason: string;
  /** Makes the audit entry idempotent across retries and replays. */
  auditKey: string;
  closed: boolean;
}

export interface InviteMandateInput extends InvoiceRef {
  debtorId: string;
  idempotencyKey: string;
  /** The first payment that leaves the mandate; it counts towards the invoice. */
  amountCents: number;
}
/** Either the debtor already has a usable mandate, or they must complete a first payment at the checkout. */
export type MandateInvitation =
  | { mandate: { customerId: string; mandateId: string }; checkoutUrl: null }
  | { mandate: null; checkoutUrl: string };

export interface CollectDirectDebitInput extends InvoiceRef {
  idempotencyKey: string;
  customerId: string;
  mandateId: string;
  amountCents: number;
}

/**
 * Small periodic claims (policy/periodic-costs.ts): what this term may still be charged, given the costs
 * charged under the cap on the debtor's other terms at this creditor.
 */
export interface PeriodicCostsInput extends InvoiceRef {
  debtorId: string;
  /** The day this term's costs fall due (for the 14-day letter: the day they would). */
  owedOn: IsoDate;
  /** What this term alone would owe, VAT excluded. */
  singleTermCents: number;
  /** Never more than this: what the 14-day letter stated. */
  limitCents?: number;
  /** true: the costs are charged now, record the grant; false: only ask (a notice states the amount). */
  charge: boolean;
}
export interface PeriodicCostsAllowance {
  /** VAT excluded. */
  allowedCents: number;
  /** What the debtor's other terms in the window bear. */
  alreadyChargedCents: number;
}

export interface HandOverInput extends InvoiceRef {
  amounts: Amounts;
  idempotencyKey: string;
  /** The moment of handover. */
  at: string;
  /**
   * The ladder's 14-day letter steps (kind `formal-notice`): their printed letters go into the file.
   * Absent in handovers scheduled before steps declared their kind: the built-in `formal-notice` step.
   */
  formalNoticeSteps?: string[];
}

export interface DunningActivities extends ExperimentActivities {
  ensurePaymentLink(input: EnsurePaymentLinkInput): Promise<PaymentLinkResult>;
  /** Throws a non-retryable `ChannelUnavailable` or `PermanentProviderError` failure when the channel cannot be used. */
  sendMessage(input: SendMessageInput): Promise<SentMessage>;
  /** Answers the tenant's running experiments while the invoice is open (none: nothing), so the workflow asks for an arm only where one runs. */
  syncInvoice(input: InvoiceSnapshot): Promise<SyncAnswer | undefined>;
  /**
   * Writes the handover file (claim split, contacts with delivery proof, the 14-day letter) and, when the
   * tenant's collection agency has an endpoint, posts it there signed.
   */
  handOver(input: HandOverInput): Promise<void>;
  /** Throws a non-retryable `DirectDebitUnavailable` failure when no direct debit provider is configured. */
  inviteMandate(input: InviteMandateInput): Promise<MandateInvitation>;
  /** Throws a non-retryable failure when the mandate can no longer be collected on. */
  collectDirectDebit(input: CollectDirectDebitInput): Promise<{ providerPaymentId: string }>;
  periodicCosts(input: PeriodicCostsInput): Promise<PeriodicCostsAllowance>;
}

/**
 * Failure types the workflow reacts to by trying the next channel. A `TemplateError` (the shipped
 * text cannot be rendered with this message's data) passes over the channel for that send only.
 */
export const CHANNEL_FAILURE_TYPES = [
  'ChannelUnavailable',
  'PermanentProviderError',
  'TemplateError',
] as const;

/** Direct debit cannot go on: no provider configured, or the PSP refused (mandate revoked, account closed). */
export const DIRECT_DEBIT_FAILURE_TYPES = ['DirectDebitUnavailable', 'PermanentProviderError'] as const;

/** Experiments (policy/experiments.ts): the step the workflow is about to take. */
export interface ExperimentArmInput extends InvoiceRef {
  policyId: string;
  stepId: string;
  stepKind: string;
}
/** Which steps a running experiment of the tenant covers (policy/experiments.ts experimentCovers). */
export interface ExperimentTarget {
  policyId: string | null;
  stepId: string | null;
  stepKind: string | null;
}
export interface SyncAnswer {
  experimentTargets: ExperimentTarget[];
}
/** The invoice's recorded assignment: an arm and what it changes, or the holdout (the default). */
export interface ExperimentAssignment {
  experimentId: string;
  arm: string;
  /** Absent for the holdout. */
  config?: ArmConfig;
}
export interface ExperimentActivities {
  /**
   * The running experiment on this step, if any: the invoice's assignment, drawn by Thompson sampling
   * from the outcomes stored so far and recorded once (a repeat answers the stored one). null: none runs.
   */
  assignExperimentArm(input: ExperimentArmInput): Promise<ExperimentAssignment | null>;
}
