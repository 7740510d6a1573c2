/**
 * STIX timestamps (section 2.16): RFC 3339 in UTC with a literal `Z`, `YYYY-MM-DDTHH:mm:ss[.s+]Z`.
 * Fractional seconds are optional and of any length; `created`/`modified` additionally need at least
 * millisecond precision (section 3.2). Comparison is exact (no rounding through Date).
 */

const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;

export interface ParsedTimestamp {
  /** `YYYYMMDDHHmmss`, fixed width, so string order is time order. */
  readonly whole: string;
  /** Fractional-second digits without trailing zeros ('' for none). */
  readonly fraction: string;
  /** Number of fractional digits as written. */
  readonly precision: number;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Feeds repeat the same few timestamps across thousands of objects (one per import run, often): remember them.
const cache = new Map<string, ParsedTimestamp | { problem: string }>();
const CACHE_LIMIT = 10_000;

/** Parses a timestamp, or returns a reason why it is not one. */
export function parseTimestamp(text: string): ParsedTimestamp | { problem: string } {
  const hit = cache.get(text);
  if (hit) return hit;
  const parsed = parseUncached(text);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

function parseUncached(text: string): ParsedTimestamp | { problem: string } {
  const m = TIMESTAMP_RE.exec(text);
  if (!m) return { problem: 'is not an RFC 3339 UTC timestamp of the form YYYY-MM-DDTHH:mm:ss[.s+]Z' };
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12) return { problem: `has month ${month}, which does not exist` };
  if (day < 1 || day > daysInMonth(year, month)) return { problem: `has day ${day}, which month ${month} lacks` };
  if (hour > 23) return { problem: `has hour ${hour} (must be 00-23)` };
  if (minute > 59) return { problem: `has minute ${minute} (must be 00-59)` };
  // RFC 3339 allows 60 for a leap second.
  if (second > 60) return { problem: `has second ${second} (must be 00-60)` };
  const digits = m[7] ?? '';
  return {
    whole: text.slice(0, 19).replace(/[-T:]/g, ''),
    fraction: digits.replace(/0+$/, ''),
    precision: digits.length,
  };
}

export function isParsed(value: ParsedTimestamp | { problem: string }): value is ParsedTimestamp {
  return !('problem' in value);
}

/** -1, 0 or 1 as `a` is earlier than, equal to or later than `b`. */
export function compareTimestamps(a: ParsedTimestamp, b: ParsedTimestamp): number {
  if (a.whole !== b.whole) return a.whole < b.whole ? -1 : 1;
  const width = Math.max(a.fraction.length, b.fraction.length);
  const fa = a.fraction.padEnd(width, '0');
  const fb = b.fraction.padEnd(width, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}

/** True when the string is a valid STIX timestamp. */
export function isTimestamp(value: unknown): value is string {
  return typeof value === 'string' && isParsed(parseTimestamp(value));
}
