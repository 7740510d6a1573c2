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
 * found in the vocabulary (distinct words, far fewer than names) through a deletion index over their spelling and
 * their folded form (see deletion-index.ts), and by consonants for Hebrew and Arabic names.
 *
 * Entries are added and removed one at a time, so a list import updates the index in place instead of rebuilding
 * it: a removed entry leaves a hole (null) that look-ups skip, and its names leave the postings lazily.
 */
export class NameIndex<E extends MatchableEntry = MatchableEntry> {
  /** By position; null where an entry was removed. */
  readonly entries: (E | null)[] = [];
  readonly names: IndexedName[] = [];
  readonly #positions = new Map<string, number>();
  // Entry position → its first name's position (an entry's names are appended together).
  readonly #firstName: number[] = [];
  #removedNames = 0;
  readonly #vocab = new Map<string, number>();
  readonly #words: string[] = [];
  readonly #folded: string[] = [];
  readonly #postings: number[][] = [];
  readonly #byFolded = new Map<string, number[]>();
  readonly #bySkeleton = new Map<string, number[]>();
  // Names of several words run together: "SaitoTech" finds "Saito Tech Ltd.".
  readonly #byCompact = new Map<string, number[]>();
  readonly #fuzzy = new DeletionIndex();
  // Scratch space reused by every look-up (the index serves one screen at a time: JavaScript is single-threaded).
  #seen = new Float32Array(1024);

  /** Entries in the index (removed ones not counted). */
  get size(): number {
    return this.#positions.size;
  }

  /** Names left behind by removed entries: past about as many as live ones, a fresh build is smaller and faster. */
  get removedNames(): number {
    return this.#removedNames;
  }

  has(id: string): boolean {
    return this.#positions.has(id);
  }

  /** Adds an entry; an entry with the same id is replaced. */
  add(entry: E): void {
    this.remove(entry.id);
    const entryIndex = this.entries.push(entry) - 1;
    this.#positions.set(entry.id, entryIndex);
    this.#firstName.push(this.names.length);
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

  /** Removes an entry by id (nothing happens for an unknown id). */
  remove(id: string): void {
    const at = this.#positions.get(id);
    if (at === undefined) return;
    this.#positions.delete(id);
    this.entries[at] = null;
    this.#removedNames += (this.#firstName[at + 1] ?? this.names.length) - this.#firstName[at]!;
  }

  /**
   * Names worth scoring against `query`, best-sharing first: those holding a word alike to one of the query's
   * distinctive words (generic words are used only when the query has nothing else).
   */
  candidates(query: NormalizedName): number[] {
    if (this.#seen.length < this.names.length) this.#seen = new Float32Array(this.names.length * 1.5);
    const seen = this.#seen;
    const touched: number[] = [];
    const generic = query.tokens.map((t, i) => isGeneric(t, query.folded[i], query.abjad));
    const distinctive = generic.includes(false);
    for (let i = 0; i < query.tokens.length; i++) {
      const token = query.tokens[i]!;
      if (distinctive && generic[i]) continue;
      for (const [word, similarity] of this.#similarWords(token, query.folded[i]!, query.abjad)) {
        if (this.#postings[word]!.length > COMMON_POSTINGS && query.tokens.length > 1) continue;
        this.#visit(this.#livePostings(word), similarity, touched);
      }
    }
    const compact = this.#byCompact.get(query.folded.join(''));
    if (compact) this.#visit(this.#live(compact), 1, touched);
    if (query.tokens.length > 1) {
      for (const word of this.#similarWords(query.compact, query.folded.join(''), false).keys()) {
        this.#visit(this.#livePostings(word), 1, touched);
      }
    }
    touched.sort((a, b) => seen[b]! - seen[a]!);
    const chosen = touched.slice(0, MAX_CANDIDATES);
    for (const n of touched) seen[n] = 0;
    return chosen;
  }

  #visit(names: readonly number[], similarity: number, touched: number[]): void {
    const seen = this.#seen;
    for (const n of names) {
      if (seen[n] === 0) touched.push(n);
      seen[n]! += similarity;
    }
  }

  #livePostings(word: number): number[] {
    return this.#live(this.#postings[word]!);
  }

  // Drops the names of removed entries from a postings list, in place, the first time a look-up meets them.
  #live(names: number[]): number[] {
    if (this.#removedNames === 0) return names;
    let w = 0;
    for (const n of names) if (this.entries[this.names[n]!.entryIndex] !== null) names[w++] = n;
    names.length = w;
    return names;
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
    // A typo may be one edit away in the spelling but two once folded ("Hedriee" and "Hedriex"), or the reverse.
    const near = new Set<number>();
    this.#fuzzy.lookup(token, near);
    if (folded !== token) this.#fuzzy.lookup(folded, near);
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
    this.#fuzzy.add(id, token);
    if (folded !== token) this.#fuzzy.add(id, folded);
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
