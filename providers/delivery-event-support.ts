import { createHash } from 'node:crypto';

/**
 * A stable event id for providers that send none: the same report delivered twice hashes to the same id,
 * so the consumer's dedup on providerEventId keeps working.
 */
export function deterministicEventId(provider: string, ...facts: string[]): string {
  return `${provider}:${createHash('sha256').update(facts.join('\n')).digest('hex').slice(0, 32)}`;
}

const EMAIL_ADDRESS = /[^\s<>()"',;:]+@[^\s<>()"',;:]+/g;
const PHONE_LIKE_DIGITS = /\+?\d[\d ]{7,}\d/g;

/**
 * Bounce and failure reasons echo the recipient's address or number (e.g. `550 <jan@example.nl> unknown`);
 * a DeliveryEvent detail is stored and shown, so contact data is cut out first.
 */
export function withoutContactData(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  return text.replace(EMAIL_ADDRESS, '<address>').replace(PHONE_LIKE_DIGITS, '<number>');
}

export function stringField(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
