// Messages carry Settle's stable pay link (`…/p/<token>/pay`), never a PSP checkout: it answers with a
// 303 to a checkout for what is due at that moment. Tests, drills and benchmarks that pay "from a
// message" follow it as the debtor's browser would.

const STABLE_PAY_PATH = /^\/p\/[^/]+\/pay$/;

/** The stable pay link among a message's links (the self-service page itself is `…/p/<token>`). */
export function stablePayLinkIn(links: readonly string[]): string | undefined {
  return links.find((link) => URL.canParse(link) && STABLE_PAY_PATH.test(new URL(link).pathname));
}

export interface PayLinkAnswer {
  status: number;
  /** Where it sent the debtor, absolute. */
  location: string | undefined;
  /** The checkout it sent the debtor to; undefined when it sent them back to the self-service page. */
  checkout: string | undefined;
}

/** Follows a stable pay link one hop (fetch failures propagate: the service was not reached). */
export async function followPayLink(payLink: string, signal?: AbortSignal): Promise<PayLinkAnswer> {
  const response = await fetch(payLink, { redirect: 'manual', ...(signal ? { signal } : {}) });
  await response.arrayBuffer().catch(() => undefined);
  const header = response.headers.get('location');
  const location = header === null ? undefined : new URL(header, payLink).toString();
  const page = payLink.slice(0, -'/pay'.length);
  const backOnPage = location !== undefined && (location === page || location.startsWith(`${page}?`));
  return {
    status: response.status,
    location,
    checkout: response.status === 303 && location && !backOnPage ? location : undefined,
  };
}

/** The sandbox PSP's id of a checkout (`…/sandbox/checkout/<id>`), to settle it without a browser. */
export const sandboxCheckoutId = (checkout: string) => new URL(checkout).pathname.split('/').pop()!;

/** The checkout a stable pay link sends the debtor to now; fails when it sends them anywhere else. */
export async function checkoutBehind(payLink: string): Promise<string> {
  const answer = await followPayLink(payLink);
  if (!answer.checkout)
    throw new Error(
      `${payLink} answered ${answer.status} (${answer.location ?? 'no location'}), not a checkout`,
    );
  return answer.checkout;
}
