// A realistic letter input for previews, the render-samples script and tests: the Dutch 14-day letter
// with a valid betalingskenmerk (5000056789012345) and the creditor's IBAN in the EPC payload.
import type { Language, Segment, TemplateId } from '../../workflows/domain.js';
import { sampleTemplateData } from '../templates/sample-data.js';
import type { LetterInput } from './types.js';

/** EPC069-12 version 002, UTF-8, no BIC, fixed sample amount and structured reference. */
export const SAMPLE_EPC_PAYLOAD = [
  'BCD',
  '002',
  '1',
  'SCT',
  '',
  'Polderstroom B.V.',
  'NL91ABNA0417164300',
  'EUR197.68',
  '',
  '5000056789012345',
].join('\n');

export function sampleLetterInput(
  language: Language = 'nl',
  templateId: TemplateId = 'formal-notice',
  segment: Segment = 'consumer',
): LetterInput {
  return {
    templateId,
    language,
    data: sampleTemplateData(language, segment, templateId),
    to: {
      name: segment === 'business' ? 'Bakkerij Van den Berg' : 'A. de Vries',
      line1: 'Kerkstraat 12',
      postalCode: '1234 AB',
      city: 'Amsterdam',
      country: 'NL',
    },
    date: '2026-11-25',
    epcPayload: SAMPLE_EPC_PAYLOAD,
  };
}
