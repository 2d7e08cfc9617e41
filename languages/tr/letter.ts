// Labels of the printed letter and its payment slip.
import type { LetterTexts } from '../../activities/templates/text-schema.js';

export const letter: LetterTexts = {
  date: 'Tarih',
  invoice: 'Fatura',
  reference: 'Ödeme referansı',
  payOnline: 'Online ödeyin: telefonunuzun kamerasıyla tarayın',
  scanBankApp: 'Banka uygulamanızla tarayın',
  manualTransfer:
    'Kendiniz havale yapmayı mı tercih ediyorsunuz? Tutarı {beneficiary} adına {iban} hesabına, {reference} ödeme referansıyla gönderin.',
  page: 'Sayfa {page} / {pages}',
};
