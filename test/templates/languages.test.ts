// One folder per language (issue 14 item 3): every template variant renders on every channel in every
// language, with no placeholder left and no English standing in for the language; the letter PDF is
// written in each; dates and money follow the language's locale. A text a language lacks does not get
// this far: LanguagePack makes it a type error.
import { describe, expect, it } from 'vitest';
import { renderLetterPdf, sampleLetterInput } from '../../activities/letters/index.js';
import {
  renderMessage,
  sampleTemplateData,
  WHATSAPP_TEMPLATE_NAMES,
} from '../../activities/templates/index.js';
import { type TextKey, templateOf } from '../../activities/templates/text-schema.js';
import { isLanguage, languagePack, resolveLanguage } from '../../languages/index.js';
import { CHANNELS, type Channel, LANGUAGES, type Language, SEGMENTS } from '../../workflows/domain.js';
import { TEMPLATE_IDS } from './all-templates.js';
import { pdfText } from './pdf-raster.js';

/** Every variant is reached: the facts that pick it (no costs named, a fresh pay-by day, the segment). */
function dataFor(key: TextKey, language: Language) {
  const segment = key === 'formal-notice-business' ? 'business' : 'consumer';
  const data = sampleTemplateData(language, segment);
  if (key === 'formal-notice-no-costs') {
    const { collectionCosts: _, ...noCosts } = data;
    return noCosts;
  }
  if (key === 'payment-request') {
    const { deadline: _, ...timely } = data;
    return timely;
  }
  return data;
}

function readable(key: TextKey, channel: Channel, language: Language): string {
  const rendered = renderMessage(templateOf(key), channel, language, dataFor(key, language));
  return JSON.stringify(rendered);
}

const VARIANTS = Object.keys(WHATSAPP_TEMPLATE_NAMES) as TextKey[];

describe('every template in every language', () => {
  const cases = VARIANTS.flatMap((key) =>
    CHANNELS.flatMap((channel) => LANGUAGES.map((language) => [key, channel, language] as const)),
  );

  it.each(cases)('%s / %s / %s renders in its own language', (key, channel, language) => {
    const text = readable(key, channel, language);
    expect(text).not.toMatch(/\{\{|\}\}/);
    if (channel === 'whatsapp')
      expect(renderMessage(templateOf(key), channel, language, dataFor(key, language)).language).toBe(
        language,
      );
    if (language === 'en') return;
    // No English fallback: the text differs from the English one and carries the language's own words.
    expect(text).not.toBe(readable(key, channel, 'en'));
    expect(text).not.toMatch(/\b(Dear|Please pay|Pay now|invoice)\b/);
  });

  it('reaches every variant the catalogue lists', () => {
    expect(new Set(VARIANTS.map(templateOf))).toEqual(new Set(TEMPLATE_IDS));
  });

  it.each(LANGUAGES)('%s greets, closes and names the costs in its own words', (language) => {
    const { messages } = languagePack(language);
    const letter = renderMessage('formal-notice', 'letter', language, sampleTemplateData(language));
    expect(letter.greeting).toBe(messages.greeting.replace('{{debtorName}}', 'Anna de Vries'));
    expect(letter.closing[0]).toBe(messages.closing);
    expect(letter.paragraphs.join(' ')).toContain(languagePack(language).formats.money(4_000));
    expect(letter.paragraphs.join(' ')).toContain('14');
  });
});

describe('the letter PDF in every language', () => {
  it.each(LANGUAGES.flatMap((language) => SEGMENTS.map((segment) => [language, segment] as const)))(
    '%s / %s: the formal notice, its labels and its amounts',
    async (language, segment) => {
      const pack = languagePack(language);
      const input = sampleLetterInput(language, 'formal-notice', segment);
      const text = pdfText(await renderLetterPdf(input)).replace(/\s+/g, ' ');
      const title = renderMessage('formal-notice', 'letter', language, input.data).title;
      expect(text).toContain(title);
      expect(text).toContain(pack.letter.scanBankApp);
      expect(text).toContain(pack.formats.money(19_768));
      expect(text).toContain(pack.formats.date('2026-11-25'));
    },
  );
});

describe('dates and money as each language writes them', () => {
  it.each<[Language, string, string, string]>([
    ['nl', '€ 1.234,56', '€ -1.234,56', '25 november 2026'],
    ['en', '€1,234.56', '-€1,234.56', '25 November 2026'],
    ['de', '1.234,56 €', '-1.234,56 €', '25. November 2026'],
    ['fr', '1 234,56 €', '-1 234,56 €', '25 novembre 2026'],
    ['pl', '1234,56 €', '-1234,56 €', '25 listopada 2026'],
    ['tr', '€1.234,56', '-€1.234,56', '25 Kasım 2026'],
  ])('%s: %s, %s, %s', (language, money, negative, date) => {
    const { formats } = languagePack(language);
    expect(formats.money(123_456)).toBe(money);
    expect(formats.money(-123_456).replace('−', '-')).toBe(negative);
    expect(formats.date('2026-11-25')).toBe(date);
  });

  it('the debtor’s language picks the pack; an unknown one falls back to Dutch', () => {
    expect(LANGUAGES.every(isLanguage)).toBe(true);
    expect(resolveLanguage('xx', 'de')).toBe('de');
    expect(resolveLanguage(undefined, 'xx')).toBe('nl');
  });
});
