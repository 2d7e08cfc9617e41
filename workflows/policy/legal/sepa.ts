// SEPA Core direct debit: how long before a collection the debtor must hear of it. Dated, sourced data.
import type { IsoDate } from '../../domain.js';
import { daysBetween } from '../calendar.js';

export interface PreNotificationRule {
  /** Calendar days between the pre-notification and the collection's due date, unless agreed otherwise. */
  defaultDays: number;
  validFrom: IsoDate;
  source: string;
}

/**
 * The creditor pre-notifies each collection at least 14 calendar days before its due date, unless
 * creditor and debtor agreed another period (the mandate terms); the notice names amount, due date,
 * mandate reference and creditor identifier.
 */
export const SEPA_PRE_NOTIFICATION: PreNotificationRule = {
  defaultDays: 14,
  validFrom: '2009-11-02',
  source:
    'EPC SEPA Core Direct Debit Scheme Rulebook (EPC016-06), pre-notification: at least 14 calendar ' +
    'days before the due date unless Creditor and Debtor agreed another period; scheme live since ' +
    '2 November 2009, https://www.europeanpaymentscouncil.eu/what-we-do/epc-payment-schemes/sepa-direct-debit/sepa-direct-debit-core-rulebook-and-implementation',
};

/**
 * Days of pre-notification a collection needs: the period the mandate terms the debtor accepted
 * agree (when they state one), else the scheme's 14 days.
 */
export function preNotificationDays(agreedInMandateDays: number | undefined): number {
  return agreedInMandateDays ?? SEPA_PRE_NOTIFICATION.defaultDays;
}

/** Whether a notice sent on `noticeDate` announces a collection on `collectionDate` in time. */
export function isTimelyPreNotification(
  noticeDate: IsoDate,
  collectionDate: IsoDate,
  agreedInMandateDays: number | undefined,
): boolean {
  return daysBetween(noticeDate, collectionDate) >= preNotificationDays(agreedInMandateDays);
}
