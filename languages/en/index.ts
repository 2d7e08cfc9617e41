import { intlFormats } from '../formats.js';
import type { LanguagePack } from '../types.js';
import { letter } from './letter.js';
import { messages } from './messages.js';
import { page } from './page.js';

export const en: LanguagePack = {
  code: 'en',
  name: 'English',
  locale: 'en-GB',
  messages,
  letter,
  page,
  formats: intlFormats('en-GB'),
  samples: { senderName: 'Customer Service Team', description: 'Energy bill October 2026' },
};
