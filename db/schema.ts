// Settle's PostgreSQL schema. Temporal holds each invoice's live state; these tables hold what
// must be listed, audited and looked up outside a workflow (tenants, contact data, messages,
// payments, inbound webhooks) and a mirror of each invoice for listing and after it closes.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { Amounts, DirectDebitState } from '../workflows/dunning-types.js';
import type { ArmConfig, ExperimentGoal } from '../workflows/policy/experiments.js';
import type { DunningPolicy } from '../workflows/policy/ladder.js';
import type { Brand } from './brand.js';
import type { TenantSettings } from './tenant-settings.js';

/** Money in euro cents: 64-bit, read as a JS number (exact up to 2^53 cents). */
const cents = (name: string) => bigint(name, { mode: 'number' });

/** Binary data (a letter's PDF), read as a Buffer: a third smaller than base64 text. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const tenants = pgTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  brand: jsonb('brand').$type<Brand>().notNull(),
  settings: jsonb('settings').$type<TenantSettings>().notNull().default({}),
  createdAt: createdAt(),
});

export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => tenants.id),
  /** sha256 of the key; the key itself is shown once and never stored. */
  keyHash: text('key_hash').notNull().unique(),
  label: text('label').notNull(),
  createdAt: createdAt(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

export const debtors = pgTable(
  'debtors',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    id: text('id').notNull(),
    type: text('type').$type<'consumer' | 'business'>().notNull(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    whatsappOptIn: boolean('whatsapp_opt_in').notNull().default(false),
    language: text('language').notNull().default('nl'),
    address: jsonb('address').$type<DebtorAddress>(),
    preferredChannel: text('preferred_channel'),
    payday: jsonb('payday'),
    /** The debtor's account in the creditor's app: only such debtors are reachable by app. */
    appUserId: text('app_user_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export interface DebtorAddress {
  line1: string;
  line2?: string;
  postalCode: string;
  city: string;
  country: string;
}

/** A reversed payment (chargeback) that reopened collection of its amount after the invoice had closed. */
export interface ReopenedCollection {
  paymentId: string;
  amountCents: number;
  reopenedAt: string;
  /** The workflow run that collects the reversed amount. */
  runId: string;
  /** What the reversal put back on the claim, part by part (art. 6:44 BW); absent in older entries. */
  owed?: { principalCents: number; costsCents: number; interestCents: number };
}

export const invoices = pgTable(
  'invoices',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    invoiceId: text('invoice_id').notNull(),
    debtorId: text('debtor_id').notNull(),
    workflowId: text('workflow_id').notNull().unique(),
    /** Hash of the creating request: the same request again is a no-op, a different one a conflict. */
    requestHash: text('request_hash').notNull(),
    amountCents: cents('amount_cents').notNull(),
    currency: text('currency').notNull(),
    issueDate: date('issue_date').notNull(),
    dueDate: date('due_date').notNull(),
    description: text('description'),
    policyId: text('policy_id').notNull(),
    /** The tenant policy's version the invoice took (tenant_policies); null: a shipped policy. */
    policyVersion: integer('policy_version'),
    /** A term of a continuing contract (rent, subscription): small ones share one term's collection costs. */
    periodic: boolean('periodic').notNull().default(false),
    /** Small periodic claims: the day the costs charged under the cap fell due, and how much (VAT excluded). */
    periodicCostsOwedOn: date('periodic_costs_owed_on'),
    periodicCostsCents: cents('periodic_costs_cents'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>(),
    status: text('status').notNull().default('open'),
    stage: text('stage').notNull().default('created'),
    amountDueCents: cents('amount_due_cents').notNull(),
    paidCents: cents('paid_cents').notNull().default(0),
    costsCents: cents('costs_cents').notNull().default(0),
    interestCents: cents('interest_cents').notNull().default(0),
    /** Payments allocated to principal, costs and interest; null in rows written before allocation. */
    amountParts: jsonb('amount_parts').$type<Amounts['parts']>(),
    nextActionAt: timestamp('next_action_at', { withTimezone: true }),
    /** The kind of the planned step (e.g. `reminder-1`, `wait-for-payday`), as the workflow names it. */
    nextAction: text('next_action'),
    /** The version of the workflow's last write: older writes are ignored (see updateInvoiceMirror). */
    mirrorVersion: bigint('mirror_version', { mode: 'number' }).notNull().default(0),
    paymentUrl: text('payment_url'),
    directDebit: jsonb('direct_debit').$type<DirectDebitState>(),
    /** Collections reopened by a reversal after the workflow had completed (a new run of the same id). */
    reopenedCollections: jsonb('reopened_collections').$type<ReopenedCollection[]>().notNull().default([]),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.invoiceId] }),
    index('invoices_tenant_status').on(t.tenantId, t.status, t.invoiceId),
    index('invoices_tenant_debtor').on(t.tenantId, t.debtorId),
    index('invoices_tenant_policy')
      .on(t.tenantId, t.policyId, t.policyVersion)
      .where(sql`policy_version is not null`),
    index('invoices_periodic_costs')
      .on(t.tenantId, t.debtorId, t.periodicCostsOwedOn)
      .where(sql`periodic_costs_owed_on is not null`),
  ],
);

/**
 * `provider` columns hold the real name of the provider that served the row (providers/registry.ts;
 * `<name>-sandbox` for the sandbox's stand-in), never the mode it ran in (migration 0015).
 */
function providerNamed(table: string, column: AnyPgColumn) {
  return check(`${table}_provider_named`, sql`${column} NOT IN ('live', 'sandbox')`);
}

export const paymentLinks = pgTable(
  'payment_links',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: text('tenant_id').notNull(),
    invoiceId: text('invoice_id').notNull(),
    provider: text('provider').notNull(),
    providerLinkId: text('provider_link_id').notNull().unique(),
    url: text('url').notNull(),
    amountCents: cents('amount_cents').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    createdAt: createdAt(),
  },
  (t) => [
    // An invoice's links: where a payment that does not name its link is looked for.
    index('payment_links_invoice').on(t.tenantId, t.invoiceId),
    providerNamed('payment_links', t.provider),
  ],
);

export const payments = pgTable(
  'payments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: text('tenant_id').notNull(),
    invoiceId: text('invoice_id').notNull(),
    source: text('source').$type<'psp' | 'manual' | 'chargeback'>().notNull(),
    /** PSP payment id, or the caller's reference / request key for manual payments: dedupes. */
    dedupeKey: text('dedupe_key').notNull(),
    amountCents: cents('amount_cents').notNull(),
    currency: text('currency').notNull(),
    paidAt: timestamp('paid_at', { withTimezone: true }).notNull(),
    reference: text('reference'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('payments_dedupe').on(t.tenantId, t.invoiceId, t.dedupeKey),
    // A PSP payment is money received once: it is credited to one invoice of one tenant only.
    // (Its chargeback reuses the payment id under source 'chargeback', on that same invoice.)
    uniqueIndex('payments_psp_once').on(t.dedupeKey).where(sql`source = 'psp'`),
  ],
);

export interface StatusChange {
  status: string;
  /** When it happened, as precise as its source: Settle's own to the millisecond, SendGrid's whole seconds. */
  at: string;
  detail?: string;
  /** Received order within the message (0 = queued); absent in entries stored before it was kept. */
  seq?: number;
}

export const communications = pgTable(
  'communications',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    invoiceId: text('invoice_id').notNull(),
    workflowId: text('workflow_id').notNull(),
    step: text('step').notNull(),
    channel: text('channel').notNull(),
    template: text('template').notNull(),
    language: text('language').notNull(),
    provider: text('provider').notNull(),
    providerMessageId: text('provider_message_id'),
    status: text('status').notNull(),
    statusHistory: jsonb('status_history').$type<StatusChange[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('communications_invoice').on(t.tenantId, t.invoiceId),
    index('communications_provider_message').on(t.providerMessageId),
    providerNamed('communications', t.provider),
  ],
);

/**
 * Each message as it was handed to its provider, whatever the provider (SendGrid, MessageBird, the
 * print spool, the app, the sandbox): the console shows what the debtor saw from this, never a
 * re-rendering, which an edited template or changed contact data would falsify. Personal data: it
 * names the debtor, their address and amounts, so only roles that see contact data read it.
 */
export const messageCopies = pgTable('message_copies', {
  messageId: text('message_id')
    .primaryKey()
    .references(() => communications.id, { onDelete: 'cascade' }),
  tenantId: text('tenant_id').notNull(),
  /** The address it went to: an email address, a phone number, an app user, a postal address on one line. */
  recipient: text('recipient').notNull(),
  /** The email's subject, the app notification's title. */
  subject: text('subject'),
  text: text('text').notNull(),
  html: text('html'),
  pdf: bytea('pdf'),
  /** WhatsApp: the approved template's name and its parameters, in order. */
  whatsappTemplate: jsonb('whatsapp_template').$type<{ name: string; params: string[] }>(),
  /** The tenant's template version it was rendered from; null: the shipped text. */
  templateVersion: integer('template_version'),
  /** The tenant's version that could not render for this message, so the shipped text went out instead. */
  unsendableVersion: integer('unsendable_version'),
  composedAt: timestamp('composed_at', { withTimezone: true }).notNull().defaultNow(),
});

export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    provider: text('provider').notNull(),
    providerEventId: text('provider_event_id').notNull(),
    rawBody: text('raw_body').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    state: text('state')
      .$type<'received' | 'processed' | 'ignored' | 'failed'>()
      .notNull()
      .default('received'),
    attempts: integer('attempts').notNull().default(0),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    error: text('error'),
  },
  (t) => [
    uniqueIndex('webhook_events_provider_event').on(t.provider, t.providerEventId),
    index('webhook_events_pending').on(t.state).where(sql`state = 'received'`),
  ],
);

export const paymentPlans = pgTable('payment_plans', {
  id: text('id').primaryKey(),
  tenantId: text('tenant_id').notNull(),
  invoiceId: text('invoice_id').notNull(),
  instalments: integer('instalments').notNull(),
  totalCents: cents('total_cents').notNull(),
  status: text('status').$type<'active' | 'kept' | 'broken'>().notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const planInstalments = pgTable(
  'plan_instalments',
  {
    planId: text('plan_id')
      .notNull()
      .references(() => paymentPlans.id),
    number: integer('number').notNull(),
    dueDate: date('due_date').notNull(),
    amountCents: cents('amount_cents').notNull(),
    status: text('status').$type<'open' | 'paid' | 'missed'>().notNull().default('open'),
  },
  (t) => [primaryKey({ columns: [t.planId, t.number] })],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: text('tenant_id').notNull(),
    invoiceId: text('invoice_id'),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    /** Idempotency: a workflow step's audit entry is written once however often it is retried. */
    dedupeKey: text('dedupe_key').unique(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_log_invoice').on(t.tenantId, t.invoiceId, t.at),
    index('audit_log_template_fallbacks').on(t.at).where(sql`action = 'template-override-failed'`),
  ],
);

/**
 * The workflow's events (which step, channel, amounts, reasons) as its syncs carried them: the timeline
 * reads them, so a closed invoice's timeline is as rich as a running one's. `eventKey` dedupes the
 * overlapping snapshots of successive syncs.
 */
export const invoiceEvents = pgTable(
  'invoice_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    tenantId: text('tenant_id').notNull(),
    invoiceId: text('invoice_id').notNull(),
    workflowId: text('workflow_id').notNull(),
    eventKey: text('event_key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    detail: text('detail'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('invoice_events_key').on(t.eventKey),
    index('invoice_events_invoice').on(t.tenantId, t.invoiceId, t.at, t.id),
  ],
);

/**
 * A call-back request or dispute a debtor raised on the self-service page. `message` is the debtor's
 * own text: stored for the creditor, never logged. The notify_* columns are the signed webhook that
 * tells the creditor (an outbox: due, attempts, delivered, last failure).
 */
export const debtorRequests = pgTable(
  'debtor_requests',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    invoiceId: text('invoice_id').notNull(),
    kind: text('kind').$type<'callback' | 'dispute'>().notNull(),
    status: text('status').$type<'open' | 'resolved'>().notNull().default('open'),
    message: text('message').notNull(),
    createdAt: createdAt(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    notifyDueAt: timestamp('notify_due_at', { withTimezone: true }),
    notifyAttempts: integer('notify_attempts').notNull().default(0),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    notifyError: text('notify_error'),
  },
  (t) => [
    index('debtor_requests_tenant_status').on(t.tenantId, t.status, t.id),
    index('debtor_requests_invoice').on(t.tenantId, t.invoiceId),
    index('debtor_requests_notify_due').on(t.notifyDueAt).where(sql`notify_due_at is not null`),
  ],
);

export const templateOverrides = pgTable(
  'template_overrides',
  {
    tenantId: text('tenant_id').notNull(),
    templateId: text('template_id').notNull(),
    channel: text('channel').notNull(),
    language: text('language').notNull(),
    version: integer('version').notNull(),
    /** The tenant's texts; null: this version went back to the shipped text. */
    content: jsonb('content').$type<Record<string, string | string[]>>(),
    /** The earlier version this one restored, if it was a restore. */
    restoredFrom: integer('restored_from'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.templateId, t.channel, t.language, t.version] })],
);

/** Sandbox providers keep their state here so the worker and the API share it. */
/** The PSP's customer per debtor: one mandate serves all of a debtor's invoices. */
export const pspCustomers = pgTable(
  'psp_customers',
  {
    tenantId: text('tenant_id').notNull(),
    debtorId: text('debtor_id').notNull(),
    provider: text('provider').notNull(),
    providerCustomerId: text('provider_customer_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.debtorId, t.provider] }),
    // Looked up from a payment's customer to its debtor; one customer belongs to one debtor.
    uniqueIndex('psp_customers_provider_customer').on(t.providerCustomerId),
    providerNamed('psp_customers', t.provider),
  ],
);

export const sandboxPayments = pgTable('sandbox_payments', {
  id: text('id').primaryKey(),
  kind: text('kind').$type<'link' | 'payment'>().notNull(),
  linkId: text('link_id'),
  idempotencyKey: text('idempotency_key').unique(),
  amountCents: cents('amount_cents').notNull(),
  currency: text('currency').notNull(),
  description: text('description').notNull(),
  status: text('status').notNull(),
  redirectUrl: text('redirect_url').notNull(),
  webhookUrl: text('webhook_url').notNull(),
  metadata: jsonb('metadata').$type<Record<string, string>>(),
  expiresAt: timestamp('expires_at', { withTimezone: true }),
  paidAt: timestamp('paid_at', { withTimezone: true }),
  /** Direct debit: `first` payments leave a mandate, `recurring` ones collect on it. */
  sequenceType: text('sequence_type').$type<'oneoff' | 'first' | 'recurring'>(),
  customerId: text('customer_id'),
  mandateId: text('mandate_id'),
  failureReason: text('failure_reason'),
  createdAt: createdAt(),
});

export const sandboxCustomers = pgTable('sandbox_customers', {
  id: text('id').primaryKey(),
  idempotencyKey: text('idempotency_key').notNull().unique(),
  metadata: jsonb('metadata').$type<Record<string, string>>(),
  createdAt: createdAt(),
});

export const sandboxMandates = pgTable(
  'sandbox_mandates',
  {
    id: text('id').primaryKey(),
    customerId: text('customer_id').notNull(),
    status: text('status').$type<'valid' | 'invalid'>().notNull(),
    /** Chosen at the sandbox checkout: whether collections on this mandate succeed or bounce. */
    collectionOutcome: text('collection_outcome').$type<'paid' | 'failed'>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sandbox_mandates_customer').on(t.customerId)],
);

export const sandboxMessages = pgTable(
  'sandbox_messages',
  {
    id: text('id').primaryKey(),
    idempotencyKey: text('idempotency_key').notNull().unique(),
    channel: text('channel').notNull(),
    recipient: text('recipient').notNull(),
    tenantId: text('tenant_id').notNull(),
    invoiceId: text('invoice_id').notNull(),
    messageId: text('message_id').notNull(),
    template: text('template').notNull(),
    subject: text('subject'),
    text: text('text').notNull(),
    html: text('html'),
    pdf: text('pdf_base64'),
    links: jsonb('links').$type<string[]>().notNull(),
    deliveryStatus: text('delivery_status').notNull(),
    /**
     * The message's signed delivery report (SendGrid events, MessageBird report), stored with the
     * message so that no process's death can lose it: the base URL whose webhooks receive it, when
     * the next attempt is due (null: nothing (more) to report; while an attempt runs, the end of its
     * lease), attempts so far, when a webhook accepted it, and the last failure.
     */
    reportEndpoint: text('report_endpoint'),
    reportDueAt: timestamp('report_due_at', { withTimezone: true }),
    reportAttempts: integer('report_attempts').notNull().default(0),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    reportError: text('report_error'),
    createdAt: createdAt(),
  },
  (t) => [
    index('sandbox_messages_reports_due')
      .on(t.reportEndpoint, t.reportDueAt)
      .where(sql`report_due_at is not null`),
  ],
);

/** A batch of invoices accepted by POST /v1/invoice-batches; an identical repeat finds it by its hash. */
export const invoiceBatches = pgTable(
  'invoice_batches',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    contentHash: text('content_hash').notNull(),
    format: text('format').$type<'json' | 'ndjson' | 'csv'>().notNull(),
    total: integer('total').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('invoice_batches_content').on(t.tenantId, t.contentHash)],
);

export type BatchLineState = 'pending' | 'starting' | 'created' | 'repeated' | 'failed';

/**
 * One invoice of a batch, and its own outbox row: `request` (the create request, with the debtor's
 * contact data) is kept only until the line was started; `errors` say why a line failed.
 */
export const invoiceBatchLines = pgTable(
  'invoice_batch_lines',
  {
    batchId: text('batch_id')
      .notNull()
      .references(() => invoiceBatches.id),
    line: integer('line').notNull(),
    tenantId: text('tenant_id').notNull(),
    invoiceId: text('invoice_id'),
    state: text('state').$type<BatchLineState>().notNull(),
    request: jsonb('request'),
    errors: jsonb('errors').$type<{ field: string; message: string }[]>(),
    attempts: integer('attempts').notNull().default(0),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.batchId, t.line] }),
    index('invoice_batch_lines_due').on(t.dueAt).where(sql`state in ('pending', 'starting')`),
  ],
);

/**
 * A debtor's past payment at this creditor, imported by an upstream system (migration 0019): the
 * learned payday (workflows/policy/learned-payday.ts) reads these with Settle's own payments.
 */
export const debtorPaymentHistory = pgTable(
  'debtor_payment_history',
  {
    tenantId: text('tenant_id').notNull(),
    debtorId: text('debtor_id').notNull(),
    /** The importer's id of the payment: a repeated import stores it once. */
    externalId: text('external_id').notNull(),
    paidOn: date('paid_on', { mode: 'string' }).notNull(),
    amountCents: cents('amount_cents'),
    source: text('source').$type<'import' | 'settle'>().notNull().default('import'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('debtor_payment_history_external').on(t.tenantId, t.debtorId, t.externalId)],
);

/** An experiment on one step of a tenant's ladder (policy/experiments.ts): arms against a random holdout. */
export const experiments = pgTable(
  'experiments',
  {
    tenantId: text('tenant_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    /** Only invoices on this policy; null: any policy that has the step. */
    policyId: text('policy_id'),
    /** The step by id, or every step of a kind (exactly one is set). */
    stepId: text('step_id'),
    stepKind: text('step_kind'),
    goal: jsonb('goal').$type<ExperimentGoal>().notNull(),
    holdoutShare: doublePrecision('holdout_share').notNull().default(0.1),
    status: text('status').$type<'draft' | 'running' | 'stopped'>().notNull().default('running'),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const experimentArms = pgTable(
  'experiment_arms',
  {
    tenantId: text('tenant_id').notNull(),
    experimentId: text('experiment_id').notNull(),
    key: text('key').notNull(),
    kind: text('kind').$type<ArmConfig['kind']>().notNull(),
    config: jsonb('config').$type<ArmConfig>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.experimentId, t.key] })],
);

/** One per (experiment, invoice): the arm's key, or 'holdout'. */
export const experimentAssignments = pgTable(
  'experiment_assignments',
  {
    tenantId: text('tenant_id').notNull(),
    experimentId: text('experiment_id').notNull(),
    invoiceId: text('invoice_id').notNull(),
    arm: text('arm').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.experimentId, t.invoiceId] })],
);

export const CONSOLE_ROLES = ['viewer', 'collector', 'admin'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

/** A tenant's user of the console (migration 0021): one email across all tenants. */
export const consoleUsers = pgTable(
  'console_users',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    email: text('email').notNull(),
    /** `scrypt$N$r$p$salt$hash` (api/console/passwords.ts); never the password. */
    passwordHash: text('password_hash').notNull(),
    role: text('role').$type<ConsoleRole>().notNull(),
    /** The user's own choice of console language; absent: the browser's Accept-Language. */
    language: text('language').$type<'nl' | 'en'>(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('console_users_email').on(sql`lower(${t.email})`)],
);

/** A signed-in console session: the cookie's token is stored as its sha256 only. */
export const consoleSessions = pgTable(
  'console_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => consoleUsers.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('console_sessions_user').on(t.userId)],
);

/** A tenant's own dunning policy (migration 0022): every save is a new version, never changed after. */
export const tenantPolicies = pgTable(
  'tenant_policies',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    policyId: text('policy_id').notNull(),
    version: integer('version').notNull(),
    /** The whole policy as invoices snapshot it, its id and version included. */
    definition: jsonb('definition').$type<DunningPolicy>().notNull(),
    /** Who saved it: a console user's email or `api-key:<id>`. */
    createdBy: text('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ name: 'tenant_policies_pk', columns: [t.tenantId, t.policyId, t.version] })],
);

/** The policy new invoices of a debtor segment start on, when the create names none (newest version). */
export const policyAssignments = pgTable(
  'policy_assignments',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.id),
    segment: text('segment').$type<'consumer' | 'business'>().notNull(),
    policyId: text('policy_id').notNull(),
    assignedBy: text('assigned_by').notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'policy_assignments_pk', columns: [t.tenantId, t.segment] })],
);
