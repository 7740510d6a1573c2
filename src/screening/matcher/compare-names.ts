import { genericWeight, isGeneric } from './generic-words.ts';
import { editDistance } from './edit-distance.ts';
import type { NormalizedName } from './normalize-name.ts';
import { tokenSimilarity, type TokenHow } from './token-similarity.ts';

export interface TokenPair {
  readonly query: string;
  readonly candidate: string;
  readonly similarity: number;
  readonly how: TokenHow;
}

export interface NameComparison {
  readonly score: number;
  /** 'tokens': word by word, in any order; 'compact': the names run together ("SaitoTech" = "Saito Tech"). */
  readonly method: 'tokens' | 'compact';
  readonly pairs: readonly TokenPair[];
  readonly unmatchedQuery: readonly string[];
  readonly unmatchedCandidate: readonly string[];
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Compares two normalised names. Words are paired greedily, best pair first, in any order; the score is the
 * weighted share of both names' words that found a partner (a Dice coefficient where generic words weigh half
 * and each pair counts its similarity; also spelled from another script, see generic-words.ts). Names run together are compared by edit distance as well; the better wins.
 *
 * @example compareNames(normalizeName('Holdings Cytrox'), normalizeName('CYTROX HOLDINGS ZRT')).score // 1
 */
export function compareNames(query: NormalizedName, candidate: NormalizedName): NameComparison {
  const qn = query.tokens.length;
  const cn = candidate.tokens.length;
  const qw = query.tokens.map((t, i) => genericWeight(isGeneric(t, query.folded[i], query.abjad)));
  const cw = candidate.tokens.map((t, j) => genericWeight(isGeneric(t, candidate.folded[j], candidate.abjad)));
  const options: Array<{ i: number; j: number; similarity: number; how: TokenHow }> = [];
  for (let i = 0; i < qn; i++) {
    for (let j = 0; j < cn; j++) {
      const s = tokenSimilarity(
        query.tokens[i]!,
        query.folded[i]!,
        candidate.tokens[j]!,
        candidate.folded[j]!,
        query.abjad || candidate.abjad,
      );
      if (s) options.push({ i, j, ...s });
    }
  }
  options.sort((a, b) => b.similarity - a.similarity);
  const usedQ = new Uint8Array(qn);
  const usedC = new Uint8Array(cn);
  const pairs: TokenPair[] = [];
  let matched = 0;
  for (const o of options) {
    if (usedQ[o.i] || usedC[o.j]) continue;
    usedQ[o.i] = 1;
    usedC[o.j] = 1;
    matched += (o.similarity * (qw[o.i]! + cw[o.j]!)) / 2;
    pairs.push({
      query: query.tokens[o.i]!,
      candidate: candidate.tokens[o.j]!,
      similarity: round(o.similarity),
      how: o.how,
    });
  }
  let total = 0;
  for (const w of qw) total += w / 2;
  for (const w of cw) total += w / 2;
  const tokenScore = total === 0 ? 0 : matched / total;
  const unmatchedQuery = query.tokens.filter((_, i) => !usedQ[i]);
  const unmatchedCandidate = candidate.tokens.filter((_, j) => !usedC[j]);

  // Words split or joined differently ("SaitoTech"): the names run together, within one typo of each other.
  if ((unmatchedQuery.length > 0 || unmatchedCandidate.length > 0) && query.compact.length >= 6) {
    const longest = Math.max(query.compact.length, candidate.compact.length);
    const distance = editDistance(query.compact, candidate.compact, 1);
    const compact = distance <= 1 ? 1 - distance / longest : 0;
    if (compact > tokenScore) {
      return { score: round(compact), method: 'compact', pairs, unmatchedQuery, unmatchedCandidate };
    }
  }
  return { score: round(tokenScore), method: 'tokens', pairs, unmatchedQuery, unmatchedCandidate };
}
