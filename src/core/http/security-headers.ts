import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The policy of Accord's HTML pages (the public site, the console, the API docs): they run no inline script and load
 * nothing from elsewhere, and no other site may frame them.
 */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/** Everything else is data (JSON, STIX, CSV): a browser that renders one runs and loads nothing. */
const DATA_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** One year: browsers that saw HTTPS once keep to it. Subdomains are not Accord's to pledge. */
const HSTS = 'max-age=31536000';

/**
 * The headers every answer carries, errors and redirects included; the page scopes replace the CSP with
 * {@link PAGE_CSP}. HSTS only on answers sent over TLS (directly, or through a proxy trusted by `ACCORD_TRUST_PROXY`):
 * browsers ignore it over plain HTTP, and it would be a lie there.
 */
export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply) {
  for (const [name, value] of Object.entries(staticSecurityHeaders(request.protocol === 'https'))) {
    if (name !== 'content-security-policy' || !reply.hasHeader(name)) reply.header(name, value);
  }
}

/** The same headers as plain pairs, for answers written before Fastify has a request (see clientErrorHandler). */
export function staticSecurityHeaders(overTls: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': DATA_CSP,
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    ...(overTls ? { 'strict-transport-security': HSTS } : {}),
  };
}
