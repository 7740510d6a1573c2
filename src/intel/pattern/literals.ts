/** Validation of the literal forms whose shape the lexer cannot settle by itself. */

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for an RFC 3339 UTC timestamp (`Z` only, optional fractional seconds, leap second `:60` allowed). */
export function isTimestamp(text: string): boolean {
  const m = TIMESTAMP.exec(text);
  if (m === null) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  return hour <= 23 && minute <= 59 && second <= 60;
}

/**
 * A string that sorts like the instant a valid timestamp names (fraction without trailing zeros, so
 * `…00Z` and `…00.000Z` are equal); undefined when `text` is not a timestamp.
 */
export function timestampKey(text: string): string | undefined {
  if (!isTimestamp(text)) return undefined;
  const base = text.slice(0, 19);
  const dot = text.indexOf('.');
  const fraction = dot < 0 ? '' : text.slice(dot + 1, -1).replace(/0+$/, '');
  return `${base}.${fraction}`;
}

/** Compares two timestamp keys from `timestampKey`. */
export function compareTimestampKeys(a: string, b: string): number {
  const [aBase = '', aFrac = ''] = a.split('.');
  const [bBase = '', bFrac = ''] = b.split('.');
  if (aBase !== bBase) return aBase < bBase ? -1 : 1;
  return aFrac === bFrac ? 0 : aFrac < bFrac ? -1 : 1;
}

/** True for an even number of hex digits (possibly none). */
export function isHex(text: string): boolean {
  return /^(?:[0-9A-Fa-f]{2})*$/.test(text);
}

/** True for non-empty, padded base64 as the grammar's BinaryLiteral allows. */
export function isBase64(text: string): boolean {
  return /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{4}|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2}==)$/.test(text);
}
