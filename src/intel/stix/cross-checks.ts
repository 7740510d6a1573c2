import { type Issues, at, has, own, type JsonObject } from './issues.ts';
import { compareTimestamps, isParsed, parseTimestamp, type ParsedTimestamp } from './timestamp.ts';

/** Small reusable rules that relate several properties of one object. */

function parsedAt(obj: JsonObject, name: string): ParsedTimestamp | null {
  const value = own(obj, name);
  if (typeof value !== 'string') return null;
  const parsed = parseTimestamp(value);
  return isParsed(parsed) ? parsed : null;
}

/**
 * When both timestamps are present and valid, `later` must be after `earlier` (strict) or not before it.
 * Invalid or missing values are reported elsewhere.
 */
export function checkOrder(
  obj: JsonObject,
  earlier: string,
  later: string,
  strict: boolean,
  out: Issues,
  base = '',
): void {
  const a = parsedAt(obj, earlier);
  const b = parsedAt(obj, later);
  if (!a || !b) return;
  const cmp = compareTimestamps(b, a);
  if (strict ? cmp > 0 : cmp >= 0) return;
  const relation = strict ? 'later than' : 'later than or equal to';
  out.add(
    at(base, later),
    `${later} (${String(own(obj, later))}) must be ${relation} ${earlier} (${String(own(obj, earlier))})`,
  );
}

/** At least one of the named properties must be present. */
export function requireOneOf(obj: JsonObject, names: readonly string[], out: Issues, base = ''): void {
  if (names.some((n) => has(obj, n))) return;
  out.add(base, `at least one of ${names.join(', ')} must be present`);
}

/** `a` and `b` must not both be present. */
export function notBoth(obj: JsonObject, a: string, b: string, out: Issues, base = ''): void {
  if (has(obj, a) && has(obj, b)) out.add(at(base, b), `${b} must not be present together with ${a}`);
}

/** `dependent` may only appear when `on` is present. */
export function requiresPresence(obj: JsonObject, dependent: string, on: string, out: Issues, base = ''): void {
  if (has(obj, dependent) && !has(obj, on)) out.add(at(base, dependent), `${dependent} requires ${on} to be present`);
}
