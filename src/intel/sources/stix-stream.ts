import type { Readable } from 'node:stream';
import { chain } from 'stream-chain';
import { parser } from 'stream-json';
import pick from 'stream-json/filters/pick.js';
import streamArray from 'stream-json/streamers/stream-array.js';

/**
 * The objects of a STIX bundle (or a TAXII envelope), one at a time, without holding the whole document in
 * memory: a feed of a million indicators is hundreds of megabytes of JSON.
 */
export async function* streamStixObjects(stream: Readable): AsyncGenerator<unknown> {
  // streamValues: false makes the tokenizer hand over whole strings and numbers: about 2.5 times faster here.
  const pipeline = chain([stream, parser({ streamValues: false }), pick({ filter: 'objects' }), streamArray()]);
  for await (const item of pipeline as AsyncIterable<{ key: number; value: unknown }>) yield item.value;
}
