import type { FieldMapping } from './ndjson-reader.ts';
import type { IndicatorIndex } from './indicator-index.ts';
import { NeedleSearch } from './needle-search.ts';
import { noteMalformed, type ReadStats } from './observation.ts';

export interface Probe {
  key: string;
  /** `"field":` as it appears in compact JSON. */
  needle: NeedleSearch;
}

/**
 * The fields worth looking at: mapped fields of keys some indicator could match under (a URL, e-mail or host field
 * is always looked at when there are domain indicators). `sample` (the first bytes of the input) tunes the search
 * for each.
 */
export function probesFor(index: IndicatorIndex, mapping: FieldMapping, sample: Uint8Array): Probe[] {
  const probes: Probe[] = [];
  for (const [key, fields] of Object.entries(mapping.values)) {
    if (!index.couldMatchUnder(key)) continue;
    // Zeek's flat `id.resp_h` is looked up whole; a nested path by its last name (a superset: candidates are re-checked).
    // Zeek's flat `san.dns` is looked up whole too.
    for (const field of fields) {
      const names = field.startsWith('id.') ? [field] : [...new Set([field, field.slice(field.lastIndexOf('.') + 1)])];
      for (const name of names) {
        probes.push({ key, needle: new NeedleSearch(Buffer.from(`"${name}":`, 'latin1'), sample) });
      }
    }
  }
  return probes;
}

const QUOTE = 34;
const BACKSLASH = 92;
const SPACE = 32;
const NEWLINE = 10;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COLON = 58;
const SLASH = 47;
const AT = 64;
const DOMAIN = 'domain-name:value';
const URL_KEY = 'url:value';
const EMAIL = 'email-addr:value';

const isDigit = (c: number | undefined) => c !== undefined && c >= 48 && c <= 57;

/**
 * Whether a string value in `buf[from, to)` could match. Plain ASCII names (almost all DNS traffic) are hashed in
 * place, label by label; anything else (escapes, non-ASCII) is a candidate and gets the full treatment.
 */
export function valueMightMatch(index: IndicatorIndex, key: string, buf: Buffer, from: number, to: number): boolean {
  if (key === DOMAIN) {
    const quick = index.domainBytesMightMatch(buf, from, to);
    // A plain name the domain indicators do not hold; unless it is an address (`192.0.2.1`, it walks as a name).
    if (quick === false && !(isDigit(buf[to - 1]) && index.hasAddresses)) return false;
    if (quick === true) return true;
  } else if ((key === URL_KEY || key === EMAIL) && !index.hasKey(key)) {
    // Only the domain inside can match: look at the host (`scheme://host[:port]/…`) or what follows the `@`.
    const host = key === URL_KEY ? urlHost(buf, from, to) : emailDomain(buf, from, to);
    if (host !== null) return valueMightMatch(index, DOMAIN, buf, host[0], host[1]);
  }
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    if (c === BACKSLASH || c >= 128) return true;
  }
  const value = buf.toString('latin1', from, to);
  const k = key === 'ipv4-addr:value' && value.includes(':') ? 'ipv6-addr:value' : key;
  return index.mightMatch(k, value);
}

/** `[from, to)` of a URL's host, port left out, or null when the URL is not that simple (user info, brackets). */
function urlHost(buf: Buffer, from: number, to: number): [number, number] | null {
  let i = from;
  while (i < to && buf[i] !== COLON && buf[i] !== SLASH) i++;
  if (buf[i] !== COLON || buf[i + 1] !== SLASH || buf[i + 2] !== SLASH) return null;
  const start = i + 3;
  let end = start;
  while (end < to) {
    const c = buf[end]!;
    if (c === SLASH || c === 63 /* ? */ || c === 35 /* # */ || c === COLON) break;
    if (c === AT || c === OPEN_BRACKET || c === BACKSLASH) return null;
    end++;
  }
  if (buf[end] === COLON) {
    let p = end + 1;
    while (p < to && isDigit(buf[p])) p++;
    if (p < to && buf[p] !== SLASH && buf[p] !== 63 && buf[p] !== 35) return null;
  }
  return end > start ? [start, end] : null;
}

/** `[from, to)` of what follows an e-mail address's last `@`, or null when there is none. */
function emailDomain(buf: Buffer, from: number, to: number): [number, number] | null {
  const at = buf.lastIndexOf(AT, to - 1);
  return at >= from && at + 1 < to ? [at + 1, to] : null;
}

/** Whether a JSON array of strings starting at `from` (after its `[`) holds a value that could match. */
function arrayMightMatch(index: IndicatorIndex, key: string, buf: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    if (c === CLOSE_BRACKET) return false;
    // Nested arrays or objects: left to the full reader.
    if (c === OPEN_BRACKET || c === OPEN_BRACE) return true;
    if (c !== QUOTE) continue;
    let close = i + 1;
    while (close < to && buf[close] !== QUOTE) {
      if (buf[close] === BACKSLASH) return true;
      close++;
    }
    if (close >= to || valueMightMatch(index, key, buf, i + 1, close)) return true;
    i = close;
  }
  return true;
}

/**
 * The scanner's first pass over NDJSON, in bytes: instead of decoding and parsing every line, it finds the few
 * fields that matter with `Buffer#indexOf` (native; each needle's next occurrence is remembered, so an absent field
 * costs one search per chunk) and asks the index whether their values could match, hashing the bytes where they lie.
 * No string is made for a line unless it might match: only those lines (0.05% of DNS traffic, say) are decoded and
 * handed on for a full parse and match. A line not framed as a JSON object is counted as malformed; deeper damage in
 * a line with no candidate value goes unnoticed, the price of not parsing it.
 * Returns the number of lines in `buf` (which must end at a line boundary or at the end of input).
 */
export function findCandidateLines(
  buf: Buffer,
  firstLine: number,
  index: IndicatorIndex,
  probes: readonly Probe[],
  stats: ReadStats,
  onCandidate: (line: string, lineNumber: number) => void,
): number {
  const length = buf.length;
  const next = probes.map(() => -1);
  let start = 0;
  let lineNumber = firstLine - 1;
  while (start < length) {
    let end = buf.indexOf(NEWLINE, start);
    if (end < 0) end = length;
    lineNumber++;
    let a = start;
    let b = end;
    start = end + 1;
    while (a < b && buf[a]! <= SPACE) a++;
    while (b > a && buf[b - 1]! <= SPACE) b--;
    if (a === b) continue;
    stats.lines++;
    if (buf[a] !== OPEN_BRACE || buf[b - 1] !== CLOSE_BRACE) {
      noteMalformed(stats, lineNumber, 'not a JSON object');
      continue;
    }
    for (let p = 0; p < probes.length; p++) {
      let at = next[p]!;
      if (at < a) {
        // Where the field was on the line before, it is probably on this one too: look near first.
        const needle = probes[p]!.needle;
        at = at >= 0 && at + 2 * (b - a) > a ? needle.findNear(buf, a, b) : -1;
        if (at < 0) at = needle.findFar(buf, a);
        next[p] = at = at < 0 ? length : at;
      }
      if (at >= b) continue;
      let v = at + probes[p]!.needle.needle.length;
      while (buf[v] === SPACE) v++;
      if (buf[v] === OPEN_BRACKET) {
        // A list of names or addresses (Zeek's `rcptto`, an X.509 `san.dns`).
        if (arrayMightMatch(index, probes[p]!.key, buf, v + 1, b)) {
          onCandidate(buf.toString('utf8', a, b), lineNumber);
          break;
        }
        continue;
      }
      if (buf[v] !== QUOTE) continue;
      let close = v + 1;
      while (close < b && buf[close] !== QUOTE) close++;
      if (close >= b || valueMightMatch(index, probes[p]!.key, buf, v + 1, close)) {
        onCandidate(buf.toString('utf8', a, b), lineNumber);
        break;
      }
    }
  }
  return lineNumber - firstLine + 1;
}
