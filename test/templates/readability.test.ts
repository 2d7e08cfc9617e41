// The plain-language hint: the vectors below were counted by hand (words, vowel groups for Dutch,
// the syllable package's counts for English) and put through the formulas on paper.
import { describe, expect, it } from 'vitest';
import { dutchSyllables, readability } from '../../activities/templates/readability.js';

describe('Dutch syllables (vowel groups)', () => {
  it.each([
    ['betalen', 3],
    ['herinnering', 4],
    ['nieuw', 1],
    ['blijft', 1],
    ['geïnd', 2],
    ['beëindigen', 4],
    ['incassobureau', 5],
    ['Indien', 2],
  ])('%s has %i', (word, count) => {
    expect(dutchSyllables(word)).toBe(count);
  });
});

describe('readability', () => {
  it('scores short Dutch sentences with Flesch–Douma as B1', () => {
    // 7 words/11 syllables + 5 words/5 syllables: 206.835 − 0.93·6 − 77·16/12 = 98.588…
    expect(readability('Wij vragen u de factuur te betalen. Dat kan met de link.', 'nl')).toEqual({
      sentences: 2,
      words: 12,
      syllables: 16,
      averageSentenceLength: 6,
      longWords: [],
      score: 98.6,
      formula: 'flesch-douma',
      meetsB1: true,
    });
  });

  it('flags a long Dutch sentence of officialese: below B1, with its long word', () => {
    const text =
      'Indien betaling uitblijft, zijn wij genoodzaakt de vordering uit handen te geven aan een ' +
      'incassobureau, hetgeen extra kosten met zich meebrengt.';
    // 21 words, 39 syllables, one sentence: 206.835 − 0.93·21 − 77·39/21 = 44.305
    expect(readability(text, 'nl')).toEqual({
      sentences: 1,
      words: 21,
      syllables: 39,
      averageSentenceLength: 21,
      longWords: ['incassobureau'],
      score: 44.3,
      formula: 'flesch-douma',
      meetsB1: false,
    });
  });

  it('scores English with Flesch reading ease', () => {
    // 8 words, 10 syllables, 2 sentences: 206.835 − 1.015·4 − 84.6·1.25 = 97.025
    expect(readability('Please pay the invoice. You can pay online.', 'en')).toMatchObject({
      words: 8,
      syllables: 10,
      score: 97,
      formula: 'flesch-reading-ease',
      meetsB1: true,
    });
  });

  it('counts a placeholder as one word of one syllable', () => {
    // Dear, invoice(2), is, open(2) + 2 placeholders: 6 words, 8 syllables: 206.835 − 6.09 − 112.8
    expect(readability('Dear {{debtorName}}, invoice {{ invoiceId }} is open.', 'en')).toMatchObject({
      words: 6,
      syllables: 8,
      score: 87.9,
    });
  });

  it('ends a sentence at a line break (a title, a list line)', () => {
    expect(readability('Herinnering\nBetaal vandaag.', 'nl')).toMatchObject({ sentences: 2, words: 3 });
  });

  it('gives other languages the sentence length only, and nothing for an empty text', () => {
    expect(readability('Bitte zahlen Sie heute.', 'de')).toEqual({
      sentences: 1,
      words: 4,
      syllables: 7,
      averageSentenceLength: 4,
      longWords: [],
      meetsB1: true,
    });
    expect(readability(' {{ }} .', 'nl')).toBeUndefined();
  });
});
