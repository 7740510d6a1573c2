import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { CoreContext } from '../core/context.ts';
import { openSource } from '../core/io/open-source.ts';
import type { DetectionEngine } from './engine/engine.ts';
import { peek } from '../core/io/source-stream.ts';
import { detectTelemetryFormat, type TelemetryFormat } from './engine/formats.ts';
import { readNdjson, type FieldMapping } from './engine/ndjson-reader.ts';
import { noteMalformed, type Observation, type ReadStats } from './engine/observation.ts';
import { ZeekTsvReader } from './engine/zeek-tsv.ts';
import { CsvReader } from './engine/csv-reader.ts';
import { dropFirstBytes, looksBinary, startsWithBom, untilFailure, type InputOutcome } from './engine/input-guard.ts';
import { findCandidateLines, probesFor, type Probe } from './engine/fast-ndjson.ts';
import { ZeekFastPass } from './engine/fast-zeek.ts';
import { scanFileParallel } from './engine/parallel-scan.ts';
import { recordHits, type Hit, type RecordResult } from './record-hits.ts';

export interface ScanProgress {
  bytesRead: number;
  bytesTotal?: number;
  lines: number;
  hits: number;
}

export interface ScanResult extends ReadStats {
  source: string;
  format: TelemetryFormat;
  hits: Hit[];
  recorded?: RecordResult;
  /** Why the scan of this source is not to be trusted (binary, damaged, every line malformed); the CLI fails then. */
  problem?: string;
}

const CHUNK_HITS = 1_000;

/**
 * Scans a stream of telemetry with the engine, chunk by chunk (never a whole file in memory), in the given format
 * or the one its first bytes show. Hits are handed to `onHits` as they are found.
 */
export async function scanStream(
  engine: DetectionEngine,
  stream: Readable,
  sourceKey: string,
  onHits: (hits: Hit[]) => Promise<void> | void,
  onLines?: (stats: ReadStats) => void,
  format?: TelemetryFormat,
): Promise<StreamScanStats> {
  const stats: ReadStats = { lines: 0, malformed: 0, firstMalformed: [] };
  const outcome: InputOutcome = { bytes: 0 };
  const peeked = await peek(untilFailure(stream, outcome), 4096);
  // A byte-order mark is dropped once, here, whatever the format: no reader ever sees it.
  const bom = startsWithBom(peeked.head);
  const head = bom ? peeked.head.subarray(3) : peeked.head;
  const input = bom ? dropFirstBytes(peeked.stream, 3) : peeked.stream;
  const chosen = format ?? detectTelemetryFormat(head.toString('utf8'));
  if (looksBinary(head)) {
    input.destroy();
    return { ...stats, format: chosen, binary: true };
  }
  const read = await scanText(engine, input, stats, sourceKey, onHits, onLines, chosen);
  return outcome.error
    ? { ...read, inputError: { message: outcome.error.message, contentBytes: outcome.bytes } }
    : read;
}

/** What scanStream read, and why it stopped short if it did. */
export interface StreamScanStats extends ReadStats {
  format: TelemetryFormat;
  endLine?: number;
  /** The input looked binary and was not read. */
  binary?: true;
  /** The input failed before its end (a truncated gzip): what was read up to there was scanned. */
  inputError?: { message: string; contentBytes: number };
}

async function scanText(
  engine: DetectionEngine,
  input: Readable,
  stats: ReadStats,
  sourceKey: string,
  onHits: (hits: Hit[]) => Promise<void> | void,
  onLines: ((stats: ReadStats) => void) | undefined,
  chosen: TelemetryFormat,
): Promise<StreamScanStats> {
  const receivedAt = new Date();
  const handle = async (observations: Observation[]) => {
    const hits = observations.flatMap((o) => engine.match(o, sourceKey, receivedAt));
    if (hits.length > 0) await onHits(hits);
    onLines?.(stats);
  };
  if (chosen === 'csv') {
    const endLine = await scanCsv(input, stats, engine.mapping, handle);
    return { ...stats, format: chosen, endLine };
  }
  // Without complex patterns (which need every event), NDJSON goes through the fast first pass, in bytes.
  if (chosen === 'ndjson' && engine.complexPatterns === 0) {
    const endLine = await scanNdjsonFast(engine, input, stats, handle);
    return { ...stats, format: chosen, endLine };
  }
  if (chosen === 'zeek-tsv' && engine.complexPatterns === 0) {
    const endLine = await scanZeekFast(engine, input, stats, handle);
    return { ...stats, format: chosen, endLine };
  }
  const zeek = new ZeekTsvReader(engine.mapping);
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let nextLine = 1;
  const process = async (text: string) => {
    const observations =
      chosen === 'zeek-tsv' ? zeek.read(text, stats, nextLine) : readNdjson(text, stats, engine.mapping, nextLine);
    nextLine += countLines(text);
    await handle(observations);
  };
  for await (const chunk of input as AsyncIterable<Buffer>) {
    const text = carry + decoder.write(chunk);
    const cut = text.lastIndexOf('\n');
    if (cut < 0) {
      carry = text;
      continue;
    }
    carry = text.slice(cut + 1);
    await process(text.slice(0, cut + 1));
  }
  const rest = carry + decoder.end();
  if (rest.trim() !== '') await process(rest);
  return { ...stats, format: chosen, endLine: nextLine - 1 };
}

function scanNdjsonFast(
  engine: DetectionEngine,
  input: Readable,
  stats: ReadStats,
  handle: (o: Observation[]) => Promise<void>,
): Promise<number> {
  let probes: Probe[] | undefined;
  return forEachLineChunk(input, async (buf, firstLine) => {
    const observations: Observation[] = [];
    const scratch: ReadStats = { lines: 0, malformed: 0, firstMalformed: [] };
    probes ??= probesFor(engine.index, engine.mapping, buf.subarray(0, 1 << 16));
    const lines = findCandidateLines(buf, firstLine, engine.index, probes, stats, (line, n) =>
      observations.push(...readNdjson(line, scratch, engine.mapping, n)),
    );
    stats.malformed += scratch.malformed - scratch.firstMalformed.length;
    for (const m of scratch.firstMalformed) noteMalformed(stats, m.line, m.reason);
    await handle(observations);
    return lines;
  });
}

/** Zeek TSV through its first pass: only records that might match are decoded and read in full. */
function scanZeekFast(
  engine: DetectionEngine,
  input: Readable,
  stats: ReadStats,
  handle: (o: Observation[]) => Promise<void>,
): Promise<number> {
  const reader = new ZeekTsvReader(engine.mapping);
  const pass = new ZeekFastPass(reader, engine.index, engine.mapping);
  return forEachLineChunk(input, async (buf, firstLine) => {
    const observations: Observation[] = [];
    const lines = pass.findCandidateLines(buf, firstLine, stats, (text, n) =>
      observations.push(...reader.read(text, stats, n)),
    );
    await handle(observations);
    return lines;
  });
}

/**
 * Hands `process` the input in chunks that end at line boundaries, with the number of each chunk's first line;
 * `process` returns how many lines it saw. A line split between chunks is joined on its own, so that chunks are
 * never copied whole. Resolves to the number of lines read.
 */
async function forEachLineChunk(
  input: Readable,
  process: (buf: Buffer, firstLine: number) => Promise<number>,
  atEnd?: () => Promise<void>,
): Promise<number> {
  let carry: Buffer | null = null;
  let nextLine = 1;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let buf = chunk;
    if (carry) {
      const newline = chunk.indexOf(10);
      if (newline < 0) {
        carry = Buffer.concat([carry, chunk]);
        continue;
      }
      nextLine += await process(Buffer.concat([carry, chunk.subarray(0, newline + 1)]), nextLine);
      buf = chunk.subarray(newline + 1);
    }
    const cut = buf.lastIndexOf(10);
    if (cut < 0) {
      carry = buf.length > 0 ? buf : null;
      continue;
    }
    carry = cut + 1 < buf.length ? buf.subarray(cut + 1) : null;
    nextLine += await process(buf.subarray(0, cut + 1), nextLine);
  }
  if (carry && carry.length > 0) nextLine += await process(carry, nextLine);
  await atEnd?.();
  return nextLine - 1;
}

/** CSV with a header: columns are mapped by name like JSON fields (quoted fields may span lines). */
function scanCsv(
  input: Readable,
  stats: ReadStats,
  mapping: FieldMapping,
  handle: (o: Observation[]) => Promise<void>,
): Promise<number> {
  const reader = new CsvReader(mapping);
  return forEachLineChunk(
    input,
    async (buf, firstLine) => {
      const observations: Observation[] = [];
      const lines = buf.toString('utf8').split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      lines.forEach((text, i) => reader.line(text, firstLine + i, stats, observations));
      await handle(observations);
      return lines.length;
    },
    async () => {
      const observations: Observation[] = [];
      reader.end(stats, observations);
      await handle(observations);
    },
  );
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

// Below this a single thread finishes before worker threads have started.
const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;

/**
 * A local, uncompressed, line-oriented file big enough to be worth all cores, with no complex patterns (they need
 * events in order): its path, size and format; otherwise null and the scan runs on one thread.
 */
async function parallelCandidate(engine: DetectionEngine, spec: string, format?: TelemetryFormat) {
  if (
    spec === '-' ||
    /^[a-z][a-z0-9+.-]*:\/\//i.test(spec) ||
    engine.complexPatterns > 0 ||
    availableParallelism() < 2
  ) {
    return null;
  }
  const info = await stat(spec).catch(() => null);
  if (!info?.isFile() || info.size < PARALLEL_MIN_BYTES) return null;
  const handle = await open(spec, 'r');
  const head = Buffer.alloc(4096);
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  if (head[0] === 0x1f && head[1] === 0x8b) return null;
  const chosen = format ?? detectTelemetryFormat(head.toString('utf8'));
  return chosen === 'ndjson' || chosen === 'ocsf' ? { path: spec, size: info.size, format: chosen } : null;
}

export interface ScanOptions {
  /** Store the detections (folded, attributed) besides returning them. */
  record: boolean;
  format?: TelemetryFormat;
  onProgress?: (p: ScanProgress) => void;
}

/** `accord scan`: one file (or `-`) through the engine; detections are recorded when asked. */
export async function scanSource(
  ctx: CoreContext,
  engine: DetectionEngine,
  spec: string,
  options: ScanOptions,
): Promise<ScanResult> {
  const hits: Hit[] = [];
  const recorded: RecordResult = { created: [], folded: 0, duplicates: 0 };
  let pending: Hit[] = [];
  const flush = async () => {
    if (!options.record || pending.length === 0) return;
    const r = await recordHits(ctx, pending, {
      source: 'scan',
      foldWindowMs: ctx.config.detectFoldWindowMinutes * 60_000,
    });
    recorded.created.push(...r.created);
    recorded.folded += r.folded;
    recorded.duplicates += r.duplicates;
    pending = [];
  };
  const onHits = async (found: Hit[]) => {
    hits.push(...found);
    pending.push(...found);
    if (pending.length >= CHUNK_HITS) await flush();
  };
  const parallel = await parallelCandidate(engine, spec, options.format);
  if (parallel) {
    const stats = await scanFileParallel(parallel.path, engine, parallel.format, {
      sourceKey: `scan:${parallel.path}`,
      onHits,
      onProgress: (p) => options.onProgress?.({ ...p, bytesTotal: parallel.size, hits: hits.length }),
    });
    await flush();
    const problem = inputProblem(parallel.path, stats);
    return {
      source: parallel.path,
      ...stats,
      hits,
      ...(options.record ? { recorded } : {}),
      ...(problem ? { problem } : {}),
    };
  }
  const source = await openSource(ctx.config, spec);
  const stats = await scanStream(
    engine,
    source.stream,
    `scan:${source.name}`,
    onHits,
    (s) =>
      options.onProgress?.({
        bytesRead: source.bytesRead(),
        ...(source.size !== undefined ? { bytesTotal: source.size } : {}),
        lines: s.lines,
        hits: hits.length,
      }),
    options.format,
  );
  await flush();
  const problem = inputProblem(source.name, stats, source.bytesRead(), source.size, hits.length);
  const { binary: _binary, inputError: _inputError, ...read } = stats;
  return {
    source: source.name,
    ...read,
    hits,
    ...(options.record ? { recorded } : {}),
    ...(problem ? { problem } : {}),
  };
}

/** What is wrong with a scanned source, if anything: binary content, an input that failed, no readable line. */
export function inputProblem(
  name: string,
  stats: Omit<StreamScanStats, 'endLine'>,
  bytesRead?: number,
  size?: number,
  hits = 0,
): string | undefined {
  if (stats.binary) return `${name} is binary content, not text telemetry: nothing was scanned`;
  if (stats.inputError) {
    const at = bytesRead !== undefined ? ` at byte ${bytesRead}${size !== undefined ? ` of ${size}` : ''}` : '';
    return (
      `${name}: the input failed${at}, after ${stats.inputError.contentBytes} bytes of content ` +
      `(${stats.inputError.message}); the ${hits} hits found before it are kept`
    );
  }
  if (stats.lines > 0 && stats.malformed === stats.lines) {
    return `${name}: all ${stats.lines} lines are malformed as ${stats.format} (the wrong --format?)`;
  }
  return undefined;
}
