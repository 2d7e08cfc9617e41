// How the console writes moments and amounts: in the user's language, Amsterdam time.
import { escapeHtml as h } from '../../activities/templates/safety.js';
import { formatAmount } from '../../workflows/policy/money.js';
import type { ConsoleLanguage } from './texts.js';

const MOMENTS = {
  nl: new Intl.DateTimeFormat('nl-NL', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Europe/Amsterdam',
  }),
} as const;

/** A moment as a <time> element: the machine-readable instant and the local reading. */
export function moment(lang: ConsoleLanguage, at: Date | string): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(date.getTime())) return '';
  return `<time datetime="${date.toISOString()}">${h(MOMENTS[lang].format(date))}</time>`;
}

/** "EUR 123.45" (plain text: escape where it is placed). */
export const money = (currency: string, cents: number) => `${currency} ${formatAmount(cents)}`;
