// Language lookup: the only place that knows which text module serves which language.
import type { Language } from '../../workflows/domain.js';
import type { LanguageTexts } from './text-schema.js';
import { textsEn } from './texts-en.js';
import { textsNl } from './texts-nl.js';

const TEXTS: Record<Language, LanguageTexts> = { nl: textsNl, en: textsEn };

export function languageTexts(language: Language): LanguageTexts {
  return TEXTS[language];
}
