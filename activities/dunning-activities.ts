// The dunning workflow's side effects. Built by a factory so workers pass real dependencies and
// tests pass their own; every effect is keyed by the workflow's idempotency key.
import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../db/client.js';
import { audit, TEMPLATE_OVERRIDE_FAILED } from '../db/queries/audit.js';
import {
  communicationsOfInvoice,
  getCommunication,
  insertQueuedCommunication,
  recordCommunicationStatus,
} from '../db/queries/communications.js';
import { getDebtor } from '../db/queries/debtors.js';
import { experimentTargetsOf } from '../db/queries/experiments.js';
import { recordInvoiceEvents } from '../db/queries/invoice-events.js';
import { getInvoice, invoiceMirrorOf, updateInvoiceMirror } from '../db/queries/invoices.js';
import { storeMessageCopy } from '../db/queries/message-copies.js';
import { paymentsOfInvoice } from '../db/queries/payments.js';
import { savePlan } from '../db/queries/plans.js';
import { pspCustomerId, savePspCustomerId } from '../db/queries/psp-customers.js';
import { getTenant } from '../db/queries/tenants.js';
import { PermanentProviderError } from '../providers/errors.js';
import type { Providers } from '../providers/runtime.js';
import type { DirectDebitProvider, FirstPaymentRequest } from '../providers/types.js';
import type {
  DunningActivities,
  InviteMandateInput,
  InvoiceRef,
  InvoiceSnapshot,
  MandateInvitation,
  SendMessageInput,
  SentMessage,
  SyncAnswer,
} from '../workflows/activity-contract.js';
import { amounts as amountsOf, isClosed } from '../workflows/dunning-logic.js';
import { isFormalNotice, NL_CONSUMER } from '../workflows/policy/ladder.js';
import { DEFAULT_POSTING, type PostingSchedule, postingDate } from '../workflows/policy/receipt.js';
import { snapshotDigest, stateAfterStep } from '../workflows/snapshot.js';
import { composeMessage, type OverrideFallback } from './compose-message.js';
import { deliver } from './deliver.js';
import { createExperimentActivities } from './experiments.js';
import { buildHandoverFile, handoverDeliveryId } from './handover/handover-file.js';
import { spoolHandover } from './handover/handover-spool.js';
import { postHandover } from './handover/handover-webhook.js';
import { messageCopyOf } from './message-copy.js';
import { currentMirrorVersion } from './mirror-version.js';
import { pspDescription as describeForPsp, ensurePaymentLink, paymentWebhookUrl } from './payment-links.js';
import { createPeriodicCostsActivity } from './periodic-costs.js';
import { type PublicUrls, selfServiceUrl } from './self-service-link.js';
import { TemplateError } from './templates/index.js';

/** Handovers scheduled before steps declared their kind name no 14-day letter steps: the built-in ones. */
const BUILT_IN_FORMAL_NOTICE_STEPS = NL_CONSUMER.steps.filter(isFormalNotice).map((s) => s.id);

export interface ActivityDeps {
  db: Database;
  providers: Providers;
  urls: PublicUrls;
  /** When the print house posts spooled letters; DEFAULT_POSTING (the safe assumption) when absent. */
  posting?: PostingSchedule;
  /** Where handover files go, and the secret that signs them to a collection agency (config, never the DB). */
  handover: { dir: string; webhookSecret: string | undefined };
  /** Experiment assignment draws, uniform in [0, 1); Math.random when absent. */
  random?: () => number;
}

export const NO_CREDITOR_ID =
  'the creditor has no SEPA creditor identifier (Incassant ID) in its settings (PUT /v1/settings sepaCreditorId); a SEPA mandate and its pre-notifications must name it';

/** Same key → same id: a retried send finds the message it already created. */
export function messageIdFor(idempotencyKey: string): string {
  return `msg_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
}

/** When the running activity was first scheduled (server clock); undefined outside an activity. */
function scheduledAt(): number | undefined {
  try {
    return Context.current().info.scheduledTimestampMs;
  } catch {
    return undefined;
  }
}

/** A failure a retry cannot fix: the workflow reacts to its type instead. */
function finalFailure(type: string, message: string): never {
  throw ApplicationFailure.create({ type, message, nonRetryable: true });
}

function unavailable(message: string): never {
  finalFailure('ChannelUnavailable', message);
}

/** A provider's permanent refusal ends the attempt; anything else is retried by Temporal. */
async function refusedIsFinal<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof PermanentProviderError) finalFailure('PermanentProviderError', error.message);
    throw error;
  }
}

/** iDEAL for Dutch debtors, Bancontact for Belgian ones: both leave a SEPA direct debit mandate. */
function mandateMethods(country: string | undefined): FirstPaymentRequest['methods'] {
  return country === 'BE' ? ['bancontact', 'ideal'] : ['ideal', 'bancontact'];
}

export function createActivities(deps: ActivityDeps): DunningActivities {
  const { db, providers, urls, handover } = deps;
  const posting = deps.posting ?? DEFAULT_POSTING;

  /**
   * Sends the message; a ladder step's send (a snapshot request) also writes Settle's records of the
   * state after the step, as of the moment the send was recorded, so the workflow needs no sync for it.
   */
  async function sendMessage(input: SendMessageInput): Promise<SentMessage> {
    const sent = await sendOnce(input);
    if (!input.snapshot) return sent;
    const at = await sentAt(sent.messageId);
    const state = stateAfterStep(input.snapshot, sent, at, input.workflowId);
    const due = amountsOf(input.snapshot.input, state);
    const closed = isClosed(state);
    const answer = await experimentsAnswer(input.tenantId, closed);
    await writeRecords({
      tenantId: input.tenantId,
      invoiceId: input.invoiceId,
      workflowId: input.workflowId,
      state,
      amounts: due,
      reason: 'step',
      auditKey: input.snapshot.auditKey,
      closed,
    });
    return { ...sent, at, synced: snapshotDigest(state, due), ...(answer ? { answer } : {}) };
  }

  /**
   * The step's moment: when the send was recorded, but never before the workflow asked for it (the
   * server's clock, which is the workflow's: a worker's clock behind it, or a test server's skipped
   * time). Both are fixed once the send is recorded, so a retry reports the same moment and the
   * step's events keep their keys.
   */
  async function sentAt(messageId: string): Promise<string> {
    const row = await getCommunication(db, messageId);
    const entry = row?.statusHistory.find((change) => change.status === 'sent');
    if (!entry) throw new Error(`message ${messageId} has no recorded send`);
    return new Date(Math.max(Date.parse(entry.at), scheduledAt() ?? 0)).toISOString();
  }

  async function sendOnce(input: SendMessageInput): Promise<SentMessage> {
    const messageId = messageIdFor(input.idempotencyKey);
    const existing = await getCommunication(db, messageId);
    // A retry batches the letter where its first attempt did; never before the workflow asked for it.
    const spooledAt = Math.max(
      (existing?.createdAt ?? new Date()).getTime(),
      Date.parse(input.requestedAt ?? '') || 0,
    );
    const postedOn = postingDate(new Date(spooledAt), posting);
    const sent = { messageId, channel: input.channel, ...(input.channel === 'letter' ? { postedOn } : {}) };
    // Done only once the send was recorded: a delivery fact may arrive before that (the provider
    // accepted the message, then this worker died), and then the status moved on without it.
    // The retry sends again under the same idempotency key (the provider dedupes) and records it.
    if (existing?.providerMessageId) return sent;
    const [debtor, tenant] = await Promise.all([
      getDebtor(db, input.tenantId, input.debtorId),
      getTenant(db, input.tenantId),
    ]);
    if (!debtor || !tenant) unavailable('debtor or tenant not found');
    const composition = await composeMessage({
      input,
      debtor,
      brand: tenant.brand,
      settings: tenant.settings,
      db,
      urls,
      postedOn,
    }).catch((error: unknown) => {
      // A template that cannot render will not render on retry either: let the workflow move on.
      if (error instanceof TemplateError) finalFailure('TemplateError', error.message);
      throw error;
    });
    if (!composition) unavailable(`no ${input.channel} contact data for this debtor`);
    const { message: composed, overrideFallback } = composition;
    if (overrideFallback) await recordOverrideFallback(input, debtor.language, overrideFallback);
    await insertQueuedCommunication(db, {
      id: messageId,
      tenantId: input.tenantId,
      invoiceId: input.invoiceId,
      workflowId: input.workflowId,
      step: input.stepKey,
      channel: input.channel,
      template: input.template,
      language: debtor.language,
      provider: providers.names[input.channel],
    });
    await storeMessageCopy(db, messageCopyOf({ messageId, tenantId: input.tenantId }, composition));
    const ref = {
      tenantId: input.tenantId,
      invoiceId: input.invoiceId,
      messageId,
      idempotencyKey: input.idempotencyKey,
      template: input.template,
    };
    try {
      const result = await deliver(providers, ref, composed);
      await recordCommunicationStatus(db, messageId, {
        status: 'sent',
        at: new Date().toISOString(),
        providerMessageId: result.providerMessageId,
      });
    } catch (error) {
      if (error instanceof PermanentProviderError) {
        await recordCommunicationStatus(db, messageId, {
          status: 'failed',
          at: new Date().toISOString(),
          detail: error.message,
        });
        finalFailure('PermanentProviderError', error.message);
      }
      throw error;
    }
    return overrideFallback ? { ...sent, overrideFallback: { version: overrideFallback.version } } : sent;
  }

  /** Writes the invoice's state to Settle's records: its row's mirror, its plan, its timeline, an audit entry. */
  async function writeRecords({
    workflowId,
    tenantId,
    invoiceId,
    state,
    amounts,
    reason,
    auditKey,
    closed,
  }: InvoiceSnapshot): Promise<void> {
    await db.transaction(async (tx) => {
      await updateInvoiceMirror(
        tx,
        workflowId,
        invoiceMirrorOf(state, amounts, closed ? new Date() : null),
        currentMirrorVersion(),
      );
      if (state.plan) await savePlan(tx, { tenantId, invoiceId, workflowId, plan: state.plan });
      // The timeline reads these, so it keeps every step's detail once the workflow has closed.
      await recordInvoiceEvents(tx, { tenantId, invoiceId, workflowId }, state.events);
      await audit(tx, {
        tenantId,
        invoiceId,
        actor: 'workflow',
        action: reason,
        dedupeKey: auditKey,
        detail: {
          status: state.status,
          stage: state.stage,
          dueCents: amounts.dueCents,
          // Paid beyond everything charged: the creditor has this to refund.
          ...(amounts.overpaidCents ? { overpaidCents: amounts.overpaidCents } : {}),
        },
      });
    });
  }

  /** The alert: an audit entry (also the source of the fallback counter on /metrics), once per send. */
  async function recordOverrideFallback(
    input: SendMessageInput,
    language: string,
    fallback: OverrideFallback,
  ) {
    await audit(db, {
      tenantId: input.tenantId,
      invoiceId: input.invoiceId,
      actor: 'workflow',
      action: TEMPLATE_OVERRIDE_FAILED,
      dedupeKey: `${input.idempotencyKey}:${TEMPLATE_OVERRIDE_FAILED}`,
      detail: {
        template: input.template,
        channel: input.channel,
        language,
        version: fallback.version,
        step: input.stepKey,
        problems: fallback.problems,
        sent: 'the shipped text',
      },
    });
  }

  /** The text the debtor sees at the PSP: read here, so it never enters the workflow history. */
  const pspDescription = (ref: InvoiceRef) => describeForPsp(db, ref);

  function directDebitProvider(): DirectDebitProvider {
    if (providers.directDebit) return providers.directDebit;
    finalFailure('DirectDebitUnavailable', 'direct debit is not enabled');
  }

  /** One PSP customer per debtor, so a mandate granted for one invoice serves the next. */
  async function customerFor(provider: DirectDebitProvider, tenantId: string, debtorId: string) {
    const key = { tenantId, debtorId, provider: providers.names.payments };
    const known = await pspCustomerId(db, key);
    if (known) return known;
    const created = await refusedIsFinal(
      provider.createCustomer({
        idempotencyKey: `customer:${tenantId}:${debtorId}`,
        metadata: { tenantId, debtorId },
      }),
    );
    return savePspCustomerId(db, key, created.providerCustomerId);
  }

  async function inviteMandate(input: InviteMandateInput): Promise<MandateInvitation> {
    const provider = directDebitProvider();
    const [debtor, tenant] = await Promise.all([
      getDebtor(db, input.tenantId, input.debtorId),
      getTenant(db, input.tenantId),
    ]);
    if (!debtor) unavailable('debtor not found');
    // Mandate and every pre-notification must name the creditor identifier: without one, no offer.
    if (!tenant?.settings.sepaCreditorId) finalFailure('DirectDebitUnavailable', NO_CREDITOR_ID);
    const customerId = await customerFor(provider, input.tenantId, input.debtorId);
    const existing = await refusedIsFinal(provider.validMandate(customerId));
    if (existing)
      return { mandate: { customerId, mandateId: existing.providerMandateId }, checkoutUrl: null };
    const first = await refusedIsFinal(
      provider.createFirstPayment({
        idempotencyKey: input.idempotencyKey,
        providerCustomerId: customerId,
        amountCents: input.amountCents,
        currency: 'EUR',
        description: await pspDescription(input),
        redirectUrl: selfServiceUrl(urls, input.tenantId, input.invoiceId),
        webhookUrl: paymentWebhookUrl(urls, input.tenantId, input.invoiceId),
        methods: mandateMethods(debtor.address?.country),
        metadata: { tenantId: input.tenantId, invoiceId: input.invoiceId },
      }),
    );
    return { mandate: null, checkoutUrl: first.checkoutUrl };
  }

  /** The tenant's running experiments, for the workflow to know which steps ask for an arm; none: undefined (as before). */
  async function experimentsAnswer(tenantId: string, closed: boolean): Promise<SyncAnswer | undefined> {
    if (closed) return undefined;
    const experimentTargets = await experimentTargetsOf(db, tenantId);
    return experimentTargets.length > 0 ? { experimentTargets } : undefined;
  }

  return {
    ...createExperimentActivities({ db, ...(deps.random ? { random: deps.random } : {}) }),
    inviteMandate,
    periodicCosts: createPeriodicCostsActivity(db),

    async collectDirectDebit(input) {
      const description = await pspDescription(input);
      const collection = await refusedIsFinal(
        directDebitProvider().collect({
          idempotencyKey: input.idempotencyKey,
          providerCustomerId: input.customerId,
          providerMandateId: input.mandateId,
          amountCents: input.amountCents,
          currency: 'EUR',
          description,
          webhookUrl: paymentWebhookUrl(urls, input.tenantId, input.invoiceId),
          metadata: { tenantId: input.tenantId, invoiceId: input.invoiceId },
        }),
      );
      return { providerPaymentId: collection.providerPaymentId };
    },

    ensurePaymentLink: (input) =>
      ensurePaymentLink(
        { db, payments: providers.payments, providerName: providers.names.payments, urls },
        input,
      ),

    sendMessage,

    async syncInvoice(snapshot) {
      const answer = await experimentsAnswer(snapshot.tenantId, snapshot.closed);
      await writeRecords(snapshot);
      return answer;
    },

    async handOver({ tenantId, invoiceId, amounts, idempotencyKey, at, formalNoticeSteps }) {
      const [invoice, tenant, communications, payments] = await Promise.all([
        getInvoice(db, tenantId, invoiceId),
        getTenant(db, tenantId),
        communicationsOfInvoice(db, tenantId, invoiceId),
        paymentsOfInvoice(db, tenantId, invoiceId),
      ]);
      const debtor = invoice && (await getDebtor(db, tenantId, invoice.debtorId));
      // Settle's own rows: missing only while a restore or migration runs, so retry until they are back.
      if (!invoice || !tenant || !debtor) throw new Error('handover: invoice, tenant or debtor not found');
      const agency = tenant.settings.collectionAgency;
      const file = await buildHandoverFile({
        deliveryId: handoverDeliveryId(idempotencyKey),
        handedOverAt: at,
        invoice,
        debtor,
        creditor: { name: tenant.name, sepaCreditorId: tenant.settings.sepaCreditorId ?? null },
        agency: agency ? { name: agency.name } : null,
        amounts,
        payments: payments.map((p) => ({
          source: p.source,
          amountCents: p.amountCents,
          paidAt: p.paidAt.toISOString(),
          reference: p.reference,
        })),
        communications,
        formalNoticeSteps: formalNoticeSteps ?? BUILT_IN_FORMAL_NOTICE_STEPS,
        letters: providers.letters,
      });
      const spooled = await spoolHandover(handover.dir, file);
      // Same delivery id on every retry: the agency takes the claim over once.
      const webhook = !agency?.handoverUrl
        ? 'no agency endpoint'
        : handover.webhookSecret
          ? 'delivered'
          : 'not sent: HANDOVER_WEBHOOK_SECRET is not set';
      if (agency?.handoverUrl && handover.webhookSecret)
        await postHandover({ url: agency.handoverUrl, secret: handover.webhookSecret, file });
      await audit(db, {
        tenantId,
        invoiceId,
        actor: 'workflow',
        action: 'handover',
        dedupeKey: idempotencyKey,
        detail: {
          dueCents: amounts.dueCents,
          principalCents: amounts.principalCents,
          deliveryId: file.claim.deliveryId,
          files: spooled.files,
          webhook,
        },
      });
    },
  };
}
