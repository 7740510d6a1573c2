import { stripLegalForms } from './legal-forms.ts';
import { phoneticFold } from './phonetic-fold.ts';
import { transliterate } from './transliterate.ts';

/** A name ready to compare: Latin letters, lower case, no punctuation, no legal form. */
export interface NormalizedName {
  readonly original: string;
  /** The words that identify the name, in order. */
  readonly tokens: readonly string[];
  /** The same words folded by sound (see phonetic-fold.ts). */
  readonly folded: readonly string[];
  /** The words run together: "Saito Tech" and "SaitoTech" meet here. */
  readonly compact: string;
  readonly removedLegalForms: readonly string[];
  readonly abjad: boolean;
}

/** Case, accents, punctuation and script: the Latin words of a name, single letters joined ("S.A." → "sa"). */
export function nameWords(latin: string): string[] {
  const words = latin
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’`´]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const out: string[] = [];
  let letters = '';
  for (const word of words) {
    if (word.length === 1) {
      letters += word;
      continue;
    }
    if (letters) out.push(letters);
    letters = '';
    out.push(word);
  }
  if (letters) out.push(letters);
  return out;
}

/**
 * Normalises a name for matching.
 *
 * @example normalizeName('CYTROX HOLDINGS ZRT.').tokens // ['cytrox', 'holdings']
 * @example normalizeName('Интеллекса').tokens // ['intelleksa']
 */
export function normalizeName(name: string): NormalizedName {
  const { latin, abjad } = transliterate(name.normalize('NFKC'));
  const { tokens, removed } = stripLegalForms(nameWords(latin));
  return {
    original: name,
    tokens,
    folded: tokens.map(phoneticFold),
    compact: tokens.join(''),
    removedLegalForms: removed,
    abjad,
  };
}
