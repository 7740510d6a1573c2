import type { FieldMapping } from './ndjson-reader.ts';
import type { IndicatorIndex } from './indicator-index.ts';
import { noteMalformed, type ReadStats } from './observation.ts';

export interface Probe {
  key: string;
  /** `"field":` as it appears in compact JSON. */
  needle: string;
}

/** The fields worth looking at: mapped fields of keys some indicator has values under. */
export function probesFor(index: IndicatorIndex, mapping: FieldMapping): Probe[] {
  const probes: Probe[] = [];
  for (const [key, fields] of Object.entries(mapping.values)) {
    const keys = key === 'ipv4-addr:value' ? [key, 'ipv6-addr:value'] : [key];
    if (!keys.some((k) => index.hasKey(k))) continue;
    // Zeek's flat `id.resp_h` is looked up whole; a nested path by its last name (a superset: candidates are re-checked).
    for (const field of fields) {
      const name = field.startsWith('id.') ? field : field.slice(field.lastIndexOf('.') + 1);
      probes.push({ key, needle: `"${name}":` });
    }
  }
  return probes;
}

const QUOTE = 34;
const BACKSLASH = 92;
const SPACE = 32;

/**
 * Whether a string value in `buf[from, to)` could match. Plain lower-case ASCII names (almost all DNS traffic) are
 * looked up in bytes-as-latin1 form, label by label; anything else (upper case, non-ASCII, escapes) is a candidate
 * and gets the full treatment.
 */
function valueMightMatch(index: IndicatorIndex, key: string, text: string, from: number, to: number): boolean {
  if (key === 'domain-name:value') {
    const quick = index.domainCharsMightMatch(text, from, to);
    if (quick !== null) return quick;
  }
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH || c >= 128 || (c >= 65 && c <= 90)) return true;
  }
  const value = text.slice(from, to);
  const k = key === 'ipv4-addr:value' && value.includes(':') ? 'ipv6-addr:value' : key;
  return index.mightMatch(k, value);
}

/**
 * The scanner's first pass over NDJSON, in bytes: the chunk is read as latin1 (one character per byte, so string
 * offsets are byte offsets, and V8's own string search needs no call into C++); instead of decoding and parsing
 * every line, it finds the few fields that matter with `indexOf` (each needle's next occurrence is remembered, so an
 * absent field costs one search per chunk) and asks the index whether their values could match. Only lines that might (0.05% of DNS traffic,
 * say) are handed on, decoded, for a full parse and match. A line not framed as a JSON object is counted as
 * malformed; deeper damage in a line with no candidate value goes unnoticed, the price of not parsing it.
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
  const text = buf.toString('latin1');
  const next = probes.map(() => -1);
  let start = 0;
  let lineNumber = firstLine - 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNumber++;
    let a = start;
    let b = end;
    start = end + 1;
    while (a < b && text.charCodeAt(a) <= SPACE) a++;
    while (b > a && text.charCodeAt(b - 1) <= SPACE) b--;
    if (a === b) continue;
    stats.lines++;
    if (text.charCodeAt(a) !== 123 || text.charCodeAt(b - 1) !== 125) {
      noteMalformed(stats, lineNumber, 'not a JSON object');
      continue;
    }
    for (let p = 0; p < probes.length; p++) {
      let at = next[p]!;
      if (at !== Infinity && at < a) {
        at = text.indexOf(probes[p]!.needle, a);
        next[p] = at = at < 0 ? Infinity : at;
      }
      if (at >= b) continue;
      let v = at + probes[p]!.needle.length;
      while (text.charCodeAt(v) === SPACE) v++;
      if (text.charCodeAt(v) !== QUOTE) continue;
      const close = text.indexOf('"', v + 1);
      if (close < 0 || close >= b || valueMightMatch(index, probes[p]!.key, text, v + 1, close)) {
        onCandidate(buf.toString('utf8', a, b), lineNumber);
        break;
      }
    }
  }
  return lineNumber - firstLine + 1;
}
