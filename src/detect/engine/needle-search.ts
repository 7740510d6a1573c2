// Node hands needles of up to six bytes to a linear memchr-and-compare search in C++; longer ones get a Boyer-Moore
// search whose set-up on every call costs more than scanning a whole megabyte for a short needle.
const LINEAR_SEARCH_MAX = 6;
const MIN_WINDOW = 3;

/**
 * Finds a short byte string (`"query":`) in buffers, fast both when it turns up on every line and when it is absent
 * from a whole chunk. A window of at most six bytes of it, starting at its rarest byte (judged once on a sample of
 * the data), is searched natively; the rest is compared in place. For the dense case (the next occurrence a line
 * away) a JavaScript loop over the rarest byte's occurrences avoids the per-call overhead of a string search.
 */
export class NeedleSearch {
  readonly needle: Buffer;
  readonly #window: Buffer;
  readonly #offset: number;
  readonly #anchor: number;
  readonly #anchorOffset: number;

  constructor(needle: Buffer, sample: Uint8Array) {
    this.needle = needle;
    const counts = new Uint32Array(256);
    for (let i = 0; i < sample.length; i++) counts[sample[i]!]!++;
    let best = 0;
    for (let i = 1; i < needle.length; i++) if (counts[needle[i]!]! < counts[needle[best]!]!) best = i;
    // The linear search looks for the window's first byte, so the window starts at the rarest byte: shorter than six
    // bytes if need be (down to three), because a common first byte (`"`) makes an absent needle cost a whole scan of
    // false starts.
    const start = Math.max(0, Math.min(best, needle.length - MIN_WINDOW));
    this.#window = needle.subarray(start, start + LINEAR_SEARCH_MAX);
    this.#offset = start;
    this.#anchor = needle[best]!;
    this.#anchorOffset = best;
  }

  /** The first position at or after `from` where the needle starts, or -1: for searches over long distances. */
  findFar(buf: Buffer, from: number): number {
    for (let at = buf.indexOf(this.#window, from + this.#offset); at >= 0; at = buf.indexOf(this.#window, at + 1)) {
      if (this.#matchesAt(buf, at - this.#offset)) return at - this.#offset;
    }
    return -1;
  }

  /** The same, for when the needle is probably near (on the next line): no string search is set up. */
  findNear(buf: Buffer, from: number, limit: number): number {
    const offset = this.#anchorOffset;
    for (
      let at = buf.indexOf(this.#anchor, from + offset);
      at >= 0 && at < limit;
      at = buf.indexOf(this.#anchor, at + 1)
    ) {
      if (this.#matchesAt(buf, at - offset)) return at - offset;
    }
    return -1;
  }

  #matchesAt(buf: Buffer, start: number): boolean {
    const needle = this.needle;
    const n = needle.length;
    if (start < 0 || start + n > buf.length) return false;
    for (let i = 0; i < n; i++) if (buf[start + i] !== needle[i]) return false;
    return true;
  }
}
