// AES-256-GCM encryption of every payload Settle hands to Temporal (workflow inputs and results,
// activity inputs and results, signals, updates, queries, memos), so the Temporal service and anyone
// reading its histories see ciphertext. The key id travels in the payload metadata: any configured
// key decrypts, the first encrypts, so a new key can be added (and made current) without downtime.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec, ValueError } from '@temporalio/common';
// A CommonJS package: Node's ESM loader sees only its default export (vitest would hide that).
import proto from '@temporalio/proto';

const { temporal } = proto;

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface PayloadKey {
  id: string;
  /** 32 bytes */
  key: Buffer;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (bytes: Uint8Array | null | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);

export class PayloadEncryptionCodec implements PayloadCodec {
  private readonly current: PayloadKey;
  private readonly byId: ReadonlyMap<string, Buffer>;

  /** `keys[0]` encrypts; every key decrypts what was encrypted with it. */
  constructor(keys: readonly PayloadKey[]) {
    const [current] = keys;
    if (!current) throw new ValueError('payload encryption needs at least one key');
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new ValueError(`payload encryption key ${id} must be 32 bytes`);
    }
    this.current = current;
    this.byId = new Map(keys.map(({ id, key }) => [id, key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, this.current.key, iv);
    // The key id is authenticated too: a payload relabelled with another key id fails to decrypt.
    cipher.setAAD(utf8(this.current.id));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return {
      metadata: {
        [METADATA_ENCODING_KEY]: utf8(ENCRYPTED_ENCODING),
        [KEY_ID_METADATA]: utf8(this.current.id),
      },
      data: sealed,
    };
  }

  /** Payloads written before encryption was switched on pass through unchanged. */
  private decrypt(payload: Payload): Payload {
    if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCRYPTED_ENCODING) return payload;
    const keyId = text(payload.metadata?.[KEY_ID_METADATA]);
    const key = keyId === undefined ? undefined : this.byId.get(keyId);
    if (!key || !payload.data)
      throw new ValueError(`no payload encryption key ${keyId ?? '(none)'} configured`);
    const sealed = Buffer.from(payload.data);
    const decipher = createDecipheriv(CIPHER, key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(utf8(keyId!));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    const plain = Buffer.concat([
      decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return temporal.api.common.v1.Payload.decode(plain);
  }
}
