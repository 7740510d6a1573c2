import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Actor } from '../../core/audit/index.ts';
import type { CoreContext } from '../../core/context.ts';
import { ElementGroup } from '../sources/stix-stream.ts';
import { storedMarkingIds } from '../store/objects-store.ts';
import { intelDb } from '../store/tables.ts';
import {
  beginImport,
  describe,
  failureReason,
  importFailed,
  importInterrupted,
  ImportStopped,
  recordEnd,
  recordFinished,
} from './import-lifecycle.ts';
import { PreparePool } from './prepare-pool.ts';
import { decodeChunk, prepareChunk, type PreparedChunk, type StagedVersion } from './prepared-chunk.ts';
import { addRejected, emptyReport, type ImportProgress, type ImportReport } from './report.ts';
import { storeBatch } from './store-batch.ts';

export interface IngestOptions {
  source: string;
  format: string;
  /** Versions per database round trip. */
  batchSize?: number;
  /**
   * Worker threads that validate records while this thread stores them (default: the configured number, else
   * see defaultThreads; 0 validates here). Used for bundles once `parallelAfter` records have been read, so a small
   * import does not pay for starting threads.
   */
  threads?: number;
  parallelAfter?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Reported with progress: how far through the source the reader is. */
  bytes?: () => { read: number; total?: number };
  /** Records the source's own reader refused (bad CSV rows, ...): read once the objects are consumed. */
  sourceRejected?: { record: string; value?: string; reason: string }[];
  notes?: string[];
  /**
   * Stops the import (Ctrl-C in the CLI): reading ends, the batch being stored is finished, and the import is
   * marked `interrupted` with what it stored, which is kept.
   */
  signal?: AbortSignal;
}

interface Pending {
  version: StagedVersion;
  record: string;
}

const MAX_DEFERRED = 100_000;
/** Records validated as one unit (here or on a worker thread). */
const CHUNK = 1000;

/**
 * Imports STIX objects from any source: each is validated on its own (a bad one is reported with its reason and
 * the rest are kept), stored as a new version unless that version is already there, and the newest version of
 * each object is marked as the one to serve.
 *
 * Records flow in chunks: each chunk is validated and its rows built (on worker threads for big bundles), then,
 * in source order, checked for marking references and gathered into batches, each stored in one transaction
 * while the next is being prepared.
 */
export async function ingestObjects(
  ctx: CoreContext,
  actor: Actor,
  objects: AsyncIterable<unknown> | Iterable<unknown>,
  options: IngestOptions,
): Promise<ImportReport> {
  const report = emptyReport(randomUUID(), options.source, options.format);
  const heartbeat = await beginImport(ctx, actor, report);
  try {
    await readAndStore(ctx, report, objects, options);
  } catch (error) {
    if (error instanceof ImportStopped) {
      const recorded = await recordEnd(ctx, actor, report, 'interrupted', error.message);
      throw importInterrupted(report, error.message, recorded);
    }
    const recorded = await recordEnd(ctx, actor, report, 'failed', failureReason(error));
    throw importFailed(report, error, recorded);
  } finally {
    heartbeat.stop();
  }
  await recordFinished(ctx, actor, report);
  return report;
}

/** Reads the source and stores what is valid, batch by batch, counting into `report`. */
async function readAndStore(
  ctx: CoreContext,
  report: ImportReport,
  objects: AsyncIterable<unknown> | Iterable<unknown>,
  options: IngestOptions,
): Promise<void> {
  const importId = report.importId;
  const known = await storedMarkingIds(intelDb(ctx.db));
  const batchSize = options.batchSize ?? 5000;
  const threads = options.threads ?? ctx.config.intelImportThreads ?? defaultThreads(ctx.dbKind);
  const parallelAfter = options.parallelAfter ?? 10_000;
  let pool: PreparePool | undefined;
  let batch: StagedVersion[] = [];
  const deferred: Pending[] = [];
  const inflight: { first: number; chunk: Promise<PreparedChunk> }[] = [];
  let chunk: unknown[] = [];
  let chunkStart = 0;
  // Chunks handed out ahead of the one being consumed: enough to keep the workers busy while this thread stores a
  // whole batch (on PGlite it cannot hand out more meanwhile), and no more, to bound memory.
  const ahead = Math.ceil(batchSize / CHUNK) + 2 * Math.max(threads, 1);

  const progress = () => {
    const bytes = options.bytes?.();
    options.onProgress?.({
      received: report.received,
      inserted: report.inserted,
      duplicates: report.duplicates,
      rejected: report.rejectedCount,
      ...(bytes ? { bytesRead: bytes.read, ...(bytes.total !== undefined ? { bytesTotal: bytes.total } : {}) } : {}),
    });
  };

  // One batch is stored while the next is prepared; batches still reach the database in order.
  let flushing: Promise<void> = Promise.resolve();
  let storeError: unknown;
  const flush = async () => {
    await flushing;
    if (storeError) throw storeError;
    const full = batch;
    batch = [];
    flushing = storeBatch(ctx, full, report).then(progress, (error: unknown) => {
      storeError ??= error;
    });
  };

  const dispatch = () => {
    if (chunk.length === 0) return;
    const records = chunk;
    inflight.push({
      first: chunkStart,
      chunk: Promise.resolve(prepareChunk(records.length, (i) => records[i], importId)),
    });
    chunkStart += chunk.length;
    chunk = [];
  };

  // A bundle's elements come in groups: a big import's go, as bytes, to the worker threads.
  const dispatchGroup = (group: ElementGroup) => {
    dispatch();
    const first = chunkStart;
    chunkStart += group.length;
    if (threads > 0 && first >= parallelAfter) {
      pool ??= new PreparePool(threads);
      const prepared = pool.prepare(group, importId);
      // If a worker fails, every chunk waiting on it fails: the first one awaited reports it, the rest must not
      // surface as unhandled rejections (which would end the process).
      prepared.catch(() => {});
      inflight.push({ first, chunk: prepared });
    } else {
      inflight.push({ first, chunk: Promise.resolve(prepareChunk(group.length, (i) => group.text(i), importId)) });
    }
  };

  // Results are taken in source order: a marking definition becomes known before the objects after it.
  const consume = async () => {
    const { first, chunk: prepared } = inflight.shift()!;
    const list = decodeChunk(await prepared);
    for (let i = 0; i < list.length; i++) {
      const result = list[i]!;
      const record = String(first + i);
      if (!result.ok) {
        addRejected(report, { record, ...(result.id ? { id: result.id } : {}), reason: result.reason });
        continue;
      }
      const version = result.version;
      if (version.type === 'marking-definition') known.add(version.id);
      if (unknownMarkings(version, known).length > 0) {
        // Its marking definition may still come later in the stream: decide at the end.
        if (deferred.length < MAX_DEFERRED) deferred.push({ version, record });
        else addRejected(report, { record, id: version.id, reason: unknownMarkingReason(version, known) });
        continue;
      }
      batch.push(version);
      if (batch.length >= batchSize) await flush();
    }
  };

  let broken: unknown;
  try {
    for await (const input of guarded(objects, (error) => (broken = error))) {
      if (options.signal?.aborted) break;
      if (input instanceof ElementGroup) {
        report.received += input.length;
        dispatchGroup(input);
      } else {
        report.received++;
        chunk.push(input);
        if (chunk.length < CHUNK) continue;
        dispatch();
      }
      while (inflight.length > ahead) await consume();
    }
    if (!options.signal?.aborted) {
      dispatch();
      while (inflight.length > 0) await consume();
    }
    await flushing;
    if (storeError) throw storeError;
  } finally {
    await pool?.close();
  }
  if (options.signal?.aborted) throw new ImportStopped(options.signal.reason);
  // A source that breaks off (malformed JSON, a dropped connection) keeps what was read before the break.
  if (broken !== undefined) {
    addRejected(report, {
      record: 'source',
      reason: `stopped reading at record ${report.received}: ${describe(broken)}`,
    });
  }
  for (const item of deferred) {
    if (unknownMarkings(item.version, known).length > 0) {
      addRejected(report, {
        record: item.record,
        id: item.version.id,
        reason: unknownMarkingReason(item.version, known),
      });
    } else batch.push(item.version);
  }
  await storeBatch(ctx, batch, report);
  progress();

  // The source's own refusals and notes, gathered while it was read.
  for (const r of options.sourceRejected ?? []) addRejected(report, r);
  report.notes.push(...(options.notes ?? []));
}

/**
 * PGlite stores on this thread, which is then the busiest: one core is left to it. PostgreSQL stores in its
 * own processes, so every core can prepare.
 */
const defaultThreads = (dbKind: CoreContext['dbKind']) =>
  dbKind === 'pglite' ? Math.max(1, availableParallelism() - 1) : availableParallelism();

/** The source's records; an error while reading them ends the records and is handed to `onBreak`. */
async function* guarded(
  objects: AsyncIterable<unknown> | Iterable<unknown>,
  onBreak: (error: unknown) => void,
): AsyncGenerator<unknown> {
  try {
    for await (const o of objects) yield o;
  } catch (error) {
    onBreak(error);
  }
}

/** A version's marking references that are neither standard TLP nor known yet. */
const unknownMarkings = (v: StagedVersion, known: ReadonlySet<string>) =>
  v.markingRefs?.filter((ref) => !known.has(ref)) ?? [];

const unknownMarkingReason = (v: StagedVersion, known: ReadonlySet<string>) =>
  `marking reference ${unknownMarkings(v, known)[0]} is not a known marking definition (neither TLP, stored, nor in this import)`;
