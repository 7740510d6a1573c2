import { parentPort } from 'node:worker_threads';
import { SourceText } from '../sources/stix-stream.ts';
import { prepareRecord } from './prepare.ts';
import { chunkBuffers, encodeChunk } from './prepared-chunk.ts';
import type { PrepareRequest, PrepareResponse } from './prepare-pool.ts';

// A worker of the prepare pool: validates and builds rows for chunks of a bundle's elements, in the order given.
parentPort!.on('message', (request: PrepareRequest) => {
  const records = request.texts.map((text, i) =>
    prepareRecord(new SourceText(text, request.offsets[i]!), request.importId),
  );
  const chunk = encodeChunk(records);
  parentPort!.postMessage({ job: request.job, chunk } satisfies PrepareResponse, chunkBuffers(chunk));
});
