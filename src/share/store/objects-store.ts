import { sql } from 'kysely';
import type { Release, ShareDb } from './tables.ts';

export interface NewVersion {
  stixId: string;
  type: string;
  version: string;
  modifiedAt: string;
  specVersion: string;
  release: Release;
  object: Record<string, unknown>;
}

// Any fixed number: names the advisory lock that makes writers to share_objects take turns.
const APPEND_LOCK = 7_130_003;

/**
 * Adds versions to a collection (already present ones are skipped) and returns the ones added.
 * Writers take turns under a lock so that sequence numbers become visible in order: a reader paging by
 * `seq` never passes a number whose row commits later. Call inside a transaction.
 */
export async function appendVersions(db: ShareDb, collectionId: string, versions: readonly NewVersion[]) {
  if (versions.length === 0) return [];
  await sql`select pg_advisory_xact_lock(${APPEND_LOCK})`.execute(db);
  return db
    .insertInto('share_objects')
    .values(
      versions.map((v) => ({
        collection_id: collectionId,
        stix_id: v.stixId,
        type: v.type,
        version: v.version,
        modified_at: v.modifiedAt,
        spec_version: v.specVersion,
        // clock_timestamp, not now(): later rows of a long transaction get later dates, in seq order.
        date_added: sql<Date>`clock_timestamp()`,
        release: v.release,
        object: JSON.stringify(v.object),
      })),
    )
    .onConflict((oc) => oc.columns(['collection_id', 'stix_id', 'modified_at']).doNothing())
    .returning(['stix_id', 'version'])
    .execute();
}

/** Removes an object's versions from a collection (all of them, or those chosen); returns how many. */
export async function removeVersions(
  db: ShareDb,
  collectionId: string,
  stixId: string,
  seqs: readonly number[] | undefined,
) {
  let query = db.deleteFrom('share_objects').where('collection_id', '=', collectionId).where('stix_id', '=', stixId);
  if (seqs) {
    if (seqs.length === 0) return 0;
    query = query.where('seq', 'in', seqs);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}
