import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Hit } from '../record-hits.ts';
import type { DetectionEngine } from './engine.ts';
import type { TelemetryFormat } from './formats.ts';
import type { IndexEntry } from './indicator-index.ts';
import type { FieldMapping } from './ndjson-reader.ts';
import { MAX_REPORTED_MALFORMED, type ReadStats } from './observation.ts';
import { scanStream } from '../scan.ts';

/** What scanning one byte range found; lines are counted from the range's start. */
export interface RangeResult extends ReadStats {
  hits: Hit[];
  /** Physical lines in the range, blank ones included: the next range's first line follows them. */
  endLine: number;
}

export interface ParallelScanOptions {
  sourceKey: string;
  onHits: (hits: Hit[]) => Promise<void> | void;
  onProgress?: (p: { bytesRead: number; lines: number }) => void;
  threads?: number;
  /** Size of the pieces handed out (line-aligned); small enough that a late worker still gets some. */
  rangeBytes?: number;
  /** Whether the calling thread scans too (default); without it, `threads` worker threads do all the work. */
  callingThread?: boolean;
}

export interface ParallelResult extends ReadStats {
  format: TelemetryFormat;
  /** Threads that scanned at least one range, this one included. */
  workers: number;
}

const DEFAULT_RANGE_BYTES = 16 * 1024 * 1024;

/** Byte offsets that cut a file into about `parts` pieces, each ending just after a newline. */
export function lineAlignedRanges(path: string, parts: number): [number, number][] {
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(64 * 1024);
  const cuts = [0];
  try {
    for (let i = 1; i < parts; i++) {
      let pos = Math.max(Math.floor((size * i) / parts), cuts[cuts.length - 1]!);
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, pos);
        if (n === 0) {
          pos = size;
          break;
        }
        const nl = buf.subarray(0, n).indexOf(10);
        if (nl >= 0) {
          pos += nl + 1;
          break;
        }
        pos += n;
      }
      if (pos > cuts[cuts.length - 1]! && pos < size) cuts.push(pos);
    }
  } finally {
    closeSync(fd);
  }
  cuts.push(size);
  return cuts.slice(0, -1).map((start, i) => [start, cuts[i + 1]!]);
}

/** Scans `path[start, end)` with an engine; what the worker threads and the calling thread both run. */
export async function scanRange(
  engine: DetectionEngine,
  path: string,
  range: [number, number],
  format: TelemetryFormat,
): Promise<RangeResult> {
  const hits: Hit[] = [];
  const stream = createReadStream(path, { start: range[0], end: range[1] - 1, highWaterMark: 1 << 20 });
  const stats = await scanStream(engine, stream, '', (found) => void hits.push(...found), undefined, format);
  return {
    lines: stats.lines,
    malformed: stats.malformed,
    firstMalformed: stats.firstMalformed,
    hits,
    endLine: stats.endLine ?? 0,
  };
}

/**
 * Scans a large line-oriented file (NDJSON, OCSF) on every core. The file is cut into line-aligned ranges that the
 * calling thread and worker threads take from one queue, so a worker that is slow to start (it builds its own copy
 * of the index: plain maps are cheaper to rebuild than to share) simply takes fewer; the result is never slower than
 * one thread by more than the start-up. Results are put back in file order, so line numbers, event keys and the
 * first malformed lines are exactly what a single-threaded scan reports. Not for Zeek TSV or CSV (their header
 * belongs to the whole file), compressed input, or engines with complex patterns (they need events in order).
 */
export async function scanFileParallel(
  path: string,
  engine: DetectionEngine,
  format: TelemetryFormat,
  options: ParallelScanOptions,
): Promise<ParallelResult> {
  const size = statSync(path).size;
  const ranges = lineAlignedRanges(path, Math.max(1, Math.ceil(size / (options.rangeBytes ?? DEFAULT_RANGE_BYTES))));
  const threads = Math.min(options.threads ?? availableParallelism(), ranges.length);
  const total: ParallelResult = { format, lines: 0, malformed: 0, firstMalformed: [], workers: 0 };
  const done = new Map<number, RangeResult>();
  let nextToTake = 0;
  let nextToDeliver = 0;
  let lineOffset = 0;
  let bytesRead = 0;
  let delivering = Promise.resolve();
  const take = () => (nextToTake < ranges.length ? nextToTake++ : -1);

  // Ranges finish in any order; their hits and line numbers are released in file order.
  const complete = (id: number, result: RangeResult) => {
    done.set(id, result);
    bytesRead += ranges[id]![1] - ranges[id]![0];
    delivering = delivering.then(async () => {
      for (let r = done.get(nextToDeliver); r; r = done.get(nextToDeliver)) {
        done.delete(nextToDeliver++);
        for (const hit of r.hits) {
          hit.line = (hit.line ?? 0) + lineOffset;
          hit.eventKey = `${options.sourceKey}:${hit.line}`;
        }
        total.lines += r.lines;
        total.malformed += r.malformed;
        for (const m of r.firstMalformed) {
          if (total.firstMalformed.length < MAX_REPORTED_MALFORMED)
            total.firstMalformed.push({ line: m.line + lineOffset, reason: m.reason });
        }
        lineOffset += r.endLine;
        if (r.hits.length > 0) await options.onHits(r.hits);
        options.onProgress?.({ bytesRead, lines: total.lines });
      }
    });
  };

  const entries = [...engine.index.entries()];
  const here = options.callingThread !== false;
  const workers = Array.from({ length: here ? threads - 1 : threads }, () =>
    runWorker(path, entries, engine.mapping, format, (id) => ranges[id]!, take, complete),
  );
  let scannedHere = false;
  for (let id = here ? take() : -1; id >= 0; id = take()) {
    scannedHere = true;
    complete(id, await scanRange(engine, path, ranges[id]!, format));
  }
  const used = await Promise.all(workers);
  await delivering;
  total.workers = used.filter(Boolean).length + (scannedHere ? 1 : 0);
  return total;
}

/** One worker thread pulling ranges until none are left; resolves whether it scanned any. */
function runWorker(
  path: string,
  entries: IndexEntry[],
  mapping: FieldMapping,
  format: TelemetryFormat,
  rangeOf: (id: number) => [number, number],
  take: () => number,
  complete: (id: number, result: RangeResult) => void,
): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./scan-worker-boot.js', import.meta.url), {
      workerData: { entries, mapping, path, format },
    });
    let current = -1;
    let scanned = false;
    const next = () => {
      current = take();
      if (current < 0) void worker.terminate().then(() => resolve(scanned));
      else worker.postMessage(rangeOf(current));
    };
    worker.on('message', (message: { ready: true } | { result: RangeResult }) => {
      if ('result' in message) {
        scanned = true;
        complete(current, message.result);
      }
      next();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => current >= 0 && reject(new Error(`scan worker exited with ${code}`)));
  });
}
