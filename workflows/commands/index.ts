// Every command and report the dunning workflow takes, each a pure { validate, apply } pair.
export { cancel } from './cancel.js';
export type { Command, CommandContext, Report, TimelineEvent } from './command.js';
export { contactUpdated, delivery } from './delivery.js';
export { collectionFailed, endDirectDebit, inviteDirectDebit, mandateGranted } from './direct-debit.js';
export { openDispute, pause, promiseToPay, resolveDispute, resume } from './holds.js';
export { recordChargeback, recordPayment } from './payment.js';
export { acceptPaymentPlan } from './plan.js';
