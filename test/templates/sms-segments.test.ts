import { describe, expect, it } from 'vitest';
import { renderMessage, sampleTemplateData, smsSegments } from '../../activities/templates/index.js';
import { LANGUAGES, SEGMENTS } from '../../workflows/domain.js';
import { TEMPLATE_IDS } from './all-templates.js';

describe('smsSegments', () => {
  it.each([
    ['', 'GSM-7', 0, 1],
    ['a'.repeat(160), 'GSM-7', 160, 1],
    ['a'.repeat(161), 'GSM-7', 161, 2],
    ['a'.repeat(306), 'GSM-7', 306, 2],
    ['a'.repeat(307), 'GSM-7', 307, 3],
    ['é è ü Ä ñ ß @ £ $ ¥', 'GSM-7', 19, 1],
    ['ë'.repeat(70), 'UCS-2', 70, 1],
    ['ë'.repeat(71), 'UCS-2', 71, 2],
    ['ë'.repeat(134), 'UCS-2', 134, 2],
    ['ë'.repeat(135), 'UCS-2', 135, 3],
  ] as const)('%j → %s, %i units, %i segments', (text, encoding, units, segments) => {
    expect(smsSegments(text)).toEqual({ encoding, units, segments });
  });

  it('counts extension characters such as € as two septets', () => {
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('[]{}|~^\\')).toMatchObject({ units: 16 });
  });

  it('never splits an escape pair across segments', () => {
    // 152 plain + € (2 septets) does not fit the first 153-septet part: the € moves to part 2.
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toMatchObject({ units: 306, segments: 3 });
    expect(smsSegments(`${'a'.repeat(151)}€${'a'.repeat(151)}`)).toMatchObject({ units: 304, segments: 2 });
  });

  it('counts an emoji as two UCS-2 units and never splits it', () => {
    expect(smsSegments('😀')).toEqual({ encoding: 'UCS-2', units: 2, segments: 1 });
    expect(smsSegments(`${'a'.repeat(66)}😀${'a'.repeat(66)}`)).toMatchObject({ units: 134, segments: 3 });
  });
});

describe('SMS templates', () => {
  // Realistic worst case: a long creditor name, a five-figure amount, the longest date and a long payment link.
  const longData = (language: 'nl' | 'en', segment: 'consumer' | 'business') => {
    const data = sampleTemplateData(language, segment);
    const amount = language === 'nl' ? '€ 12.345,67' : '€12,345.67';
    return {
      ...data,
      amountDue: amount,
      collection: {
        amount,
        date: language === 'nl' ? '30 september 2026' : '30 September 2026',
        mandateReference: 'mdt_h3gAaD5zP',
      },
      invoiceId: 'INV-2026-0001234567',
      payUrl: 'https://paymentlink.mollie.com/payment/Xq7HzP2mRt9KwLbN4vCdE/',
      selfServiceUrl: 'https://betalen.woonstichting-de-polder.nl/s/Xq7HzP2mRt9KwLbN',
      creditor: { ...data.creditor, name: 'Woonstichting De Polder' },
    };
  };
  const combos = TEMPLATE_IDS.flatMap((templateId) =>
    LANGUAGES.flatMap((language) => SEGMENTS.map((segment) => ({ templateId, language, segment }))),
  );

  it.each(combos)('$templateId / $language / $segment fits two GSM-7 segments and links onward', (c) => {
    const data = longData(c.language, c.segment);
    const sms = renderMessage(c.templateId, 'sms', c.language, data);
    expect(sms.encoding).toBe('GSM-7');
    expect(sms.segments).toBeLessThanOrEqual(2);
    expect(sms.text.includes(data.payUrl) || sms.text.includes(data.selfServiceUrl)).toBe(true);
  });

  it('reports the segments in the rendered SMS', () => {
    const sms = renderMessage('payment-request', 'sms', 'nl', sampleTemplateData('nl'));
    expect(sms).toMatchObject(smsSegments(sms.text));
  });

  it('keeps to GSM-7 by replacing accented letters and typographic quotes', () => {
    const data = sampleTemplateData('nl');
    const accented = { ...data, creditor: { ...data.creditor, name: 'Zoë’s Café – Curaçao' } };
    const sms = renderMessage('reminder-1', 'sms', 'nl', accented);
    expect(sms.text.startsWith("Zoe's Café - Curacao: ")).toBe(true);
    expect(sms.encoding).toBe('GSM-7');
    const chinese = { ...data, creditor: { ...data.creditor, name: '北京' } };
    expect(renderMessage('reminder-1', 'sms', 'nl', chinese).encoding).toBe('UCS-2');
  });

  it('keeps personal names off the lock screen', () => {
    const data = sampleTemplateData('nl');
    for (const templateId of TEMPLATE_IDS) {
      expect(renderMessage(templateId, 'sms', 'nl', data).text).not.toContain(data.debtorName);
    }
  });
});
