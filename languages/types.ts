// What one language brings: every text a debtor reads (messages on every channel, the printed letter,
// the self-service page) and how dates and money are written. A language missing a text is a type error.
import type { LetterTexts, MessageTexts } from '../activities/templates/text-schema.js';
import type { PageTexts } from '../api/self-service/page-texts.js';
import type { IsoDate, Language } from '../workflows/domain.js';

export interface Formats {
  /** `2026-11-25` → `25 november 2026` */
  date(date: IsoDate): string;
  /** An instant with the clock in Amsterdam time, for compressed (demo) policies. */
  dateTime(instant: string): string;
  /** Euro cents → `€ 1.234,56` */
  money(cents: number): string;
}

export interface LanguagePack {
  code: Language;
  /** The language's own name, as the page's language switch shows it. */
  name: string;
  /** BCP 47 locale for Intl (dates, money) and the letter's PDF language tag. */
  locale: string;
  messages: MessageTexts;
  letter: LetterTexts;
  page: PageTexts;
  formats: Formats;
  /** Fictional sample values for previews and the rendered samples. */
  samples: { senderName: string; description: string };
}
