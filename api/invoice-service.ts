// Starting and steering invoices: the database row and the workflow, kept consistent and idempotent.
import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowIdConflictPolicy,
  WorkflowIdReusePolicy,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
} from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { type PublicUrls, selfServiceUrl } from '../activities/self-service-link.js';
import type { Database } from '../db/client.js';
import { type DebtorRow, type DebtorValues, getDebtor, reachabilityOf } from '../db/queries/debtors.js';
import {
  getInvoice,
  type InvoiceRow,
  insertNewInvoice,
  invoiceMirrorOf,
  isReopenedBy,
  openInvoicesOfDebtor,
  recordReopenedCollection,
} from '../db/queries/invoices.js';
import { paymentsOfInvoice } from '../db/queries/payments.js';
import { policyOfInvoice } from '../db/queries/tenant-policies.js';
import { getTenant } from '../db/queries/tenants.js';
import { REFUSAL_TYPES, refusalOf } from '../workflows/commands/refusal.js';
import {
  DUNNING_WORKFLOW_TYPE,
  dunningWorkflowId,
  projectionQuery,
  recordChargebackUpdate,
  SEARCH_ATTRIBUTES,
  statusQuery,
} from '../workflows/definitions.js';
import type { Channel, Language, PaydayPattern } from '../workflows/domain.js';
import { today } from '../workflows/dunning-logic.js';
import type { DunningInput, DunningStatus, WorkflowProjection } from '../workflows/dunning-types.js';
import { addDays } from '../workflows/policy/calendar.js';
import { type DunningPolicy, defaultPolicyId } from '../workflows/policy/ladder.js';
import { type ClosedCharges, reopenedSplit, splitCostsVat } from '../workflows/policy/reopened-claim.js';
import { firstSnapshot } from '../workflows/snapshot.js';
import { notifyContactChange } from './contact-change.js';
import { learnedPaydayOf } from './learned-timing.js';
import { policyForNewInvoice } from './policy-choice.js';
import { conflict, notFound, type Problem, refused, unprocessable } from './problem.js';
import { type TenantFactsSource, type TenantRow, uncachedTenantFacts } from './tenant-facts.js';
import { isClosedWorkflow } from './workflow-errors.js';

const LIVE_STATUS_DEADLINE_MS = 2000;
/** A reopened collection asks for the reversed amount within 14 days, then the policy's ladder follows. */
const REOPENED_PAYMENT_TERM_DAYS = 14;

export interface InvoiceServiceDeps {
  db: Database;
  temporal: Client;
  taskQueue: string;
  urls: PublicUrls;
  appChannelConfigured: boolean;
  /**
   * The clock the first snapshot's next action is decided by (default the system's): the one the
   * workflow runs on, so that its first decision matches the stored one and needs no sync of its own.
   */
  now?: () => Date;
  /** The tenant's row and running experiments, for creates (default: read from the database each time). */
  tenantFacts?: TenantFactsSource;
}

export interface CreateInvoiceRequest {
  invoiceId: string;
  debtor: {
    id: string;
    type: 'consumer' | 'business';
    name: string;
    email?: string;
    phone?: string;
    whatsappOptIn?: boolean;
    appUserId?: string;
    language?: Language;
    address?: { line1: string; line2?: string; postalCode: string; city: string; country: string };
    preferredChannel?: Channel;
    payday?: PaydayPattern;
  };
  amountCents: number;
  currency: 'EUR';
  issueDate: string;
  dueDate: string;
  description?: string;
  /** Absent: the policy the tenant assigned to the debtor's segment, else the segment's shipped default. */
  policyId?: string;
  metadata?: Record<string, unknown>;
  /** A term of a continuing contract: small ones share one term's collection costs. */
  periodic?: boolean;
}

export function requestHash(request: CreateInvoiceRequest): string {
  // Hashed as before policies could be assigned: an absent policy as the shipped default, so that a
  // repeat matches whatever the segment's assignment has become since.
  const named = { ...request, policyId: request.policyId ?? defaultPolicyId(request.debtor.type) };
  const canonical = JSON.stringify(named, (_key, value) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
      : value,
  );
  return createHash('sha256').update(canonical).digest('hex');
}

/** What a workflow's input takes of the debtor: a stored row, or the values a create is about to store. */
type DebtorFacts = Pick<
  DebtorRow,
  | 'id'
  | 'type'
  | 'language'
  | 'preferredChannel'
  | 'payday'
  | 'email'
  | 'phone'
  | 'whatsappOptIn'
  | 'address'
  | 'appUserId'
>;

function debtorValues(tenantId: string, debtor: CreateInvoiceRequest['debtor']): DebtorValues & DebtorFacts {
  return {
    tenantId,
    id: debtor.id,
    type: debtor.type,
    name: debtor.name,
    email: debtor.email ?? null,
    phone: debtor.phone ?? null,
    whatsappOptIn: debtor.whatsappOptIn ?? false,
    language: debtor.language ?? 'nl',
    address: debtor.address ?? null,
    preferredChannel: debtor.preferredChannel ?? null,
    payday: debtor.payday ?? null,
    appUserId: debtor.appUserId ?? null,
  };
}

/**
 * What a reversal after close did: only a paid claim with something left owed is collected again;
 * `joined`: a run was open again (another reversal had reopened it) and recorded this one too.
 */
export type ReopenOutcome = 'reopened' | 'joined' | 'already-reopened' | 'not-paid' | 'nothing-due';

/** A payment the PSP reversed after the invoice's run had completed: the chargeback as recorded. */
export interface Reversal {
  paymentId: string;
  /** What the PSP took back (positive). */
  amountCents: number;
  /** The chargeback's key in the ledger: the workflow records it once under this key. */
  dedupeKey: string;
  at: string;
}

/** What the closed run had charged, from its last mirror (rows from before the split: the totals). */
function closedCharges(row: InvoiceRow): ClosedCharges {
  return {
    principalCents: row.amountCents,
    costsCents: row.amountParts?.costs.chargedCents ?? row.costsCents,
    interestCents: row.amountParts?.interest.chargedCents ?? row.interestCents,
  };
}

export function createInvoiceService(deps: InvoiceServiceDeps) {
  const { db, temporal, taskQueue, urls } = deps;

  const tenantFacts = deps.tenantFacts ?? uncachedTenantFacts(db);

  /**
   * The creditor's payday wins; without one, a pattern learned from the debtor's payment history
   * (README "Learned payment timing"); without that, the segment's default in the workflow.
   */
  async function paydayOf(tenantId: string, debtor: DebtorFacts): Promise<PaydayPattern | undefined> {
    return (debtor.payday as PaydayPattern | null) ?? (await learnedPaydayOf(db, tenantId, debtor.id));
  }

  async function workflowInput(row: InvoiceRow): Promise<DunningInput> {
    const debtor = await getDebtor(db, row.tenantId, row.debtorId);
    const tenant = await getTenant(db, row.tenantId);
    if (!debtor || !tenant) throw new Error('invoice without debtor or tenant');
    const policy = await policyOfInvoice(db, row);
    if (!policy) throw new Error(`unknown policy ${row.policyId}`);
    return dunningInput(row, debtor, tenant, policy, await paydayOf(row.tenantId, debtor));
  }

  function dunningInput(
    row: Pick<InvoiceRow, 'tenantId' | 'invoiceId' | 'amountCents' | 'issueDate' | 'dueDate' | 'periodic'>,
    debtor: DebtorFacts,
    tenant: TenantRow,
    policy: DunningPolicy,
    payday: PaydayPattern | undefined,
  ): DunningInput {
    const input: DunningInput = {
      tenantId: row.tenantId,
      invoiceId: row.invoiceId,
      debtor: {
        id: debtor.id,
        segment: debtor.type,
        language: debtor.language as Language,
        reachability: reachabilityOf(debtor, deps.appChannelConfigured),
        ...(debtor.preferredChannel ? { preferredChannel: debtor.preferredChannel as Channel } : {}),
        ...(payday ? { payday } : {}),
      },
      principalCents: row.amountCents,
      currency: 'EUR',
      issueDate: row.issueDate,
      dueDate: row.dueDate,
      ...(row.periodic ? { periodic: true } : {}),
      ...(tenant.brand.collectionCostsVatPercent
        ? { collectionCostsVatPercent: tenant.brand.collectionCostsVatPercent }
        : {}),
      // The terms at the time of the invoice, not whatever the settings say when costs fall due.
      ...(debtor.type === 'business' && tenant.settings.businessCollectionCosts
        ? { businessCollectionCosts: tenant.settings.businessCollectionCosts }
        : {}),
      policy,
    };
    return input;
  }

  /**
   * Starts the invoice's workflow; one already running is kept. A closed one is started again only to
   * reopen collection (`reopenMemo`), never by a repeated create — also not after an operator closed it
   * in the Temporal UI. Returns the run id, or undefined when a closed run refused a new one.
   */
  async function startRun(
    row: InvoiceRow,
    input: DunningInput,
    reopenMemo?: Record<string, string>,
  ): Promise<string | undefined> {
    try {
      const handle = await temporal.workflow.start(DUNNING_WORKFLOW_TYPE, {
        taskQueue,
        workflowId: row.workflowId,
        args: [input],
        workflowIdConflictPolicy: WorkflowIdConflictPolicy.USE_EXISTING,
        workflowIdReusePolicy: reopenMemo
          ? WorkflowIdReusePolicy.ALLOW_DUPLICATE
          : WorkflowIdReusePolicy.REJECT_DUPLICATE,
        ...(reopenMemo ? { memo: reopenMemo } : {}),
        typedSearchAttributes: [
          { key: SEARCH_ATTRIBUTES.invoiceId, value: row.invoiceId },
          { key: SEARCH_ATTRIBUTES.debtorId, value: row.debtorId },
          { key: SEARCH_ATTRIBUTES.tenantId, value: row.tenantId },
          { key: SEARCH_ATTRIBUTES.stage, value: 'created' },
          { key: SEARCH_ATTRIBUTES.amountDueCents, value: row.amountCents },
          { key: SEARCH_ATTRIBUTES.dueDate, value: new Date(`${input.dueDate}T00:00:00Z`) },
        ],
      });
      return handle.firstExecutionRunId;
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return undefined;
      throw error;
    }
  }

  async function startWorkflow(row: InvoiceRow): Promise<void> {
    await startRun(row, await workflowInput(row));
  }

  /**
   * Tells the invoice's running workflow of a reversal; false when no run is open. Once per payment:
   * the update id is the chargeback's key, and the workflow records a key once.
   */
  async function tellChargeback(row: InvoiceRow, reversal: Reversal): Promise<boolean> {
    try {
      await temporal.workflow.getHandle(row.workflowId).executeUpdate(recordChargebackUpdate, {
        args: [
          {
            dedupeKey: reversal.dedupeKey,
            providerPaymentId: reversal.paymentId,
            amountCents: reversal.amountCents,
            at: reversal.at,
          },
        ],
        updateId: reversal.dedupeKey,
      });
      return true;
    } catch (error) {
      if (isClosedWorkflow(error)) return false;
      throw error;
    }
  }

  /**
   * A payment reversed after the invoice's workflow completed (a SEPA refund for an unauthorised debit
   * can come 13 months later): a new run of the same workflow id collects what the reversal put back
   * on the claim, from the invoice's ledger with a fresh payment term, so payments, actions and
   * webhooks reach it as before. It carries the closed run's costs and interest (never charging the
   * costs again); what of the reversed amount is costs, interest or principal follows art. 6:44 BW
   * (policy/reopened-claim.ts). Once per reversed payment: the invoice row records it (after the start,
   * so a retry after a crash finds the run still running and keeps it). A run already open again (a
   * second reversal, or one racing this one) is told of this reversal instead.
   */
  async function reopenAfterReversal(row: InvoiceRow, reversal: Reversal): Promise<ReopenOutcome> {
    if (isReopenedBy(row, reversal.paymentId)) return 'already-reopened';
    if (row.closedAt === null && (await tellChargeback(row, reversal))) return 'joined';
    // Only a paid claim is collected again: a cancelled (withdrawn, dispute upheld) claim stays
    // withdrawn, and a handed-over one is the agency's to collect.
    if (row.status !== 'paid') return 'not-paid';
    const ledger = await paymentsOfInvoice(db, row.tenantId, row.invoiceId);
    const netPaid = ledger.reduce((sum, p) => sum + p.amountCents, 0);
    const charges = closedCharges(row);
    const owed = reopenedSplit(charges, netPaid);
    if (owed.dueCents <= 0) return 'nothing-due';
    const base = await workflowInput(row);
    const costs = splitCostsVat(charges.costsCents, base.collectionCostsVatPercent);
    const input: DunningInput = {
      ...base,
      dueDate: addDays(today(new Date()), REOPENED_PAYMENT_TERM_DAYS),
      reopened: {
        byPaymentId: reversal.paymentId,
        payments: ledger.map((p) => ({
          dedupeKey: p.dedupeKey,
          amountCents: p.amountCents,
          paidAt: p.paidAt.toISOString(),
          source: p.source,
          ...(p.reference && p.source !== 'manual' ? { providerPaymentId: p.reference } : {}),
        })),
        charges: {
          costsCents: costs.costsCents,
          costsVatCents: costs.vatCents,
          interestCents: charges.interestCents,
        },
      },
    };
    const runId = await startRun(row, input, { reopenedByPayment: reversal.paymentId });
    if (!runId) throw new Error(`could not reopen ${row.workflowId}`);
    // The start keeps a run another reversal started a moment ago, from a ledger perhaps without this
    // one: tell it (a run started from this ledger already holds the key and changes nothing).
    if (!(await tellChargeback(row, reversal))) throw new Error(`reopened run of ${row.workflowId} closed`);
    await recordReopenedCollection(db, row, {
      paymentId: reversal.paymentId,
      amountCents: reversal.amountCents,
      reopenedAt: new Date().toISOString(),
      runId,
      owed: {
        principalCents: owed.principalCents,
        costsCents: owed.costsCents,
        interestCents: owed.interestCents,
      },
    });
    return 'reopened';
  }

  /** Live status, or undefined when the workflow has closed or cannot be reached. */
  async function liveStatus(row: InvoiceRow): Promise<DunningStatus | undefined> {
    if (row.closedAt) return undefined;
    try {
      // A query waits for a worker: without one, answer from the database copy instead of hanging.
      return await temporal.connection.withDeadline(Date.now() + LIVE_STATUS_DEADLINE_MS, () =>
        temporal.workflow.getHandle(row.workflowId).query(statusQuery),
      );
    } catch {
      return undefined;
    }
  }

  /** The workflow's input and state for projections, or undefined when it closed or cannot be reached. */
  async function liveProjection(row: InvoiceRow): Promise<WorkflowProjection | undefined> {
    if (row.closedAt) return undefined;
    try {
      return await temporal.connection.withDeadline(Date.now() + LIVE_STATUS_DEADLINE_MS, () =>
        temporal.workflow.getHandle(row.workflowId).query(projectionQuery),
      );
    } catch {
      return undefined;
    }
  }

  async function requireInvoice(tenantId: string, invoiceId: string): Promise<InvoiceRow> {
    const row = await getInvoice(db, tenantId, invoiceId);
    if (!row) throw notFound(`invoice ${invoiceId}`);
    return row;
  }

  /** Runs a workflow update (an invoice action); refusals and closed invoices become 422 problems. */
  async function executeUpdate<A extends unknown[]>(
    row: InvoiceRow,
    update: UpdateDefinition<DunningStatus, A>,
    args: A,
    updateId?: string,
  ): Promise<DunningStatus> {
    try {
      const handle = temporal.workflow.getHandle(row.workflowId);
      // The SDK's overloads cannot see through the generic argument tuple.
      const status = (await handle.executeUpdate(
        update as unknown as UpdateDefinition<DunningStatus, [unknown]>,
        { args: args as unknown as [unknown], ...(updateId ? { updateId } : {}) },
      )) as DunningStatus;
      // The update answers with the state its handler left; the workflow decides what comes next
      // (nextAction) only after that. Ask again so the answer is not stale; if it closed, keep it.
      return (await handle.query(statusQuery).catch(() => undefined)) ?? status;
    } catch (error) {
      throw updateProblem(error) ?? error;
    }
  }

  /** Tells every open invoice of the debtor that its contact data changed; returns how many. */
  async function contactChanged(debtor: DebtorRow): Promise<number> {
    const open = await openInvoicesOfDebtor(db, debtor.tenantId, debtor.id);
    if (open.length === 0) return 0;
    const learned = debtor.payday ? undefined : await learnedPaydayOf(db, debtor.tenantId, debtor.id);
    await notifyContactChange(temporal, debtor, open, deps.appChannelConfigured, learned);
    return open.length;
  }

  return {
    selfServiceUrl: (row: InvoiceRow) => selfServiceUrl(urls, row.tenantId, row.invoiceId),
    liveStatus,
    liveProjection,
    requireInvoice,
    executeUpdate,
    contactChanged,
    reopenAfterReversal,

    /** 201 for a new invoice, 200 for the identical request repeated, 409 for a different one. */
    async create(
      tenantId: string,
      request: CreateInvoiceRequest,
    ): Promise<{ row: InvoiceRow; created: boolean }> {
      const { policy, tenantVersion } = await policyForNewInvoice(db, tenantId, request);
      const hash = requestHash(request);
      const facts = await tenantFacts.of(tenantId);
      if (!facts) throw new Error(`no tenant ${tenantId}`);
      // A new invoice is stored with the first snapshot its workflow would write (stage, next action,
      // amounts), so it reads right at once; the workflow, told what was stored, writes none of its
      // own when its first snapshot is the same (issue 15: no activity only to mirror state). All of
      // it comes from the request and the tenant: nothing is read back.
      const debtor = debtorValues(tenantId, request.debtor);
      const invoice = {
        tenantId,
        invoiceId: request.invoiceId,
        debtorId: request.debtor.id,
        workflowId: dunningWorkflowId(tenantId, request.invoiceId),
        requestHash: hash,
        amountCents: request.amountCents,
        currency: request.currency,
        issueDate: request.issueDate,
        dueDate: request.dueDate,
        description: request.description ?? null,
        policyId: policy.id,
        policyVersion: tenantVersion,
        metadata: request.metadata ?? null,
        periodic: request.periodic ?? false,
      };
      const input = dunningInput(invoice, debtor, facts.tenant, policy, await paydayOf(tenantId, debtor));
      const first = firstSnapshot(input, deps.now?.() ?? new Date(), invoice.workflowId);
      const result = await insertNewInvoice(db, {
        invoice: { ...invoice, ...invoiceMirrorOf(first.state, first.amounts, null) },
        debtor,
        // The audit trail's first entry, which the workflow's first sync wrote before it rode along here.
        audit: {
          tenantId,
          invoiceId: invoice.invoiceId,
          actor: 'workflow',
          action: 'started',
          dedupeKey: `${invoice.workflowId}:started`,
          detail: { status: first.state.status, stage: first.state.stage, dueCents: first.amounts.dueCents },
        },
      });
      if (!result.created && result.row.requestHash !== hash) {
        throw conflict(`invoice ${request.invoiceId} already exists with different content`);
      }
      // Also for a repeat: the first request may have stored the row and died before starting. An
      // invoice that has closed stays closed: the repeat answers with it as it is.
      if (result.row.closedAt === null) {
        if (result.created)
          await startRun(result.row, {
            ...input,
            initialSnapshot: { digest: first.digest, experimentTargets: facts.experimentTargets },
          });
        else await startWorkflow(result.row);
      }
      return result;
    },
  };
}

export type InvoiceService = ReturnType<typeof createInvoiceService>;

/** Maps a refused or impossible workflow update to the API's problem. */
export function updateProblem(error: unknown): Problem | undefined {
  if (error instanceof WorkflowNotFoundError) return refused({ code: 'ended' });
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const type = error.cause.type;
    if (type === REFUSAL_TYPES.notAllowed || type === REFUSAL_TYPES.invalid) {
      const refusal = refusalOf(error.cause);
      return refusal ? refused(refusal) : unprocessable(error.cause.message);
    }
  }
  const message = error instanceof Error ? error.message : '';
  if (/workflow execution already completed|already completed/i.test(message))
    return refused({ code: 'ended' });
  return undefined;
}
