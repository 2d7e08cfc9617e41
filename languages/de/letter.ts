// Labels of the printed letter and its payment slip.
import type { LetterTexts } from '../../activities/templates/text-schema.js';

export const letter: LetterTexts = {
  date: 'Datum',
  invoice: 'Rechnung',
  reference: 'Zahlungsreferenz',
  payOnline: 'Online bezahlen: mit der Kamera Ihres Handys scannen',
  scanBankApp: 'Mit Ihrer Banking-App scannen',
  manualTransfer:
    'Lieber selbst überweisen? Überweisen Sie den Betrag auf {iban}, Empfänger {beneficiary}, mit der Zahlungsreferenz {reference}.',
  page: 'Seite {page} von {pages}',
};
