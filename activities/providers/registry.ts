import type {
  AppNotifier,
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
  email: EmailSender;
  sms: SmsSender;
  whatsapp: WhatsAppSender;
  letters: LetterPrinter;
  /** Absent when the creditor configured no app webhook: the app channel is then unreachable. */
  app: AppNotifier | undefined;
  smsOriginator: string;
  whatsappNamespace: string;
}
