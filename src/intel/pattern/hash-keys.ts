/**
 * Hash algorithm names: real feeds write `file:hashes.sha256` as often as the specification's
 * `file:hashes.'SHA-256'`, so names are compared through `canonicalHashKey`.
 */

/** STIX 2.1 hashing-algorithm-ov names, plus the STIX 2.0 ones, keyed by their letters and digits in upper case. */
const CANONICAL: ReadonlyMap<string, string> = new Map(
  [
    'MD5',
    'SHA-1',
    'SHA-256',
    'SHA-512',
    'SHA3-256',
    'SHA3-512',
    'SSDEEP',
    'TLSH',
    'MD6',
    'RIPEMD-160',
    'SHA-224',
    'SHA-384',
    'SHA3-224',
    'SHA3-384',
    'WHIRLPOOL',
  ].map((name) => [squash(name), name]),
);

/** The names CANONICAL gives: each one is its own canonical spelling. */
const CANONICAL_NAMES: ReadonlySet<string> = new Set(CANONICAL.values());

function squash(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * Maps a hash algorithm spelling (`sha256`, `SHA256`, `sha-256`, `'SHA-256'`, `sha_256`, `md5`, `SHA1`…) to the
 * specification's vocabulary (`SHA-256`, `MD5`, `SHA-1`…). Names it does not know (custom hashes) come back unchanged,
 * apart from surrounding single quotes.
 */
export function canonicalHashKey(name: string): string {
  // Patterns mostly spell the algorithm as the specification does already: one lookup settles those.
  if (CANONICAL_NAMES.has(name)) return name;
  const bare = name.length >= 2 && name.startsWith("'") && name.endsWith("'") ? name.slice(1, -1) : name;
  return CANONICAL.get(squash(bare)) ?? bare;
}

/** True when `name` is a property holding a hashes dictionary, whose keys are hash algorithm names. */
export function isHashesProperty(name: string | undefined): boolean {
  return name === 'hashes';
}
