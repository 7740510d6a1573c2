import { DeletionIndex } from './deletion-index.ts';
import { isGeneric } from './generic-words.ts';
import { normalizeName, type NormalizedName } from './normalize-name.ts';
import { consonantSkeleton } from './phonetic-fold.ts';
import { tokenSimilarity } from './token-similarity.ts';
import type { EntryName, MatchableEntry } from './types.ts';

// A word on more entries than this is no use for finding candidates when the name has a rarer word.
const COMMON_POSTINGS = 5_000;
// At most this many names are scored in full per screened name (best-sharing first).
const MAX_CANDIDATES = 400;

/** The names of one entry, normalised, by position in the index. */
export interface IndexedName {
  readonly entryIndex: number;
  readonly name: string;
  readonly kind: EntryName['kind'];
  readonly normalized: NormalizedName;
}

/**
 * Every name and alias of every entry, normalised once, with word → names postings for blocking: a screen only
 * scores names that share a word, or a word spelled alike, with the query, never the whole list. Words alike are
 * found in the vocabulary (distinct words, far fewer than names) through a deletion index over their folded form (see deletion-index.ts), and by consonants for Hebrew and Arabic names.
 */
export class NameIndex<E extends MatchableEntry = MatchableEntry> {
  readonly entries: E[] = [];
  readonly names: IndexedName[] = [];
  readonly #vocab = new Map<string, number>();
  readonly #words: string[] = [];
  readonly #folded: string[] = [];
  readonly #postings: number[][] = [];
  readonly #byFolded = new Map<string, number[]>();
  readonly #bySkeleton = new Map<string, number[]>();
  // Names of several words run together: "SaitoTech" finds "Saito Tech Ltd.".
  readonly #byCompact = new Map<string, number[]>();
  // Over the folded words; rebuilt lazily when words were added since.
  #fuzzy: DeletionIndex | null = null;
  // Scratch space reused by every look-up (the index serves one screen at a time: JavaScript is single-threaded).
  #seen = new Float32Array(1024);

  get size(): number {
    return this.entries.length;
  }

  add(entry: E): void {
    const entryIndex = this.entries.push(entry) - 1;
    const names: EntryName[] = [{ name: entry.name, kind: 'name' }, ...entry.aliases];
    const known = new Set<string>();
    for (const n of names) {
      const normalized = normalizeName(n.name);
      if (normalized.tokens.length === 0 || known.has(normalized.tokens.join(' '))) continue;
      known.add(normalized.tokens.join(' '));
      const nameIndex = this.names.push({ entryIndex, name: n.name, kind: n.kind, normalized }) - 1;
      if (normalized.tokens.length > 1) push(this.#byCompact, normalized.folded.join(''), nameIndex);
      for (let i = 0; i < normalized.tokens.length; i++) {
        const word = this.#word(normalized.tokens[i]!, normalized.folded[i]!);
        const postings = this.#postings[word]!;
        if (postings.at(-1) !== nameIndex) postings.push(nameIndex);
      }
    }
  }

  /**
   * Names worth scoring against `query`, best-sharing first: those holding a word alike to one of the query's
   * distinctive words (generic words are used only when the query has nothing else).
   */
  candidates(query: NormalizedName): number[] {
    if (this.#seen.length < this.names.length) this.#seen = new Float32Array(this.names.length * 1.5);
    const seen = this.#seen;
    const touched: number[] = [];
    const distinctive = query.tokens.some((t) => !isGeneric(t));
    for (let i = 0; i < query.tokens.length; i++) {
      const token = query.tokens[i]!;
      if (distinctive && isGeneric(token)) continue;
      for (const [word, similarity] of this.#similarWords(token, query.folded[i]!, query.abjad)) {
        const postings = this.#postings[word]!;
        if (postings.length > COMMON_POSTINGS && query.tokens.length > 1) continue;
        for (const n of postings) {
          if (seen[n] === 0) touched.push(n);
          seen[n]! += similarity;
        }
      }
    }
    for (const n of this.#byCompact.get(query.folded.join('')) ?? []) {
      if (seen[n] === 0) touched.push(n);
      seen[n]! += 1;
    }
    if (query.tokens.length > 1) {
      for (const word of this.#similarWords(query.compact, query.folded.join(''), false).keys()) {
        for (const n of this.#postings[word]!) {
          if (seen[n] === 0) touched.push(n);
          seen[n]! += 1;
        }
      }
    }
    touched.sort((a, b) => seen[b]! - seen[a]!);
    const chosen = touched.slice(0, MAX_CANDIDATES);
    for (const n of touched) seen[n] = 0;
    return chosen;
  }

  #similarWords(token: string, folded: string, abjad: boolean): Map<number, number> {
    const found = new Map<number, number>();
    const exact = this.#vocab.get(token);
    if (exact !== undefined) found.set(exact, 1);
    const consider = (ids: number[] | undefined) => {
      if (!ids) return;
      for (const id of ids) {
        if (found.has(id)) continue;
        const s = tokenSimilarity(token, folded, this.#words[id]!, this.#folded[id]!, abjad);
        if (s) found.set(id, s.similarity);
      }
    };
    consider(this.#byFolded.get(folded));
    this.#fuzzy ??= new DeletionIndex(this.#folded);
    const near = new Set<number>();
    this.#fuzzy.lookup(folded, near);
    consider([...near]);
    if (abjad) consider(this.#bySkeleton.get(consonantSkeleton(token)));
    return found;
  }

  #word(token: string, folded: string): number {
    let id = this.#vocab.get(token);
    if (id !== undefined) return id;
    id = this.#words.push(token) - 1;
    this.#folded.push(folded);
    this.#postings.push([]);
    this.#vocab.set(token, id);
    this.#fuzzy = null;
    push(this.#byFolded, folded, id);
    push(this.#bySkeleton, consonantSkeleton(token), id);
    return id;
  }
}

function push(map: Map<string, number[]>, key: string, id: number) {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}
