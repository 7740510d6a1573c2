import { sql, type Expression, type SqlBool } from 'kysely';
import type { Release, ShareDb } from './tables.ts';

/** Which versions of each object: `first`, `last`, `all`, and/or exact `modified` timestamps. */
export interface VersionMatch {
  first: boolean;
  last: boolean;
  all: boolean;
  /** RFC 3339 timestamps, compared at full precision (a JavaScript Date would drop microseconds). */
  at: readonly string[];
}

export interface PageQuery {
  collectionId: string;
  releases: readonly Release[];
  afterSeq?: number;
  /** An RFC 3339 timestamp, compared at the database's (microsecond) precision. */
  addedAfter?: string;
  ids?: readonly string[];
  types?: readonly string[];
  /**
   * Which STIX versions. Without, each object's latest STIX version only (TAXII 2.1 section 3.4.2: the latest
   * specification version the server can provide for each object), unless `everySpecVersion` (DELETE).
   */
  specVersions?: readonly string[];
  everySpecVersion?: boolean;
  versions: VersionMatch;
  limit: number;
}

/**
 * One page of a collection, in `seq` order, `limit + 1` rows so the caller can tell whether there is more.
 * Keyset on (collection_id, seq): the cost of a page does not depend on how deep it is.
 * `first`/`last` are judged over the versions of the STIX versions asked for (as the reference server does), withheld
 * ones included, and a version is never served when a later one is marked beyond what the caller may receive.
 */
export function selectPage(db: ShareDb, q: PageQuery) {
  let query = db
    .selectFrom('share_objects as o')
    .select(['o.seq', 'o.stix_id', 'o.version', 'o.spec_version', 'o.object'])
    // Microseconds, as stored: a client that polls with added_after = the last date it saw neither misses nor
    // repeats objects (a JavaScript Date would cut this to milliseconds).
    .select(sql<string>`to_char(o.date_added at time zone 'UTC', ${'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'})`.as('date_added'))
    .where('o.collection_id', '=', q.collectionId)
    .where('o.release', 'in', [...q.releases])
    .orderBy('o.seq')
    .limit(q.limit + 1);
  if (q.afterSeq !== undefined) query = query.where('o.seq', '>', q.afterSeq);
  if (q.addedAfter) query = query.where('o.date_added', '>', sql<Date>`${q.addedAfter}::timestamptz`);
  if (q.ids) query = query.where('o.stix_id', 'in', [...q.ids]);
  if (q.types) query = query.where('o.type', 'in', [...q.types]);
  if (q.specVersions) query = query.where('o.spec_version', 'in', [...q.specVersions]);
  const v = q.versions;
  // A version re-marked more strictly later (say TLP:RED) takes its older versions with it: the newest marking
  // is the publisher's latest word. Only `last` alone needs no check, since no later version exists then.
  if (v.all || v.first || v.at.length > 0) {
    query = query.where(sql<SqlBool>`not exists (${newer('>')} and n.release not in (${sql.join([...q.releases])}))`);
  }
  const latestSpecOnly = !q.specVersions && !q.everySpecVersion;
  // Versions compared for first/last: those of the STIX versions asked for, or (by default) of the object's latest.
  const sameScope = q.specVersions
    ? sql`and n.spec_version in (${sql.join([...q.specVersions])})`
    : latestSpecOnly
      ? sql`and n.spec_version = o.spec_version`
      : sql``;
  const onlyLast = v.last && !v.first && v.at.length === 0;
  if (latestSpecOnly && (v.all || !onlyLast)) {
    query = query.where(sql<SqlBool>`not exists (${sameObject} and n.spec_version > o.spec_version)`);
  }
  if (!v.all) {
    query = query.where((eb) => {
      const alternatives: Expression<SqlBool>[] = [];
      // The hot path (default last, latest STIX version): one lookup, the newest by (spec_version, modified_at).
      if (v.last && latestSpecOnly && onlyLast) {
        alternatives.push(
          sql<SqlBool>`not exists (${sameObject} and (n.spec_version, n.modified_at) > (o.spec_version, o.modified_at))`,
        );
      } else if (v.last) alternatives.push(sql<SqlBool>`not exists (${newer('>')} ${sameScope})`);
      if (v.first) alternatives.push(sql<SqlBool>`not exists (${newer('<')} ${sameScope})`);
      for (const at of v.at) alternatives.push(eb('o.modified_at', '=', sql<Date>`${at}::timestamptz`));
      return eb.or(alternatives);
    });
  }
  return query.execute();
}

const sameObject = sql`select 1 from share_objects n where n.collection_id = o.collection_id and n.stix_id = o.stix_id`;
const newer = (op: '>' | '<') => sql`${sameObject} and n.modified_at ${sql.raw(op)} o.modified_at`;
