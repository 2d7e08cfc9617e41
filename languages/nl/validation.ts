// Schema errors in Dutch, for the console's forms (the API answers in English).
import ajvInDutch from 'ajv-i18n/localize/nl/index.js';
import type { ValidationTexts } from '../../api/validation-errors.js';

// The package declares an ES default export; loaded from ES modules it is `module.exports` itself.
const localizeNl = ajvInDutch as unknown as (errors: unknown[]) => void;

export const validation: ValidationTexts = {
  isoDate: 'gebruik JJJJ-MM-DD',
  amount: 'vul een positief bedrag in met hoogstens twee decimalen, bijv. 123,45',
  phone: 'vul een internationaal telefoonnummer in, bijv. +31612345678',
  formats: {
    date: 'vul een bestaande datum in (JJJJ-MM-DD)',
    'date-time': 'vul een datum en tijd in, bijv. 2026-03-01T09:30:00Z',
    email: 'vul een e-mailadres in',
    uri: 'vul een volledige URL in',
  },
  otherFormat: (format) => `moet een geldige ${format} zijn`,
  use: (description) => `gebruik ${description}`,
  wrongFormat: 'heeft niet de juiste vorm',
  oneOf: (values) => `moet een van deze zijn: ${values.join(', ')}`,
  atLeastOneOf: (groups) =>
    `vul minstens een van deze in: ${groups.map((group) => group.join(' en ')).join(', ')}`,
  noForm: 'past bij geen van de toegestane vormen',
  invalid: 'is ongeldig',
  localize: localizeNl,
};
