import { isIP } from 'node:net';
import { parseCidr } from '../../intel/pattern/index.ts';
import { normalizeValue } from '../../intel/service.ts';
import { DomainFilter } from './domain-filter.ts';
import { addressKey, stripPort } from './host-port.ts';

export interface IndexEntry {
  indicatorId: string;
  key: string;
  /** Normalised as the intel store normalises (values/normalize.ts). */
  value: string;
}

/** One indicator value that an observed value matched, and how. */
export interface IndexMatch {
  indicatorIds: readonly string[];
  key: string;
  value: string;
  how: 'exact' | 'parent-domain' | 'url-host' | 'email-domain' | 'cidr' | 'prefix' | 'truncated-name';
}

const DOMAIN = 'domain-name:value';
const URL_KEY = 'url:value';
const EMAIL = 'email-addr:value';
const IPV4 = 'ipv4-addr:value';
const IPV6 = 'ipv6-addr:value';

// A domain name already in normal form: lower-case ASCII letters, digits, hyphens, dots, no trailing dot.
const ASCII_NAME = /^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$/;
// eslint-disable-next-line no-control-regex -- any byte outside printable ASCII
const NOT_PLAIN = /[\\\x00-\x1f\x7f-\xff]/;
const PROCESS = 'process:name';
const PATH = 'file:path';

/**
 * The active indicators, compiled for matching: a map per key from normalised value to indicator ids, with the
 * per-kind rules of the detection engine on top (subdomains, URL hosts, e-mail domains, CIDR ranges, truncated
 * process names, path prefixes). Patched in place with add/remove as indicators change.
 */
export class IndicatorIndex {
  readonly #exact = new Map<string, Map<string, string[]>>();
  // Ranges by key, then by prefix length (longest first), then by network number: a look-up costs one map probe
  // per distinct prefix length, however many ranges there are.
  readonly #ranges = new Map<string, Map<number, Map<bigint, { value: string; ids: string[] }>>>();
  #rangePrefixes = new Map<string, number[]>();
  readonly #paths: { value: string; ids: string[] }[] = [];
  // Process names longer than 15 characters, by their 15- and 16-character prefixes (what an OS may have cut).
  readonly #truncated = new Map<string, Set<string>>();
  // The indicator domains' hashes: the scanner's first pass probes these without building strings.
  readonly #domainFilter = new DomainFilter();
  // The hosts of URL indicators: a host field (Zeek's `host` beside `uri`) may build one of those URLs.
  readonly #urlHosts = new Set<string>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  add(entry: IndexEntry): void {
    const { key, value, indicatorId } = entry;
    if ((key === 'ipv4-addr:value' || key === 'ipv6-addr:value') && value.includes('/')) {
      const cidr = parseCidr(value);
      if (!cidr) return;
      let byPrefix = this.#ranges.get(key);
      if (!byPrefix) this.#ranges.set(key, (byPrefix = new Map()));
      let byNetwork = byPrefix.get(cidr.prefix);
      if (!byNetwork) {
        byPrefix.set(cidr.prefix, (byNetwork = new Map()));
        this.#rangePrefixes.set(
          key,
          [...byPrefix.keys()].sort((a, b) => b - a),
        );
      }
      const existing = byNetwork.get(cidr.network);
      if (!existing) byNetwork.set(cidr.network, { value, ids: [indicatorId] });
      else if (!existing.ids.includes(indicatorId)) existing.ids.push(indicatorId);
      this.#size++;
      return;
    }
    if (key === PATH) {
      const existing = this.#paths.find((p) => p.value === value);
      if (!existing) this.#paths.push({ value, ids: [indicatorId] });
      else if (!existing.ids.includes(indicatorId)) existing.ids.push(indicatorId);
    }
    if (key === PROCESS && value.length > 15) {
      for (const n of [15, 16]) {
        if (value.length > n) {
          const prefix = value.slice(0, n);
          const set = this.#truncated.get(prefix) ?? new Set<string>();
          set.add(value);
          this.#truncated.set(prefix, set);
        }
      }
    }
    if (key === DOMAIN) this.#domainFilter.add(value);
    if (key === URL_KEY) this.#addUrlHost(value);
    let byValue = this.#exact.get(key);
    if (!byValue) this.#exact.set(key, (byValue = new Map()));
    const ids = byValue.get(value);
    if (!ids) byValue.set(value, [indicatorId]);
    else if (!ids.includes(indicatorId)) ids.push(indicatorId);
    this.#size++;
  }

  /** Every (indicator, key, value) the index holds: what another thread needs to build the same index. */
  *entries(): Generator<IndexEntry> {
    for (const [key, byValue] of this.#exact) {
      for (const [value, ids] of byValue) for (const indicatorId of ids) yield { indicatorId, key, value };
    }
    for (const [key, byPrefix] of this.#ranges) {
      for (const byNetwork of byPrefix.values()) {
        for (const { value, ids } of byNetwork.values())
          for (const indicatorId of ids) yield { indicatorId, key, value };
      }
    }
  }

  /** Removes every value of one indicator (revoked, superseded, expired). */
  remove(indicatorId: string): void {
    for (const byValue of this.#exact.values()) {
      for (const [value, ids] of byValue) {
        const i = ids.indexOf(indicatorId);
        if (i < 0) continue;
        ids.splice(i, 1);
        this.#size--;
        if (ids.length === 0) byValue.delete(value);
      }
    }
    for (const byPrefix of this.#ranges.values()) {
      for (const byNetwork of byPrefix.values()) {
        for (const [network, range] of byNetwork) {
          const at = range.ids.indexOf(indicatorId);
          if (at >= 0) range.ids.splice(at, 1);
          if (range.ids.length === 0) byNetwork.delete(network);
        }
      }
    }
    for (let i = this.#paths.length - 1; i >= 0; i--) {
      const ids = this.#paths[i]!.ids;
      const at = ids.indexOf(indicatorId);
      if (at >= 0) ids.splice(at, 1);
      if (ids.length === 0) this.#paths.splice(i, 1);
    }
  }

  #addUrlHost(url: string): void {
    let host: string;
    try {
      host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    } catch {
      return;
    }
    if (host === '' || this.#urlHosts.has(host)) return;
    this.#urlHosts.add(host);
    if (addressKey(host) === null) this.#domainFilter.add(host);
  }

  /** Whether any address indicator (or range) exists: host fields may hold addresses. */
  get hasAddresses(): boolean {
    return this.hasKey(IPV4) || this.hasKey(IPV6);
  }

  /**
   * Whether values observed under `key` could match anything: the scanner's first pass skips fields nobody looks
   * for. Fields that carry a domain inside them (URLs, e-mail addresses, host names with a port, addresses in host
   * fields) could match a domain or address indicator whatever other kinds the index holds.
   */
  couldMatchUnder(key: string): boolean {
    switch (key) {
      case DOMAIN:
        return this.hasKey(DOMAIN) || this.hasAddresses || this.#urlHosts.size > 0;
      case URL_KEY:
        return this.hasKey(URL_KEY) || this.hasKey(DOMAIN) || this.hasAddresses;
      case EMAIL:
        return this.hasKey(EMAIL) || this.hasKey(DOMAIN);
      case IPV4:
      case IPV6:
        return this.hasAddresses;
      default:
        return this.hasKey(key);
    }
  }

  /** Whether any indicator has values under `key` (the scanner skips fields nobody looks for). */
  hasKey(key: string): boolean {
    if (key === 'ipv4-addr:value' || key === 'ipv6-addr:value') {
      return (this.#exact.get(key)?.size ?? 0) > 0 || (this.#ranges.get(key)?.size ?? 0) > 0;
    }
    if (key === PATH) return this.#paths.length > 0;
    return (this.#exact.get(key)?.size ?? 0) > 0;
  }

  /**
   * A cheap yes/no for the scanner's first pass: could this observed value match? For already-normal domain names
   * (lower-case ASCII, the common case) it walks the labels without normalising or allocating results; anything
   * else falls back to a full match.
   */
  mightMatch(key: string, observed: string): boolean {
    // A host field may build a URL indicator's URL (Zeek's `host` beside `uri`).
    if (key === DOMAIN && this.#urlHosts.size > 0 && this.#urlHosts.has(stripPort(observed).toLowerCase())) return true;
    if (key === DOMAIN && !endsWithDigit(observed) && ASCII_NAME.test(observed)) {
      const domains = this.#exact.get(DOMAIN);
      if (!domains) return false;
      let at = 0;
      for (;;) {
        if (domains.has(at === 0 ? observed : observed.slice(at))) return true;
        const dot = observed.indexOf('.', at);
        if (dot < 0) return false;
        at = dot + 1;
      }
    }
    return this.match(key, observed).length > 0;
  }

  /**
   * The first-pass test for a domain name given as bytes (`buf[from, to)`): the domain filter walks the bytes where
   * they lie (no strings, no allocation), and only a name with a suffix the filter may hold is built as a string and
   * checked for real. Returns null when the bytes are not a plain ASCII name, so the caller falls back to the full path.
   */
  domainBytesMightMatch(buf: Uint8Array, from: number, to: number): boolean | null {
    const walked = this.#domainFilter.walk(buf, from, to);
    if (walked !== 1) return walked === 0 ? false : null;
    const name = Buffer.from(buf.buffer, buf.byteOffset + from, to - from).toString('latin1');
    // An escape or a non-ASCII byte before the suffix the filter liked: only a real parse can say what the name is.
    return NOT_PLAIN.test(name) || this.mightMatch(DOMAIN, name.toLowerCase());
  }

  #exactIds(key: string, value: string): string[] | undefined {
    return this.#exact.get(key)?.get(value);
  }

  /** A domain and each parent, most specific first: `a.b.evil.com` matches `evil.com`, never `notevil.com`. */
  #matchDomain(domain: string, firstHow: IndexMatch['how'], out: IndexMatch[]): void {
    let at = 0;
    let how = firstHow;
    for (;;) {
      const suffix = at === 0 ? domain : domain.slice(at);
      const ids = this.#exactIds(DOMAIN, suffix);
      if (ids?.length) out.push({ indicatorIds: ids, key: DOMAIN, value: suffix, how });
      const dot = domain.indexOf('.', at);
      if (dot < 0) return;
      at = dot + 1;
      how = 'parent-domain';
    }
  }

  /**
   * Everything an observed value matches. `key` says what it is (`domain-name:value`, `url:value`, ...); the
   * value is normalised here, so callers pass what they observed.
   */
  match(key: string, observed: string): IndexMatch[] {
    if (
      (key === DOMAIN || key === IPV4 || key === IPV6) &&
      (observed.includes(':') || observed.charCodeAt(0) === 91 || (key === DOMAIN && endsWithDigit(observed)))
    ) {
      // A host as logs write it: `example.com:8443`, `[2001:db8::1]:443`, or an address where a name was expected.
      const host = stripPort(observed);
      const next = addressKey(host) ?? (key === DOMAIN ? DOMAIN : key);
      if (next !== key || host !== observed) return this.match(next, host);
    }
    const out: IndexMatch[] = [];
    const value = key === DOMAIN && ASCII_NAME.test(observed) ? observed : normalizeValue(key, observed);
    if (value === null || value === '') return out;
    switch (key) {
      case DOMAIN:
        this.#matchDomain(value, 'exact', out);
        return out;
      case URL_KEY: {
        const ids = this.#exactIds(key, value);
        if (ids?.length) out.push({ indicatorIds: ids, key, value, how: 'exact' });
        const host = new URL(value).hostname.replace(/^\[|\]$/g, '');
        if (isIP(host)) out.push(...this.match(isIP(host) === 6 ? 'ipv6-addr:value' : 'ipv4-addr:value', host));
        else {
          const domain = normalizeValue(DOMAIN, host);
          if (domain) this.#matchDomain(domain, 'url-host', out);
        }
        return out;
      }
      case 'email-addr:value': {
        const ids = this.#exactIds(key, value);
        if (ids?.length) out.push({ indicatorIds: ids, key, value, how: 'exact' });
        this.#matchDomain(value.slice(value.lastIndexOf('@') + 1), 'email-domain', out);
        return out;
      }
      case 'ipv4-addr:value':
      case 'ipv6-addr:value': {
        const ids = this.#exactIds(key, value);
        if (ids?.length) out.push({ indicatorIds: ids, key, value, how: 'exact' });
        const address = parseCidr(value);
        const byPrefix = this.#ranges.get(key);
        if (address && byPrefix) {
          const width = address.family === 4 ? 32 : 128;
          // Longest prefix first: the most specific range is reported first.
          for (const prefix of this.#rangePrefixes.get(key) ?? []) {
            const shift = BigInt(width - prefix);
            const range = byPrefix.get(prefix)?.get((address.network >> shift) << shift);
            if (range?.ids.length) out.push({ indicatorIds: range.ids, key, value: range.value, how: 'cidr' });
          }
        }
        return out;
      }
      case PROCESS: {
        const ids = this.#exactIds(key, value);
        if (ids?.length) out.push({ indicatorIds: ids, key, value, how: 'exact' });
        if (value.length === 15 || value.length === 16) {
          for (const full of this.#truncated.get(value) ?? []) {
            const more = this.#exactIds(key, full);
            if (more?.length && full !== value)
              out.push({ indicatorIds: more, key, value: full, how: 'truncated-name' });
          }
        }
        return out;
      }
      case PATH: {
        for (const p of this.#paths) {
          if (value === p.value) out.push({ indicatorIds: p.ids, key, value: p.value, how: 'exact' });
          else if (value.startsWith(p.value)) out.push({ indicatorIds: p.ids, key, value: p.value, how: 'prefix' });
        }
        return out;
      }
      default: {
        const ids = this.#exactIds(key, value);
        if (ids?.length) out.push({ indicatorIds: ids, key, value, how: 'exact' });
        return out;
      }
    }
  }
}

/** Whether a name ends in a digit: no top-level domain does, an IPv4 address always does. */
function endsWithDigit(text: string): boolean {
  const c = text.charCodeAt(text.length - 1);
  return c >= 48 && c <= 57;
}
