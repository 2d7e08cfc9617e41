import type { CreditorBrand } from '../activities/templates/types.js';

/** A tenant's house style plus how it collects: every message to its debtors carries it. */
export interface Brand extends CreditorBrand {
  /** Where debtors can also pay by bank transfer (printed as an EPC QR code on letters). */
  iban?: string;
  bic?: string;
  /** VAT added to collection costs, for creditors that cannot deduct VAT (e.g. 21). */
  collectionCostsVatPercent?: number;
}

export function defaultBrand(name: string): Brand {
  return {
    name,
    senderName: name,
    email: 'billing@settle.example',
    addressLines: ['Keizersgracht 1', '1015 CJ Amsterdam'],
    website: 'https://settle.example',
    primaryColor: '#0b5cad',
    accentColor: '#f0b429',
    footer: `${name} · KvK 12345678 · NL91 ABNA 0417 1643 00`,
    iban: 'NL91ABNA0417164300',
    bic: 'ABNANL2A',
  };
}
