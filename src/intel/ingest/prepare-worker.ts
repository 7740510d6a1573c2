import { parentPort } from 'node:worker_threads';
import { ElementGroup } from '../sources/stix-stream.ts';
import { prepareRecord } from './prepare.ts';
import { ChunkEncoder, chunkBuffers } from './prepared-chunk.ts';
import type { PrepareRequest, PrepareResponse } from './prepare-pool.ts';

// A worker of the prepare pool: validates and builds rows for chunks of a bundle's elements, in the order given.
parentPort!.on('message', (request: PrepareRequest) => {
  const group = new ElementGroup(request.bytes, request.ends, request.offsets);
  const encoder = new ChunkEncoder(request.importId, request.bytes.length);
  for (let i = 0; i < group.length; i++) encoder.add(prepareRecord(group.text(i)));
  const chunk = encoder.finish();
  parentPort!.postMessage({ job: request.job, chunk } satisfies PrepareResponse, chunkBuffers(chunk));
});
