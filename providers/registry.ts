import type {
  AppNotifier,
  DirectDebitProvider,
  EmailSender,
  LetterPrinter,
  PaymentProvider,
  SmsSender,
  WhatsAppSender,
} from './types.js';

/** The providers a worker or API uses: real adapters in production, the sandbox locally. */
export interface Providers {
  name: 'live' | 'sandbox';
  payments: PaymentProvider;
  /** Absent when direct debit is switched off: debtors are then not offered a mandate. */
  directDebit: DirectDebitProvider | undefined;
  email: EmailSender;
  sms: SmsSender;
  whatsapp: WhatsAppSender;
  letters: LetterPrinter;
  /** Absent when the creditor configured no app webhook: the app channel is then unreachable. */
  app: AppNotifier | undefined;
  smsOriginator: string;
  whatsappNamespace: string;
}
