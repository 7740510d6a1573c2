import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import { BundleSplitter } from './bundle-splitter.ts';

/**
 * One element of a bundle as JSON text, with where it starts in the source. It is parsed where it is validated
 * (possibly on another thread), so that a malformed element is one refused record and the rest are kept.
 */
export class SourceText {
  constructor(
    readonly text: string,
    readonly offset: number,
    /** False when the element's bytes are not valid UTF-8: the record is refused, not read with U+FFFD in it. */
    readonly utf8 = true,
  ) {}
}

/**
 * Consecutive elements of a bundle as the UTF-8 bytes they were read in, back to back in a buffer of their own
 * (which can be moved to another thread without copying). A big import reads a bundle a group at a time: no text
 * is made, and nothing is done per element, on the thread that reads it.
 */
export class ElementGroup {
  constructor(
    /**
     * The elements' bytes, the whole of their own ArrayBuffer (not Node's shared pool); element `i` ends at
     * `ends[i]` and starts where the one before it ends.
     */
    readonly bytes: Uint8Array,
    readonly ends: Int32Array,
    /** Where each element starts in the source. */
    readonly offsets: Float64Array,
  ) {}

  get length(): number {
    return this.ends.length;
  }

  text(i: number): SourceText {
    const start = i === 0 ? 0 : this.ends[i - 1]!;
    const bytes = this.bytes;
    const view = Buffer.from(bytes.buffer, bytes.byteOffset + start, this.ends[i]! - start);
    return new SourceText(view.toString('utf8'), this.offsets[i]!, isUtf8(view));
  }
}

/**
 * The elements of a STIX bundle's `objects` array (or a TAXII envelope's), `size` at a time, without holding the
 * whole document in memory: a feed of a million indicators is hundreds of megabytes of JSON. If the document
 * breaks off, the elements read before the break are yielded, then the error is thrown.
 */
export async function* streamBundleElements(stream: Readable, size = 1000): AsyncGenerator<ElementGroup> {
  const splitter = new BundleSplitter();
  let pending: { buf: Buffer; spans: number[]; base: number }[] = [];
  let count = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const spans = splitter.pushSpans(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
      if (spans.length === 0) continue;
      pending.push({ buf: splitter.buffer, spans, base: splitter.base });
      count += spans.length / 2;
      if (count >= size) {
        yield pack(pending, count);
        pending = [];
        count = 0;
      }
    }
    splitter.end();
  } catch (error) {
    // What was read whole before a break is kept.
    if (count > 0) yield pack(pending, count);
    throw error;
  }
  if (count > 0) yield pack(pending, count);
}

function pack(pending: readonly { buf: Buffer; spans: number[]; base: number }[], count: number): ElementGroup {
  let size = 0;
  for (const { spans } of pending) for (let i = 0; i < spans.length; i += 2) size += spans[i + 1]! - spans[i]!;
  const bytes = Buffer.allocUnsafeSlow(size);
  const ends = new Int32Array(count);
  const offsets = new Float64Array(count);
  let at = 0;
  let n = 0;
  for (const { buf, spans, base } of pending) {
    for (let i = 0; i < spans.length; i += 2) {
      at += buf.copy(bytes, at, spans[i], spans[i + 1]);
      ends[n] = at;
      offsets[n++] = base + spans[i]!;
    }
  }
  return new ElementGroup(bytes, ends, offsets);
}
