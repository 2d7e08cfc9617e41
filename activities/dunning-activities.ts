// The dunning workflow's side effects. Built by a factory so workers pass real dependencies and
// tests pass their own; every effect is keyed by the workflow's idempotency key.
import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import type { Database } from '../db/client.js';
import { audit } from '../db/queries/audit.js';
import {
  getCommunication,
  insertQueuedCommunication,
  recordCommunicationStatus,
} from '../db/queries/communications.js';
import { getDebtor } from '../db/queries/debtors.js';
import { getInvoice, updateInvoiceMirror } from '../db/queries/invoices.js';
import { insertPaymentLink, paymentLinkByKey } from '../db/queries/payments.js';
import { savePlan } from '../db/queries/plans.js';
import { pspCustomerId, savePspCustomerId } from '../db/queries/psp-customers.js';
import { getTenant } from '../db/queries/tenants.js';
import type {
  DunningActivities,
  InviteMandateInput,
  InvoiceRef,
  MandateInvitation,
  SendMessageInput,
} from '../workflows/activity-contract.js';
import { composeMessage } from './compose-message.js';
import { deliver } from './deliver.js';
import { PermanentProviderError } from './providers/errors.js';
import type { Providers } from './providers/registry.js';
import type { DirectDebitProvider, FirstPaymentRequest } from './providers/types.js';
import { type PublicUrls, selfServiceToken, selfServiceUrl } from './self-service-link.js';
import { TemplateError } from './templates/index.js';

export interface ActivityDeps {
  db: Database;
  providers: Providers;
  urls: PublicUrls;
}

/** Same key → same id: a retried send finds the message it already created. */
export function messageIdFor(idempotencyKey: string): string {
  return `msg_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24)}`;
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

/** Mollie cannot tie a payment to its link, so the webhook URL names the invoice (signed). */
function paymentWebhookUrl(urls: PublicUrls, tenantId: string, invoiceId: string): string {
  return `${urls.baseUrl}/webhooks/mollie?invoice=${selfServiceToken(urls.tokenSecret, tenantId, invoiceId)}`;
}

/** iDEAL for Dutch debtors, Bancontact for Belgian ones: both leave a SEPA direct debit mandate. */
function mandateMethods(country: string | undefined): FirstPaymentRequest['methods'] {
  return country === 'BE' ? ['bancontact', 'ideal'] : ['ideal', 'bancontact'];
}

export function createActivities(deps: ActivityDeps): DunningActivities {
  const { db, providers, urls } = deps;

  async function sendMessage(input: SendMessageInput) {
    const messageId = messageIdFor(input.idempotencyKey);
    const existing = await getCommunication(db, messageId);
    // Done only once the send was recorded: a delivery fact may arrive before that (the provider
    // accepted the message, then this worker died), and then the status moved on without it.
    // The retry sends again under the same idempotency key (the provider dedupes) and records it.
    if (existing?.providerMessageId) return { messageId, channel: input.channel };
    const [debtor, tenant] = await Promise.all([
      getDebtor(db, input.tenantId, input.debtorId),
      getTenant(db, input.tenantId),
    ]);
    if (!debtor || !tenant) unavailable('debtor or tenant not found');
    const composed = await composeMessage({ input, debtor, brand: tenant.brand, db, urls }).catch(
      (error: unknown) => {
        // A template that cannot render will not render on retry either: let the workflow move on.
        if (error instanceof TemplateError) finalFailure('TemplateError', error.message);
        throw error;
      },
    );
    if (!composed) unavailable(`no ${input.channel} contact data for this debtor`);
    await insertQueuedCommunication(db, {
      id: messageId,
      tenantId: input.tenantId,
      invoiceId: input.invoiceId,
      workflowId: input.workflowId,
      step: input.stepKey,
      channel: input.channel,
      template: input.template,
      language: debtor.language,
      provider: providers.name,
    });
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
    return { messageId, channel: input.channel };
  }

  /** The text the debtor sees at the PSP: read here, so it never enters the workflow history. */
  async function pspDescription({ tenantId, invoiceId }: InvoiceRef): Promise<string> {
    const invoice = await getInvoice(db, tenantId, invoiceId);
    return invoice?.description || `Invoice ${invoiceId}`;
  }

  function directDebitProvider(): DirectDebitProvider {
    if (providers.directDebit) return providers.directDebit;
    finalFailure('DirectDebitUnavailable', 'direct debit is not enabled');
  }

  /** One PSP customer per debtor, so a mandate granted for one invoice serves the next. */
  async function customerFor(provider: DirectDebitProvider, tenantId: string, debtorId: string) {
    const key = { tenantId, debtorId, provider: providers.name };
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
    const debtor = await getDebtor(db, input.tenantId, input.debtorId);
    if (!debtor) unavailable('debtor not found');
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

  return {
    inviteMandate,

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

    async ensurePaymentLink(input) {
      const existing = await paymentLinkByKey(db, input.idempotencyKey);
      if (existing) return { url: existing.url, expiresAt: existing.expiresAt.toISOString() };
      const link = await providers.payments.createPaymentLink({
        idempotencyKey: input.idempotencyKey,
        amountCents: input.amountCents,
        currency: 'EUR',
        description: await pspDescription(input),
        redirectUrl: selfServiceUrl(urls, input.tenantId, input.invoiceId),
        webhookUrl: paymentWebhookUrl(urls, input.tenantId, input.invoiceId),
        expiresAt: new Date(input.expiresAt),
        metadata: { tenantId: input.tenantId, invoiceId: input.invoiceId },
      });
      await insertPaymentLink(db, {
        tenantId: input.tenantId,
        invoiceId: input.invoiceId,
        provider: providers.name,
        providerLinkId: link.providerLinkId,
        url: link.url,
        amountCents: input.amountCents,
        expiresAt: link.expiresAt,
        idempotencyKey: input.idempotencyKey,
      });
      return { url: link.url, expiresAt: link.expiresAt.toISOString() };
    },

    sendMessage,

    async syncInvoice({ workflowId, tenantId, invoiceId, state, amounts, reason, auditKey, closed }) {
      await db.transaction(async (tx) => {
        await updateInvoiceMirror(tx, workflowId, {
          status: state.status,
          stage: state.stage,
          amountDueCents: amounts.dueCents,
          paidCents: amounts.paidCents,
          costsCents: amounts.costsCents,
          interestCents: amounts.interestCents,
          nextActionAt: state.nextAction ? new Date(state.nextAction.at) : null,
          paymentUrl: state.paymentLink?.url ?? null,
          directDebit: state.directDebit ?? null,
          closedAt: closed ? new Date() : null,
        });
        if (state.plan) await savePlan(tx, { tenantId, invoiceId, workflowId, plan: state.plan });
        await audit(tx, {
          tenantId,
          invoiceId,
          actor: 'workflow',
          action: reason,
          dedupeKey: auditKey,
          detail: { status: state.status, stage: state.stage, dueCents: amounts.dueCents },
        });
      });
    },

    async handOver({ tenantId, invoiceId, amounts, idempotencyKey }) {
      await audit(db, {
        tenantId,
        invoiceId,
        actor: 'workflow',
        action: 'handover',
        dedupeKey: idempotencyKey,
        detail: { dueCents: amounts.dueCents, principalCents: amounts.principalCents },
      });
    },
  };
}
