import { Readable } from 'node:stream';

/** What became of the input: how many bytes of content were read, and the error that ended it early, if any. */
export interface InputOutcome {
  bytes: number;
  error?: Error;
}

/**
 * The stream's bytes until it ends or fails: a failure (a truncated or damaged gzip, a dropped connection) ends the
 * stream normally and is kept in `outcome`, so whatever was read before it is still scanned and its hits kept.
 */
export function untilFailure(source: Readable, outcome: InputOutcome): Readable {
  return Readable.from(
    (async function* () {
      try {
        for await (const chunk of source as AsyncIterable<Buffer | string>) {
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
          outcome.bytes += bytes.length;
          yield bytes;
        }
      } catch (error) {
        outcome.error = error instanceof Error ? error : new Error(String(error));
      }
    })(),
    { objectMode: false },
  );
}

const BOM = [0xef, 0xbb, 0xbf];

export const startsWithBom = (head: Uint8Array) => BOM.every((b, i) => head[i] === b);

/** The stream without its first `n` bytes (a UTF-8 byte-order mark), which must all be in its first chunk. */
export function dropFirstBytes(source: Readable, n: number): Readable {
  return Readable.from(
    (async function* () {
      let first = true;
      for await (const chunk of source as AsyncIterable<Buffer>) {
        yield first ? chunk.subarray(n) : chunk;
        first = false;
      }
    })(),
    { objectMode: false },
  );
}

/**
 * Whether the first bytes are binary rather than text telemetry: a NUL byte (no text log has one; UTF-16 text has
 * many), or more than one byte in ten a control character other than tab, line feed, form feed and carriage return.
 */
export function looksBinary(head: Uint8Array): boolean {
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head[i]!;
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) control++;
  }
  return control * 10 > head.length;
}
