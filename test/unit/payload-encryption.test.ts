// The payload codec: AES-256-GCM with the key id in the metadata, every configured key decrypts,
// the first encrypts; tampering and unknown keys are refused; configuration parses and checks keys.
import { randomBytes } from 'node:crypto';
import { ApplicationFailure, defaultPayloadConverter, type Payload } from '@temporalio/common';
import {
  decodeOptionalFailureToOptionalError,
  encodeErrorToFailure,
  loadDataConverter,
} from '@temporalio/common/lib/internal-non-workflow/index.js';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';
import { dataConverterFor } from '../../temporal/data-converter.js';
import { KEY_ID_METADATA, PayloadEncryptionCodec } from '../../temporal/payload-encryption.js';

const oldKey = { id: '2026-01', key: randomBytes(32) };
const newKey = { id: '2026-12', key: randomBytes(32) };
const secret = { debtorName: 'Łukasz Żółć', description: 'Fysiotherapie knie' };
const plain = (): Payload => defaultPayloadConverter.toPayload(secret);
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

describe('PayloadEncryptionCodec', () => {
  it('encrypts with the current key, names it in the metadata, and decrypts back to the same payload', async () => {
    const codec = new PayloadEncryptionCodec([newKey, oldKey]);
    const [encrypted] = await codec.encode([plain()]);
    expect(text(encrypted!.metadata!.encoding)).toBe('binary/encrypted');
    expect(text(encrypted!.metadata![KEY_ID_METADATA])).toBe('2026-12');
    expect(text(encrypted!.data)).not.toContain('Fysiotherapie');
    const [decrypted] = await codec.decode([encrypted!]);
    expect(defaultPayloadConverter.fromPayload(decrypted!)).toEqual(secret);
  });

  it('uses a fresh IV per payload: the same value never gives the same ciphertext', async () => {
    const codec = new PayloadEncryptionCodec([newKey]);
    const [a, b] = await codec.encode([plain(), plain()]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('still decrypts payloads of the old key after a new current key was added (rotation)', async () => {
    const [written] = await new PayloadEncryptionCodec([oldKey]).encode([plain()]);
    const rotated = new PayloadEncryptionCodec([newKey, oldKey]);
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([written!]))[0]!)).toEqual(secret);
    const [rewritten] = await rotated.encode([plain()]);
    expect(text(rewritten!.metadata![KEY_ID_METADATA])).toBe('2026-12');
  });

  it('refuses a payload whose key is no longer configured, or whose bytes or key id were altered', async () => {
    const [written] = await new PayloadEncryptionCodec([oldKey]).encode([plain()]);
    await expect(new PayloadEncryptionCodec([newKey]).decode([written!])).rejects.toThrow(/2026-01/);
    const tampered = Buffer.from(written!.data!);
    tampered[20]! ^= 1;
    const codec = new PayloadEncryptionCodec([newKey, oldKey]);
    await expect(codec.decode([{ ...written!, data: tampered }])).rejects.toThrow();
    // Same key under another name: the key id is authenticated data, so this fails too.
    const alias = new PayloadEncryptionCodec([{ id: 'alias', key: oldKey.key }]);
    const relabelled = {
      ...written!,
      metadata: { ...written!.metadata, [KEY_ID_METADATA]: Buffer.from('alias') },
    };
    await expect(alias.decode([relabelled])).rejects.toThrow();
  });

  it('passes payloads written before encryption was on through unchanged', async () => {
    const codec = new PayloadEncryptionCodec([newKey]);
    expect(defaultPayloadConverter.fromPayload((await codec.decode([plain()]))[0]!)).toEqual(secret);
  });
});

describe('payload encryption configuration', () => {
  const keys = `${newKey.id}:${newKey.key.toString('base64')},${oldKey.id}:${oldKey.key.toString('base64')}`;

  it('is off without keys: the data converter is Temporal’s default', () => {
    const config = loadConfig({});
    expect(config.payloadEncryption.keys).toEqual([]);
    expect(dataConverterFor(config)).toEqual({});
  });

  it('parses kid:base64key pairs in order, the first being the current key', () => {
    const config = loadConfig({ PAYLOAD_ENCRYPTION_KEYS: keys });
    expect(config.payloadEncryption.keys.map((k) => k.id)).toEqual(['2026-12', '2026-01']);
    expect(config.payloadEncryption.keys[1]!.key.equals(oldKey.key)).toBe(true);
    expect(dataConverterFor(config).payloadCodecs?.[0]).toBeInstanceOf(PayloadEncryptionCodec);
  });

  it('encrypts failure messages and stack traces too, and gives them back to whoever holds a key', async () => {
    const converter = loadDataConverter(dataConverterFor(loadConfig({ PAYLOAD_ENCRYPTION_KEYS: keys })));
    const said = 'SendGrid refused jan.jansen@example.nl: mailbox full';
    const failure = await encodeErrorToFailure(converter, ApplicationFailure.nonRetryable(said, 'bounced'));
    expect(failure.message).toBe('Encoded failure');
    expect(failure.stackTrace).toBe('');
    expect(text(failure.encodedAttributes?.metadata?.encoding)).toBe('binary/encrypted');
    expect(JSON.stringify(failure)).not.toContain('jan.jansen');
    expect(text(failure.encodedAttributes?.data)).not.toContain('jan.jansen');
    // The failure's type stays readable: the workflow and operators classify by it.
    expect(failure.applicationFailureInfo?.type).toBe('bounced');
    const decoded = await decodeOptionalFailureToOptionalError(converter, failure);
    expect(decoded?.message).toBe(said);
  });

  it.each([
    ['a key of the wrong length', `k1:${randomBytes(16).toString('base64')}`, /32 bytes/],
    [
      'a duplicate key id',
      `k1:${newKey.key.toString('base64')},k1:${oldKey.key.toString('base64')}`,
      /unique/,
    ],
    ['no key id', newKey.key.toString('base64'), /kid1:base64key/],
  ])('refuses %s', (_, value, message) => {
    expect(() => loadConfig({ PAYLOAD_ENCRYPTION_KEYS: value })).toThrow(message);
    expect(() => loadConfig({ PAYLOAD_ENCRYPTION_KEYS: value })).toThrow(ConfigError);
  });

  it('refuses an operator token for the codec endpoint without keys, and a short one', () => {
    expect(() => loadConfig({ CODEC_OPERATOR_TOKEN: 'o'.repeat(32) })).toThrow(/PAYLOAD_ENCRYPTION_KEYS/);
    expect(() => loadConfig({ PAYLOAD_ENCRYPTION_KEYS: keys, CODEC_OPERATOR_TOKEN: 'short' })).toThrow(
      /32 characters/,
    );
  });
});
