import type { CoreContext } from '../../core/context.ts';
import {
  allocateSeqs,
  copyValues,
  copyVersions,
  instantKeys,
  lockIngest,
  storedVersions,
  supersede,
} from '../store/bulk-store.ts';
import { compareTimestamps, isParsed, parseTimestamp, type ParsedTimestamp } from '../stix/timestamp.ts';
import { CopyParts, stampRow, stampValues, type StagedVersion } from './prepared-chunk.ts';
import { increment, type ImportReport } from './report.ts';

/**
 * Stores one batch in one transaction, under the ingest lock: versions already held are counted as duplicates,
 * the rest are written with COPY, and the newest version of each object becomes the one served.
 */
export async function storeBatch(ctx: CoreContext, batch: readonly StagedVersion[], report: ImportReport) {
  if (batch.length === 0) return;
  await ctx.bulk(async (s) => {
    await lockIngest(s);
    const stored = await storedVersions(s, [...new Set(batch.map((v) => v.id))]);
    const times = batch.map(timeOf);
    const storedList = [...stored.values()].flat();
    const keys = await instantKeys(s, [...times, ...storedList.map((v) => versionTime(v.version))]);
    const held = new Set(storedList.map((v, i) => `${v.id}|${keys[times.length + i]}`));
    // The versions to write, one per (id, instant): one already stored, or repeated in the batch, is a duplicate.
    const byId = new Map<string, { v: StagedVersion; time: ParsedTimestamp }[]>();
    const seen = new Set<string>();
    batch.forEach((v, i) => {
      const key = `${v.id}|${keys[i]}`;
      if (held.has(key) || seen.has(key)) {
        report.duplicates++;
        return;
      }
      seen.add(key);
      const list = byId.get(v.id);
      if (list) list.push({ v, time: times[i]! });
      else byId.set(v.id, [{ v, time: times[i]! }]);
    });
    if (byId.size === 0) return;
    const seqs = await allocateSeqs(s, seen.size);
    const rows = new CopyParts();
    const values = new CopyParts();
    let written = 0;
    const superseded: number[] = [];
    for (const [id, versions] of byId) {
      const newest = versions.reduce((a, b) => (compareTimestamps(b.time, a.time) > 0 ? b : a));
      const current = stored.get(id)?.find((v) => v.isLatest);
      const newestWins = !current || compareTimestamps(newest.time, versionTime(current.version)) > 0;
      if (newestWins && current) superseded.push(current.seq);
      for (const { v } of versions) {
        const isLatest = newestWins && v === newest.v;
        const seq = seqs[written++]!;
        rows.add(stampRow(v, seq, isLatest));
        if (!isLatest) report.olderVersions++;
        increment(report.insertedByType, v.type);
        if (v.indicatorKey !== undefined) increment(report.indicatorsByKey, v.indicatorKey);
        if (isLatest && !v.revoked) values.add(stampValues(v, seq));
      }
    }
    await supersede(s, superseded);
    await copyVersions(s, rows.parts);
    await copyValues(s, values.parts);
    report.inserted += written;
  });
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
