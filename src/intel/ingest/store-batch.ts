import type { CoreContext } from '../../core/context.ts';
import {
  allocateSeqs,
  beginBatch,
  copyValues,
  copyVersions,
  instantKeys,
  storedVersions,
  supersede,
  type StoredVersion,
} from '../store/bulk-store.ts';
import { compareTimestamps, isParsed, parseTimestamp, type ParsedTimestamp } from '../stix/timestamp.ts';
import { CopyParts } from './copy-parts.ts';
import { stampRow, stampValues, type StagedVersion } from './prepared-chunk.ts';
import { recordProgress, summaryOf } from '../store/imports-store.ts';
import { addCounts, emptyCounts, increment, withCounts, type ImportReport, type StoredCounts } from './report.ts';

/**
 * Stores one batch in one transaction, under the ingest lock: versions already held are counted as duplicates,
 * the rest are written with COPY, and the newest version of each object becomes the one served. The import's row
 * gets its new counts in the same transaction, and the report counts the batch once it is committed, so an import
 * that fails, or whose process dies, says exactly what it stored.
 */
export async function storeBatch(ctx: CoreContext, batch: readonly StagedVersion[], report: ImportReport) {
  if (batch.length === 0) return;
  const byId = new Map<string, StagedVersion[]>();
  for (const v of batch) {
    const group = byId.get(v.id);
    if (group) group.push(v);
    else byId.set(v.id, [v]);
  }
  const counts = emptyCounts();
  await ctx.bulk(async (s) => {
    await beginBatch(s);
    const stored = await storedVersions(s, [...byId.keys()]);
    // The common case, an object new to the store and once in the batch, needs no comparing at all.
    const news = newVersions(byId, stored, counts);
    const seqs = await allocateSeqs(
      s,
      news.reduce((n, g) => n + g.versions.length, 0),
    );
    const rows = new CopyParts();
    const values = new CopyParts();
    const superseded: number[] = [];
    let written = 0;
    for (const { versions, newest, current } of news) {
      if (newest && current) superseded.push(current.seq);
      for (const v of versions) {
        const isLatest = v === newest;
        const seq = seqs[written++]!;
        rows.add(stampRow(v, seq, isLatest));
        if (!isLatest) counts.olderVersions++;
        increment(counts.insertedByType, v.type);
        if (v.indicatorKey !== undefined) increment(counts.indicatorsByKey, v.indicatorKey);
        if (isLatest && !v.revoked) values.add(stampValues(v, seq));
      }
    }
    await supersede(s, superseded);
    await copyVersions(s, rows.parts);
    await copyValues(s, values.parts);
    counts.inserted = written;
    counts.batches = 1;
    if (!(await recordProgress(s, report.importId, summaryOf(withCounts(report, counts))))) {
      throw new ImportOrphaned(report.importId);
    }
  });
  addCounts(report, counts);
}

/** The import's row is no longer `running`: it was silent past its lease and marked `interrupted` meanwhile. */
export class ImportOrphaned extends Error {
  constructor(importId: string) {
    super(`import ${importId} was marked interrupted while it was still running (silent for longer than its lease)`);
  }
}

interface NewGroup {
  /** The object's versions to write. */
  versions: StagedVersion[];
  /** The one of them to serve, when it is newer than the one served now. */
  newest: StagedVersion | undefined;
  /** The stored version served now. */
  current: StoredVersion | undefined;
}

/**
 * Each object's versions that are not stored yet, one per instant (the store's unique key is a timestamptz, so
 * two spellings of one instant are one version); the rest are counted as duplicates.
 */
function newVersions(
  byId: ReadonlyMap<string, StagedVersion[]>,
  stored: ReadonlyMap<string, StoredVersion[]>,
  counts: StoredCounts,
): NewGroup[] {
  // Only an object already stored or repeated in the batch needs its instants compared (as the database reads
  // them: see instantKeys); the common case, new and once, needs nothing.
  const compared = [...byId].filter(([id, group]) => group.length > 1 || stored.has(id));
  const staged = compared.flatMap(([, group]) => group);
  const heldList = compared.flatMap(([id]) => stored.get(id) ?? []);
  const keys = instantKeys([...staged.map(timeOf), ...heldList.map((v) => versionTime(v.version))]);
  const keyOf = new Map<StagedVersion | StoredVersion, string>();
  staged.forEach((v, i) => keyOf.set(v, keys[i]!));
  heldList.forEach((v, i) => keyOf.set(v, keys[staged.length + i]!));

  const out: NewGroup[] = [];
  for (const [id, group] of byId) {
    const held = stored.get(id) ?? [];
    if (group.length === 1 && held.length === 0) {
      out.push({ versions: group, newest: group[0], current: undefined });
      continue;
    }
    const instants = new Set(held.map((v) => keyOf.get(v)));
    const versions: StagedVersion[] = [];
    for (const v of group) {
      const key = keyOf.get(v);
      if (instants.has(key)) counts.duplicates++;
      else {
        instants.add(key);
        versions.push(v);
      }
    }
    if (versions.length === 0) continue;
    const newest = versions.reduce((a, b) => (compareTimestamps(timeOf(b), timeOf(a)) > 0 ? b : a));
    const current = held.find((v) => v.isLatest);
    const newestWins = !current || compareTimestamps(timeOf(newest), versionTime(current.version)) > 0;
    out.push({ versions, newest: newestWins ? newest : undefined, current });
  }
  return out;
}

const timeOf = (v: StagedVersion): ParsedTimestamp => ({
  whole: v.whole,
  fraction: v.fraction,
  precision: v.precision,
});

/** A stored version's time, exactly: it was validated on its way in (or is the epoch stand-in), so it parses. */
function versionTime(modified: string): ParsedTimestamp {
  const parsed = parseTimestamp(modified);
  if (!isParsed(parsed)) throw new Error(`unexpected version timestamp ${modified}: ${parsed.problem}`);
  return parsed;
}
