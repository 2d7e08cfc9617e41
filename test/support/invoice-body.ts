// The create-invoice request body the API and end-to-end tests send, with unique ids.
import { randomBytes } from 'node:crypto';
import { isoDay } from '../../devstack/dates.js';

export const unique = (prefix: string) => `${prefix}-${randomBytes(5).toString('hex')}`;

/**
 * A valid create-invoice body on the demo policy. The due date lies 10 days ahead, so the
 * workflow sends its payment request at once and then waits for the first reminder on the real
 * calendar: the invoice stays open (and steerable) for the whole test.
 */
export function invoiceBody(overrides: Record<string, unknown> = {}, debtor: Record<string, unknown> = {}) {
  return {
    invoiceId: unique('INV'),
    policy: 'demo',
    debtor: {
      id: unique('D'),
      type: 'consumer',
      name: 'Jan Jansen',
      email: 'jan@delivered.example',
      address: { line1: 'Dorpsstraat 1', postalCode: '1234 AB', city: 'Utrecht', country: 'NL' },
      ...debtor,
    },
    amount: { currency: 'EUR', value: '123.45' },
    issueDate: isoDay(-20),
    dueDate: isoDay(10),
    ...overrides,
  };
}
