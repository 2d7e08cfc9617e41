// Why an invoice's workflow refused a command, in Dutch: the console's words for the API's refusal.
import type { RefusalTexts } from '../../workflows/commands/refusal.js';
import { intlFormats } from '../formats.js';

const { money, date } = intlFormats('nl-NL');

const STATUSES: Record<string, string> = {
  paid: 'betaald',
  cancelled: 'geannuleerd',
  handed_over: 'uit handen gegeven',
};

export const refusals: RefusalTexts = {
  ended: () => 'de factuur is afgesloten; er zijn geen acties meer mogelijk',
  closed: ({ status }) => `de factuur is ${STATUSES[status] ?? status}`,
  disputed: () => 'de factuur wordt betwist',
  'disputed-pause': () => 'de factuur wordt betwist; handel eerst het geschil af',
  'already-disputed': () => 'de factuur wordt al betwist',
  'no-open-dispute': () => 'de factuur heeft geen open geschil',
  'not-paused': () => 'de factuur is niet gepauzeerd',
  'in-plan': () => 'de factuur loopt in een betalingsregeling',
  'has-active-plan': () => 'de factuur heeft al een lopende betalingsregeling',
  'direct-debit-active': () => 'automatische incasso loopt al',
  'direct-debit-not-active': () => 'automatische incasso loopt niet',
  'collection-day': () => 'de incassodag moet een heel getal van 1 tot en met 28 zijn',
  'until-not-future': () => 'de einddatum moet in de toekomst liggen',
  'date-out-of-range': ({ from, to }) => `de datum moet tussen ${date(from)} en ${date(to)} liggen`,
  'amount-not-positive': () => 'het bedrag moet groter dan nul zijn',
  overpayment: ({ dueCents }) => `te veel: er staat nog ${money(dueCents)} open`,
  'instalments-out-of-range': ({ min, max }) => `het aantal termijnen moet tussen ${min} en ${max} liggen`,
  'instalment-too-small': ({ minCents, maxInstalments }) =>
    `elke termijn moet minstens ${money(minCents)} zijn; voor dit bedrag kunnen er hoogstens ${maxInstalments} termijnen zijn`,
};
