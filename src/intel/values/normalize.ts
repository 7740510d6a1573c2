import { domainToASCII } from 'node:url';
import { isIPv4, isIPv6 } from 'node:net';
import { isPlainDomain, isPlainHttpUrl, isPlainIpv4 } from './plain-forms.ts';

/**
 * The one normal form for each kind of indicator value, shared by the store (look-ups) and the detection engine
 * (matching): whatever spelling a feed or a log uses, the same thing normalises to the same string.
 */

/** Lower case, no trailing dot, internationalised names in their ASCII (punycode) form. '' when not a name. */
export function normalizeDomain(raw: string): string {
  if (isPlainDomain(raw)) return raw; // the common case, spared IDNA processing (see plain-forms.ts)
  const trimmed = raw.trim().replace(/\.+$/, '');
  if (trimmed === '') return '';
  return domainToASCII(trimmed.toLowerCase());
}

export function normalizeEmail(raw: string): string {
  const trimmed = raw.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 1) return trimmed.toLowerCase();
  const domain = normalizeDomain(trimmed.slice(at + 1));
  return `${trimmed.slice(0, at).toLowerCase()}@${domain || trimmed.slice(at + 1).toLowerCase()}`;
}

export const normalizeHash = (raw: string) => raw.trim().toLowerCase();

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/**
 * Scheme and host in lower case, default port dropped, dot segments resolved, fragment dropped, percent-encoding
 * of unreserved characters decoded and every other escape in upper case. Null when not an absolute URL.
 */
export function normalizeUrl(raw: string): string | null {
  if (isPlainHttpUrl(raw)) return raw; // the common case, spared the URL parser (see plain-forms.ts)
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  url.hash = '';
  const fixEscapes = (s: string) =>
    s.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => {
      const ch = String.fromCharCode(parseInt(hex, 16));
      return UNRESERVED.test(ch) ? ch : `%${hex.toUpperCase()}`;
    });
  url.pathname = fixEscapes(url.pathname);
  if (url.search) url.search = fixEscapes(url.search);
  return url.toString();
}

const LEADING_ZERO = /(?:^|\.)0\d/;

/** The canonical text of an IPv4 or IPv6 address or CIDR range; `/32` and `/128` become the bare address. */
export function normalizeIp(raw: string): string | null {
  if (isPlainIpv4(raw)) return raw; // the common case (see plain-forms.ts)
  // Indexing rather than destructuring `[address, prefix, ...rest]`, which goes through the iterator protocol.
  const parts = raw.trim().split('/');
  if (parts.length > 2) return null;
  const address = parts[0] ?? '';
  const prefix = parts[1];
  const v4 = isIPv4(address);
  let canonical: string;
  // A dotted quad is its own canonical text unless a part has a leading zero (isIPv4 refuses those today; were it
  // to accept them, they would still be rewritten as before), so the split and join are usually skipped.
  if (v4) canonical = LEADING_ZERO.test(address) ? address.split('.').map(Number).join('.') : address;
  else if (isIPv6(address)) canonical = new URL(`http://[${address}]`).hostname.slice(1, -1);
  else return null;
  if (prefix === undefined) return canonical;
  if (!/^\d{1,3}$/.test(prefix)) return null;
  const bits = Number(prefix);
  const max = v4 ? 32 : 128;
  if (bits > max) return null;
  return bits === max ? canonical : `${canonical}/${bits}`;
}

/** Normalises a value for its key (`<object type>:<path>`); keys not listed here compare exactly. */
export function normalizeValue(key: string, value: string): string | null {
  if (key === 'domain-name:value') return normalizeDomain(value) || null;
  if (key === 'email-addr:value') return normalizeEmail(value);
  if (key === 'url:value') return normalizeUrl(value);
  if (key === 'ipv4-addr:value' || key === 'ipv6-addr:value') return normalizeIp(value);
  if (key.includes(':hashes.')) return normalizeHash(value);
  return value;
}
