// A worker thread of the parallel scanner: builds its own index from the entries it is given, then scans the
// line-aligned byte ranges the parent hands it, one message each, until the parent terminates it.
import { parentPort, workerData } from 'node:worker_threads';
import { DetectionEngine } from './engine.ts';
import type { TelemetryFormat } from './formats.ts';
import { IndicatorIndex, type IndexEntry } from './indicator-index.ts';
import type { FieldMapping } from './ndjson-reader.ts';
import { scanRange } from './parallel-scan.ts';

interface Job {
  entries: IndexEntry[];
  mapping: FieldMapping;
  path: string;
  format: TelemetryFormat;
}

const job = workerData as Job;
const index = new IndicatorIndex();
for (const e of job.entries) index.add(e);
const engine = new DetectionEngine(index, job.mapping);
const port = parentPort!;

port.on('message', (range: [number, number]) => {
  void scanRange(engine, job.path, range, job.format).then((result) => port.postMessage({ result }));
});
port.postMessage({ ready: true });
