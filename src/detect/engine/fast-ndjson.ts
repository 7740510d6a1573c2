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
 * The fields worth looking at: mapped fields of keys some indicator has values under. `sample` (the first bytes of
 * the input) tunes the search for each.
 */
export function probesFor(index: IndicatorIndex, mapping: FieldMapping, sample: Uint8Array): Probe[] {
  const probes: Probe[] = [];
  for (const [key, fields] of Object.entries(mapping.values)) {
    const keys = key === 'ipv4-addr:value' ? [key, 'ipv6-addr:value'] : [key];
    if (!keys.some((k) => index.hasKey(k))) continue;
    // Zeek's flat `id.resp_h` is looked up whole; a nested path by its last name (a superset: candidates are re-checked).
    for (const field of fields) {
      const name = field.startsWith('id.') ? field : field.slice(field.lastIndexOf('.') + 1);
      probes.push({ key, needle: new NeedleSearch(Buffer.from(`"${name}":`, 'latin1'), sample) });
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

/**
 * Whether a string value in `buf[from, to)` could match. Plain ASCII names (almost all DNS traffic) are hashed in
 * place, label by label; anything else (escapes, non-ASCII) is a candidate and gets the full treatment.
 */
export function valueMightMatch(index: IndicatorIndex, key: string, buf: Buffer, from: number, to: number): boolean {
  if (key === 'domain-name:value') {
    const quick = index.domainBytesMightMatch(buf, from, to);
    if (quick !== null) return quick;
  }
  for (let i = from; i < to; i++) {
    const c = buf[i]!;
    if (c === BACKSLASH || c >= 128) return true;
  }
  const value = buf.toString('latin1', from, to);
  const k = key === 'ipv4-addr:value' && value.includes(':') ? 'ipv6-addr:value' : key;
  return index.mightMatch(k, value);
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
