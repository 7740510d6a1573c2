import type { BulkSession } from '../../core/db/bulk.ts';
import { COPY_BINARY_HEADER, COPY_BINARY_TRAILER, timestamptzMicros } from '../../core/db/copy-binary.ts';
import type { ParsedTimestamp } from '../stix/timestamp.ts';

// Serialises the "which version is latest" bookkeeping (and seq order) between concurrent imports.
const INGEST_LOCK = 7_130_101;

/**
 * Every statement of a batch is a look-up by key or a COPY. Left to itself the planner (PGlite above all, which
 * never analyzes) reads and sorts the whole table to merge-join it with a batch's ids, so each batch got slower
 * as the store grew. Switching those plans off prices them so high that PostgreSQL would JIT-compile the probe
 * in every batch (a third of its time in a big import): no JIT.
 */
export const BATCH_SETTINGS = {
  synchronous_commit: 'off',
  enable_seqscan: 'off',
  enable_mergejoin: 'off',
  enable_hashjoin: 'off',
  jit: 'off',
} as const;

/**
 * Opens a batch's transaction in one round trip (on a busy machine each round trip waits its turn for a core):
 * - takes the ingest lock;
 * - lets its commit not wait for the WAL to reach the disk. The import's last transaction (its report) does
 *   wait, and that flushes every batch before it, so an import reported done is durable; one cut short by a
 *   crash may lose its last batches, which importing again restores (imports are idempotent);
 * - steers the planner to index probes (see storedVersions), without JIT.
 * All of it ends with the transaction.
 */
export const beginBatch = (s: BulkSession) =>
  s.query(
    `select pg_advisory_xact_lock($1), ${Object.entries(BATCH_SETTINGS)
      .map(([name, value]) => `set_config('${name}', '${value}', true)`)
      .join(', ')}`,
    [INGEST_LOCK],
  );

export interface StoredVersion {
  id: string;
  seq: number;
  /** `modified` exactly as written. */
  version: string;
  isLatest: boolean;
}

/**
 * Every stored version of these ids (none, for objects new to the store: the common case of a big import), in a
 * transaction opened by beginBatch: one index probe per id, in index order (neighbouring probes then read the
 * pages the last one read).
 */
export async function storedVersions(s: BulkSession, ids: string[]): Promise<Map<string, StoredVersion[]>> {
  const { rows } = await s.query<{ seq: number | string; stix_id: string; version: string; is_latest: boolean }>(
    `select o.seq, o.stix_id, o.version, o.is_latest
       from unnest($1::text[]) as u(id) join intel_objects o on o.stix_id = u.id`,
    [[...ids].sort()],
  );
  const byId = new Map<string, StoredVersion[]>();
  for (const r of rows) {
    const list = byId.get(r.stix_id) ?? [];
    list.push({ id: r.stix_id, seq: Number(r.seq), version: r.version, isLatest: r.is_latest });
    byId.set(r.stix_id, list);
  }
  return byId;
}

/**
 * Takes `count` consecutive sequence numbers in one statement: rows are then COPYed with their seq known. Only
 * the ingest (under its lock) inserts versions, so a block cannot interleave with another writer's numbers.
 */
export async function allocateSeqs(s: BulkSession, count: number): Promise<number[]> {
  if (count === 0) return [];
  const { rows } = await s.query<{ last: number | string }>(
    `select setval(q.name, nextval(q.name) + $1::int - 1) as last
       from (select pg_get_serial_sequence('intel_objects', 'seq') as name) q`,
    [count],
  );
  const last = Number(rows[0]!.last);
  return Array.from({ length: count }, (_, i) => last - count + 1 + i);
}

/**
 * Keys that are equal exactly when the store's unique key (a timestamptz, microseconds) sees the same instant:
 * the instant as stored (see timestamptzMicros, which rounds digits beyond the sixth, and reads a leap second,
 * as the database does).
 */
export function instantKeys(times: readonly ParsedTimestamp[]): string[] {
  return times.map((t) => String(timestamptzMicros(written(t))));
}

/** A parsed timestamp written back in RFC 3339. */
const written = (t: ParsedTimestamp) =>
  `${t.whole.slice(0, 4)}-${t.whole.slice(4, 6)}-${t.whole.slice(6, 8)}T${t.whole.slice(8, 10)}:` +
  `${t.whole.slice(10, 12)}:${t.whole.slice(12, 14)}${t.fraction ? `.${t.fraction}` : ''}Z`;

/** The columns of a version's COPY row: the two the storing thread decides, then those prepared ahead. */
export const VERSION_COPY_COLUMNS =
  'seq, is_latest, stix_id, type, version, modified_at, spec_version, revoked, object, name, tlp, marking_refs, ' +
  'has_granular_markings, confidence, valid_from, valid_until, source_ref, target_ref, relationship_type, import_id';

/**
 * Writes new versions: rows in binary COPY form, in VERSION_COPY_COLUMNS order (none of them stored yet: the
 * caller checked under the ingest lock).
 */
export async function copyVersions(s: BulkSession, rows: readonly Uint8Array[]) {
  if (rows.length === 0) return;
  await s.copyIn(`copy intel_objects (${VERSION_COPY_COLUMNS}) from stdin with (format binary)`, [
    COPY_BINARY_HEADER,
    ...rows,
    COPY_BINARY_TRAILER,
  ]);
}

/** Writes look-up values: COPY text rows `object_seq \t stix_id \t key \t value`, UTF-8, each ending in a newline. */
export async function copyValues(s: BulkSession, rows: readonly Uint8Array[]) {
  if (rows.length === 0) return;
  await s.copyIn('copy intel_values (object_seq, stix_id, key, value) from stdin', rows);
}

/** Versions that are no longer the latest lose that flag and their look-up values. */
export async function supersede(s: BulkSession, seqs: readonly number[]) {
  if (seqs.length === 0) return;
  await s.query('update intel_objects set is_latest = false where seq = any($1::bigint[])', [seqs]);
  await s.query('delete from intel_values where object_seq = any($1::bigint[])', [seqs]);
}
