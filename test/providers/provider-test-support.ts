import nock from 'nock';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { PermanentProviderError } from '../../providers/errors.js';
import type { MessageRef } from '../../providers/types.js';

/** No request may leave the process, and every interceptor a test declares must have been used. */
export function interceptHttp(): void {
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => {
    const unused = nock.pendingMocks();
    nock.cleanAll();
    expect(unused).toEqual([]);
  });
  afterAll(() => nock.enableNetConnect());
}

export const ref: MessageRef = {
  tenantId: 'tenant-1',
  invoiceId: 'inv-1',
  messageId: 'msg-1',
  idempotencyKey: 'wf-inv-1:reminder-1:email',
};

export async function expectPermanent(
  promise: Promise<unknown>,
  status: number,
): Promise<PermanentProviderError> {
  const error = await promise.then(
    () => expect.unreachable('expected a PermanentProviderError'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PermanentProviderError);
  expect((error as PermanentProviderError).status).toBe(status);
  return error as PermanentProviderError;
}

/** Retryable means: an Error Temporal will retry, so anything but a PermanentProviderError. */
export async function expectRetryable(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => expect.unreachable('expected a retryable error'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(PermanentProviderError);
  return error as Error;
}
