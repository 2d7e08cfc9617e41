// Labels of the printed letter and its payment slip.
import type { LetterTexts } from '../../activities/templates/text-schema.js';

export const letter: LetterTexts = {
  date: 'Date',
  invoice: 'Invoice',
  reference: 'Payment reference',
  payOnline: 'Pay online: scan with your phone camera',
  scanBankApp: 'Scan with your banking app',
  manualTransfer:
    'Prefer a bank transfer? Transfer the amount to {iban} in the name of {beneficiary}, with payment reference {reference}.',
  page: 'Page {page} of {pages}',
};
