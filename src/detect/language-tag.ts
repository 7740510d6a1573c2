/** Longest tag kept: BCP 47 tags that say more than this are not a person's language setting. */
const MAX_TAG = 35;

/**
 * A person's language as a canonical BCP 47 tag (`fr`, `pt-BR`, `zh-Hant-TW`), from what telemetry or an account
 * says: `fr_CA`, `fr_CA.UTF-8`, `en-US,en;q=0.9` (an Accept-Language header: its first choice) and `PT-br` all
 * work. Null for what names no language (`C`, `POSIX`, `*`, empty, or not a well-formed tag).
 *
 * @example normaliseLanguageTag('pt_BR.UTF-8') // 'pt-BR'
 */
export function normaliseLanguageTag(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const first = raw.split(',')[0]!.split(';')[0]!.trim();
  const tag = first.replace(/[.@].*$/, '').replace(/_/g, '-');
  if (tag === '' || tag.length > MAX_TAG || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag)) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}
