// A plain-language hint for a template's text: average sentence length, long words and a readability
// score — Flesch–Douma for Dutch (Douma 1960: Flesch's formula refitted to Dutch's longer words),
// Flesch reading ease for English — against the B1 level that Dutch "klare taal" guidance and plain
// English guidance set for letters to the public. Other languages get the sentence length only.
import { syllable as englishSyllables } from 'syllable';
import type { Language } from '../../workflows/domain.js';

export type ReadabilityFormula = 'flesch-douma' | 'flesch-reading-ease';

export interface ReadabilityHint {
  sentences: number;
  words: number;
  syllables: number;
  /** Words per sentence, one decimal. */
  averageSentenceLength: number;
  /** Words of LONG_WORD_SYLLABLES or more syllables, each once, in order of appearance. */
  longWords: string[];
  /** 0 (hard) … 100 (easy), one decimal; absent for a language without a formula here. */
  score?: number;
  formula?: ReadabilityFormula;
  /** Both targets met: score at least B1_MIN_SCORE (where there is one), sentences B1_MAX_SENTENCE long. */
  meetsB1: boolean;
}

/** Both scales read 60–70 as "fairly easy": what B1 readers follow without effort. */
export const B1_MIN_SCORE = 60;
/** B1 guidance: on average no more than 15 words a sentence. */
export const B1_MAX_SENTENCE = 15;
export const LONG_WORD_SYLLABLES = 4;

const PLACEHOLDER = /\{\{\s*\w+\s*\}\}/g;
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
/** A sentence ends at . ! ? before a space or the end, and at every line break (titles, lists). */
const SENTENCE_END = /[.!?]+(?=\s|$)|\n+/u;

/**
 * Dutch syllables as vowel groups: ij and the digraphs (aa, ie, oe, eu, ui, ei, ou, au, ieu, eeuw)
 * are one group each; a diaeresis starts a new syllable (ge-ïnd, be-ëindigen).
 */
export function dutchSyllables(word: string): number {
  const separated = word
    .toLowerCase()
    .replace(/[äëïöü]/g, (vowel) => `-${vowel}`)
    .normalize('NFD')
    .replace(/\p{M}/gu, '');
  return Math.max(1, separated.match(/(?:ij|[aeiouy])+/g)?.length ?? 0);
}

const FORMULAS: Partial<
  Record<
    Language,
    {
      formula: ReadabilityFormula;
      syllables: (word: string) => number;
      score: (w: number, s: number) => number;
    }
  >
> = {
  nl: {
    formula: 'flesch-douma',
    syllables: dutchSyllables,
    score: (wordsPerSentence, syllablesPerWord) => 206.835 - 0.93 * wordsPerSentence - 77 * syllablesPerWord,
  },
  en: {
    formula: 'flesch-reading-ease',
    syllables: (word) => Math.max(1, englishSyllables(word)),
    score: (wordsPerSentence, syllablesPerWord) =>
      206.835 - 1.015 * wordsPerSentence - 84.6 * syllablesPerWord,
  },
};

const oneDecimal = (value: number) => Math.round(value * 10) / 10;

/**
 * The hint for a text in `{{placeholder}}` syntax: each placeholder counts as one word of one
 * syllable (a name, an amount or a date when sent). An empty text is `undefined`.
 */
export function readability(text: string, language: Language): ReadabilityHint | undefined {
  const rule = FORMULAS[language];
  const countSyllables = rule?.syllables ?? dutchSyllables;
  let sentences = 0;
  let words = 0;
  let syllables = 0;
  const longWords: string[] = [];
  for (const sentence of text.split(SENTENCE_END)) {
    const placeholders = sentence.match(PLACEHOLDER)?.length ?? 0;
    const tokens = sentence.replace(PLACEHOLDER, ' ').match(WORD) ?? [];
    if (tokens.length + placeholders === 0) continue;
    sentences++;
    words += tokens.length + placeholders;
    syllables += placeholders;
    for (const token of tokens) {
      const count = /\p{L}/u.test(token) ? countSyllables(token) : 1;
      syllables += count;
      if (count >= LONG_WORD_SYLLABLES && !longWords.includes(token)) longWords.push(token);
    }
  }
  if (words === 0) return undefined;
  const averageSentenceLength = words / sentences;
  const score = rule ? oneDecimal(rule.score(averageSentenceLength, syllables / words)) : undefined;
  return {
    sentences,
    words,
    syllables,
    averageSentenceLength: oneDecimal(averageSentenceLength),
    longWords,
    ...(rule && score !== undefined ? { score, formula: rule.formula } : {}),
    meetsB1: averageSentenceLength <= B1_MAX_SENTENCE && (score === undefined || score >= B1_MIN_SCORE),
  };
}
