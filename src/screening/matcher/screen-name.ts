import { compareNames, type NameComparison } from './compare-names.ts';
import { weighEvidence } from './evidence.ts';
import type { NameIndex } from './name-index.ts';
import { normalizeName } from './normalize-name.ts';
import type { MatchableEntry, MatchExplanation, MatchOptions, ScreeningMatch, ScreeningQuery } from './types.ts';

// Evidence can lift a name this far below the threshold over it (a country and a domain together: +0.2).
const EVIDENCE_REACH = 0.2;
// A weak alias (a short or common name OpenSanctions marks as such, "Tabatha") identifies an entry less surely than
// its name or a full alias: word for word it still matches (0.9), anything looser needs evidence (0.8 of its score).
export const WEAK_ALIAS_FACTOR = 0.9;
const WEAK_ALIAS_LOOSE = 0.8;
const weakFactor = (c: NameComparison) =>
  c.score === 1 && c.pairs.every((p) => p.how === 'exact') ? WEAK_ALIAS_FACTOR : WEAK_ALIAS_LOOSE;
const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Screens a party (its name and aliases, country and domain) against an index: every entry scoring at least the
 * threshold, best first, each with its explanation. An entry is reported once, under its best-scoring name.
 *
 * @example screenParty(index, { name: 'Intelexa SA', country: 'GR' }, { threshold: 0.85 })
 */
export function screenParty<E extends MatchableEntry>(
  index: NameIndex<E>,
  query: ScreeningQuery,
  options: MatchOptions,
): ScreeningMatch<E>[] {
  const best = new Map<number, ScreeningMatch<E>>();
  const queryNames = [query.name, ...(query.aliases ?? [])];
  for (const queryName of queryNames) {
    const q = normalizeName(queryName);
    if (q.tokens.length === 0) continue;
    for (const n of index.candidates(q)) {
      const indexed = index.names[n]!;
      const comparison = compareNames(q, indexed.normalized);
      const nameScore = round(comparison.score * (indexed.kind === 'weak_alias' ? weakFactor(comparison) : 1));
      if (nameScore < options.threshold - EVIDENCE_REACH) continue;
      const entry = index.entries[indexed.entryIndex]!;
      const evidence = weighEvidence(query, entry, indexed.normalized);
      const score = round(Math.min(1, Math.max(0, nameScore + evidence.reduce((a, e) => a + e.effect, 0))));
      if (score < options.threshold) continue;
      const previous = best.get(indexed.entryIndex);
      if (previous && previous.score >= score) continue;
      const explanation: Omit<MatchExplanation, 'summary'> = {
        queryName,
        matchedName: indexed.name,
        matchedKind: indexed.kind,
        method: comparison.method,
        tokens: comparison.pairs,
        unmatchedQueryTokens: comparison.unmatchedQuery,
        unmatchedCandidateTokens: comparison.unmatchedCandidate,
        removedLegalForms: [...q.removedLegalForms, ...indexed.normalized.removedLegalForms],
        nameScore,
        evidence,
      };
      best.set(indexed.entryIndex, {
        entry,
        score,
        explanation: { ...explanation, summary: summarise(entry, explanation) },
      });
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score).slice(0, options.limit ?? 20);
}

function summarise(entry: MatchableEntry, e: Omit<MatchExplanation, 'summary'>): string {
  const kind = e.matchedKind === 'name' ? 'name' : e.matchedKind.replace('_', ' ');
  const words =
    e.method === 'compact'
      ? 'the names run together are close in spelling'
      : e.tokens
          .map((t) => (t.how === 'exact' ? t.query : `${t.query}≈${t.candidate} (${t.how} ${t.similarity})`))
          .join(', ');
  const evidence = e.evidence.map((x) => `${x.detail} (${x.effect > 0 ? '+' : ''}${x.effect})`).join('; ');
  const weak = e.matchedKind === 'weak_alias' ? ' (a weak alias: counted at 0.9 word for word, 0.8 otherwise)' : '';
  return `"${e.queryName}" matched the ${kind} "${e.matchedName}"${weak} of ${entry.name} (${entry.listName}) with name score ${e.nameScore}: ${words}${evidence ? `; ${evidence}` : ''}`;
}
