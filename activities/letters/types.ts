import type { PostalAddress } from '../../providers/types.js';
import type { IsoDate, Language, TemplateId } from '../../workflows/domain.js';
import type { MessageOverrides, TemplateData } from '../templates/types.js';

export interface LetterInput {
  templateId: TemplateId;
  language: Language;
  data: TemplateData;
  to: PostalAddress;
  /** Letter date (Europe/Amsterdam print day); also the PDF CreationDate, so equal input gives equal bytes. */
  date: IsoDate;
  /** EPC069-12 payload for the bank-app QR code; IBAN, beneficiary and reference are printed from it. */
  epcPayload: string;
  overrides?: MessageOverrides;
}
