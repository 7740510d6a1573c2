// A worker thread of the parallel scanner: builds its own index from the entries it is given and scans one byte
// range of a file (the range starts and ends at line boundaries).
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { scanStream } from '../scan.ts';
import { DetectionEngine } from './engine.ts';
import type { TelemetryFormat } from './formats.ts';
import { IndicatorIndex, type IndexEntry } from './indicator-index.ts';

interface Job {
  entries: IndexEntry[];
  path: string;
  start: number;
  end: number;
  format: TelemetryFormat;
}

const job = workerData as Job;
const index = new IndicatorIndex();
for (const e of job.entries) index.add(e);
const engine = new DetectionEngine(index);
let hits = 0;
const stats = await scanStream(
  engine,
  createReadStream(job.path, { start: job.start, end: job.end - 1, highWaterMark: 1 << 20 }),
  `${job.path}@${job.start}`,
  (found) => void (hits += found.length),
  undefined,
  job.format,
);
parentPort!.postMessage({ hits, lines: stats.lines, malformed: stats.malformed });
