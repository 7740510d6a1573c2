/**
 * Recognisers for values that are already in the normal form normalize.ts gives them, so that it can hand them back
 * as they are. Nearly every name and URL in a feed is plain lower-case ASCII, and the general path (the WHATWG URL
 * parser and its IDNA processing) costs a microsecond or more per value; these checks cost a few dozen nanoseconds.
 * They only ever say yes to text the general path would return unchanged (plain-forms.test.ts compares them with it).
 */

const isLower = (c: number) => c >= 0x61 && c <= 0x7a;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const DOT = 0x2e;
const HYPHEN = 0x2d;

/**
 * True for a host name of lower-case letters, digits, hyphens and dots, not ending in a dot, whose last label starts
 * with a letter and none of whose labels starts with `xn--`. IDNA maps such a name to itself: it has no upper case or
 * non-ASCII to map, no punycode label to check, and cannot be read as an IPv4 address (the WHATWG host parser reads a
 * name whose last label is numeric as one).
 */
export function isPlainDomain(text: string): boolean {
  return plainDomainEnd(text, 0) === text.length;
}

/**
 * Reads a plain domain (as isPlainDomain) from `from` up to the first character that cannot be part of one; returns
 * where it ends, or -1 when there is none there.
 */
function plainDomainEnd(text: string, from: number): number {
  let labelStart = from;
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT) {
      labelStart = i + 1;
    } else if (!isLower(c) && !isDigit(c) && c !== HYPHEN) {
      break;
    } else if (i === labelStart + 3 && c === HYPHEN && text.startsWith('xn-', labelStart)) {
      return -1;
    }
  }
  // Not empty, no trailing dot, and a last label that starts with a letter.
  return i > from && labelStart < i && isLower(text.charCodeAt(labelStart)) ? i : -1;
}

/** True for a dotted-quad IPv4 address, each part 0-255 written without leading zeros: its own canonical text. */
export function isPlainIpv4(text: string): boolean {
  let parts = 0;
  let i = 0;
  while (i < text.length) {
    const start = i;
    let value = 0;
    while (i < text.length && isDigit(text.charCodeAt(i))) value = value * 10 + text.charCodeAt(i++) - 0x30;
    const digits = i - start;
    if (digits === 0 || digits > 3 || value > 255 || (digits > 1 && text.charCodeAt(start) === 0x30)) return false;
    parts++;
    if (i === text.length) break;
    if (text.charCodeAt(i) !== DOT || parts === 4) return false;
    i++;
  }
  return parts === 4;
}

/**
 * Characters an http(s) URL's path and query may hold and keep as they are: the RFC 3986 unreserved and sub-delim
 * characters, `:`, `@`, `/` and `?`, less `'` (which the WHATWG parser escapes in a query) and `%` (escapes are
 * normalised). `#` (a fragment, dropped), `\`, blanks, controls and non-ASCII are not among them either.
 */
const URL_TAIL = /^[A-Za-z0-9\-._~!$&()*+,;=:@/?]*$/;
/** A `.` or `..` segment in a path, which the parser resolves. */
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

/**
 * True for `http://` or `https://`, a plain domain (no port, no user), then a path starting with `/` and an optional
 * query, in characters the URL parser keeps as they are, with no `.` or `..` path segments: a URL that is
 * its own normal form.
 */
export function isPlainHttpUrl(text: string): boolean {
  const hostStart = text.startsWith('https://') ? 8 : text.startsWith('http://') ? 7 : -1;
  if (hostStart < 0) return false;
  const hostEnd = plainDomainEnd(text, hostStart);
  if (hostEnd < 0 || text.charCodeAt(hostEnd) !== 0x2f) return false;
  const tail = text.slice(hostEnd);
  if (!URL_TAIL.test(tail)) return false;
  const query = tail.indexOf('?');
  return !DOT_SEGMENT.test(query < 0 ? tail : tail.slice(0, query));
}
