// Dates and money as a language writes them, through Intl with the language's locale. Spaces inside
// an amount are plain spaces: letters keep an amount on one line themselves (typography.ts).
import type { Formats } from './types.js';

const SPACES = /[\u00a0\u202f]/g;

export function intlFormats(locale: string): Formats {
  const day = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const dayAndTime = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/Amsterdam',
  });
  const euro = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
  return {
    date: (date) => {
      const [y, m, d] = date.split('-').map(Number);
      return day.format(new Date(Date.UTC(y!, m! - 1, d!)));
    },
    dateTime: (instant) => dayAndTime.format(new Date(instant)),
    money: (cents) => euro.format(cents / 100).replace(SPACES, ' '),
  };
}
