// Role-based masking, in one place: a viewer sees that a debtor exists and its id, not its name or
// email; collectors and admins see them (they act on them).
import type { ConsoleRole } from '../../db/queries/console-users.js';

export const seesContactData = (role: ConsoleRole) => role !== 'viewer';

/** "Jansen B.V." → "J••• B•••": the shape of a name without the name. */
export function maskName(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${[...word][0] ?? ''}•••`)
    .join(' ');
}

/** "anna@example.nl" → "a•••@e•••". */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${[...local][0] ?? ''}•••@${[...domain][0] ?? ''}•••`;
}

/** "+31612345678" → "+31•••78": the country and the last two digits, to tell numbers apart. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}•••${phone.slice(-2)}`;
}

/** An address as its city's initial and its country: where, roughly, without the street. */
export function maskAddress(address: { city: string; country: string }): string {
  return `${[...address.city][0] ?? ''}••• (${address.country})`;
}
