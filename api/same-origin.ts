// CSRF defence for HTML forms: a browser names where a form was sent from (Origin, else Referer),
// and that must be Settle's configured public origin — scheme, host and port. The Host header is
// the client's to choose, so it is never what a request is compared with.
import type { FastifyRequest } from 'fastify';

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** True when the browser sent the form from PUBLIC_BASE_URL's origin, or named no origin at all (curl). */
export function fromThisSite(request: FastifyRequest, publicBaseUrl: string): boolean {
  const own = originOf(publicBaseUrl);
  const origin = request.headers.origin;
  if (typeof origin === 'string') return origin !== 'null' && originOf(origin) === own;
  const referer = request.headers.referer;
  if (typeof referer === 'string') return originOf(referer) === own;
  return true;
}
