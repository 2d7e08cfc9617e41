// Address block as PostNL asks for it: postal code and city on one line separated by two spaces,
// city in capitals; the country line only for mail abroad, in capitals and in English (UPU-accepted).
import type { PostalAddress } from '../../providers/types.js';

const DOMESTIC = /^(nl|nld|nederland|the netherlands|netherlands)$/i;

function countryName(country: string): string {
  if (/^[a-z]{2}$/i.test(country)) {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(country.toUpperCase()) ?? country;
  }
  return country;
}

export function addressLines(to: PostalAddress): string[] {
  const lines = [to.name, to.line1, to.line2, `${to.postalCode}  ${to.city.toUpperCase()}`];
  if (!DOMESTIC.test(to.country.trim())) lines.push(countryName(to.country.trim()).toUpperCase());
  return lines.filter((line): line is string => Boolean(line?.trim()));
}
