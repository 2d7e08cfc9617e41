import { describe, expect, it } from 'vitest';
import {
  betalingskenmerk,
  betalingskenmerkFor,
  EPC_QR_MAX_BYTES,
  type EpcQrInput,
  epcQrAmountCents,
  epcQrPayload,
  isValidBetalingskenmerk,
  isValidIban,
  isValidRfReference,
  isValidSepaCreditorId,
  rfReference,
} from '../../workflows/policy/references.js';

describe('betalingskenmerk', () => {
  it.each([
    // Betaalvereniging example: Σ = 215, 215 mod 11 = 6, C = 11 − 6 = 5
    ['000056789012345', '5000056789012345'],
    // Σ = 0 → C = 11 → 0
    ['000000000000000', '0000000000000000'],
    // Σ = 1 × 2 = 2 → C = 9
    ['000000000000001', '9000000000000001'],
    // Σ = 6 × 2 = 12, 12 mod 11 = 1 → C = 10 → 1
    ['000000000000006', '1000000000000006'],
  ])('betalingskenmerk(%s) = %s', (digits, expected) => {
    expect(betalingskenmerk(digits)).toBe(expected);
  });

  it.each(['12345', '0000567890123456', '00005678901234a', ''])('refuses %j as 15 digits', (digits) => {
    expect(() => betalingskenmerk(digits)).toThrow(RangeError);
  });

  it.each([
    ['5000056789012345', true],
    ['5000 0567 8901 2345', true], // as printed
    ['5000056789012346', false], // altered digit
    ['4000056789012345', false], // wrong check digit
    ['500005678901234', false], // 15 digits is no legal length
    ['50000567890123456', false], // 17 digits
    ['12234534622567', true], // 14 digits: C = 1, length code 2 (12 digits follow)
    ['13234534622567', false], // wrong length code
    ['271234567', true], // 9 digits: C + L=7 + 7 digits; Σ = 174, mod 11 = 9 → C = 2
    ['900000000001', true], // 12 digits: length code 0 (10 digits follow)
    ['1234567', true], // 7 digits carry no check digit
    ['12345678', false], // 8 digits is no legal length
    ['', false],
    ['abcdefghijklmnop', false],
  ])('isValidBetalingskenmerk(%j) = %s', (input, expected) => {
    expect(isValidBetalingskenmerk(input)).toBe(expected);
  });

  it.each(['INV-2026-0001', 'INV-2026-0002', 'klant/42', ''])(
    'derives a stable valid kenmerk for %j',
    (key) => {
      const kenmerk = betalingskenmerkFor(key);
      expect(kenmerk).toMatch(/^\d{16}$/);
      expect(isValidBetalingskenmerk(kenmerk)).toBe(true);
      expect(betalingskenmerkFor(key)).toBe(kenmerk);
    },
  );

  it('derives different kenmerken for different keys', () => {
    const kenmerken = new Set(Array.from({ length: 1000 }, (_, i) => betalingskenmerkFor(`INV-${i}`)));
    expect(kenmerken.size).toBe(1000);
  });
});

describe('ISO 11649 RF creditor reference', () => {
  it.each([
    ['539007547034', 'RF18539007547034'],
    ['5390 0754 7034', 'RF18539007547034'],
  ])('rfReference(%j) = %s', (base, expected) => {
    expect(rfReference(base)).toBe(expected);
  });

  it.each(['1', 'A', 'INV20260001', 'abc123', 'Z'.repeat(21), '0'.repeat(21)])('round-trips %j', (base) => {
    const reference = rfReference(base);
    expect(reference).toMatch(/^RF\d{2}[A-Z0-9]{1,21}$/);
    expect(isValidRfReference(reference)).toBe(true);
  });

  it.each(['', 'INV-1', 'A'.repeat(22)])('refuses the base %j', (base) => {
    expect(() => rfReference(base)).toThrow(RangeError);
  });

  it.each([
    ['RF18539007547034', true],
    ['RF18 5390 0754 7034', true],
    ['rf18539007547034', true],
    ['RF19539007547034', false], // wrong check digits
    ['RF18539007547035', false], // altered base
    ['RF18539007547043', false], // swapped digits
    ['RF18', false], // no base
    [`RF18${'1'.repeat(22)}`, false], // base too long
    ['XX18539007547034', false],
    ['RFAB539007547034', false],
  ])('isValidRfReference(%j) = %s', (input, expected) => {
    expect(isValidRfReference(input)).toBe(expected);
  });
});

describe('IBAN', () => {
  it.each([
    ['NL91ABNA0417164300', true],
    ['NL91 ABNA 0417 1643 00', true],
    ['nl91abna0417164300', true],
    ['DE89370400440532013000', true],
    ['GB82WEST12345698765432', true],
    ['NL92ABNA0417164300', false], // wrong check digits
    ['NL91ABNA0417164301', false], // altered account
    ['NL91ABNA041716', false], // too short
    ['', false],
  ])('isValidIban(%j) = %s', (input, expected) => {
    expect(isValidIban(input)).toBe(expected);
  });
});

describe('SEPA creditor identifier', () => {
  // DE98ZZZ09999999999: the Deutsche Bundesbank's published example Gläubiger-Identifikationsnummer.
  it.each([
    ['DE98ZZZ09999999999', true],
    ['de98zzz09999999999', true],
    ['DE98ABC09999999999', true], // the business code is not part of the check
    ['DE97ZZZ09999999999', false], // wrong check digits
    ['DE98ZZZ09999999998', false], // altered national identifier
    ['NL79ZZZ999999990000', true],
    ['NL98ZZZ999999990000', false],
    ['DE98ZZZ', false],
    ['', false],
  ])('isValidSepaCreditorId(%j) = %s', (input, expected) => {
    expect(isValidSepaCreditorId(input)).toBe(expected);
  });
});

describe('EPC QR payload', () => {
  const base: EpcQrInput = { name: 'Settle Demo BV', iban: 'NL91 ABNA 0417 1643 00' };

  it.each<[string, EpcQrInput, string]>([
    [
      'structured reference, BIC and amount',
      { ...base, bic: 'ABNANL2A', amountCents: 12_345, reference: 'RF18539007547034' },
      'BCD\n002\n1\nSCT\nABNANL2A\nSettle Demo BV\nNL91ABNA0417164300\nEUR123.45\n\nRF18539007547034',
    ],
    [
      'text and info, no BIC',
      { ...base, amountCents: 100, purpose: 'GDDS', text: 'Factuur 2026-001', info: 'Dank u' },
      'BCD\n002\n1\nSCT\n\nSettle Demo BV\nNL91ABNA0417164300\nEUR1.00\nGDDS\n\nFactuur 2026-001\nDank u',
    ],
    ['no amount: the payer fills it in', base, 'BCD\n002\n1\nSCT\n\nSettle Demo BV\nNL91ABNA0417164300'],
  ])('%s', (_, input, expected) => {
    expect(epcQrPayload(input)).toBe(expected);
  });

  it('never ends with a separator', () => {
    expect(epcQrPayload({ ...base, amountCents: 500, text: '' }).endsWith('\n')).toBe(false);
  });

  // 38 fixed bytes (service lines, IBAN, separators) + 140-byte name + 153-byte text = 331.
  const longName = 'é'.repeat(70);
  const textAtLimit = `${'é'.repeat(13)}${'a'.repeat(127)}`;
  it('accepts a payload of exactly 331 UTF-8 bytes', () => {
    const payload = epcQrPayload({ ...base, name: longName, text: textAtLimit });
    expect(Buffer.byteLength(payload, 'utf8')).toBe(EPC_QR_MAX_BYTES);
  });

  it('refuses a payload over 331 bytes even when every field is within its length', () => {
    const textOverLimit = `${'é'.repeat(14)}${'a'.repeat(126)}`;
    expect(() => epcQrPayload({ ...base, name: longName, text: textOverLimit })).toThrow(/331 bytes/);
  });

  it.each<[string, EpcQrInput]>([
    ['reference and text together', { ...base, reference: 'RF18539007547034', text: 'Factuur 1' }],
    ['an invalid IBAN', { ...base, iban: 'NL92ABNA0417164300' }],
    ['an empty name', { ...base, name: ' ' }],
    ['a name over 70 characters', { ...base, name: 'x'.repeat(71) }],
    ['a line break in a field', { ...base, name: 'Settle\nDemo' }],
    ['a reference over 35 characters', { ...base, reference: 'R'.repeat(36) }],
    ['a text over 140 characters', { ...base, text: 't'.repeat(141) }],
    ['info over 70 characters', { ...base, info: 'i'.repeat(71) }],
    ['a purpose over 4 characters', { ...base, purpose: 'GDDSX' }],
    ['a zero amount', { ...base, amountCents: 0 }],
    ['an amount over 999999999.99', { ...base, amountCents: 100_000_000_000 }],
    ['fractional cents', { ...base, amountCents: 1.5 }],
    ['a malformed BIC', { ...base, bic: 'ABN' }],
  ])('refuses %s', (_, input) => {
    expect(() => epcQrPayload(input)).toThrow(RangeError);
  });
});

describe('EPC QR amount of a claim', () => {
  it.each<[string, number, number | undefined]>([
    ['the smallest amount', 1, 1],
    ['the largest amount EPC069-12 carries, 999999999.99', 99_999_999_999, 99_999_999_999],
    ['1000000000.00: left to the payer', 100_000_000_000, undefined],
    ['the API maximum, 9999999999.99', 999_999_999_999, undefined],
    ['nothing due', 0, undefined],
  ])('%s', (_, cents, expected) => {
    expect(epcQrAmountCents(cents)).toBe(expected);
  });

  it('gives a payload for every amount the API accepts', () => {
    const base = { name: 'Settle Demo BV', iban: 'NL91 ABNA 0417 1643 00' };
    for (const cents of [99_999_999_999, 100_000_000_000]) {
      const amountCents = epcQrAmountCents(cents);
      const payload = epcQrPayload({ ...base, ...(amountCents === undefined ? {} : { amountCents }) });
      expect(payload.split('\n')[7] ?? '').toBe(cents === 99_999_999_999 ? 'EUR999999999.99' : '');
    }
  });
});
