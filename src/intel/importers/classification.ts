/** The kinds of indicator value the importers accept, and the STIX comparison each becomes. */
export type IndicatorKind =
  | 'domain'
  | 'ipv4'
  | 'ipv6'
  | 'url'
  | 'email'
  | 'md5'
  | 'sha1'
  | 'sha256'
  | 'filename'
  | 'filepath'
  | 'process'
  | 'app';

/** The object path each kind is compared on; hash names in the specification's spelling. */
export const PATTERN_KEYS: Readonly<Record<IndicatorKind, string>> = Object.freeze({
  domain: 'domain-name:value',
  ipv4: 'ipv4-addr:value',
  ipv6: 'ipv6-addr:value',
  url: 'url:value',
  email: 'email-addr:value',
  md5: 'file:hashes.MD5',
  sha1: "file:hashes.'SHA-1'",
  sha256: "file:hashes.'SHA-256'",
  filename: 'file:name',
  filepath: 'file:path',
  process: 'process:name',
  app: 'app:id',
});

/** A value that became one STIX comparison (`note` says what was changed on the way), or the reason it cannot. */
export type Classification =
  | { ok: true; kind: IndicatorKind; value: string; patternKey: string; pattern: string; note?: string }
  | { ok: false; reason: string };

/**
 * A STIX string literal (STIX 2.1 section 9.3): in quotes, with `\` and `'` escaped by a backslash.
 *
 * @example stixStringLiteral("o'brien") // "'o\\'brien'"
 */
export function stixStringLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

export function accepted(kind: IndicatorKind, value: string, notes: readonly (string | undefined)[] = []) {
  const patternKey = PATTERN_KEYS[kind];
  const note = notes.filter((n): n is string => !!n).join('; ');
  const result: Classification = {
    ok: true,
    kind,
    value,
    patternKey,
    pattern: `[${patternKey} = ${stixStringLiteral(value)}]`,
  };
  if (note) result.note = note;
  return result;
}

export const refused = (reason: string): Classification => ({ ok: false, reason });
