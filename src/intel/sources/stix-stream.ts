import type { Readable } from 'node:stream';
import { splitBundleObjects } from './bundle-splitter.ts';

/** An element of a bundle that is not valid JSON: refused as one record, the rest of the bundle is read on. */
export class MalformedObject {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

/**
 * The objects of a STIX bundle (or a TAXII envelope), one at a time, without holding the whole document in
 * memory: a feed of a million indicators is hundreds of megabytes of JSON.
 */
export async function* streamStixObjects(stream: Readable): AsyncGenerator<unknown> {
  for await (const { text, offset } of splitBundleObjects(stream)) {
    try {
      yield JSON.parse(text) as unknown;
    } catch (error) {
      yield new MalformedObject(offset, `not valid JSON at byte ${offset}: ${(error as Error).message}`);
    }
  }
}
