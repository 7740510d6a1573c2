import { jaroWinkler } from './jaro-winkler.ts';
import { editDistance } from './edit-distance.ts';
import { abjadKey, consonantSkeleton } from './phonetic-fold.ts';

export type TokenHow = 'exact' | 'sound' | 'spelling' | 'consonants';

export interface TokenSimilarity {
  readonly similarity: number;
  readonly how: TokenHow;
}

// What a typo in the first letter, or a second typo, leaves of a pair's similarity (see below).
const FIRST_LETTER = 0.9;
const TWO_TYPOS = 0.84;

/** Typos a word may carry and still be the same word: none up to 3 letters, one up to 7, two beyond. */
export const allowedEdits = (length: number) => (length <= 3 ? 0 : length <= 7 ? 1 : 2);

/**
 * How alike two words are, and why: equal; equal once folded by sound; within a typo or two of each other in
 * spelling (similarity by Jaro-Winkler, less for another first letter or a second typo); or, for names written in
 * Hebrew or Arabic script, the same spelling in Hebrew letters (0.92) or only the same four or more consonants
 * (0.75). Anything else is a different word: "NSO" is not "NSA", "Trodrai" is not "Trodreal".
 */
export function tokenSimilarity(
  query: string,
  queryFolded: string,
  candidate: string,
  candidateFolded: string,
  abjad = false,
): TokenSimilarity | null {
  if (query === candidate) return { similarity: 1, how: 'exact' };
  if (queryFolded === candidateFolded) return { similarity: 0.97, how: 'sound' };
  if (abjad) {
    // Hebrew writes o/u and i with letters (ו, י), so the whole spelling can be compared, not only consonants.
    const key = abjadKey(query);
    if (key.length >= 3 && key === abjadKey(candidate)) return { similarity: 0.92, how: 'consonants' };
    // Consonants alone are weak (many words share them): such a pair needs the rest of the name or evidence.
    const skeleton = consonantSkeleton(query);
    if (skeleton.length >= 4 && skeleton === consonantSkeleton(candidate))
      return { similarity: 0.75, how: 'consonants' };
  }
  // Typos are made in the spelling, so they are counted there: folding shortens words ("Deee" → "de") and makes
  // unrelated ones look one letter apart ("Kougou" and "Queegu" both fold near "kugu").
  const allowed = allowedEdits(Math.min(query.length, candidate.length));
  if (allowed === 0) return null;
  const edits = editDistance(query, candidate, allowed);
  if (edits > allowed) return null;
  let similarity = jaroWinkler(query, candidate);
  // People seldom mistype a word's first letter (the premise of Jaro-Winkler's prefix bonus): another first
  // letter makes another word more likely than a typo, unless the two sound alike (C/K, V/W: folded above).
  if (query.charCodeAt(0) !== candidate.charCodeAt(0) && queryFolded[0] !== candidateFolded[0])
    similarity *= FIRST_LETTER;
  // Two typos in one word: possible, but alone not enough to match.
  if (edits === 2) similarity = Math.min(similarity, TWO_TYPOS);
  return similarity < 0.8 ? null : { similarity, how: 'spelling' };
}
