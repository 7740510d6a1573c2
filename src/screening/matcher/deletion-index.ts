import { allowedEdits } from './token-similarity.ts';

/** 32-bit FNV-1a: keys are stored as hashes (a collision only adds a candidate, which is then checked). */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function keysOf(word: string): string[] {
  const keys = [word];
  if (allowedEdits(word.length) > 0)
    for (let i = 0; i < word.length; i++) keys.push(word.slice(0, i) + word.slice(i + 1));
  return keys;
}

/**
 * Finds the words within one edit of a word (and many within two) without comparing it to every word: each word
 * is stored under itself and each of its one-letter deletions, and a look-up probes the same keys of the query
 * ("symmetric delete"). Built once over a vocabulary; flat typed arrays keep a million names' words compact.
 */
export class DeletionIndex {
  readonly #heads: Int32Array;
  readonly #next: Int32Array;
  readonly #hashes: Uint32Array;
  readonly #words: Int32Array;
  readonly #mask: number;

  constructor(vocabulary: readonly string[]) {
    let total = 0;
    for (const w of vocabulary) total += allowedEdits(w.length) > 0 ? w.length + 1 : 1;
    let size = 1;
    while (size < total * 2) size <<= 1;
    this.#mask = size - 1;
    this.#heads = new Int32Array(size).fill(-1);
    this.#next = new Int32Array(total);
    this.#hashes = new Uint32Array(total);
    this.#words = new Int32Array(total);
    let n = 0;
    vocabulary.forEach((word, id) => {
      for (const key of new Set(keysOf(word))) {
        const h = fnv1a(key);
        this.#hashes[n] = h;
        this.#words[n] = id;
        this.#next[n] = this.#heads[h & this.#mask]!;
        this.#heads[h & this.#mask] = n++;
      }
    });
  }

  /** Ids of the words sharing a key with `word` (a superset of those within one edit). */
  lookup(word: string, into: Set<number>): void {
    for (const key of keysOf(word)) {
      const h = fnv1a(key);
      for (let n = this.#heads[h & this.#mask]!; n !== -1; n = this.#next[n]!) {
        if (this.#hashes[n] === h) into.add(this.#words[n]!);
      }
    }
  }
}
