import { intlFormats } from '../formats.js';
import type { LanguagePack } from '../types.js';
import { letter } from './letter.js';
import { messages } from './messages.js';
import { page } from './page.js';

export const nl: LanguagePack = {
  code: 'nl',
  name: 'Nederlands',
  locale: 'nl-NL',
  messages,
  letter,
  page,
  formats: intlFormats('nl-NL'),
  samples: { senderName: 'Team Klantenservice', description: 'Energierekening oktober 2026' },
};
