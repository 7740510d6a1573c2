import { isIP } from 'node:net';
import { cidrContains, parseCidr } from '../pattern/index.ts';
import { normalizeDomain, normalizeEmail, normalizeHash, normalizeIp, normalizeUrl } from '../values/normalize.ts';

/** One look-up to run: indicators stored under `key` with exactly `value` match the observed thing `how`. */
export interface Probe {
  key: string;
  value: string;
  how: 'exact' | 'parent-domain' | 'url-host' | 'email-domain';
}

const HASH_KEYS: Record<number, string[]> = {
  32: ['file:hashes.MD5'],
  40: ["file:hashes.'SHA-1'"],
  64: ["file:hashes.'SHA-256'", "file:hashes.'SHA3-256'"],
  128: ["file:hashes.'SHA-512'", "file:hashes.'SHA3-512'"],
};

/** `a.b.evil.com` → `a.b.evil.com`, `b.evil.com`, `evil.com` (never the bare TLD). */
export function domainAndParents(domain: string): string[] {
  const labels = domain.split('.');
  const out: string[] = [];
  for (let i = 0; i < labels.length - 1; i++) out.push(labels.slice(i).join('.'));
  return out.length > 0 ? out : [domain];
}

function domainProbes(domain: string, how: Probe['how']): Probe[] {
  return domainAndParents(domain).map((d, i) => ({
    key: 'domain-name:value',
    value: d,
    how: i === 0 ? how : 'parent-domain',
  }));
}

/**
 * What an observed value could match: "which indicators would fire on this?" The value's kind is recognised
 * from its shape (IP, URL, e-mail address, hash, domain); anything else is looked up exactly under any key.
 */
export function probesFor(raw: string): { probes: Probe[]; ip?: string; anyKey?: string } {
  const value = raw.trim();
  const ip = normalizeIp(value);
  if (ip && !ip.includes('/')) {
    const key = isIP(ip) === 6 ? 'ipv6-addr:value' : 'ipv4-addr:value';
    return { probes: [{ key, value: ip, how: 'exact' }], ip };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    const url = normalizeUrl(value);
    if (url) {
      const host = new URL(url).hostname;
      const hostIp = normalizeIp(host.replace(/^\[|\]$/g, ''));
      return {
        probes: [
          { key: 'url:value', value: url, how: 'exact' },
          ...(hostIp ? [] : domainProbes(normalizeDomain(host), 'url-host')),
        ],
        ...(hostIp ? { ip: hostIp } : {}),
      };
    }
  }
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) {
    const email = normalizeEmail(value);
    return {
      probes: [
        { key: 'email-addr:value', value: email, how: 'exact' },
        ...domainProbes(email.slice(email.lastIndexOf('@') + 1), 'email-domain'),
      ],
    };
  }
  if (/^[0-9a-f]+$/i.test(value) && HASH_KEYS[value.length]) {
    return { probes: HASH_KEYS[value.length]!.map((key) => ({ key, value: normalizeHash(value), how: 'exact' })) };
  }
  if (/^[^\s/:@]+\.[^\s/:@]+$/.test(value)) {
    const domain = normalizeDomain(value);
    if (domain) return { probes: domainProbes(domain, 'exact'), anyKey: value };
  }
  return { probes: [], anyKey: value };
}

/** The stored ranges that contain `ip`, most specific first. */
export function rangesContaining<T extends { value: string }>(ip: string, ranges: readonly T[]): T[] {
  const address = parseCidr(ip);
  if (!address) return [];
  return ranges
    .map((r) => ({ r, cidr: parseCidr(r.value) }))
    .filter(
      (x): x is { r: T; cidr: NonNullable<typeof x.cidr> } => x.cidr !== undefined && cidrContains(x.cidr, address),
    )
    .sort((a, b) => b.cidr.prefix - a.cidr.prefix)
    .map((x) => x.r);
}
