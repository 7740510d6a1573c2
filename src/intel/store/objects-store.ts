import type { IntelDb } from './tables.ts';

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
