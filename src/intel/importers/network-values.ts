import { cidrContains, parseCidr, type Cidr } from '../pattern/index.ts';
import { normalizeDomain, normalizeEmail, normalizeIp, normalizeUrl } from '../values/normalize.ts';
import { accepted, refused, type Classification } from './classification.ts';

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;
const TLD = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

/** Why an ASCII, lower-case host name cannot be a domain indicator; null when it can. */
export function domainProblem(name: string): string | null {
  if (name.length > 253) return 'is longer than 253 characters';
  const labels = name.split('.');
  if (labels.length < 2) return 'has no top-level domain';
  if (labels.some((l) => !LABEL.test(l))) return 'is not a valid domain name';
  if (!TLD.test(labels[labels.length - 1]!)) return `has no valid top-level domain (.${labels[labels.length - 1]})`;
  return null;
}

const stripBrackets = (value: string) => value.replace(/^\[(.*)\]$/, '$1');

/**
 * A value given as a domain. IP addresses, URLs and e-mail addresses are re-typed (with a note); a leading `*.` or
 * `.` is dropped (an indicator matches its subdomains anyway); `www.` is dropped only as an exact leading label;
 * a port is dropped. Never widened further: `cdn.example.net` stays `cdn.example.net`.
 */
export function classifyDomain(value: string, original: string): Classification {
  if (normalizeIp(stripBrackets(value))) {
    return classifyIp(value, original, `${original} is an IP address, not a domain: imported as an IP address`);
  }
  if (SCHEME.test(value)) return classifyUrl(value, original, `${original} is a URL, not a domain: imported as a URL`);
  if (/[/?#\\]/.test(value)) {
    return refused(`domain ${original} contains a path (a domain cannot; give the full URL with its scheme)`);
  }
  if (value.includes('@')) {
    return classifyEmail(value, original, `${original} is an e-mail address, not a domain: imported as one`);
  }
  const notes: string[] = [];
  let name = value;
  const port = /:(\d{1,5})$/.exec(name);
  if (port) {
    name = name.slice(0, port.index);
    notes.push(`${original}: the port was dropped`);
  }
  if (name.startsWith('*.') || name.startsWith('.')) {
    name = name.slice(name.indexOf('.') + 1);
    notes.push(`${original}: the wildcard was dropped (an indicator matches its subdomains)`);
  }
  if (name.includes('*')) return refused(`domain ${original} has a wildcard other than a leading "*."`);
  let ascii = normalizeDomain(name);
  if (ascii === '') return refused(`domain ${original} is not a valid domain name`);
  if (ascii.startsWith('www.') && ascii.split('.').length > 2) {
    ascii = ascii.slice(4);
    notes.push(`${original}: the leading "www." was removed`);
  }
  const problem = domainProblem(ascii);
  return problem ? refused(`domain ${original} ${problem}`) : accepted('domain', ascii, notes);
}

// Addresses that are never an indicator: "this network", loopback, broadcast, unspecified.
const NEVER = ['0.0.0.0/8', '127.0.0.0/8', '255.255.255.255/32', '::/128', '::1/128'].map((c) => parseCidr(c)!);
const NARROWEST_WIDE_PREFIX = { 4: 8, 6: 32 } as const;

function formatNetwork(c: Cidr): string {
  const width = c.family === 4 ? 32 : 128;
  const digits = c.network.toString(c.family === 4 ? 2 : 16).padStart(32, '0'); // 32 bits or 32 hex digits
  const address =
    c.family === 4
      ? [0, 8, 16, 24].map((i) => parseInt(digits.slice(i, i + 8), 2)).join('.')
      : normalizeIp(digits.match(/.{4}/g)!.join(':'))!;
  return c.prefix === width ? address : `${address}/${c.prefix}`;
}

/** An IPv4 or IPv6 address or CIDR range (host bits cleared, with a note); too-wide ranges are refused. */
export function classifyIp(value: string, original: string, note?: string): Classification {
  const ip = normalizeIp(stripBrackets(value));
  const cidr = ip ? parseCidr(ip) : undefined;
  if (!ip || !cidr) return refused(`${original} is not an IP address or CIDR range`);
  if (cidr.prefix < NARROWEST_WIDE_PREFIX[cidr.family]) {
    return refused(
      `${original} is too wide a range to be an indicator (shorter than /${NARROWEST_WIDE_PREFIX[cidr.family]})`,
    );
  }
  if (NEVER.some((n) => cidrContains(n, cidr))) {
    return refused(`${original} is a loopback, unspecified or broadcast address, never an indicator`);
  }
  const canonical = formatNetwork(cidr);
  const hostBits = canonical !== ip ? `${original}: host bits cleared, imported as ${canonical}` : undefined;
  return accepted(cidr.family === 4 ? 'ipv4' : 'ipv6', canonical, [note, hostBits]);
}

/** An absolute http(s) or ftp URL, normalised; a URL without its scheme is refused (it cannot be matched as one). */
export function classifyUrl(value: string, original: string, note?: string): Classification {
  if (!SCHEME.test(value)) return refused(`URL ${original} has no scheme (give it in full, e.g. https://${value})`);
  const url = normalizeUrl(value);
  if (!url) return refused(`${original} is not a valid URL`);
  const { protocol, hostname } = new URL(url);
  if (!['http:', 'https:', 'ftp:'].includes(protocol)) return refused(`URL ${original} is not http(s) or ftp`);
  if (hostname === '') return refused(`URL ${original} has no host`);
  return accepted('url', url, [note]);
}

/** An e-mail address whose domain is a valid domain name; lower-cased as the store compares it. */
export function classifyEmail(value: string, original: string, note?: string): Classification {
  const at = value.lastIndexOf('@');
  if (at < 1 || at === value.length - 1 || /\s/.test(value)) return refused(`${original} is not an e-mail address`);
  const problem = domainProblem(normalizeDomain(value.slice(at + 1)));
  if (problem) return refused(`e-mail address ${original}: its domain ${problem}`);
  return accepted('email', normalizeEmail(value), [note]);
}
