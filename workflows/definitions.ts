// Names and types of the dunning workflow's signals, updates, query and search attributes, shared
// by the workflow and its callers (API, webhook processors, tests).
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  CancelInput,
  ChargebackInput,
  CollectionFailedInput,
  ContactInput,
  DeliveryInput,
  DirectDebitInput,
  DisputeInput,
  DunningStatus,
  EndDirectDebitInput,
  MandateInput,
  PauseInput,
  PaymentInput,
  PlanInput,
  PromiseInput,
  ResolveDisputeInput,
  WorkflowProjection,
} from './dunning-types.js';

export const statusQuery = defineQuery<DunningStatus>('status');
/** The workflow's input and state, for pure projections (the schedule ahead) over the same decisions. */
export const projectionQuery = defineQuery<WorkflowProjection>('projection');

export const recordPaymentUpdate = defineUpdate<DunningStatus, [PaymentInput]>('recordPayment');
export const pauseUpdate = defineUpdate<DunningStatus, [PauseInput]>('pause');
export const resumeUpdate = defineUpdate<DunningStatus, []>('resume');
export const cancelUpdate = defineUpdate<DunningStatus, [CancelInput]>('cancel');
export const promiseToPayUpdate = defineUpdate<DunningStatus, [PromiseInput]>('promiseToPay');
export const openDisputeUpdate = defineUpdate<DunningStatus, [DisputeInput]>('openDispute');
export const resolveDisputeUpdate = defineUpdate<DunningStatus, [ResolveDisputeInput]>('resolveDispute');
export const acceptPaymentPlanUpdate = defineUpdate<DunningStatus, [PlanInput]>('acceptPaymentPlan');

/** Starts a mandate invitation; the returned status carries the checkout URL the debtor must visit. */
export const inviteDirectDebitUpdate = defineUpdate<DunningStatus, [DirectDebitInput]>('inviteDirectDebit');
/** From the PSP webhook, after fetch-back: a paid payment was reversed; reopens a paid invoice. */
export const recordChargebackUpdate = defineUpdate<DunningStatus, [ChargebackInput]>('recordChargeback');
export const endDirectDebitUpdate = defineUpdate<DunningStatus, [EndDirectDebitInput]>('endDirectDebit');

export const deliverySignal = defineSignal<[DeliveryInput]>('delivery');
export const contactUpdatedSignal = defineSignal<[ContactInput]>('contactUpdated');
/** From the PSP webhook, after fetch-back: the first payment left a mandate. */
export const mandateGrantedSignal = defineSignal<[MandateInput]>('mandateGranted');
/** From the PSP webhook, after fetch-back: a collection bounced (e.g. insufficient funds). */
export const collectionFailedSignal = defineSignal<[CollectionFailedInput]>('collectionFailed');

/** Custom search attributes, registered on the dev server by the embedded stack. */
export const SEARCH_ATTRIBUTES = {
  invoiceId: defineSearchAttributeKey('SettleInvoiceId', SearchAttributeType.KEYWORD),
  debtorId: defineSearchAttributeKey('SettleDebtorId', SearchAttributeType.KEYWORD),
  tenantId: defineSearchAttributeKey('SettleTenantId', SearchAttributeType.KEYWORD),
  stage: defineSearchAttributeKey('SettleStage', SearchAttributeType.KEYWORD),
  amountDueCents: defineSearchAttributeKey('SettleAmountDueCents', SearchAttributeType.INT),
  dueDate: defineSearchAttributeKey('SettleDueDate', SearchAttributeType.DATETIME),
  nextActionAt: defineSearchAttributeKey('SettleNextActionAt', SearchAttributeType.DATETIME),
} as const;

/** `--search-attribute` values for `temporal server start-dev`. */
export const SEARCH_ATTRIBUTE_FLAGS = Object.values(SEARCH_ATTRIBUTES).map((key) => {
  const type = { KEYWORD: 'Keyword', INT: 'Int', DATETIME: 'Datetime' }[
    key.type as 'KEYWORD' | 'INT' | 'DATETIME'
  ];
  return `${key.name}=${type}`;
});

/** Business key → workflow id. Tenant and invoice ids only: no personal data in ids. */
export function dunningWorkflowId(tenantId: string, invoiceId: string): string {
  return `dunning:${tenantId}:${invoiceId}`;
}

export const DUNNING_WORKFLOW_TYPE = 'dunningWorkflow';
