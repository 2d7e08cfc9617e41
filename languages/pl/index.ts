import { intlFormats } from '../formats.js';
import type { LanguagePack } from '../types.js';
import { letter } from './letter.js';
import { messages } from './messages.js';
import { page } from './page.js';

export const pl: LanguagePack = {
  code: 'pl',
  name: 'Polski',
  locale: 'pl-PL',
  messages,
  letter,
  page,
  formats: intlFormats('pl-PL'),
  samples: { senderName: 'Dział Obsługi Klienta', description: 'Rachunek za prąd, październik 2026' },
};
