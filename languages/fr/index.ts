import { intlFormats } from '../formats.js';
import type { LanguagePack } from '../types.js';
import { letter } from './letter.js';
import { messages } from './messages.js';
import { page } from './page.js';

export const fr: LanguagePack = {
  code: 'fr',
  name: 'Français',
  locale: 'fr-FR',
  messages,
  letter,
  page,
  formats: intlFormats('fr-FR'),
  samples: { senderName: 'Service clients', description: 'Facture d’électricité octobre 2026' },
};
