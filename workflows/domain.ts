// Shared vocabulary of Settle. Pure types and constants only: imported by workflows (sandboxed),
// activities, the API and the database layer alike.

export const CHANNELS = ['email', 'sms', 'whatsapp', 'letter', 'app'] as const;
export type Channel = (typeof CHANNELS)[number];

export const SEGMENTS = ['consumer', 'business'] as const;
export type Segment = (typeof SEGMENTS)[number];

export const LANGUAGES = ['nl', 'en', 'de', 'fr', 'pl', 'tr'] as const;
export type Language = (typeof LANGUAGES)[number];

/** ISO date without time, e.g. `2026-11-25`. */
export type IsoDate = string;

/** When the debtor usually has money. Mirrors the API's `payday` field. */
export type PaydayPattern =
  | { dayOfMonth: number }
  | { rule: 'last-business-day' }
  | { rule: 'weekly'; weekday: number } // 1 = Monday … 7 = Sunday
  | { rule: 'four-weekly'; anchor: IsoDate };

/** Which channels can reach the debtor. Derived from contact data without carrying it. */
export type Reachability = Record<Channel, boolean>;

/** The shipped ladders' step ids; a tenant's ladder names its steps freely (STEP_ID_PATTERN). */
export const STEP_IDS = [
  'payment-request',
  'reminder-1',
  'reminder-2',
  'formal-notice',
  'payment-plan-offer',
  'final-notice',
  'handover',
] as const;
export type StepId = (typeof STEP_IDS)[number];

/**
 * A step id of a tenant's ladder. No `:`: the workflow joins step ids into idempotency keys and derived
 * step keys with it (idempotency-keys.ts), so no step id can spell another step's key.
 */
export const STEP_ID_PATTERN = '^[a-z][a-z0-9-]{0,39}$';

/** Templates exist per message kind; instalment messages are not ladder steps. */
export type TemplateId =
  | Exclude<StepId, 'handover'>
  | 'instalment-due'
  | 'instalment-missed'
  | 'contact-update-request'
  | 'plan-confirmation'
  /** SEPA pre-notification: amount and day of the next collection on the debtor's mandate. */
  | 'direct-debit-notice'
  /** A collection bounced (e.g. insufficient funds): the retry's amount and day, and the pay link. */
  | 'direct-debit-failed';

export const INVOICE_STATUSES = [
  'open',
  'paid',
  'in_plan',
  'disputed',
  'paused',
  'cancelled',
  'handed_over',
] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const DELIVERY_STATUSES = [
  'queued',
  'sent',
  'deferred',
  'delivered',
  'opened',
  'clicked',
  'bounced',
  'failed',
  'complained',
  'unsubscribed',
  /** A letter the post brought back undelivered (reported by the print house or credit manager). */
  'returned',
] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Delivery statuses after which the channel must be considered unusable for this debtor. */
export const FAILED_DELIVERY: ReadonlySet<DeliveryStatus> = new Set([
  'bounced',
  'failed',
  'complained',
  'returned',
]);

/**
 * Delivery facts arrive out of order (an open can be reported after a click): a message's status
 * only ever moves forward in this order; failures are final.
 */
export const DELIVERY_PROGRESS: readonly DeliveryStatus[] = [
  'queued',
  'sent',
  'deferred',
  'delivered',
  'opened',
  'clicked',
  'unsubscribed',
  'complained',
  'failed',
  'bounced',
  'returned',
];

export function laterDeliveryStatus(current: DeliveryStatus, reported: DeliveryStatus): DeliveryStatus {
  return DELIVERY_PROGRESS.indexOf(reported) > DELIVERY_PROGRESS.indexOf(current) ? reported : current;
}
