import { allowedEdits } from './token-similarity.ts';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * 32-bit FNV-1a of `word` with the letter at `skip` left out (-1: none), computed in place so that no deletion
 * string is ever built: a million names' words have some fifteen million such keys. Keys are stored as hashes (a
 * collision only adds a candidate, which is then checked).
 */
function keyHash(word: string, skip: number): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) {
    if (i === skip) continue;
    h ^= word.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** The hashes of a word and of its one-letter deletions (when the word is long enough to carry a typo), once each. */
function keysOf(word: string, into: number[]): void {
  into.push(keyHash(word, -1));
  if (allowedEdits(word.length) === 0) return;
  for (let i = 0; i < word.length; i++) {
    // Deleting either letter of a double gives the same key.
    if (i > 0 && word.charCodeAt(i) === word.charCodeAt(i - 1)) continue;
    into.push(keyHash(word, i));
  }
}

/**
 * Finds the words within one edit of a word (and many within two) without comparing it to every word: each word
 * is stored under itself and each of its one-letter deletions, and a look-up probes the same keys of the query
 * ("symmetric delete"). Words are added one at a time (an import adds a few, never rebuilds); flat typed arrays
 * that double when full keep a million names' words compact. A word may be stored under several spellings.
 */
export class DeletionIndex {
  #heads = new Int32Array(1 << 16).fill(-1);
  #next = new Int32Array(1 << 15);
  #hashes = new Uint32Array(1 << 15);
  #words = new Int32Array(1 << 15);
  #size = 0;
  readonly #keys: number[] = [];

  /** Stores word `id` under the keys of `spelling`. */
  add(id: number, spelling: string): void {
    this.#keys.length = 0;
    keysOf(spelling, this.#keys);
    for (const h of this.#keys) {
      if (this.#size === this.#next.length) this.#grow();
      const slot = h & (this.#heads.length - 1);
      const n = this.#size++;
      this.#hashes[n] = h;
      this.#words[n] = id;
      this.#next[n] = this.#heads[slot]!;
      this.#heads[slot] = n;
    }
  }

  /** Ids of the words sharing a key with `word` (a superset of those within one edit). */
  lookup(word: string, into: Set<number>): void {
    this.#keys.length = 0;
    keysOf(word, this.#keys);
    const mask = this.#heads.length - 1;
    for (const h of this.#keys) {
      for (let n = this.#heads[h & mask]!; n !== -1; n = this.#next[n]!) {
        if (this.#hashes[n] === h) into.add(this.#words[n]!);
      }
    }
  }

  // Doubles the key arrays, and the head table with them (kept at twice the keys so chains stay short).
  #grow(): void {
    const capacity = this.#next.length * 2;
    const widen = <T extends Int32Array | Uint32Array>(old: T, make: (n: number) => T) => {
      const a = make(capacity);
      a.set(old);
      return a;
    };
    this.#next = widen(this.#next, (n) => new Int32Array(n));
    this.#hashes = widen(this.#hashes, (n) => new Uint32Array(n));
    this.#words = widen(this.#words, (n) => new Int32Array(n));
    const heads = new Int32Array(capacity * 2).fill(-1);
    const mask = heads.length - 1;
    for (let n = 0; n < this.#size; n++) {
      const slot = this.#hashes[n]! & mask;
      this.#next[n] = heads[slot]!;
      heads[slot] = n;
    }
    this.#heads = heads;
  }
}
