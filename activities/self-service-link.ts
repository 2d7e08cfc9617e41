// Every message links to the debtor's self-service page through an unguessable, signed token that
// names only tenant and invoice. The API verifies it; closing the invoice ends its use.
import { createHmac, timingSafeEqual } from 'node:crypto';

function sign(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url').slice(0, 32);
}

export function selfServiceToken(secret: string, tenantId: string, invoiceId: string): string {
  const payload = Buffer.from(JSON.stringify([tenantId, invoiceId])).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

export function verifySelfServiceToken(
  secret: string,
  token: string,
): { tenantId: string; invoiceId: string } | undefined {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2) {
      const [tenantId, invoiceId] = parsed as unknown[];
      if (typeof tenantId === 'string' && typeof invoiceId === 'string') return { tenantId, invoiceId };
    }
  } catch {
    // not JSON: a forged token
  }
  return undefined;
}

export interface PublicUrls {
  baseUrl: string;
  tokenSecret: string;
}

export function selfServiceUrl(urls: PublicUrls, tenantId: string, invoiceId: string): string {
  return `${urls.baseUrl}/p/${selfServiceToken(urls.tokenSecret, tenantId, invoiceId)}`;
}

/**
 * Settle's stable pay link: the self-service page's "pay now", which answers with a checkout for what
 * is due when it is followed (minted at the PSP on demand). Every message carries it, so a link on
 * paper or in an old message never pays a stale amount or points at an expired checkout.
 */
export const stablePayLink = (selfServiceUrl: string) => `${selfServiceUrl}/pay`;
