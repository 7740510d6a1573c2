import { copyText, type BulkSession } from '../../core/db/bulk.ts';
import type { NewVersion } from './objects-store.ts';
import type { ValueRow } from './values-store.ts';

// Serialises the "which version is latest" bookkeeping (and seq order) between concurrent imports.
const INGEST_LOCK = 7_130_101;

export const lockIngest = (s: BulkSession) => s.query('select pg_advisory_xact_lock($1)', [INGEST_LOCK]);

/** Which of these (id, modified) versions are stored already: their positions in the lists. */
export async function storedPositions(s: BulkSession, ids: string[], modified: string[]): Promise<Set<number>> {
  const { rows } = await s.query<{ i: number }>(
    `select t.i::int as i
       from unnest($1::text[], $2::timestamptz[]) with ordinality as t(id, m, i)
       join intel_objects o on o.stix_id = t.id and o.modified_at = t.m`,
    [ids, modified],
  );
  return new Set(rows.map((r) => Number(r.i) - 1));
}

/** The stored latest version of each of these ids, with `modified` exactly as written. */
export async function latestStored(s: BulkSession, ids: string[]) {
  const { rows } = await s.query<{ seq: number | string; stix_id: string; version: string }>(
    'select seq, stix_id, version from intel_objects where is_latest and stix_id = any($1::text[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.stix_id, { seq: Number(r.seq), version: r.version }]));
}

/** Takes `count` sequence numbers in order: rows are then COPYed with their seq already known. */
export async function allocateSeqs(s: BulkSession, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await s.query<{ seq: number | string }>(
    `select nextval(pg_get_serial_sequence('intel_objects', 'seq')) as seq from generate_series(1, $1::int)`,
    [count],
  );
  return rows.map((r) => Number(r.seq));
}

const VERSION_COLUMNS =
  'seq, stix_id, type, version, modified_at, spec_version, revoked, is_latest, object, name, tlp, marking_refs, ' +
  'has_granular_markings, confidence, valid_from, valid_until, source_ref, target_ref, relationship_type, import_id';

/** Writes new versions (none of them stored yet: the caller checked under the ingest lock). */
export async function copyVersions(s: BulkSession, rows: readonly (NewVersion & { seq: number })[]) {
  if (rows.length === 0) return;
  const lines: string[] = [];
  for (const r of rows) {
    lines.push(
      [
        r.seq,
        r.stix_id,
        r.type,
        r.version,
        r.modified_at,
        r.spec_version,
        r.revoked,
        r.is_latest,
        JSON.stringify(r.object),
        r.name,
        r.tlp,
        JSON.stringify(r.marking_refs),
        r.has_granular_markings,
        r.confidence,
        r.valid_from,
        r.valid_until,
        r.source_ref,
        r.target_ref,
        r.relationship_type,
        r.import_id,
      ]
        .map(copyText)
        .join('\t'),
    );
  }
  await s.copyIn(`copy intel_objects (${VERSION_COLUMNS}) from stdin`, `${lines.join('\n')}\n`);
}

export async function copyValues(s: BulkSession, rows: readonly ValueRow[]) {
  if (rows.length === 0) return;
  const lines = rows.map((r) => `${r.object_seq}\t${copyText(r.stix_id)}\t${copyText(r.key)}\t${copyText(r.value)}`);
  await s.copyIn('copy intel_values (object_seq, stix_id, key, value) from stdin', `${lines.join('\n')}\n`);
}

/** Versions that are no longer the latest lose that flag and their look-up values. */
export async function supersede(s: BulkSession, seqs: readonly number[]) {
  if (seqs.length === 0) return;
  await s.query('update intel_objects set is_latest = false where seq = any($1::bigint[])', [seqs]);
  await s.query('delete from intel_values where object_seq = any($1::bigint[])', [seqs]);
}
