import { sql } from 'kysely';
import type { VersionColumns } from '../ingest/derive.ts';
import type { StixObject } from '../stix/index.ts';
import type { IntelDb } from './tables.ts';

export interface NewVersion extends VersionColumns {
  object: StixObject;
  is_latest: boolean;
  import_id: string | null;
}

export interface InsertedVersion {
  seq: number;
  stix_id: string;
  modified_at: Date;
}

/**
 * Inserts a batch of versions in one statement (the whole batch travels as one JSON parameter, which is much
 * faster than thousands of bound values, on PGlite above all). A version already stored is skipped, so
 * importing the same data twice adds nothing. Returns the versions actually inserted.
 */
export async function insertVersions(db: IntelDb, rows: readonly NewVersion[]): Promise<InsertedVersion[]> {
  if (rows.length === 0) return [];
  const payload = JSON.stringify(rows);
  const result = await sql<InsertedVersion>`
    insert into intel_objects (stix_id, type, version, modified_at, spec_version, revoked, is_latest, object, name,
      tlp, marking_refs, has_granular_markings, confidence, valid_from, valid_until, source_ref, target_ref,
      relationship_type, import_id)
    select r.stix_id, r.type, r.version, r.modified_at, r.spec_version, r.revoked, r.is_latest, r.object, r.name,
      r.tlp, r.marking_refs, r.has_granular_markings, r.confidence, r.valid_from, r.valid_until, r.source_ref,
      r.target_ref, r.relationship_type, r.import_id
    from json_to_recordset(${payload}::json) as r(stix_id text, type text, version text, modified_at timestamptz,
      spec_version text, revoked boolean, is_latest boolean, object json, name text, tlp text, marking_refs jsonb,
      has_granular_markings boolean, confidence integer, valid_from timestamptz, valid_until timestamptz,
      source_ref text, target_ref text, relationship_type text, import_id uuid)
    on conflict (stix_id, modified_at) do nothing
    returning seq, stix_id, modified_at`.execute(db);
  return result.rows.map((r) => ({ ...r, seq: Number(r.seq), modified_at: new Date(r.modified_at) }));
}

/** The stored latest version of each of these ids. */
export async function latestVersionsOf(db: IntelDb, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { seq: number; modified_at: Date }>();
  const rows = await db
    .selectFrom('intel_objects')
    .select(['seq', 'stix_id', 'modified_at'])
    .where('is_latest', '=', true)
    .where('stix_id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.stix_id, { seq: Number(r.seq), modified_at: new Date(r.modified_at) }]));
}

/** Marks versions as no longer the latest (a newer one arrived). */
export async function markSuperseded(db: IntelDb, seqs: readonly number[]): Promise<void> {
  if (seqs.length === 0) return;
  await db.updateTable('intel_objects').set({ is_latest: false }).where('seq', 'in', seqs).execute();
}

/** Ids of the stored marking definitions (any version). */
export async function storedMarkingIds(db: IntelDb): Promise<Set<string>> {
  const rows = await db
    .selectFrom('intel_objects')
    .select('stix_id')
    .where('type', '=', 'marking-definition')
    .where('is_latest', '=', true)
    .execute();
  return new Set(rows.map((r) => r.stix_id));
}
