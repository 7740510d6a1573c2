import { AppError } from '../errors.ts';

/**
 * A URL as error messages and logs show it: scheme, host and path only. Credentials, the query string and the
 * fragment are dropped (a feed's key or a searched e-mail address travels there) and replaced by a marker, so
 * the reader still sees that the URL had one.
 */
export function shownUrl(url: URL | string): string {
  try {
    const parsed = new URL(url);
    const hadQuery = parsed.search !== '' || parsed.hash !== '';
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    return hadQuery ? `${parsed.toString()}?…` : parsed.toString();
  } catch {
    // Not a URL: show only what comes before any query-like part, and not much of it.
    return String(url).split(/[?#]/)[0]!.slice(0, 200);
  }
}

/** A URL Accord will not fetch (its scheme, or an address in a special-purpose range): the caller's mistake, a 400. */
export class OutboundRefused extends AppError {
  constructor(url: URL | string, reason: string) {
    super('outbound_refused', 400, 'Address refused', `${shownUrl(url)} refused: ${reason}`, { url: shownUrl(url) });
  }
}

/** A fetch that could not complete (network failure, a bad status, too many redirects): the remote's fault, a 502. */
export class OutboundFailed extends AppError {
  constructor(url: URL | string, cause: string) {
    super('outbound_failed', 502, 'Outbound request failed', `${shownUrl(url)}: ${cause}`, { url: shownUrl(url) });
  }
}
