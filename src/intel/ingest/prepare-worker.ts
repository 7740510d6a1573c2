import { parentPort } from 'node:worker_threads';
import { ElementGroup } from '../sources/stix-stream.ts';
import { chunkBuffers, prepareChunk } from './prepared-chunk.ts';
import type { PrepareRequest, PrepareResponse } from './prepare-pool.ts';

// A worker of the prepare pool: validates and builds rows for chunks of a bundle's elements, in the order given.
parentPort!.on('message', (request: PrepareRequest) => {
  const group = new ElementGroup(request.bytes, request.ends, request.offsets);
  const chunk = prepareChunk(group.length, (i) => group.text(i), request.importId, request.bytes.length);
  parentPort!.postMessage({ job: request.job, chunk } satisfies PrepareResponse, chunkBuffers(chunk));
});
