// The language registry: the only place that knows which folder serves which language. Adding a
// language = one folder like ./nl and one line here (and its code in workflows/domain.ts LANGUAGES).
import { LANGUAGES, type Language } from '../workflows/domain.js';
import { de } from './de/index.js';
import { en } from './en/index.js';
import { fr } from './fr/index.js';
import { nl } from './nl/index.js';
import { pl } from './pl/index.js';
import { tr } from './tr/index.js';
import type { LanguagePack } from './types.js';

export type { Formats, LanguagePack } from './types.js';

const PACKS: Record<Language, LanguagePack> = { nl, en, de, fr, pl, tr };

export function languagePack(language: Language): LanguagePack {
  return PACKS[language];
}

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.includes(value as Language);
}

/** The first of the candidates that is a language Settle speaks, else Dutch. */
export function resolveLanguage(...candidates: unknown[]): Language {
  return candidates.find(isLanguage) ?? 'nl';
}
