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
