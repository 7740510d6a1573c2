import { AppError } from '../errors.ts';

/** A URL as error messages show it: without credentials, which no message should carry. */
export function shownUrl(url: URL | string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return String(url).slice(0, 200);
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
