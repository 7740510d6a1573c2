import { sql } from 'kysely';
import type { IntelDb } from './tables.ts';

/** The columns a listing shows; the whole object is read only when asked for. */
export const summaryColumns = [
  'seq',
  'stix_id',
  'type',
  'version',
  'name',
  'revoked',
  'tlp',
  'valid_from',
  'valid_until',
  'confidence',
  'added_at',
] as const;

export const latestBySeqs = (db: IntelDb, seqs: readonly number[]) =>
  seqs.length === 0
    ? Promise.resolve([])
    : db.selectFrom('intel_objects').selectAll().where('seq', 'in', seqs).where('is_latest', '=', true).execute();

export const latestByIds = (db: IntelDb, ids: readonly string[]) =>
  ids.length === 0
    ? Promise.resolve([])
    : db.selectFrom('intel_objects').selectAll().where('stix_id', 'in', ids).where('is_latest', '=', true).execute();

/** Every stored version of one object, oldest first. */
export const versionsOf = (db: IntelDb, id: string) =>
  db.selectFrom('intel_objects').selectAll().where('stix_id', '=', id).orderBy('modified_at').execute();

/** Current, unrevoked relationships touching any of `ids`, in either direction. */
export async function relationshipsTouching(db: IntelDb, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('intel_objects')
    .select(['stix_id', 'source_ref', 'target_ref', 'relationship_type'])
    .where('is_latest', '=', true)
    .where('revoked', '=', false)
    .where('type', '=', 'relationship')
    .where((eb) => eb.or([eb('source_ref', 'in', ids), eb('target_ref', 'in', ids)]))
    .execute();
}

/** Latest objects of these types named `nameOrId` (name or alias, case-insensitive), or with that id. */
export const findNamed = (db: IntelDb, nameOrId: string, types: readonly string[]) =>
  db
    .selectFrom('intel_objects')
    .selectAll()
    .where('is_latest', '=', true)
    .where('type', 'in', types)
    .where((eb) =>
      eb.or([
        eb('stix_id', '=', nameOrId),
        eb(eb.fn('lower', ['name']), '=', nameOrId.toLowerCase()),
        sql<boolean>`exists (select 1 from json_array_elements_text(coalesce(object->'aliases', '[]'::json)) a
          where lower(a) = ${nameOrId.toLowerCase()})`,
      ]),
    )
    .execute();
