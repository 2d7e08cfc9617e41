import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  parseSendGridEvents,
  signSendGridPayload,
  verifySendGridSignature,
} from '../../providers/sendgrid/sendgrid-events.js';

describe('verifySendGridSignature', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicKeyBase64 = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  const publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const rawBody = Buffer.from('[{"event":"delivered","sg_event_id":"ev-1","timestamp":1795000000}]\r\n');
  const timestamp = '1795000000';
  const now = new Date(1795000000 * 1000 + 30_000);
  const signature = signSendGridPayload(privateKey, timestamp, rawBody);
  const check = { publicKeyBase64OrPem: publicKeyBase64, rawBody, signature, timestamp, now };

  it('accepts a valid signature with the key as SendGrid shows it (base64 SPKI) or as PEM', () => {
    expect(verifySendGridSignature(check)).toBe(true);
    expect(verifySendGridSignature({ ...check, publicKeyBase64OrPem: publicKeyPem })).toBe(true);
  });

  it('rejects a tampered body', () => {
    expect(
      verifySendGridSignature({
        ...check,
        rawBody: Buffer.from(rawBody.toString().replace('delivered', 'open')),
      }),
    ).toBe(false);
  });

  it('rejects a signature made with another key', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    expect(
      verifySendGridSignature({ ...check, signature: signSendGridPayload(other, timestamp, rawBody) }),
    ).toBe(false);
  });

  it('rejects a signature moved to another timestamp', () => {
    expect(verifySendGridSignature({ ...check, timestamp: '1795000001' })).toBe(false);
  });

  it('rejects an expired timestamp and one from the future', () => {
    expect(verifySendGridSignature({ ...check, now: new Date(1795000000 * 1000 + 601_000) })).toBe(false);
    expect(verifySendGridSignature({ ...check, now: new Date(1795000000 * 1000 - 601_000) })).toBe(false);
    expect(
      verifySendGridSignature({
        ...check,
        now: new Date(1795000000 * 1000 + 3_000_000),
        maxAgeSeconds: 3600,
      }),
    ).toBe(true);
  });

  it('rejects garbage instead of throwing', () => {
    expect(verifySendGridSignature({ ...check, signature: 'not base64 at all' })).toBe(false);
    expect(verifySendGridSignature({ ...check, timestamp: 'timestamp' })).toBe(false);
    expect(verifySendGridSignature({ ...check, publicKeyBase64OrPem: 'bm90IGEga2V5' })).toBe(false);
  });

  it('rejects keys that are not P-256', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsaCheck = {
      ...check,
      publicKeyBase64OrPem: rsa.publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
      signature: signSendGridPayload(rsa.privateKey, timestamp, rawBody),
    };
    expect(verifySendGridSignature(rsaCheck)).toBe(false);
  });

  it("verifies SendGrid's own published example", () => {
    // From the test suite of SendGrid's @sendgrid/eventwebhook: proves interoperability, not just self-consistency.
    const example = {
      publicKeyBase64OrPem:
        'MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEEDr2LjtURuePQzplybdC+u4CwrqDqBaWjcMMsTbhdbcwHBcepxo7yAQGhHPTnlvFYPAZFceEu/1FwCM/QmGUhA==',
      signature:
        'MEUCIQCtIHJeH93Y+qpYeWrySphQgpNGNr/U+UyUlBkU6n7RAwIgJTz2C+8a8xonZGi6BpSzoQsbVRamr2nlxFDWYNH2j/0=',
      timestamp: '1588788367',
      rawBody: Buffer.from(
        JSON.stringify({ category: 'example_payload', event: 'test_event', message_id: 'message_id' }),
      ),
      now: new Date(1588788367 * 1000),
    };
    expect(verifySendGridSignature(example)).toBe(true);
    expect(verifySendGridSignature({ ...example, rawBody: Buffer.from('payload') })).toBe(false);
  });
});

describe('parseSendGridEvents', () => {
  const base = {
    email: 'jan.jansen@example.nl',
    timestamp: 1795000000,
    'smtp-id': '<14c5d75ce93.dfd.64b469@ismtpd-555>',
    sg_message_id: 'W5ZpjpQtSxCEu0A7gUpDrQ.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0',
    tenant_id: 'tenant-1',
    invoice_id: 'inv-1',
    message_id: 'msg-1',
    idempotency_key: 'wf-inv-1:reminder-1:email',
  };

  it.each([
    [
      {
        event: 'bounce',
        type: 'bounce',
        reason: '550 5.1.1 <jan.jansen@example.nl>: Recipient address rejected',
      },
      'bounced',
    ],
    [{ event: 'bounce', type: 'blocked', reason: '554 blocked by policy' }, 'bounced'],
    [{ event: 'dropped', reason: 'Bounced Address' }, 'bounced'],
    [{ event: 'deferred', response: '400 try again later', attempt: '5' }, 'deferred'],
    [{ event: 'delivered', response: '250 OK' }, 'delivered'],
    [{ event: 'open', useragent: 'Mozilla/5.0', ip: '255.255.255.255' }, 'opened'],
    [{ event: 'click', url: 'https://pay.settle.example/p/abc' }, 'clicked'],
    [{ event: 'spamreport' }, 'complained'],
    [{ event: 'unsubscribe' }, 'unsubscribed'],
    [{ event: 'group_unsubscribe', asm_group_id: 10 }, 'unsubscribed'],
  ])('%o → %s', (fields, status) => {
    const [event] = parseSendGridEvents([{ ...base, sg_event_id: 'ev-1', ...fields }]);
    expect(event).toMatchObject({
      providerEventId: 'ev-1',
      providerMessageId: 'W5ZpjpQtSxCEu0A7gUpDrQ',
      messageId: 'msg-1',
      tenantId: 'tenant-1',
      invoiceId: 'inv-1',
      status,
      occurredAt: new Date(1795000000 * 1000),
    });
    expect(JSON.stringify(event)).not.toContain('jan.jansen');
  });

  it('keeps the reason as detail, without the recipient address', () => {
    const [event] = parseSendGridEvents([
      {
        ...base,
        sg_event_id: 'ev-2',
        event: 'bounce',
        type: 'bounce',
        reason: '550 5.1.1 <jan.jansen@example.nl>: unknown user',
      },
    ]);
    expect(event?.detail).toBe('550 5.1.1 <<address>>: unknown user');
  });

  it('skips processed, unknown and malformed events', () => {
    const events = parseSendGridEvents([
      { ...base, sg_event_id: 'ev-3', event: 'processed' },
      { ...base, sg_event_id: 'ev-4', event: 'group_resubscribe' },
      { ...base, sg_event_id: 'ev-5', event: 'delivered', timestamp: 'yesterday' },
      'not an object',
      null,
    ]);
    expect(events).toEqual([]);
  });

  it('derives a stable event id when sg_event_id is missing', () => {
    const once = parseSendGridEvents([{ ...base, event: 'delivered' }]);
    const again = parseSendGridEvents([{ ...base, event: 'delivered' }]);
    expect(once[0]?.providerEventId).toMatch(/^sendgrid:[0-9a-f]{32}$/);
    expect(once[0]?.providerEventId).toBe(again[0]?.providerEventId);
  });

  it('refuses a body that is not an array', () => {
    expect(() => parseSendGridEvents({ event: 'delivered' })).toThrow(TypeError);
  });
});
