// Labels of the printed letter and its payment slip.
import type { LetterTexts } from '../../activities/templates/text-schema.js';

export const letter: LetterTexts = {
  date: 'Data',
  invoice: 'Faktura',
  reference: 'Tytuł płatności',
  payOnline: 'Zapłać online: zeskanuj aparatem w telefonie',
  scanBankApp: 'Zeskanuj w aplikacji banku',
  manualTransfer:
    'Wolą Państwo zrobić przelew? Prosimy przelać kwotę na rachunek {iban}, odbiorca {beneficiary}, z tytułem płatności {reference}.',
  page: 'Strona {page} z {pages}',
};
