import type { IntelDb } from './tables.ts';

export const addProfile = (db: IntelDb, stixId: string, by: string) =>
  db
    .insertInto('intel_public_profiles')
    .values({ stix_id: stixId, published_by: by })
    .onConflict((oc) => oc.column('stix_id').doNothing())
    .execute();

export const removeProfile = (db: IntelDb, stixId: string) =>
  db.deleteFrom('intel_public_profiles').where('stix_id', '=', stixId).executeTakeFirst();

/** The published profiles with their objects' latest versions, newest first. */
export const profileObjects = (db: IntelDb, stixId?: string) => {
  let query = db
    .selectFrom('intel_public_profiles as p')
    .innerJoin('intel_objects as o', (join) => join.onRef('o.stix_id', '=', 'p.stix_id').on('o.is_latest', '=', true))
    .select(['o.stix_id', 'o.type', 'o.name', 'o.object', 'o.revoked', 'p.published_at']);
  if (stixId) query = query.where('p.stix_id', '=', stixId);
  return query.orderBy('p.published_at', 'desc').execute();
};
