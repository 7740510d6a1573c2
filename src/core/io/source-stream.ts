import { Readable, Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** An opened import source: a byte stream plus how far through it the reader is. */
export interface OpenedSource {
  /** What the import report calls it: the path, the URL, or `stdin`. */
  name: string;
  stream: Readable;
  bytesRead(): number;
  size?: number;
}

/**
 * Wraps the raw bytes of a source: counts them, undoes gzip, and closes the source with an error when `signal`
 * aborts, which wakes a reader waiting on an idle one (a pipe, a slow server).
 */
export async function openedSource(
  name: string,
  raw: Readable,
  size: number | undefined,
  signal?: AbortSignal,
): Promise<OpenedSource> {
  let read = 0;
  // Counts bytes as they pass (a 'data' listener would switch the stream to flowing mode and lose them).
  const counted = raw.pipe(
    new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        read += chunk.length;
        callback(null, chunk);
      },
    }),
  );
  raw.on('error', (error) => counted.destroy(error));
  signal?.addEventListener('abort', () => raw.destroy(new Error('the import was stopped')), { once: true });
  const stream = await maybeGunzip(counted);
  return { name, stream, bytesRead: () => read, ...(size !== undefined ? { size } : {}) };
}

/** Looks at the first bytes: gzip's magic number means the content is compressed. */
async function maybeGunzip(raw: Readable): Promise<Readable> {
  const { head, stream } = await peek(raw, 2);
  return head[0] === 0x1f && head[1] === 0x8b ? stream.pipe(createGunzip()) : stream;
}

/**
 * Reads at least `n` bytes (or to the end) and returns them with a stream that still starts at the beginning.
 * (A new stream rather than `unshift`: a short source has already ended by then, and data cannot be put back.)
 */
export async function peek(source: Readable, n: number): Promise<{ head: Buffer; stream: Readable }> {
  const raw = source[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  // Streams made from strings yield strings: bytes either way from here on.
  const iterator: AsyncIterator<Buffer> = {
    next: async () => {
      const r = await raw.next();
      return r.done ? r : { done: false, value: typeof r.value === 'string' ? Buffer.from(r.value) : r.value };
    },
  };
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < n) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(chunks);
  const stream = Readable.from(
    (async function* () {
      if (head.length > 0) yield head;
      while (!done) {
        const next = await iterator.next();
        if (next.done) break;
        yield next.value;
      }
    })(),
    { objectMode: false },
  );
  return { head, stream };
}
