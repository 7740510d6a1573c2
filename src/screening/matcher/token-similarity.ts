import { jaroWinkler } from './jaro-winkler.ts';
import { editDistance } from './edit-distance.ts';
import { consonantSkeleton } from './phonetic-fold.ts';

export type TokenHow = 'exact' | 'sound' | 'spelling' | 'consonants';

export interface TokenSimilarity {
  readonly similarity: number;
  readonly how: TokenHow;
}

/** Typos a word may carry and still be the same word: none up to 3 letters, one up to 7, two beyond. */
export const allowedEdits = (length: number) => (length <= 3 ? 0 : length <= 7 ? 1 : 2);

/**
 * How alike two words are, and why: equal; equal once folded by sound; within a typo or two of each other
 * (similarity by Jaro-Winkler); or, for names written in Hebrew or Arabic script, the same consonants (four at
 * least). Anything else is a different word: "NSO" is not "NSA", "Trodrai" is not "Trodreal".
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
    const skeleton = consonantSkeleton(query);
    if (skeleton.length >= 4 && skeleton === consonantSkeleton(candidate))
      return { similarity: 0.92, how: 'consonants' };
  }
  const allowed = allowedEdits(Math.min(queryFolded.length, candidateFolded.length));
  if (allowed === 0) return null;
  if (
    Math.min(editDistance(query, candidate, allowed), editDistance(queryFolded, candidateFolded, allowed)) > allowed
  ) {
    return null;
  }
  const jw = Math.max(jaroWinkler(query, candidate), jaroWinkler(queryFolded, candidateFolded));
  return jw < 0.85 ? null : { similarity: jw, how: 'spelling' };
}
