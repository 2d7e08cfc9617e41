import { describe, expect, it } from 'vitest';
import { selfServiceUrl, stablePayLink } from '../../activities/self-service-link.js';
import { renderMessage, sampleTemplateData, smsSegments } from '../../activities/templates/index.js';
import { languagePack } from '../../languages/index.js';
import { LANGUAGES, type Language, SEGMENTS } from '../../workflows/domain.js';
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
  // Realistic worst case: a long creditor name, a five-figure amount, the longest date, and the links
  // as messages carry them — the self-service page and its stable pay link, with a long tenant id and
  // invoice number in the token.
  const invoiceId = 'INV-2026-0001234567';
  const urls = { baseUrl: 'https://pay.settle.example', tokenSecret: 'secret' };
  const selfService = selfServiceUrl(urls, 'polderstroom', invoiceId);
  const longData = (language: Language, segment: 'consumer' | 'business') => {
    const data = sampleTemplateData(language, segment);
    const { formats } = languagePack(language);
    const amount = formats.money(1_234_567);
    return {
      ...data,
      amountDue: amount,
      collection: {
        amount,
        date: formats.date('2026-09-30'),
        mandateReference: 'mdt_h3gAaD5zP',
      },
      invoiceId,
      payUrl: stablePayLink(selfService),
      selfServiceUrl: selfService,
      creditor: { ...data.creditor, name: 'Woonstichting De Polder' },
    };
  };
  const combos = TEMPLATE_IDS.flatMap((templateId) =>
    LANGUAGES.flatMap((language) => SEGMENTS.map((segment) => ({ templateId, language, segment }))),
  );

  // Settle's links are long (the token names tenant and invoice, and is signed): a message with both
  // the pay link and the page link, or a long legal text, takes a third segment.
  it.each(combos)('$templateId / $language / $segment fits three GSM-7 segments and links onward', (c) => {
    const data = longData(c.language, c.segment);
    const sms = renderMessage(c.templateId, 'sms', c.language, data);
    expect(sms.encoding).toBe('GSM-7');
    expect(sms.segments).toBeLessThanOrEqual(3);
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
