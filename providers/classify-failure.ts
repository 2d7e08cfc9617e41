import { isPermanentHttpStatus, PermanentProviderError } from './errors.js';

/**
 * The error an adapter throws for a failed provider call: a PermanentProviderError when the HTTP status
 * says a retry cannot help, otherwise a plain Error so Temporal retries. `detail` must never contain
 * personal data; callers build it from status texts and provider error codes only.
 */
export function classifiedProviderError(provider: string, status: number | undefined, detail: string): Error {
  const message = status === undefined ? detail : `HTTP ${status}: ${detail}`;
  if (isPermanentHttpStatus(status)) return new PermanentProviderError(provider, message, status);
  return new Error(`${provider}: ${message}`);
}

/**
 * The HTTP status an SDK attached to its error, if any. SDKs name the property differently, and some put string
 * codes like 'ECONNRESET' in the same property for network failures.
 */
export function httpStatusOf(error: unknown, property: 'statusCode' | 'code'): number | undefined {
  const value =
    typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[property] : undefined;
  return typeof value === 'number' && value >= 100 && value < 600 ? value : undefined;
}

/** The message of anything thrown, without the SDK's attached request data (which can hold personal data). */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
