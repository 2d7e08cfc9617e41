// The one place that decides how Settle's payloads look on the Temporal service: every worker and
// every client Settle creates takes its data converter from here, so they can always read each other.
import { fileURLToPath } from 'node:url';
import { Client, type Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import type { Config } from '../config.js';
import { PayloadEncryptionCodec } from './payload-encryption.js';

/** The encryption codec when keys are configured; none otherwise. */
export function payloadCodecFor(
  config: Pick<Config, 'payloadEncryption'>,
): PayloadEncryptionCodec | undefined {
  const { keys } = config.payloadEncryption;
  return keys.length === 0 ? undefined : new PayloadEncryptionCodec(keys);
}

/** With encryption on, failure messages and stack traces are payloads too, so they are encrypted. */
export const ENCODED_FAILURES_PATH = fileURLToPath(new URL('./encoded-failures.cjs', import.meta.url));

/** Encrypting payloads and failures when keys are configured; Temporal's default (plain JSON) otherwise. */
export function dataConverterFor(config: Pick<Config, 'payloadEncryption'>): DataConverter {
  const codec = payloadCodecFor(config);
  return codec ? { payloadCodecs: [codec], failureConverterPath: ENCODED_FAILURES_PATH } : {};
}

/** A client in the configured namespace that reads and writes payloads as Settle's workers do. */
export function settleClient(config: Pick<Config, 'payloadEncryption' | 'temporal'>, connection: Connection) {
  return new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter: dataConverterFor(config),
  });
}
