// Which link "Pay now" may hand out: the workflow's link only while it is for exactly what is due, has
// time left, and cannot have been paid (minted after the last payment); page links are keyed so that
// a payment or a new amount always means a new link.
import { describe, expect, it } from 'vitest';
import { linkFits, selfServiceLinkKey } from '../../api/self-service/pay.js';

const now = new Date('2026-12-02T10:00:00Z');
const link = {
  amountCents: 4115,
  createdAt: new Date('2026-12-01T09:00:00Z'),
  expiresAt: new Date('2026-12-31T09:00:00Z'),
};
const HOUR = 3_600_000;

describe('linkFits', () => {
  it('takes a fresh link for the amount due that no payment came after', () => {
    expect(linkFits(link, 4115, undefined, now, HOUR)).toBe(true);
    expect(linkFits(link, 4115, new Date('2026-11-30T12:00:00Z'), now, HOUR)).toBe(true);
  });
  it('refuses a link a payment came after (it may be the one that was paid)', () => {
    expect(linkFits(link, 4115, new Date('2026-12-01T09:30:00Z'), now, HOUR)).toBe(false);
  });
  it('refuses another amount and a link about to expire', () => {
    expect(linkFits(link, 12345, undefined, now, HOUR)).toBe(false);
    expect(
      linkFits({ ...link, expiresAt: new Date(now.getTime() + HOUR / 2) }, 4115, undefined, now, HOUR),
    ).toBe(false);
  });
});

describe('selfServiceLinkKey', () => {
  it('is the same for the same state and new after a payment, for another amount or in the next window', () => {
    const key = selfServiceLinkKey('tenant:INV-1', 1, 4115, 7);
    expect(selfServiceLinkKey('tenant:INV-1', 1, 4115, 7)).toBe(key);
    expect(
      new Set([
        key,
        selfServiceLinkKey('tenant:INV-1', 2, 4115, 7),
        selfServiceLinkKey('tenant:INV-1', 1, 4116, 7),
        selfServiceLinkKey('tenant:INV-1', 1, 4115, 8),
      ]).size,
    ).toBe(4);
  });
});
