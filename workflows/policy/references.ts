// Payment references and the EPC QR payload. Pure and deterministic so workflows can use them.

import { fnv1a32 } from './calendar.js';
import { formatAmount } from './money.js';

// ---------------------------------------------------------------------------------------------------
// Dutch betalingskenmerk (Betaalvereniging Nederland). Lengths: 16 = C + 15 digits; 9–14 = C + L + N
// where the length code L is the number of digits N that follow, mod 10; 7 = digits only, no check.

const KENMERK_WEIGHTS = [2, 4, 8, 5, 10, 9, 7, 3, 6, 1];

/** Weighted modulus-11 check digit; weights run from the rightmost digit and repeat. */
function kenmerkCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    sum += Number(digits[digits.length - 1 - i]) * KENMERK_WEIGHTS[i % KENMERK_WEIGHTS.length]!;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 1 : check === 11 ? 0 : check;
}

/** 15 digits → the 16-digit betalingskenmerk with its check digit in front. */
export function betalingskenmerk(digits15: string): string {
  if (!/^\d{15}$/.test(digits15)) throw new RangeError('a betalingskenmerk needs exactly 15 digits');
  return `${kenmerkCheckDigit(digits15)}${digits15}`;
}

/**
 * Accepts every legal length: 16 (check digit), 9–14 (check digit and length code), 7 (no check).
 * Spaces, as printed on paper, are ignored.
 */
export function isValidBetalingskenmerk(kenmerk: string): boolean {
  const s = kenmerk.replace(/ /g, '');
  if (!/^\d+$/.test(s)) return false;
  if (s.length === 7) return true;
  if (s.length === 16) return kenmerkCheckDigit(s.slice(1)) === Number(s[0]);
  if (s.length < 9 || s.length > 14) return false;
  const lengthCode = (s.length - 2) % 10;
  return Number(s[1]) === lengthCode && kenmerkCheckDigit(s.slice(1)) === Number(s[0]);
}

/**
 * A stable 16-digit betalingskenmerk for a key such as an invoice id. Hash-derived (~50 bits), so
 * collisions are unlikely but possible: store it and check uniqueness where that matters.
 */
export function betalingskenmerkFor(key: string): string {
  const high = fnv1a32(key);
  const low = fnv1a32(`${key}\u0000kenmerk`) >>> 12; // 20 bits
  const combined = (high * 2 ** 20 + low) % 1e15; // < 2^52: exact in a double
  return betalingskenmerk(String(combined).padStart(15, '0'));
}

// ---------------------------------------------------------------------------------------------------
// ISO 7064 mod 97-10, shared by ISO 11649 creditor references and IBANs.

/** Remainder mod 97 of a string of digits and letters, letters read as A=10 … Z=35. */
function mod97(alphanumeric: string): number {
  let remainder = 0;
  for (const char of alphanumeric) {
    const value = Number.parseInt(char, 36);
    remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
  }
  return remainder;
}

/** Spaces are for people; upper case is canonical. */
function compact(s: string): string {
  return s.replace(/ /g, '').toUpperCase();
}

/** ISO 11649: `RF` + two check digits + the base (1–21 alphanumerics). Spaces are ignored. */
export function rfReference(base: string): string {
  const normalized = compact(base);
  if (!/^[A-Z0-9]{1,21}$/.test(normalized)) {
    throw new RangeError('an RF reference base is 1 to 21 letters or digits');
  }
  const check = 98 - mod97(`${normalized}RF00`);
  return `RF${String(check).padStart(2, '0')}${normalized}`;
}

/** Validates an ISO 11649 reference; printed groups of four (spaces) and lower case are accepted. */
export function isValidRfReference(s: string): boolean {
  const normalized = compact(s);
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(normalized)) return false;
  return mod97(`${normalized.slice(4)}${normalized.slice(0, 4)}`) === 1;
}

/** IBAN structure and mod-97 check (country-specific lengths are not checked). Spaces are ignored. */
export function isValidIban(s: string): boolean {
  const normalized = compact(s);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(normalized)) return false;
  return mod97(`${normalized.slice(4)}${normalized.slice(0, 4)}`) === 1;
}

/**
 * SEPA creditor identifier (EPC262-08, "Incassant ID"): country, two check digits, a three-character
 * creditor business code the check skips, and the national identifier (e.g. KvK number + suffix).
 * The check digits are ISO 7064 MOD 97-10 over national identifier + country, as for an IBAN.
 */
export function isValidSepaCreditorId(s: string): boolean {
  const normalized = compact(s);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{3}[A-Z0-9]{1,28}$/.test(normalized)) return false;
  return mod97(`${normalized.slice(7)}${normalized.slice(0, 4)}`) === 1;
}

// ---------------------------------------------------------------------------------------------------
// EPC QR code payload (EPC069-12 "GiroCode", version 002).

export interface EpcQrInput {
  bic?: string;
  name: string;
  iban: string;
  /** Omit to let the payer fill in the amount. */
  amountCents?: number;
  purpose?: string;
  /** Structured creditor reference, ≤ 35 characters. Excludes `text`. */
  reference?: string;
  /** Unstructured remittance text, ≤ 140 characters. Excludes `reference`. */
  text?: string;
  /** Beneficiary-to-originator information, ≤ 70 characters. */
  info?: string;
}

export const EPC_QR_MAX_BYTES = 331;
const EPC_MIN_CENTS = 1;
const EPC_MAX_CENTS = 99_999_999_999;

/**
 * The amount an EPC QR code can carry for this claim: EPC069-12 allows EUR 0.01 to 999999999.99.
 * Outside that range the code leaves the amount to the payer; the letter states the amount itself.
 */
export function epcQrAmountCents(amountCents: number): number | undefined {
  return Number.isInteger(amountCents) && amountCents >= EPC_MIN_CENTS && amountCents <= EPC_MAX_CENTS
    ? amountCents
    : undefined;
}

function utf8ByteLength(s: string): number {
  let bytes = 0;
  for (const char of s) {
    const cp = char.codePointAt(0)!;
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** A payload line: trimmed, free of line breaks, within `max` characters. */
function field(label: string, value: string | undefined, max: number): string {
  const trimmed = (value ?? '').trim();
  if (/[\r\n]/.test(trimmed)) throw new RangeError(`EPC QR ${label} must not contain line breaks`);
  if ([...trimmed].length > max) throw new RangeError(`EPC QR ${label} exceeds ${max} characters`);
  return trimmed;
}

function epcAmount(amountCents: number | undefined): string {
  if (amountCents === undefined) return '';
  if (!Number.isInteger(amountCents) || amountCents < EPC_MIN_CENTS || amountCents > EPC_MAX_CENTS) {
    throw new RangeError('EPC QR amount must be 0.01 to 999999999.99 euro');
  }
  return `EUR${formatAmount(amountCents)}`;
}

function epcBic(bic: string | undefined): string {
  const normalized = compact(bic ?? '');
  if (normalized !== '' && !/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(normalized)) {
    throw new RangeError('EPC QR BIC is malformed');
  }
  return normalized;
}

function epcIban(iban: string): string {
  if (!isValidIban(iban)) throw new RangeError('EPC QR IBAN is invalid');
  return compact(iban);
}

/** The EPC QR text for a SEPA credit transfer in euro; throws when the input cannot be encoded. */
export function epcQrPayload(input: EpcQrInput): string {
  const reference = field('reference', input.reference, 35);
  const text = field('text', input.text, 140);
  if (reference !== '' && text !== '') {
    throw new RangeError('EPC QR takes a structured reference or a text, never both');
  }
  const name = field('name', input.name, 70);
  if (name === '') throw new RangeError('EPC QR needs a beneficiary name');
  const purpose = field('purpose', input.purpose, 4);
  if (!/^[A-Z0-9]*$/.test(purpose)) throw new RangeError('EPC QR purpose is a 4-letter code');

  const lines = [
    'BCD',
    '002',
    '1', // UTF-8
    'SCT',
    epcBic(input.bic),
    name,
    epcIban(input.iban),
    epcAmount(input.amountCents),
    purpose,
    reference,
    text,
    field('info', input.info, 70),
  ];
  while (lines[lines.length - 1] === '') lines.pop();
  const payload = lines.join('\n');
  if (utf8ByteLength(payload) > EPC_QR_MAX_BYTES) {
    throw new RangeError(`EPC QR payload exceeds ${EPC_QR_MAX_BYTES} bytes`);
  }
  return payload;
}
