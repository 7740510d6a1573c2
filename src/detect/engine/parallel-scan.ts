import { openSync, readSync, closeSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TelemetryFormat } from './formats.ts';
import type { IndexEntry } from './indicator-index.ts';

export interface ParallelResult {
  hits: number;
  lines: number;
  malformed: number;
  workers: number;
}

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

/**
 * Scans a line-oriented file (NDJSON, OCSF) on every core: one worker thread per range, each with its own copy of
 * the index (an index is plain maps, cheaper to rebuild in each thread than to share). Zeek TSV is not split: its
 * header belongs to the whole file.
 */
export async function scanFileParallel(
  path: string,
  entries: readonly IndexEntry[],
  format: TelemetryFormat,
  threads = availableParallelism(),
): Promise<ParallelResult> {
  const ranges =
    format === 'zeek-tsv' || format === 'csv' ? lineAlignedRanges(path, 1) : lineAlignedRanges(path, threads);
  const results = await Promise.all(
    ranges.map(
      ([start, end]) =>
        new Promise<{ hits: number; lines: number; malformed: number }>((resolve, reject) => {
          const worker = new Worker(new URL('./scan-worker-boot.js', import.meta.url), {
            workerData: { entries, path, start, end, format },
          });
          worker.once('message', resolve);
          worker.once('error', reject);
          worker.once('exit', (code) => code !== 0 && reject(new Error(`scan worker exited with ${code}`)));
        }),
    ),
  );
  return {
    hits: results.reduce((a, r) => a + r.hits, 0),
    lines: results.reduce((a, r) => a + r.lines, 0),
    malformed: results.reduce((a, r) => a + r.malformed, 0),
    workers: ranges.length,
  };
}
