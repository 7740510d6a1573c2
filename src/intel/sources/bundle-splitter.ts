/** One element of a bundle's `objects` array, as JSON text, with where it starts in the source. */
export interface ObjectText {
  text: string;
  /** Byte offset of the element in the source. */
  offset: number;
}

/** The document is not a JSON object, or it ended inside one. */
export class BundleFramingError extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/**
 * Cuts the elements of the top-level `objects` array out of a STIX bundle or TAXII envelope as it streams in,
 * without parsing anything else: each element is handed over as text for `JSON.parse`, so one malformed object
 * is one refused record and the rest are kept.
 *
 * Why not a streaming JSON parser: stream-json spent about 27 µs per indicator building values token by token,
 * most of an import's time; this scan costs about one, and `JSON.parse` of the element about two. The scan only
 * tracks strings, escapes and nesting, so bytes outside the elements are taken on trust except for the framing
 * (an object at the top, balanced to the end).
 */
export async function* splitBundleObjects(
  source: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
): AsyncGenerator<ObjectText> {
  const splitter = new BundleSplitter();
  for await (const chunk of source) {
    for (const item of splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)) yield item;
  }
  splitter.end();
}

export class BundleSplitter {
  #buf: Buffer = Buffer.alloc(0);
  /** Source offset of #buf[0]. */
  #base = 0;
  #pos = 0;
  #depth = 0;
  #inString = false;
  /** Where the string being read began (its opening quote), else -1. */
  #stringStart = -1;
  /** Where reading resumes inside an unfinished string (before a backslash cut at the boundary). */
  #resume = -1;
  #started = false;
  #finished = false;
  // At depth 1: whether the next string is a key, where the current key began, the last key read.
  #expectKey = false;
  #keyStart = -1;
  #lastKey = '';
  #valueIsObjects = false;
  /** Depth of the elements of the `objects` array while inside it, else -1. */
  #elementDepth = -1;
  #elementStart = -1;
  /** The current element is a string, number or literal (not an object or array). */
  #primitive = false;

  /** Takes the next bytes; returns the elements they complete. */
  push(bytes: Buffer): ObjectText[] {
    const spans = this.pushSpans(bytes);
    const out: ObjectText[] = [];
    for (let i = 0; i < spans.length; i += 2) {
      out.push({ text: this.#buf.toString('utf8', spans[i], spans[i + 1]), offset: this.#base + spans[i]! });
    }
    return out;
  }

  /** The bytes that the spans of the last pushSpans lie in (they are never changed afterwards). */
  get buffer(): Buffer {
    return this.#buf;
  }

  /** The source offset of `buffer`'s first byte. */
  get base(): number {
    return this.#base;
  }

  /**
   * Takes the next bytes; returns where the elements they complete lie in `buffer`, as start and end pairs. What
   * a big import uses: the elements' bytes go to the threads that parse them, no text is made here.
   */
  pushSpans(bytes: Buffer): number[] {
    this.#append(bytes);
    const out: number[] = [];
    const buf = this.#buf;
    const end = buf.length;
    let pos = this.#pos;
    let depth = this.#depth;
    let elementStart = this.#elementStart;
    const emit = (to: number) => {
      out.push(elementStart, to);
      elementStart = -1;
      this.#primitive = false;
    };
    while (pos < end) {
      if (this.#inString) {
        pos = this.#skipString(buf, pos === this.#stringStart ? pos + 1 : pos);
        if (this.#inString) {
          pos = this.#resume;
          break;
        }
        // pos is at the closing quote.
        if (this.#keyStart >= 0) {
          this.#lastKey = buf.toString('utf8', this.#keyStart + 1, pos);
          this.#keyStart = -1;
        } else if (this.#primitive && depth === this.#elementDepth) emit(pos + 1);
        pos++;
        continue;
      }
      if (elementStart >= 0 && depth > this.#elementDepth) {
        pos = this.#skipNested(buf, pos, depth);
        depth = this.#depth;
        // Stopped at the end of the bytes, inside an unfinished string, or at the bracket closing the element,
        // which the general code below handles.
        if (pos >= end || this.#inString) continue;
      }
      const b = buf[pos]!;
      if (isSpace(b)) {
        if (this.#primitive && depth === this.#elementDepth) emit(pos);
        pos++;
        continue;
      }
      if (this.#finished)
        throw new BundleFramingError(`unexpected text after the document at byte ${this.#base + pos}`);
      if (!this.#started) {
        if (b !== LBRACE) {
          throw new BundleFramingError('expected a JSON object (a STIX bundle or a TAXII envelope) at the start');
        }
        this.#started = true;
      }
      switch (b) {
        case QUOTE:
          this.#inString = true;
          this.#stringStart = pos;
          if (depth === 1 && this.#expectKey) {
            this.#keyStart = pos;
            this.#expectKey = false;
          } else if (depth === this.#elementDepth && elementStart < 0) {
            elementStart = pos;
            this.#primitive = true;
          }
          break;
        case LBRACE:
        case LBRACKET:
          if (depth === this.#elementDepth && elementStart < 0) elementStart = pos;
          if (depth === 1) {
            if (this.#valueIsObjects && b === LBRACKET) this.#elementDepth = 2;
            this.#valueIsObjects = false;
          }
          depth++;
          if (depth === 1) this.#expectKey = true;
          break;
        case RBRACE:
        case RBRACKET:
          if (this.#primitive && depth === this.#elementDepth) emit(pos);
          depth--;
          if (depth < 0)
            throw new BundleFramingError(`unbalanced ${String.fromCharCode(b)} at byte ${this.#base + pos}`);
          if (depth === this.#elementDepth && elementStart >= 0) emit(pos + 1);
          else if (depth === 1 && this.#elementDepth === 2) this.#elementDepth = -1;
          else if (depth === 0) this.#finished = true;
          break;
        case COLON:
          if (depth === 1) this.#valueIsObjects = this.#lastKey === 'objects';
          break;
        case COMMA:
          if (this.#primitive && depth === this.#elementDepth) emit(pos);
          if (depth === 1) {
            this.#expectKey = true;
            this.#valueIsObjects = false;
          }
          break;
        default:
          if (depth === this.#elementDepth && elementStart < 0) {
            elementStart = pos;
            this.#primitive = true;
          }
          if (depth === 1) this.#valueIsObjects = false;
      }
      pos++;
    }
    this.#pos = pos;
    this.#depth = depth;
    this.#elementStart = elementStart;
    return out;
  }

  /** The source has ended: it must have held one whole object. */
  end(): void {
    if (!this.#started) throw new BundleFramingError('the document is empty');
    if (!this.#finished) throw new BundleFramingError('the document ends before its closing brace');
  }

  /**
   * Moves through the inside of an object or list element, nested `depth` deep, up to the bracket that closes the
   * element; stops early at the end of the bytes or inside a string they cut. Leaves the nesting in #depth. Inside an
   * element only strings and brackets matter, and most of a bundle's bytes are there: this loop looks at nothing
   * else, where the general loop of push weighs a dozen conditions per byte.
   */
  #skipNested(buf: Buffer, from: number, depth: number): number {
    const end = buf.length;
    const closing = this.#elementDepth + 1;
    let pos = from;
    for (; pos < end; pos++) {
      const b = buf[pos]!;
      if (b === QUOTE) {
        this.#inString = true;
        this.#stringStart = pos;
        pos = this.#skipString(buf, pos + 1);
        if (this.#inString) {
          pos = this.#resume;
          break;
        }
      } else if (b === LBRACE || b === LBRACKET) {
        depth++;
      } else if (b === RBRACE || b === RBRACKET) {
        if (depth === closing) break;
        depth--;
      }
    }
    this.#depth = depth;
    return pos;
  }

  /** Moves past string content; stops at the closing quote (leaving #inString false) or at the end of the bytes. */
  #skipString(buf: Buffer, from: number): number {
    // A plain loop: Buffer#indexOf costs a native call each time, more than the bytes of a typical STIX string.
    const end = buf.length;
    let pos = from;
    while (pos < end) {
      const b = buf[pos]!;
      if (b === BACKSLASH) pos += 2;
      else if (b === QUOTE) {
        this.#inString = false;
        this.#stringStart = -1;
        return pos;
      } else pos++;
    }
    // Ended inside the string: an escape cut at the boundary is re-read with the next bytes.
    this.#resume = pos > end ? end - 1 : end;
    return end;
  }

  /** Keeps the bytes still needed (an unfinished element or key) in front of the new ones. */
  #append(bytes: Buffer) {
    const pending = [this.#pos, this.#elementStart, this.#keyStart, this.#stringStart].filter((i) => i >= 0);
    const keep = Math.min(...pending);
    this.#buf = keep < this.#buf.length ? Buffer.concat([this.#buf.subarray(keep), bytes]) : bytes;
    this.#base += keep;
    this.#pos -= keep;
    if (this.#elementStart >= 0) this.#elementStart -= keep;
    if (this.#keyStart >= 0) this.#keyStart -= keep;
    if (this.#stringStart >= 0) this.#stringStart -= keep;
  }
}
