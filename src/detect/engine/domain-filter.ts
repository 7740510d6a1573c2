const HASH_BASE = 31;
const MIN_BITS = 1 << 16;
const MAX_BITS = 1 << 30;
// Bits per name: one probe of 64 bits per name gives about 1.5% false positives, each costing one string look-up.
const BITS_PER_NAME = 64;

// What a byte is to a domain name: 0 not part of a plain ASCII name, `.` a label boundary, otherwise the byte in
// lower case (letters, digits, `-`, `_`).
const NAME_BYTES = new Uint8Array(256);
for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789-_.') NAME_BYTES[c.charCodeAt(0)] = c.charCodeAt(0);
for (let c = 65; c <= 90; c++) NAME_BYTES[c] = c + 32;
const DOT = 46;

/**
 * A multiplicative hash of a name read from its last character to its first: what DomainFilter's byte walk computes
 * for each suffix of a name on the way, without building strings.
 */
export function nameHash(name: string): number {
  let hash = 0;
  for (let i = name.length - 1; i >= 0; i--) hash = (Math.imul(hash, HASH_BASE) + name.charCodeAt(i)) | 0;
  return hash;
}

/**
 * A one-hash Bloom filter over the indicator domains: the scanner's first pass asks it about every suffix of every
 * name it sees, so it must answer in a few nanoseconds and never allocate. A bitmap probe does (a `Set` of numbers
 * boxes hashes beyond the small-integer range and is several times slower). It only ever grows; a removed domain
 * leaves its bit set, which costs a string look-up now and then, never a wrong answer.
 */
export class DomainFilter {
  #bits = new Int32Array(MIN_BITS >>> 5);
  #mask = MIN_BITS - 1;
  #hashes = new Int32Array(1024);
  #count = 0;

  get size(): number {
    return this.#count;
  }

  add(name: string): void {
    const hash = nameHash(name);
    if (this.#count === this.#hashes.length) {
      const grown = new Int32Array(this.#hashes.length * 2);
      grown.set(this.#hashes);
      this.#hashes = grown;
    }
    this.#hashes[this.#count++] = hash;
    if (this.#count * BITS_PER_NAME > this.#mask + 1 && this.#mask + 1 < MAX_BITS) this.#resize();
    else this.#set(hash);
  }

  /**
   * Walks the name in `buf[from, to)` from its end and probes the filter with each suffix that starts a label:
   * 1 when some suffix may be in the set, 0 when none is, -1 when the bytes are not a plain ASCII name (escapes,
   * non-ASCII, a trailing dot) and the caller must decide the slow way. Upper-case letters are folded.
   */
  walk(buf: Uint8Array, from: number, to: number): -1 | 0 | 1 {
    const bits = this.#bits;
    const mask = this.#mask;
    if (to <= from || buf[to - 1] === DOT) return -1;
    let hash = 0;
    for (let i = to - 1; i >= from; i--) {
      const c = NAME_BYTES[buf[i]!]!;
      if (c === DOT) {
        const bit = hash & mask;
        if ((bits[bit >>> 5]! & (1 << (bit & 31))) !== 0) return 1;
      } else if (c === 0) return -1;
      hash = (Math.imul(hash, HASH_BASE) + c) | 0;
    }
    const bit = hash & mask;
    return (bits[bit >>> 5]! & (1 << (bit & 31))) !== 0 ? 1 : 0;
  }

  /** Whether a name whose nameHash is `hash` may be in the set. */
  mightContain(hash: number): boolean {
    const bit = hash & this.#mask;
    return (this.#bits[bit >>> 5]! & (1 << (bit & 31))) !== 0;
  }

  #set(hash: number): void {
    const bit = hash & this.#mask;
    this.#bits[bit >>> 5]! |= 1 << (bit & 31);
  }

  #resize(): void {
    let size = this.#mask + 1;
    while (size < this.#count * BITS_PER_NAME * 2 && size < MAX_BITS) size *= 2;
    this.#bits = new Int32Array(size >>> 5);
    this.#mask = size - 1;
    for (let i = 0; i < this.#count; i++) this.#set(this.#hashes[i]!);
  }
}
