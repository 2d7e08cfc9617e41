import { intlFormats } from '../formats.js';
import type { LanguagePack } from '../types.js';
import { letter } from './letter.js';
import { messages } from './messages.js';
import { page } from './page.js';

export const de: LanguagePack = {
  code: 'de',
  name: 'Deutsch',
  locale: 'de-DE',
  messages,
  letter,
  page,
  formats: intlFormats('de-DE'),
  samples: { senderName: 'Team Kundenservice', description: 'Stromrechnung Oktober 2026' },
};
