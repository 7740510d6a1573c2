/**
 * A structural check for RFC 5646 language tags (`en`, `de-CH`, `zh-Hant-TW`, `x-klingon`): ASCII
 * subtags of 1-8 letters or digits separated by hyphens, the first being 2-8 letters or `x`/`i`.
 * It does not consult the IANA registry.
 */
const LANGUAGE_TAG_RE = /^(?:[a-zA-Z]{2,8}|[xXiI])(?:-[a-zA-Z0-9]{1,8})*$/;

export function isLanguageTag(value: unknown): value is string {
  return typeof value === 'string' && LANGUAGE_TAG_RE.test(value);
}
