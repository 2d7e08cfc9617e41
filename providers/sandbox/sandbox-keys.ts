// The sandbox signs its delivery events like SendGrid and MessageBird do (and holds a Bird key, so
// the Bird webhook can be exercised locally). Its keys derive from the
// instance's token secret, so the worker (signing) and the API (verifying) agree without sharing
// any extra file, and a sandbox key is never a real provider's key.
import { createECDH, createHmac, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

export interface SandboxKeys {
  sendgridPrivateKey: KeyObject;
  /** Base64 SPKI DER, the form SendGrid shows its verification key in. */
  sendgridPublicKey: string;
  messagebirdSigningKey: string;
  birdSigningKey: string;
}

function derive(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`settle-sandbox:${purpose}`).digest();
}

export function sandboxKeys(tokenSecret: string): SandboxKeys {
  const d = derive(tokenSecret, 'sendgrid-ecdsa');
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey(); // 0x04 || x || y
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    d: d.toString('base64url'),
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33, 65).toString('base64url'),
  };
  const sendgridPrivateKey = createPrivateKey({ key: jwk, format: 'jwk' });
  const sendgridPublicKey = createPublicKey(sendgridPrivateKey)
    .export({ type: 'spki', format: 'der' })
    .toString('base64');
  return {
    sendgridPrivateKey,
    sendgridPublicKey,
    messagebirdSigningKey: derive(tokenSecret, 'messagebird').toString('hex'),
    birdSigningKey: derive(tokenSecret, 'bird').toString('hex'),
  };
}
