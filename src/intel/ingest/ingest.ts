import { randomUUID } from 'node:crypto';
import { recordAudit, type Actor } from '../../core/audit/index.ts';
import type { CoreContext } from '../../core/context.ts';
import type { Pattern } from '../pattern/index.ts';
import type { StixObject } from '../stix/index.ts';
import { finishImport, startImport } from '../store/imports-store.ts';
import { storedMarkingIds, type NewVersion } from '../store/objects-store.ts';
import {
  allocateSeqs,
  copyValues,
  copyVersions,
  instantKeys,
  lockIngest,
  storedVersions,
  supersede,
} from '../store/bulk-store.ts';
import { objectVersionKey } from '../stix/version-key.ts';
import { compareTimestamps, isParsed, parseTimestamp, type ParsedTimestamp } from '../stix/timestamp.ts';
import { intelDb } from '../store/tables.ts';
import { MalformedObject } from '../sources/stix-stream.ts';
import type { ValueRow } from '../store/values-store.ts';
import { indicatorValues, versionColumns } from './derive.ts';
import { addRejected, emptyReport, increment, type ImportProgress, type ImportReport } from './report.ts';
import { checkObject, unknownMarkings } from './validate.ts';

export interface IngestOptions {
  source: string;
  format: string;
  /** Versions per database round trip. */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Reported with progress: how far through the source the reader is. */
  bytes?: () => { read: number; total?: number };
  /** Records the source's own reader refused (bad CSV rows, ...): read once the objects are consumed. */
  sourceRejected?: { record: string; value?: string; reason: string }[];
  notes?: string[];
}

interface Pending {
  object: StixObject;
  pattern?: Pattern;
  record: string;
}

const MAX_DEFERRED = 100_000;

/**
 * Imports STIX objects from any source: each is validated on its own (a bad one is reported with its reason and
 * the rest are kept), stored as a new version unless that version is already there, and the newest version of
 * each object is marked as the one to serve. Work is done in batches, each in one transaction.
 */
export async function ingestObjects(
  ctx: CoreContext,
  actor: Actor,
  objects: AsyncIterable<unknown> | Iterable<unknown>,
  options: IngestOptions,
): Promise<ImportReport> {
  const db = intelDb(ctx.db);
  const importId = randomUUID();
  const report = emptyReport(importId, options.source, options.format);
  await startImport(db, { id: importId, source: options.source, format: options.format, actor_label: actor.label });
  const known = await storedMarkingIds(db);
  const batchSize = options.batchSize ?? 5000;
  let batch: Pending[] = [];
  const deferred: Pending[] = [];

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

  let flushing: Promise<void> = Promise.resolve();
  let storeError: unknown;
  try {
    for await (const input of objects) {
      const record = String(report.received++);
      if (input instanceof MalformedObject) {
        addRejected(report, { record, reason: input.reason });
        continue;
      }
      const checked = checkObject(input, known);
      if (!checked.ok) {
        addRejected(report, { record, ...(checked.id ? { id: checked.id } : {}), reason: checked.reason });
        continue;
      }
      const item: Pending = {
        object: checked.object,
        record,
        ...(checked.pattern ? { pattern: checked.pattern } : {}),
      };
      if (checked.object.type === 'marking-definition') known.add(checked.object.id);
      if (checked.pendingMarkings.length > 0) {
        // Its marking definition may still come later in the stream: decide at the end.
        if (deferred.length < MAX_DEFERRED) deferred.push(item);
        else addRejected(report, { record, id: item.object.id, reason: unknownMarkingReason(checked.pendingMarkings) });
        continue;
      }
      batch.push(item);
      if (batch.length >= batchSize) {
        // One batch is stored while the next is read and validated; batches still reach the database in order.
        await flushing;
        flushing = storeBatch(ctx, importId, batch, report).then(progress, (error: unknown) => {
          storeError ??= error;
        });
        batch = [];
        if (storeError) throw storeError;
      }
    }
  } catch (error) {
    if (error === storeError) throw error;
    // A source that breaks off (malformed JSON, a dropped connection) keeps what was read before the break.
    addRejected(report, {
      record: 'source',
      reason: `stopped reading at record ${report.received}: ${describe(error)}`,
    });
  }
  await flushing;
  if (storeError) throw storeError;
  for (const item of deferred) {
    const missing = unknownMarkings(item.object, known);
    if (missing.length > 0) {
      addRejected(report, {
        record: item.record,
        id: item.object.id,
        reason: unknownMarkingReason(missing),
      });
    } else batch.push(item);
  }
  await storeBatch(ctx, importId, batch, report);
  progress();

  // The source's own refusals and notes, gathered while it was read.
  for (const r of options.sourceRejected ?? []) addRejected(report, r);
  report.notes.push(...(options.notes ?? []));

  await ctx.db.transaction().execute(async (trx) => {
    await finishImport(intelDb(trx), importId, report);
    await recordAudit(trx, actor, {
      action: 'intel.imported',
      objectType: 'intel_import',
      objectId: importId,
      details: {
        source: options.source,
        format: options.format,
        received: report.received,
        inserted: report.inserted,
        duplicates: report.duplicates,
        rejected: report.rejectedCount,
      },
    });
  });
  return report;
}

/**
 * Stores one batch in one transaction, under the ingest lock: versions already held are counted as duplicates,
 * the rest are written with COPY, and the newest version of each object becomes the one served.
 */
async function storeBatch(ctx: CoreContext, importId: string, batch: Pending[], report: ImportReport) {
  if (batch.length === 0) return;
  await ctx.bulk(async (s) => {
    await lockIngest(s);
    const stored = await storedVersions(s, [...new Set(batch.map((item) => item.object.id))]);
    const times = batch.map((item) => versionTime(objectVersionKey(item.object).modified));
    const storedList = [...stored.values()].flat();
    const keys = await instantKeys(s, [...times, ...storedList.map((v) => versionTime(v.version))]);
    const held = new Set(storedList.map((v, i) => `${v.id}|${keys[times.length + i]}`));
    // The versions to write, one per (id, instant): one already stored, or repeated in the batch, is a duplicate.
    const byId = new Map<string, { item: Pending; time: ParsedTimestamp }[]>();
    const seen = new Set<string>();
    batch.forEach((item, i) => {
      const key = `${item.object.id}|${keys[i]}`;
      if (held.has(key) || seen.has(key)) {
        report.duplicates++;
        return;
      }
      seen.add(key);
      const list = byId.get(item.object.id) ?? [];
      list.push({ item, time: times[i]! });
      byId.set(item.object.id, list);
    });
    if (byId.size === 0) return;
    const seqs = await allocateSeqs(s, seen.size);
    const rows: (NewVersion & { seq: number })[] = [];
    const values: ValueRow[] = [];
    const superseded: number[] = [];
    for (const [id, versions] of byId) {
      const newest = versions.reduce((a, b) => (compareTimestamps(b.time, a.time) > 0 ? b : a));
      const current = stored.get(id)?.find((v) => v.isLatest);
      const newestWins = !current || compareTimestamps(newest.time, versionTime(current.version)) > 0;
      if (newestWins && current) superseded.push(current.seq);
      for (const v of versions) {
        const isLatest = newestWins && v === newest;
        if (!isLatest) report.olderVersions++;
        const row = {
          ...versionColumns(v.item.object),
          object: v.item.object,
          is_latest: isLatest,
          import_id: importId,
          seq: seqs[rows.length]!,
        };
        rows.push(row);
        increment(report.insertedByType, row.type);
        if (row.type !== 'indicator') continue;
        const pattern = v.item.pattern;
        const found = pattern ? indicatorValues(pattern) : [];
        increment(report.indicatorsByKey, found.length > 0 ? found[0]!.key : pattern ? 'complex' : 'non-stix');
        if (isLatest && !row.revoked) {
          for (const f of found) values.push({ object_seq: row.seq, stix_id: id, key: f.key, value: f.value });
        }
      }
    }
    await supersede(s, superseded);
    await copyVersions(s, rows);
    await copyValues(s, values);
    report.inserted += rows.length;
  });
}

/** A version's time, exactly: objects reach here validated (or with the epoch stand-in), so it always parses. */
function versionTime(modified: string): ParsedTimestamp {
  const parsed = parseTimestamp(modified);
  if (!isParsed(parsed)) throw new Error(`unexpected version timestamp ${modified}: ${parsed.problem}`);
  return parsed;
}

const unknownMarkingReason = (missing: readonly string[]) =>
  `marking reference ${missing[0]} is not a known marking definition (neither TLP, stored, nor in this import)`;

const describe = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0]! : String(error));
