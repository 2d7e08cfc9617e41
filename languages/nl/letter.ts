// Labels of the printed letter and its payment slip.
import type { LetterTexts } from '../../activities/templates/text-schema.js';

export const letter: LetterTexts = {
  date: 'Datum',
  invoice: 'Factuur',
  reference: 'Betalingskenmerk',
  payOnline: 'Betaal online: scan met de camera van uw telefoon',
  scanBankApp: 'Scan met uw bank-app',
  manualTransfer:
    'Liever zelf overmaken? Maak het bedrag over naar {iban} ten name van {beneficiary}, met betalingskenmerk {reference}.',
  page: 'Pagina {page} van {pages}',
};
