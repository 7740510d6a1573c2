import { createRequire } from 'node:module';

/**
 * UTS #39 confusables: Unicode's confusables.txt (every source code point mapped to its prototype), as generated into
 * the `unhomoglyph` package's data file, 6,000-odd mappings rather than a hand list.
 */
const confusables = createRequire(import.meta.url)('unhomoglyph/data.json') as Record<string, string>;

/** Full case folding as far as JavaScript has it: `ß` and `SS` both become `ss`. */
export const foldCase = (s: string) => s.toUpperCase().toLowerCase();

/**
 * The table for case-folded text. Identifiers are compared without case, so a source that folds to a character the
 * table does not map is mapped as well: capital `I` is confusable with `l`, so after folding `i` is too.
 */
const folded = (() => {
  const table = new Map<string, string>();
  for (const [source, prototype] of Object.entries(confusables)) table.set(source, foldCase(prototype));
  for (const [source, prototype] of Object.entries(confusables)) {
    // Only capitals: a lower-case source such as the long `ſ` folds to `s` but is no reason to confuse `s` with `f`.
    const lower = source.toLowerCase();
    if (lower !== source && !table.has(lower) && lower !== foldCase(prototype)) table.set(lower, foldCase(prototype));
  }
  return table;
})();

/**
 * Characters that show nothing or only steer direction: zero-width spaces and joiners, bidirectional embeddings,
 * overrides and isolates, the byte-order mark, soft hyphens. Unicode's format characters and default-ignorables.
 */
export const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

function round(s: string): string {
  let out = '';
  // NFKC first: a prototype may itself be a compatibility character (`%` is `º/₀`), which NFKC then resolves.
  for (const c of foldCase(s.normalize('NFKC')).normalize('NFD')) out += folded.get(c) ?? c;
  return foldCase(out.normalize('NFD')).replace(INVISIBLE, '');
}

/**
 * What a string looks like: UTS #39 `skeleton` (NFD, each character to its prototype, NFD) of the case-folded
 * string, invisible characters dropped, repeated until it no longer changes so that the result is a fixed point. Two
 * identifiers with one skeleton are confusable: a Cyrillic `е` for a Latin `e`, a full-width `ａ`, `rn` for `m`,
 * `I` or `1` for `l`.
 *
 * @example identifierSkeleton('pаypaI') === identifierSkeleton('paypal') // true (Cyrillic а, capital I)
 */
export function identifierSkeleton(value: string): string {
  let s = value;
  for (let i = 0; i < 8; i++) {
    const next = round(s);
    if (next === s) break;
    s = next;
  }
  return s;
}
