// With the `u` flag a surrogate pair is one code point, so this matches only unpaired (lone) surrogates.
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;

/** True when the string is Unicode text: no unpaired UTF-16 surrogate (which UTF-8 and PostgreSQL cannot hold). */
export const isWellFormedText = (text: string) => !LONE_SURROGATE.test(text);

/** The string with each unpaired surrogate replaced by U+FFFD, as a UTF-8 encoder would write it. */
export const toWellFormedText = (text: string) => text.replace(LONE_SURROGATES, '\uFFFD');

/**
 * Text fit for a PostgreSQL `text` or `jsonb` value: lone surrogates become U+FFFD and NUL (which PostgreSQL
 * refuses in both) becomes U+FFFD too. For text Accord writes itself (audit details, error reasons) that may
 * quote hostile input; input a caller sends is refused at the edge instead.
 */
export const storableText = (text: string) => toWellFormedText(text).replaceAll('\0', '\uFFFD');

const MAX_STORED_DEPTH = 32;

/**
 * A JSON-able value with every string and key made storable (see storableText), for the jsonb columns Accord
 * writes itself (audit details, import reports). Deeper than any of them needs, nesting is cut off, so that a
 * hostile value quoted in a report cannot overflow the stack when it is serialised.
 */
export function storableValue<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (depth >= MAX_STORED_DEPTH) return '[nested too deep]' as T;
  if (Array.isArray(value)) return value.map((v: unknown) => storableValue(v, depth + 1)) as T;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [storableText(k), storableValue(v, depth + 1)])) as T;
}
