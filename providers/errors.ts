/**
 * A provider refused the request for a reason a retry cannot fix (invalid recipient, rejected
 * payload, revoked credentials). Activities turn it into a non-retryable ApplicationFailure;
 * every other error is treated as transient and retried by Temporal.
 */
export class PermanentProviderError extends Error {
  override readonly name = 'PermanentProviderError';
  constructor(
    readonly provider: string,
    message: string,
    readonly status?: number,
  ) {
    super(`${provider}: ${message}`);
  }
}

/** Classify an HTTP status from a provider: 4xx except 408/409/425/429 is permanent. */
export function isPermanentHttpStatus(status: number | undefined): boolean {
  if (status === undefined) return false;
  return status >= 400 && status < 500 && ![408, 409, 425, 429].includes(status);
}
