/** One name an entry is known by. */
export interface EntryName {
  readonly name: string;
  readonly kind: 'name' | 'alias' | 'previous_name' | 'weak_alias';
}

/** A restricted party as the matcher sees it (what the lists hold, whatever their format). */
export interface MatchableEntry {
  readonly id: string;
  readonly listName: string;
  readonly name: string;
  readonly aliases: readonly EntryName[];
  /** ISO 3166-1 alpha-2, upper case. */
  readonly countries: readonly string[];
  /** Host names, lower case, without "www.". */
  readonly domains: readonly string[];
}

/** Who is being screened. */
export interface ScreeningQuery {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly country?: string | null;
  readonly domain?: string | null;
}

export interface EvidenceItem {
  readonly kind: 'country' | 'domain';
  /** What it did to the score: positive raises, negative lowers. */
  readonly effect: number;
  readonly detail: string;
}

export interface MatchExplanation {
  /** The party's name (or alias) that matched. */
  readonly queryName: string;
  /** The entry's name or alias it matched, and which of the two. */
  readonly matchedName: string;
  readonly matchedKind: EntryName['kind'];
  readonly method: 'tokens' | 'compact';
  readonly tokens: ReadonlyArray<{ query: string; candidate: string; similarity: number; how: string }>;
  readonly unmatchedQueryTokens: readonly string[];
  readonly unmatchedCandidateTokens: readonly string[];
  readonly removedLegalForms: readonly string[];
  readonly nameScore: number;
  readonly evidence: readonly EvidenceItem[];
  /** The same in one sentence, for people. */
  readonly summary: string;
}

export interface ScreeningMatch<E extends MatchableEntry = MatchableEntry> {
  readonly entry: E;
  readonly score: number;
  readonly explanation: MatchExplanation;
}

export interface MatchOptions {
  /** A match scores at least this (0–1). */
  readonly threshold: number;
  /** At most this many matches, best first. */
  readonly limit?: number;
}
