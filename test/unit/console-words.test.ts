// The console's Dutch for what the API says in English: an invoice's refusals and schema errors.
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { lineValidator } from '../../api/line-validator.js';
import { IsoDateString } from '../../api/schemas.js';
import { validationFieldErrors } from '../../api/validation-errors.js';
import { refusals } from '../../languages/nl/refusals.js';
import { validation } from '../../languages/nl/validation.js';
import { API_REFUSALS, type Refusal, refusalText } from '../../workflows/commands/refusal.js';

describe("an invoice's refusals in Dutch", () => {
  it.each<[Refusal, string, string]>([
    [
      { code: 'overpayment', dueCents: 12_345 },
      'te veel: er staat nog € 123,45 open',
      'overpayment: at most 12345 cents are due',
    ],
    [
      { code: 'date-out-of-range', from: '2026-11-25', to: '2026-12-25' },
      'de datum moet tussen 25 november 2026 en 25 december 2026 liggen',
      'date must lie between 2026-11-25 and 2026-12-25',
    ],
    [
      { code: 'closed', status: 'handed_over' },
      'de factuur is uit handen gegeven',
      'the invoice is handed_over',
    ],
    [
      { code: 'instalment-too-small', minCents: 2500, maxInstalments: 4 },
      'elke termijn moet minstens € 25,00 zijn; voor dit bedrag kunnen er hoogstens 4 termijnen zijn',
      'each instalment must be at least 2500 cents; at most 4 instalments for this amount',
    ],
  ])('%j', (refusal, dutch, english) => {
    expect(refusalText(refusals, refusal)).toBe(dutch);
    expect(refusalText(API_REFUSALS, refusal)).toBe(english);
  });
});

describe('schema errors in Dutch', () => {
  const validate = lineValidator(
    Type.Object(
      { date: IsoDateString, email: Type.String({ format: 'email' }), note: Type.String({ maxLength: 5 }) },
      { additionalProperties: false },
    ),
  );

  it("words Settle's own messages and ajv's (through ajv-i18n), leaving the validator's errors as they were", () => {
    expect(validate({ date: '25-11-2026', email: 'nope', note: 'too long' })).toBe(false);
    const errors = validate.errors ?? [];
    const english = validationFieldErrors(errors);
    expect(validationFieldErrors(errors, 'body', validation)).toEqual([
      { field: '/date', message: 'gebruik JJJJ-MM-DD' },
      { field: '/date', message: 'vul een bestaande datum in (JJJJ-MM-DD)' },
      { field: '/email', message: 'vul een e-mailadres in' },
      { field: '/note', message: 'mag niet langer dan 5 karakters zijn' },
    ]);
    expect(validationFieldErrors(errors)).toEqual(english);
    expect(english.map((e) => e.message)).toEqual([
      'use YYYY-MM-DD',
      'use YYYY-MM-DD (a day that exists)',
      'use an email address',
      'must NOT have more than 5 characters',
    ]);
  });
});
