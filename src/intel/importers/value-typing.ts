import { canonicalHashKey } from '../pattern/index.ts';
import { normalizeHash, normalizeIp } from '../values/normalize.ts';
import { accepted, refused, type Classification } from './classification.ts';
import { classifyDomain, classifyEmail, classifyIp, classifyUrl } from './network-values.ts';
import { refang } from './refang.ts';

type Category =
  'domain' | 'ip' | 'url' | 'email' | 'md5' | 'sha1' | 'sha256' | 'hash' | 'filename' | 'filepath' | 'process' | 'app';

// Type names used by feeds (MISP attribute types, CSV headers, Google TAG's entity_type, STIX object paths), spelt
// in lower case with `-` for spaces and underscores.
const HINTS: ReadonlyMap<string, Category> = new Map(
  Object.entries({
    domain: ['domain', 'hostname', 'host', 'fqdn', 'domain-name', 'domain-name:value'],
    ip: ['ip', 'ip-src', 'ip-dst', 'ip-address', 'ipv4', 'ipv6', 'ipv4-addr', 'ipv6-addr', 'cidr'],
    url: ['url', 'uri', 'url:value'],
    email: ['email', 'email-src', 'email-dst', 'email-address', 'email-addr', 'email-addr:value'],
    md5: ['md5'],
    sha1: ['sha1', 'sha-1'],
    sha256: ['sha256', 'sha-256'],
    hash: ['hash', 'file-hash', 'filehash'],
    filename: ['filename', 'file-name', 'file:name'],
    filepath: ['path', 'filepath', 'file-path', 'file:path'],
    process: ['process', 'process-name', 'process:name'],
    app: ['app', 'app-id', 'app:id', 'package', 'package-name', 'bundle-id', 'mobile-application-id'],
  }).flatMap(([category, names]) => names.map((n) => [n, category as Category] as const)),
);
const HASH_CATEGORY: Readonly<Record<string, Category>> = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256' };
const HASH_LENGTH = { md5: 32, sha1: 40, sha256: 64 } as const;

const MAX_VALUE_LENGTH = 4096;
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const CONTROL = /[\u0000-\u001f\u007f]/;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const APP_ID = /^[A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)+$/;

function categoryOfHint(hint: string): Category | undefined {
  const key = hint
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
  const direct = HINTS.get(key);
  if (direct) return direct;
  if (key.startsWith('file:hashes.')) return HASH_CATEGORY[canonicalHashKey(key.slice('file:hashes.'.length))];
  if (key.startsWith('ipv4-addr:') || key.startsWith('ipv6-addr:')) return 'ip';
  return undefined;
}

/** True when `hint` names a kind of value the importers know (`domain`, `ip-dst`, `sha256`, `file:path`…). */
export const isKnownTypeHint = (hint: string): boolean => categoryOfHint(hint) !== undefined;

/** What a value with no type given looks like; hostnames only when they have a dot and no spaces. */
function inferCategory(value: string): Category | undefined {
  if (normalizeIp(value.replace(/^\[(.*)\]$/, '$1'))) return 'ip';
  if (SCHEME.test(value)) return 'url';
  if (/^[^@\s]+@[^@\s]+$/.test(value)) return 'email';
  if (/^[0-9a-f]{32}$|^[0-9a-f]{40}$|^[0-9a-f]{64}$/i.test(value)) return 'hash';
  if (/^[^\s@]+\.[^\s@]+$/.test(value)) return 'domain';
  return undefined;
}

function classifyHash(value: string, category: 'md5' | 'sha1' | 'sha256' | 'hash'): Classification {
  const hex = normalizeHash(value);
  const kind =
    category !== 'hash' ? category : (['md5', 'sha1', 'sha256'] as const).find((k) => HASH_LENGTH[k] === hex.length);
  if (!kind) return refused(`${value} is not an MD5, SHA-1 or SHA-256 hash (32, 40 or 64 hexadecimal digits)`);
  if (hex.length !== HASH_LENGTH[kind] || !/^[0-9a-f]+$/.test(hex)) {
    return refused(
      `${value} is not a ${kind === 'md5' ? 'MD5' : kind.toUpperCase().replace('SHA', 'SHA-')} hash (${HASH_LENGTH[kind]} hexadecimal digits)`,
    );
  }
  return accepted(kind, hex);
}

function classifyFile(value: string, category: 'filename' | 'filepath'): Classification {
  const isPath = /[/\\]/.test(value);
  if (category === 'filename' && isPath)
    return accepted('filepath', value, [`${value} is a path: imported as a file path`]);
  if (category === 'filepath' && !isPath)
    return accepted('filename', value, [`${value} has no directory: imported as a file name`]);
  return accepted(category, value);
}

/**
 * Types one feed value: works out (or checks against `typeHint`) what it is, refangs and normalises it, and builds its
 * STIX pattern. Values that are something other than their type says are re-typed with a note (an IP address given
 * as a domain); values that cannot be an indicator are refused with a reason (a "domain" with a path, a domain
 * without a top-level domain, a hash of the wrong length). Never widens a value: a subdomain stays a subdomain.
 *
 * @example classifyIndicatorValue('domain', 'Evil[.]Example') // { ok: true, kind: 'domain', value: 'evil.example', … }
 * @example classifyIndicatorValue('domain', 'x.xyz/x') // { ok: false, reason: 'domain x.xyz/x contains a path …' }
 */
export function classifyIndicatorValue(typeHint: string | undefined, rawValue: string): Classification {
  const value = rawValue.trim();
  if (value === '') return refused('the value is empty');
  if (value.length > MAX_VALUE_LENGTH) return refused(`the value is longer than ${MAX_VALUE_LENGTH} characters`);
  if (CONTROL.test(value)) return refused(`${JSON.stringify(value)} contains control characters`);
  const hinted = typeHint !== undefined && typeHint.trim() !== '';
  const fanged = refang(value);
  const category = hinted ? categoryOfHint(typeHint) : inferCategory(fanged);
  if (!category) {
    return refused(
      hinted ? `type ${typeHint.trim()} is not one Accord imports` : `cannot tell what kind of indicator ${value} is`,
    );
  }
  switch (category) {
    case 'domain':
      return classifyDomain(fanged, value);
    case 'ip':
      return classifyIp(fanged, value);
    case 'url':
      return classifyUrl(fanged, value);
    case 'email':
      return classifyEmail(fanged, value);
    case 'md5':
    case 'sha1':
    case 'sha256':
    case 'hash':
      return classifyHash(value, category);
    case 'filename':
    case 'filepath':
      return classifyFile(value, category);
    case 'process':
      return accepted('process', value);
    case 'app':
      return APP_ID.test(value)
        ? accepted('app', value)
        : refused(`${value} is not an application id (a package or bundle name such as com.example.app)`);
  }
}
