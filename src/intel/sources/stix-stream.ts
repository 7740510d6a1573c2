import type { Readable } from 'node:stream';
import { splitBundleObjects } from './bundle-splitter.ts';

/**
 * One element of a bundle as JSON text, with where it starts in the source. It is parsed where it is validated
 * (possibly on another thread), so that a malformed element is one refused record and the rest are kept.
 */
export class SourceText {
  constructor(
    readonly text: string,
    readonly offset: number,
  ) {}
}

/**
 * The objects of a STIX bundle (or a TAXII envelope), one at a time, without holding the whole document in
 * memory: a feed of a million indicators is hundreds of megabytes of JSON.
 */
export async function* streamStixObjects(stream: Readable): AsyncGenerator<SourceText> {
  for await (const { text, offset } of splitBundleObjects(stream)) yield new SourceText(text, offset);
}
