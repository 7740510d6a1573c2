import type { RejectedRecordJson } from '../store/tables.ts';

/** What one import did: counts, and every record refused with its reason (the first MAX_LISTED of them). */
export interface ImportReport {
  importId: string;
  source: string;
  format: string;
  /** Records read from the source (objects, rows, attributes). */
  received: number;
  /** New object versions stored. */
  inserted: number;
  /** Versions already stored (same id and modified): importing the same data twice adds nothing. */
  duplicates: number;
  /** Stored versions that are older than one already stored (kept as history, not served by default). */
  olderVersions: number;
  rejectedCount: number;
  rejected: RejectedRecordJson[];
  /** New versions by STIX type. */
  insertedByType: Record<string, number>;
  /** New indicator versions by the key their pattern compares (`domain-name:value`, ...); `complex` otherwise. */
  indicatorsByKey: Record<string, number>;
  /** Notes about records that were kept but changed (re-typed values and the like). */
  notes: string[];
  /** Batches committed: each stored its versions and these counts together, in one transaction. */
  batches: number;
}

export const MAX_LISTED = 10_000;

export interface ImportProgress {
  received: number;
  inserted: number;
  duplicates: number;
  rejected: number;
  /** Bytes of the source read so far and its size, when known (for a progress bar). */
  bytesRead?: number;
  bytesTotal?: number;
}

export function emptyReport(importId: string, source: string, format: string): ImportReport {
  return {
    importId,
    source,
    format,
    received: 0,
    inserted: 0,
    duplicates: 0,
    olderVersions: 0,
    rejectedCount: 0,
    rejected: [],
    insertedByType: {},
    indicatorsByKey: {},
    notes: [],
    batches: 0,
  };
}

export function addRejected(report: ImportReport, rejected: RejectedRecordJson): void {
  report.rejectedCount++;
  if (report.rejected.length < MAX_LISTED) report.rejected.push(rejected);
}

/** What one stored batch adds to its import's counts. */
export type StoredCounts = Pick<
  ImportReport,
  'inserted' | 'duplicates' | 'olderVersions' | 'insertedByType' | 'indicatorsByKey' | 'batches'
>;

export const emptyCounts = (): StoredCounts => ({
  inserted: 0,
  duplicates: 0,
  olderVersions: 0,
  insertedByType: {},
  indicatorsByKey: {},
  batches: 0,
});

export function addCounts(report: ImportReport, counts: StoredCounts): void {
  report.inserted += counts.inserted;
  report.duplicates += counts.duplicates;
  report.olderVersions += counts.olderVersions;
  report.batches += counts.batches;
  for (const [type, n] of Object.entries(counts.insertedByType)) increment(report.insertedByType, type, n);
  for (const [key, n] of Object.entries(counts.indicatorsByKey)) increment(report.indicatorsByKey, key, n);
}

/** The report as it stands once `counts` are added, leaving `report` as it is. */
export function withCounts(report: ImportReport, counts: StoredCounts): ImportReport {
  const next = {
    ...report,
    insertedByType: { ...report.insertedByType },
    indicatorsByKey: { ...report.indicatorsByKey },
  };
  addCounts(next, counts);
  return next;
}

export const increment = (counts: Record<string, number>, key: string, by = 1) => {
  counts[key] = (counts[key] ?? 0) + by;
};
