// Labels of the printed letter and its payment slip.
import type { LetterTexts } from '../../activities/templates/text-schema.js';

export const letter: LetterTexts = {
  date: 'Date',
  invoice: 'Facture',
  reference: 'Référence de paiement',
  payOnline: 'Payer en ligne : scannez avec l’appareil photo de votre téléphone',
  scanBankApp: 'Scannez avec votre application bancaire',
  manualTransfer:
    'Vous préférez faire un virement ? Virez le montant sur {iban} au nom de {beneficiary}, avec la référence de paiement {reference}.',
  page: 'Page {page} sur {pages}',
};
