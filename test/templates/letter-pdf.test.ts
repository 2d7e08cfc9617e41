import { describe, expect, it } from 'vitest';
import {
  addressLines,
  countPdfPages,
  LAYOUT,
  renderLetterPdf,
  SAMPLE_EPC_PAYLOAD,
  sampleLetterInput,
} from '../../activities/letters/index.js';
import { decodeQrIn, pageCount, rasterisePage } from './pdf-raster.js';

describe('renderLetterPdf', () => {
  it('renders an A4 PDF whose two QR codes decode to the pay link and the EPC payload', async () => {
    const input = sampleLetterInput('nl');
    const pdf = await renderLetterPdf(input);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    expect(pageCount(pdf)).toBe(1);

    const page = rasterisePage(pdf, 0, 150);
    expect(Math.abs(page.width - (595.28 * 150) / 72)).toBeLessThan(1.5);
    expect(decodeQrIn(page, LAYOUT.payQr)).toBe(input.data.payUrl);
    expect(decodeQrIn(page, LAYOUT.bankQr)).toBe(SAMPLE_EPC_PAYLOAD);
  });

  it('produces the same bytes for the same input, dated by the letter date', async () => {
    const [first, second] = await Promise.all([
      renderLetterPdf(sampleLetterInput('en')),
      renderLetterPdf(sampleLetterInput('en')),
    ]);
    expect(first.equals(second)).toBe(true);
    expect(first.toString('latin1')).toContain('(D:20261125000000Z)');
  });

  it('flows a long text onto a second page, keeping the payment slip on page 1', async () => {
    const input = {
      ...sampleLetterInput('nl', 'reminder-2'),
      overrides: {
        paragraphs: Array.from({ length: 8 }, (_, i) => `Alinea ${i + 1}: ${'tekst '.repeat(60)}`),
      },
    };
    const pdf = await renderLetterPdf(input);
    expect(pageCount(pdf)).toBe(2);
    expect(countPdfPages(pdf)).toBe(2);
    const page = rasterisePage(pdf, 0, 150);
    expect(decodeQrIn(page, LAYOUT.bankQr)).toBe(SAMPLE_EPC_PAYLOAD);
  });

  it('rejects an EPC payload that is not a SEPA credit transfer', async () => {
    await expect(renderLetterPdf({ ...sampleLetterInput('nl'), epcPayload: 'hello' })).rejects.toThrow(
      /EPC069-12/,
    );
  });

  it('rejects a date that is not an ISO date', async () => {
    await expect(renderLetterPdf({ ...sampleLetterInput('nl'), date: '25-11-2026' })).rejects.toThrow(
      /ISO date/,
    );
  });
});

describe('addressLines', () => {
  it('formats a Dutch address for the window: two spaces, city in capitals, no country', () => {
    expect(
      addressLines({
        name: 'A. de Vries',
        line1: 'Kerkstraat 12',
        postalCode: '1234 AB',
        city: 'Amsterdam',
        country: 'NL',
      }),
    ).toEqual(['A. de Vries', 'Kerkstraat 12', '1234 AB  AMSTERDAM']);
  });

  it('adds the country in capitals for mail abroad', () => {
    expect(
      addressLines({
        name: 'J. Peeters',
        line1: 'Meir 1',
        line2: 'bus 3',
        postalCode: '2000',
        city: 'Antwerpen',
        country: 'BE',
      }),
    ).toEqual(['J. Peeters', 'Meir 1', 'bus 3', '2000  ANTWERPEN', 'BELGIUM']);
  });
});
