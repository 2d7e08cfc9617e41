import { intlFormats } from '../formats.js';
import type { LanguagePack } from '../types.js';
import { letter } from './letter.js';
import { messages } from './messages.js';
import { page } from './page.js';

export const tr: LanguagePack = {
  code: 'tr',
  name: 'Türkçe',
  locale: 'tr-TR',
  messages,
  letter,
  page,
  formats: intlFormats('tr-TR'),
  samples: { senderName: 'Müşteri Hizmetleri', description: 'Ekim 2026 elektrik faturası' },
};
